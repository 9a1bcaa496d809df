"""The audit log: who decided what (approvals, role changes, erasures)."""

from __future__ import annotations


def record(actor, action: str, target=None, **data):
    """Write one audit entry; call it inside the action's transaction."""
    from cms.audit.models import AuditEntry

    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        data=data,
    )


def record_many(actor, action: str, targets, **data) -> int:
    """Write one audit entry per target, the same action and data for each, in one statement
    (bulk actions); call it inside the action's transaction. Returns how many were written."""
    from cms.audit.models import AuditEntry

    actor = actor if getattr(actor, "pk", None) else None
    entries = [
        AuditEntry(
            actor=actor,
            action=action,
            target_type=target._meta.label_lower,
            target_id=str(target.pk),
            data=data,
        )
        for target in targets
    ]
    AuditEntry.objects.bulk_create(entries, batch_size=2000)
    return len(entries)
