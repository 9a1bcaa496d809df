"""The plugin's own data, beside the core connection that joins the talent and the mentor."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

KIND = "language_buddy"  # the connection kind this plugin declares (hooks.connection_kinds)


class BuddyRequest(models.Model):
    """A talent's request that a mentor practise a language with them, and what they practised.

    One per core connection of the kind ``language_buddy``: the connection holds the two people, the
    state and the timeline; this holds the language, the talent's message and the minutes.
    """

    connection = models.OneToOneField("connections.Connection", on_delete=models.CASCADE, related_name="+")
    language = models.CharField(_("language"), max_length=8)
    message = models.TextField(_("message"), max_length=1000, blank=True)
    minutes_practised = models.PositiveIntegerField(_("minutes practised"), default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "language_buddy_request"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Language buddy request {self.pk} ({self.language})"
