from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "cms.organisations"
    label = "organisations"
    verbose_name = _("Organisations and projects")

    def ready(self):
        from cms.organisations import cache

        cache.connect()
