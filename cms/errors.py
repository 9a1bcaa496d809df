"""Every domain error of Helix, in one place: each with its HTTP status and stable code.

Actions raise these; ``api.errors`` maps them to the one error shape (``code``, a message in the
request's language, ``fields``). A partner's plugin subclasses ``HelixError`` the same way.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

# --- the core ----------------------------------------------------------------------------------


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


class AnswerRequired(HelixError):
    code = "answer_required"
    status = 400
    message = _("A question can only be published with an answer.")


class InvalidParameter(HelixError):
    code = "invalid_parameter"
    status = 400
    message = _("A query parameter is not valid.")


class TranslationMissing(HelixError):
    code = "translation_missing"
    status = 404
    message = _("This page is not available in the requested language.")


class PageNotFound(HelixError):
    code = "not_found"
    status = 404
    message = _("There is no published page here.")


class PreviewTokenRequired(HelixError):
    """A draft was asked for without the token of an editor's Preview (``/api/v1/pages/preview/``)."""

    code = "token_required"
    status = 400
    message = _("This preview address has no token. Press Preview in the page editor.")


class PreviewTokenInvalid(HelixError):
    """A preview token that is damaged, forged or for another page type."""

    code = "invalid_token"
    status = 400
    message = _("This preview link is not valid. Press Preview in the page editor again.")


class PreviewExpired(HelixError):
    """A preview token older than ``HELIX_PREVIEW_TOKEN_SECONDS``, or whose draft was cleared."""

    code = "expired_token"
    status = 400
    message = _("This preview link has expired. Press Preview in the page editor again.")


class PluginRequired(HelixError):
    """Switching off a plugin that plugins switched on in the same project require."""

    code = "plugin_required"
    status = 400
    message = _("%(plugin)s cannot be switched off: %(plugins)s, switched on in this project, need it. "
                "Switch those off first.")

    def __init__(self, plugin: str, needed_by: list[str]):
        super().__init__(self.message % {"plugin": plugin, "plugins": ", ".join(needed_by)})


class PluginRequirementOff(HelixError):
    """Switching on a plugin whose required plugins are off in the same project."""

    code = "plugin_requirement_off"
    status = 400
    message = _("%(plugin)s cannot be switched on: it needs %(plugins)s, switched off in this project. "
                "Switch those on first.")

    def __init__(self, plugin: str, needs: list[str]):
        super().__init__(self.message % {"plugin": plugin, "plugins": ", ".join(needs)})


# --- posts -------------------------------------------------------------------------------------


class SuggestToTalentsOnly(HelixError):
    code = "not_a_talent"
    status = 400
    message = _("Posts can only be suggested to talents.")


class AlreadySuggested(HelixError):
    code = "already_suggested"
    status = 409
    message = _("You have already suggested this post to this talent.")


class ReasonRequired(HelixError):
    code = "reason_required"
    status = 400
    message = _("Tell the author why: a reason is required when you change or unpublish someone else's post.")


class ConsentRequired(HelixError):
    code = "consent_required"
    status = 409
    message = _("Agree to receive newsletters and digests by e-mail first (your consents).")


class PostNotLive(HelixError):
    code = "post_not_available"
    status = 409
    message = _("This post is no longer published.")


class NewsletterIncomplete(HelixError):
    code = "newsletter_incomplete"
    status = 400
    message = _("Write a subject and an introduction in at least one language first.")


class LoginRequired(HelixError):
    code = "login_required"
    status = 401
    message = _("Sign in to search and filter all posts; visitors see the latest ones.")


# --- mentoring (matching and meetings) ---------------------------------------------------------


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
    message = _("You are not connected with this person.")


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


class StartsInPast(HelixError):
    code = "starts_in_past"
    status = 400
    message = _("A meeting cannot be planned in the past.")


class EndsBeforeStart(HelixError):
    code = "ends_before_start"
    status = 400
    message = _("A meeting must end after it starts.")


# --- networking --------------------------------------------------------------------------------


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


# --- employers ---------------------------------------------------------------------------------


class ContactFirst(HelixError):
    code = "contact_first"
    status = 403
    message = _("This listing is blind: the talent must accept your contact request first.")


class CapabilityMissing(HelixError):
    """The user's role does not hold the capability this needs (an admin may give it)."""

    code = "capability_missing"
    status = 403
    message = _("Your role may not do this. An administrator can change what each role may do.")

    def __init__(self, perm: str, message=None):
        super().__init__(message, extra={"capability": perm})


class CapabilityRefused(HelixError):
    code = "capability_refused"
    status = 400
    message = _("This capability cannot be changed that way.")


def require_capability(user, perm: str) -> None:
    """Raise :class:`CapabilityMissing` unless ``user``'s role holds the capability ``perm``."""
    if not (getattr(user, "is_authenticated", False) and user.has_perm(perm)):
        raise CapabilityMissing(perm)
