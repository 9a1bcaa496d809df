"""What ``migrate`` remembers about capabilities, so that it never reverts an admin's choice."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CapabilityIntroduction(models.Model):
    """A capability whose default roles were given once, when it first appeared.

    From then on the role groups hold what the admins chose; ``migrate`` only introduces
    capabilities that have no row here.
    """

    perm = models.CharField(max_length=200, unique=True)
    introduced_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("introduced capability")
        verbose_name_plural = _("introduced capabilities")

    def __str__(self) -> str:
        return self.perm
