"""The mentoring plugin's domain errors; the API maps them to the one error shape."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from cms.accounts.exceptions import HelixError


class CapacityReached(HelixError):
    code = "capacity_reached"
    status = 409
    message = _("This mentor has no room for another mentee.")


class AlreadyMatched(HelixError):
    code = "already_matched"
    status = 409
    message = _("These two already have an open match.")


class NotInYourProjects(HelixError):
    code = "not_in_your_projects"
    status = 403
    message = _("You can only match talents and mentors who are members of your organisation's projects.")


class WrongRole(HelixError):
    code = "wrong_role"
    status = 400
    message = _("This person does not have the role this match needs.")


class RequestOpen(HelixError):
    code = "request_open"
    status = 409
    message = _("You already have an open request. Withdraw it first or wait for the answer.")


class NotInMatch(HelixError):
    code = "not_in_match"
    status = 400
    message = _("Everyone in a meeting must belong to one of its matches.")


class MatchNotActive(HelixError):
    code = "match_not_active"
    status = 409
    message = _("Meetings and messages need an active match.")


class NotConnected(HelixError):
    code = "not_connected"
    status = 403
    message = _("You can only write to people you are connected with.")


class Blocked(HelixError):
    code = "blocked"
    status = 403
    message = _("You cannot write in this conversation.")


class ThreadClosed(HelixError):
    code = "thread_closed"
    status = 409
    message = _("This conversation has ended: the match was closed. You can still read it.")


class FeedbackGiven(HelixError):
    code = "feedback_given"
    status = 409
    message = _("You have already given your feedback on this match.")
