from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "cms.audit"
    label = "audit"
    verbose_name = _("Audit log")

    def ready(self) -> None:
        from cms.audit import signals  # noqa: F401 (security events: receivers connect on import)
