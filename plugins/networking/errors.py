"""The networking plugin's domain errors; the API maps them to the one error shape."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from cms.accounts.exceptions import HelixError


class NotATalent(HelixError):
    code = "not_a_talent"
    status = 403
    message = _("Only talents have a networking plan.")


class UnknownStep(HelixError):
    code = "unknown_step"
    status = 404
    message = _("The Networking Guide has steps 1 to 7.")


class DateInPast(HelixError):
    """Raised with ``fields`` naming the date field."""

    code = "date_in_past"
    status = 400
    message = _("This date is in the past.")


class DateOutOfRange(HelixError):
    code = "date_out_of_range"
    status = 400
    message = _("This date is too far away.")


class GoalNotInPlan(HelixError):
    code = "goal_not_in_plan"
    status = 400
    message = _("There is no such goal in your plan.")


class NotYourPlan(HelixError):
    code = "not_found"
    status = 404
    message = _("There is nothing at this address.")


class MentorOnly(HelixError):
    code = "mentor_only"
    status = 403
    message = _("Only the talent's matched mentor can comment on the networking plan.")


class EmptyText(HelixError):
    code = "empty_text"
    status = 400
    message = _("Write something first.")


class TooManyEntries(HelixError):
    code = "too_many_entries"
    status = 400
    message = _("Too many entries.")


class InvalidStatus(HelixError):
    code = "invalid_status"
    status = 400
    message = _("Choose not_started, in_progress or done.")
