"""Sectors in the Wagtail admin: a snippet editors can translate."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.sectors.models import Sector


class SectorViewSet(SnippetViewSet):
    model = Sector
    icon = "tag"
    menu_label = _("Sectors")
    list_display = ["name", "slug", "locale"]
    search_fields = ["name"]
    add_to_admin_menu = True
    menu_order = 300


register_snippet(SectorViewSet)
