from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SectorsConfig(AppConfig):
    name = "cms.sectors"
    label = "sectors"
    verbose_name = _("Sectors")
