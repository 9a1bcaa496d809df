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
