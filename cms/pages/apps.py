from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "cms.pages"
    label = "pages"
    verbose_name = _("Information pages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from cms.pages import signals

        signals.connect()
