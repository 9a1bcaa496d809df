from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgAdminConfig(AppConfig):
    """The back office's Organisations and projects screens (admin UI only: no models of its own)."""

    name = "cms.orgadmin"
    label = "orgadmin"
    verbose_name = _("Organisations and projects")
