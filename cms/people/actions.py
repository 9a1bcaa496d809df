"""What admins do to people from the People screen: each write checks the capability, refuses
an admin acting on their own account, and lands in the audit log in the same transaction."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from cms.accounts.models import User
from cms.audit import record
from cms.errors import InvalidTransition, require_capability
from cms.people.capabilities import ERASE, MANAGE


def _not_yourself(person: User, by: User, message) -> None:
    if person.pk == by.pk:
        raise InvalidTransition(message, code="own_account")


def _locked(person: User) -> User:
    """The person's row, locked for the rest of the transaction; an erased account is gone."""
    locked = User.objects.select_for_update().get(pk=person.pk)
    if locked.erased_at is not None:
        raise InvalidTransition(_("This account has been erased."), code="account_erased")
    return locked


def deactivate_person(person: User, *, by: User) -> User:
    """Close ``person``'s account without erasing anything: they can no longer sign in, and their
    open sessions and app tokens stop working at their next request. Reversible with
    :func:`reactivate_person`. Deactivating an inactive account changes nothing."""
    require_capability(by, MANAGE)
    _not_yourself(person, by, _("You cannot deactivate your own account."))
    with transaction.atomic():
        locked = _locked(person)
        if locked.is_active:
            User.objects.filter(pk=locked.pk).update(is_active=False)
            locked.is_active = False
            record(by, "account.deactivated", locked)
    person.is_active = False
    return locked


def reactivate_person(person: User, *, by: User) -> User:
    """Open a deactivated account again (an erased one stays erased)."""
    require_capability(by, MANAGE)
    with transaction.atomic():
        locked = _locked(person)
        if not locked.is_active:
            User.objects.filter(pk=locked.pk).update(is_active=True)
            locked.is_active = True
            record(by, "account.reactivated", locked)
    person.is_active = True
    return locked


def export_person(person: User, *, by: User) -> dict[str, Any]:
    """Everything Helix stores about ``person`` (the same document as ``GET /api/v1/me/export/``),
    for an admin answering a subject-access request; the download is audited."""
    from cms.gdpr import export_user

    require_capability(by, MANAGE)
    with transaction.atomic():
        locked = _locked(person)
        record(by, "account.exported", locked)
        return export_user(locked)


def erase_person(person: User, *, by: User, confirmation: str) -> list[str]:
    """Erase ``person`` at their request (GDPR art. 17) through the same erasure as
    ``DELETE /api/v1/me/``. ``confirmation`` must be the person's e-mail address, typed by the
    admin. The audit entry says who erased whom; it names nobody once the erasure is done."""
    from cms.accounts.actions import erase_account

    require_capability(by, ERASE)
    _not_yourself(person, by, _("You cannot erase your own account here."))
    with transaction.atomic():
        locked = _locked(person)
        if confirmation.strip().lower() != locked.email.lower():
            raise InvalidTransition(
                _("The e-mail address you typed is not this person's: nothing was erased."),
                code="confirmation_mismatch",
                fields={"confirmation": [_("Type the person's e-mail address exactly.")]},
            )
        record(by, "account.erased_on_request", locked)
        return erase_account(locked)
