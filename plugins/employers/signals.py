"""Keep employer connections in step with what they depend on: a talent's sectors, an employer's
sectors and approval. (Consent changes arrive through the ``on_consent_changed`` hook.)

When a talent's sectors change, connections that no longer hold are closed in the same
transaction; new ones, and everything after an employer's change, are left to the matching job,
queued through the outbox.
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver

from cms.accounts.models import EmployerProfile, Role, TalentProfile, User

CHANGES = ("post_add", "post_remove", "post_clear")


def _enabled() -> bool:
    from cms.organisations.models import Project
    from cms.plugins import is_enabled

    return is_enabled("employers", Project.default())


@receiver(m2m_changed, sender=TalentProfile.sectors.through, dispatch_uid="employers-talent-sectors")
def talent_sectors_changed(sender, instance, action, **kwargs):
    if action not in CHANGES or not isinstance(instance, TalentProfile):
        return
    from plugins.employers import matching

    matching.close_stale_for_talent(instance.user, reason="sectors_changed")
    if _enabled():
        matching.schedule("talent", instance.user)


@receiver(m2m_changed, sender=EmployerProfile.sectors.through, dispatch_uid="employers-employer-sectors")
def employer_sectors_changed(sender, instance, action, **kwargs):
    if action not in CHANGES or not isinstance(instance, EmployerProfile):
        return
    from plugins.employers import matching

    # An employer in a big sector has thousands of connections: closing them inside the request
    # would take minutes (bench/README.md). The job closes and makes them; the talents' side
    # (consent, sectors) still closes at once.
    matching.schedule("employer", instance.user)


@receiver(post_save, sender=User, dispatch_uid="employers-employer-approval")
def employer_approval_changed(sender, instance, update_fields=None, **kwargs):
    if instance.role != Role.EMPLOYER or not update_fields or "approval_status" not in update_fields:
        return
    from plugins.employers import matching

    if instance.is_approved:
        if _enabled():
            matching.schedule("employer", instance)
    else:
        matching.close_stale_for_employer(instance, reason="employer_not_approved")
