"""The dashboard stores nothing; its one model carries the capability to see the figures."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Dashboard(models.Model):
    """No table: the content type the "See the dashboard" capability hangs on (Django's way to
    give a permission that belongs to no stored object)."""

    class Meta:
        managed = False
        default_permissions = ()
        verbose_name = _("dashboard")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)
