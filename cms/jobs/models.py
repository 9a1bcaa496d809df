"""The scheduler's lease: however many schedulers are started, one sends the periodic jobs."""

from __future__ import annotations

from django.db import models


class SchedulerLease(models.Model):
    """Who sends the periodic jobs now, and until when, unless they renew it.

    The holder renews well before ``expires_at``; a scheduler that dies stops renewing, and the
    next one takes over once the lease has expired.
    """

    name = models.CharField(max_length=60, primary_key=True)
    holder = models.CharField(max_length=200)
    expires_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name}: {self.holder} until {self.expires_at:%H:%M:%S}"
