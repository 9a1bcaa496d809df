from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    """The back office's People screen (admin UI only: no models of its own)."""

    name = "cms.people"
    label = "people"
    verbose_name = _("People")
