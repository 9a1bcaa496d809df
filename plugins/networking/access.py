"""Who may read a talent's networking plan, and who may comment on it.

The talent themselves; their mentor while a talent–mentor match between them is active or
paused; and admins (with their second factor). Nobody else — not employers connected through
another plugin, not organisations — and to them the plan does not exist (404).
"""

from __future__ import annotations

from cms.accounts.models import Role, User
from plugins.mentoring.access import CONNECTING_STATES
from plugins.mentoring.models import Match


def is_matched_mentor(user, talent) -> bool:
    """Whether ``user`` mentors ``talent`` in an active or paused talent–mentor match."""
    if not user.is_authenticated or user.role != Role.MENTOR or not user.is_approved:
        return False
    return Match.objects.filter(
        kind=Match.Kind.TALENT_MENTOR, talent=talent, mentor=user, state__in=CONNECTING_STATES
    ).exists()


def can_read(user, talent) -> bool:
    """Whether ``user`` may read ``talent``'s plan (their own, their mentee's, or as an admin)."""
    if not user.is_authenticated:
        return False
    if user.pk == talent.pk:
        return True
    if user.is_helix_admin:
        return True
    return is_matched_mentor(user, talent)


def talent_by_id(public_id) -> User | None:
    """The active talent with this public id, or ``None``."""
    return User.objects.filter(public_id=public_id, role=Role.TALENT, is_active=True, erased_at=None).first()
