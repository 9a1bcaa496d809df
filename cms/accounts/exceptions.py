"""Domain errors of the core; ``api.errors`` maps them to the one error shape."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


class HelixError(Exception):
    """A business rule said no. ``code`` is stable; ``message`` is translatable."""

    code = "error"
    status = 400
    message = _("The request could not be carried out.")

    def __init__(
        self, message=None, *, code: str | None = None, fields: dict | None = None, extra: dict | None = None
    ):
        self.message = message or self.message
        self.code = code or self.code
        self.fields = fields or {}
        # More machine-readable detail, added beside code/message/fields in the error body.
        self.extra = extra or {}
        super().__init__(str(self.message))


class NotApproved(HelixError):
    code = "account_not_approved"
    status = 403
    message = _("Your account is waiting for approval by an administrator.")


class InvalidTransition(HelixError):
    code = "invalid_state"
    status = 409
    message = _("This cannot be done in the current state.")


class AlreadyMember(HelixError):
    code = "already_member"
    status = 409
    message = _("You are already a member of this project, or your request is pending.")


class RoleNotAllowed(HelixError):
    code = "role_not_allowed"
    status = 403
    message = _("Your role does not allow this.")
