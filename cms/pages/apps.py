from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "cms.pages"
    label = "pages"
    verbose_name = _("Information pages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from cms.pages import cache, signals
        from cms.pages.permissions import grant_editor_permissions

        signals.connect()
        cache.connect()
        post_migrate.connect(grant_editor_permissions, sender=self, dispatch_uid="helix-editor-permissions")
