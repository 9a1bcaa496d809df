"""Matching actions: requests, proposing, activating, pausing, closing, feedback.

Each action does its change, the permission grants, the timeline entry, the audit entry and
the e-mails (outbox rows) in one transaction.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.accounts.models import MentorProfile, Role, User
from cms.audit import record
from cms.errors import (
    AlreadyMatched,
    CapacityReached,
    InvalidTransition,
    NotApproved,
    NotInYourProjects,
    RequestOpen,
    RoleNotAllowed,
    WrongRole,
)
from cms.organisations.models import Organisation, Project, ProjectMembership
from cms.plugins import calls
from plugins.mentoring import access
from plugins.mentoring.models import Match, MatchEvent, MatchFeedback, MentoringProfile, MentorshipRequest
from plugins.mentoring.notify import notify

OPEN_STATES = (Match.State.PROPOSED, Match.State.ACTIVE, Match.State.PAUSED)


def _require_approved(user) -> None:
    if not user.is_approved:
        raise NotApproved()


def _require_role(user, role: str) -> None:
    if user is None or user.role != role or not user.is_active:
        raise WrongRole()


def _event(match: Match, kind: str, actor=None, meeting=None, **data) -> None:
    MatchEvent.objects.create(match=match, kind=kind, actor=actor, meeting=meeting, data=data)


def capacity_left(mentor: User) -> int:
    """How many more mentees a mentor can take (active and paused talent–mentor matches count)."""
    profile = MentorProfile.objects.filter(user=mentor).first()
    limit = profile.max_mentees if profile else 0
    taken = Match.objects.filter(
        kind=Match.Kind.TALENT_MENTOR, mentor=mentor, state__in=access.CONNECTING_STATES
    ).count()
    return max(0, limit - taken)


def _lock_capacity(mentor: User) -> None:
    """Serialise activations for one mentor (a row lock), then check the capacity."""
    User.objects.select_for_update().filter(pk=mentor.pk).first()
    if capacity_left(mentor) <= 0:
        raise CapacityReached()


def _org_project(organisation: Organisation, project: Project | None) -> Project:
    if project is not None:
        if project.organisation_id != organisation.pk:
            raise NotInYourProjects()
        return project
    return organisation.projects.filter(is_active=True).order_by("pk").first() or Project.default()


def _member_project(organisation_ids: set[int], *people: User, project: Project | None) -> Project:
    """A project of the acting organisation that every one of ``people`` is an active member of."""
    projects = Project.objects.filter(organisation_id__in=organisation_ids, is_active=True)
    if project is not None:
        projects = projects.filter(pk=project.pk)
    for person in people:
        projects = projects.filter(
            memberships__user=person, memberships__status=ProjectMembership.Status.ACTIVE
        )
    found = projects.order_by("pk").first()
    if found is None:
        raise NotInYourProjects()
    return found


def propose_match(
    by: User,
    *,
    kind: str,
    talent: User | None = None,
    mentor: User | None = None,
    organisation: Organisation | None = None,
    project: Project | None = None,
    note: str = "",
    activate: bool | None = None,
) -> Match:
    """Make a match. Who may, and in which state it starts:

    - talent–mentor: an admin (anyone), or an organisation for the talents and mentors of its own
      projects; it is active at once unless ``activate`` is false. Talents and mentors ask through
      a request instead.
    - talent–organisation: a talent chooses an approved organisation; a mentor–organisation match:
      a mentor asks to join one. Both start proposed, and the organisation accepts.
    """
    _require_approved(by)
    if kind == Match.Kind.TALENT_MENTOR:
        _require_role(talent, Role.TALENT)
        _require_role(mentor, Role.MENTOR)
        if by.is_helix_admin:
            project = project or Project.default()
        elif by.role == Role.ORGANISATION:
            project = _member_project(access.staff_organisation_ids(by), talent, mentor, project=project)
        else:
            raise RoleNotAllowed(
                _(
                    "Talents and mentors cannot make this match themselves. Ask for a mentor, "
                    "and an organisation or an administrator will match you."
                )
            )
        organisation = None
        activate = True if activate is None else activate
    elif kind in (Match.Kind.TALENT_ORGANISATION, Match.Kind.MENTOR_ORGANISATION):
        person_role = Role.TALENT if kind == Match.Kind.TALENT_ORGANISATION else Role.MENTOR
        person = talent if person_role == Role.TALENT else mentor
        if not by.is_helix_admin:
            if by.role != person_role:
                raise RoleNotAllowed()
            person = by
        _require_role(person, person_role)
        if organisation is None or organisation.status != Organisation.Status.APPROVED:
            raise WrongRole(
                _("Choose an approved organisation from the directory."), code="organisation_not_approved"
            )
        talent, mentor = (person, None) if person_role == Role.TALENT else (None, person)
        project = _org_project(organisation, project)
        activate = bool(activate) and by.is_helix_admin
    else:
        raise WrongRole(_("This kind of match cannot be made here."), code="invalid_kind")

    with transaction.atomic():
        duplicate = Match.objects.filter(kind=kind, state__in=OPEN_STATES, talent=talent, mentor=mentor)
        if organisation is not None:
            duplicate = duplicate.filter(organisation=organisation)
        if duplicate.exists():
            raise AlreadyMatched()
        match = Match.objects.create(
            kind=kind,
            talent=talent,
            mentor=mentor,
            organisation=organisation,
            project=project,
            proposed_by=by,
            note=note,
        )
        _event(match, MatchEvent.Kind.PROPOSED, by)
        record(by, "mentoring.match_proposed", match, kind=kind)
        if activate:
            match = activate_match(match, by=by)
        elif organisation is not None:
            staff = User.objects.filter(organisations=organisation, role=Role.ORGANISATION, is_active=True)
            notify("mentoring/mail/match_proposed", staff, {"match": match}, key=f"proposed:{match.pk}")
    return match


def connect(
    kind: str,
    *,
    talent: User,
    project: Project,
    employer: User | None = None,
    by=None,
    messaging: bool = True,
) -> Match:
    """Make and activate a match for another plugin (the employers plugin's sector matches).

    Its people are not e-mailed here: the calling plugin tells them what it wants to, its way.
    """
    with transaction.atomic():
        match = Match.objects.create(
            kind=kind, talent=talent, employer=employer, project=project, proposed_by=by, messaging=messaging
        )
        _event(match, MatchEvent.Kind.PROPOSED, by)
        _activate(match, by)
    return match


def activate_match(match: Match, *, by: User) -> Match:
    """Accept a proposed match (or resume nothing: only proposed matches activate)."""
    _require_approved(by)
    if not access.can_manage(by, match):
        raise RoleNotAllowed(_("Only the organisation or an administrator can confirm this match."))
    with transaction.atomic():
        match = Match.objects.select_for_update().get(pk=match.pk)
        if match.state != Match.State.PROPOSED:
            raise InvalidTransition()
        _activate(match, by)
    return match


def _activate(match: Match, by) -> None:
    if match.kind == Match.Kind.TALENT_MENTOR:
        if MentoringProfile.objects.filter(user=match.mentor, accepting_mentees=False).exists():
            raise CapacityReached(
                _("This mentor does not take new mentees at the moment."), code="not_accepting_mentees"
            )
        _lock_capacity(match.mentor)
    match.state, match.activated_at = Match.State.ACTIVE, timezone.now()
    match.save(update_fields=["state", "activated_at"])
    access.grant(match)
    from plugins.mentoring.actions.messaging import refresh_thread_for_match

    refresh_thread_for_match(match)
    _event(match, MatchEvent.Kind.ACTIVATED, by)
    record(by, "mentoring.match_activated", match)
    if match.kind != Match.Kind.TALENT_EMPLOYER:  # the employers plugin tells its people itself
        notify(
            "mentoring/mail/match_activated",
            match_people(match),
            {"match": match},
            key=f"activated:{match.pk}",
        )
    calls.match_activated(match)


def match_people(match: Match, *, active_only: bool = True) -> list[User]:
    """Everyone on the match's sides: its persons and, for an organisation side, the staff (who
    get its e-mails, and whose threads follow its state)."""
    persons = User.objects.filter(pk__in=match.person_ids())
    people = list(persons.filter(is_active=True) if active_only else persons)
    if match.organisation_id:
        people.extend(User.objects.filter(organisations=match.organisation_id, role=Role.ORGANISATION))
    return people


def pause_match(match: Match, *, by: User, reason: str = "") -> Match:
    """The organisation (or an admin) puts an active match on hold; it keeps its access."""
    return _set_state(match, by, Match.State.ACTIVE, Match.State.PAUSED, MatchEvent.Kind.PAUSED, reason)


def resume_match(match: Match, *, by: User) -> Match:
    return _set_state(match, by, Match.State.PAUSED, Match.State.ACTIVE, MatchEvent.Kind.RESUMED, "")


def _set_state(match, by, from_state, to_state, event, reason) -> Match:
    _require_approved(by)
    if not access.can_manage(by, match):
        raise RoleNotAllowed()
    with transaction.atomic():
        match = Match.objects.select_for_update().get(pk=match.pk)
        if match.state != from_state:
            raise InvalidTransition()
        match.state = to_state
        match.save(update_fields=["state"])
        _event(match, event, by, reason=reason)
        record(by, f"mentoring.match_{to_state}", match)
    return match


def close_match(match: Match, *, by: User | None, reason: str) -> Match:
    """Close (or decline) a match: access is revoked at once, the thread turns read-only,
    and both sides are asked for feedback."""
    if by is not None:
        _require_approved(by)
        if not (access.is_side(by, match) or access.can_manage(by, match)):
            raise RoleNotAllowed()
    with transaction.atomic():
        match = Match.objects.select_for_update().get(pk=match.pk)
        if match.state == Match.State.CLOSED:
            raise InvalidTransition()
        was_active = match.state != Match.State.PROPOSED
        match.state, match.closed_at, match.closed_by = Match.State.CLOSED, timezone.now(), by
        match.close_reason = reason[:300]
        match.save(update_fields=["state", "closed_at", "closed_by", "close_reason"])
        access.revoke(match)
        from plugins.mentoring.actions.messaging import refresh_thread_for_match

        refresh_thread_for_match(match)
        _event(match, MatchEvent.Kind.CLOSED, by, reason=reason)
        record(by, "mentoring.match_closed", match, reason=reason)
        _cancel_future_meetings(match)
        if match.kind == Match.Kind.TALENT_EMPLOYER:
            calls.match_closed(match)  # a sector connection: no feedback round; the plugin tells its people
        elif was_active:
            notify(
                "mentoring/mail/match_closed", match_people(match), {"match": match}, key=f"closed:{match.pk}"
            )
            calls.match_closed(match)
        else:
            # A declined choice of organisation: the person who chose is told.
            notify(
                "mentoring/mail/match_closed",
                User.objects.filter(pk__in=match.person_ids()),
                {"match": match, "declined": True},
                key=f"declined:{match.pk}",
            )
    return match


def _cancel_future_meetings(match: Match) -> None:
    """Upcoming meetings that belong to no other open match are cancelled (with their invites)."""
    from plugins.mentoring.actions.meetings import cancel_meeting
    from plugins.mentoring.models import Meeting

    upcoming = Meeting.objects.filter(
        matches=match, status=Meeting.Status.SCHEDULED, starts_at__gt=timezone.now()
    )
    for meeting in upcoming:
        if not meeting.matches.exclude(pk=match.pk).filter(state__in=access.CONNECTING_STATES).exists():
            cancel_meeting(meeting, by=None, reason=str(_("The match was closed.")))


def give_feedback(match: Match, *, by: User, usefulness: int, would_recommend: bool, comment: str = ""):
    """One side's feedback on a closed match (once per person)."""
    from cms.errors import FeedbackGiven

    if not access.is_side(by, match):
        raise RoleNotAllowed()
    if match.state != Match.State.CLOSED or match.activated_at is None:
        raise InvalidTransition(_("You can give feedback once the match has closed."))
    with transaction.atomic():
        if MatchFeedback.objects.filter(match=match, author=by).exists():
            raise FeedbackGiven()
        feedback = MatchFeedback.objects.create(
            match=match, author=by, usefulness=usefulness, would_recommend=would_recommend, comment=comment
        )
        _event(match, MatchEvent.Kind.FEEDBACK, by)
    return feedback


# --- requests -------------------------------------------------------------------------------


def create_request(
    talent: User,
    *,
    domains,
    mentor_kind="either",
    message="",
    languages=(),
    availability="",
    project: Project | None = None,
) -> MentorshipRequest:
    """A talent asks for a mentor or a coach; admins and their projects' organisations are told."""
    if talent.role != Role.TALENT:
        raise RoleNotAllowed(_("Only talents can ask for a mentor."))
    if (
        project is not None
        and not project.is_default
        and not ProjectMembership.objects.filter(
            project=project, user=talent, status=ProjectMembership.Status.ACTIVE
        ).exists()
    ):
        raise NotInYourProjects(_("You can only ask within a project you are a member of."))
    with transaction.atomic():
        if MentorshipRequest.objects.select_for_update().filter(talent=talent, status="open").exists():
            raise RequestOpen()
        request = MentorshipRequest.objects.create(
            talent=talent,
            project=project,
            mentor_kind=mentor_kind,
            domains=list(domains),
            message=message,
            languages=list(languages),
            availability=availability,
        )
        record(talent, "mentoring.request_created", request)
        orgs = set(
            ProjectMembership.objects.filter(
                user=talent, status=ProjectMembership.Status.ACTIVE, project__organisation__isnull=False
            ).values_list("project__organisation_id", flat=True)
        )
        answerers = User.objects.filter(
            organisations__in=orgs, role=Role.ORGANISATION, is_active=True
        ).distinct()
        notify("mentoring/mail/request_created", answerers, {"request": request}, key=f"request:{request.pk}")
    return request


def _lock_open_request(request: MentorshipRequest, by: User) -> MentorshipRequest:
    if not access.visible_requests(by).filter(pk=request.pk).exists() or by.role == Role.TALENT:
        raise RoleNotAllowed()
    locked = MentorshipRequest.objects.select_for_update().get(pk=request.pk)
    if locked.status != MentorshipRequest.Status.OPEN:
        raise InvalidTransition()
    return locked


def answer_request(request: MentorshipRequest, *, by: User, mentor: User, note: str = "") -> Match:
    """Answer a request with a match: the talent and the chosen mentor are matched at once."""
    _require_approved(by)
    with transaction.atomic():
        locked = _lock_open_request(request, by)
        match = propose_match(
            by,
            kind=Match.Kind.TALENT_MENTOR,
            talent=locked.talent,
            mentor=mentor,
            project=locked.project if locked.project and not locked.project.is_default else None,
            note=note,
        )
        locked.status, locked.match = MentorshipRequest.Status.MATCHED, match
        locked.answered_by, locked.answered_at, locked.answer_note = by, timezone.now(), note
        locked.save()
    return match


def decline_request(request: MentorshipRequest, *, by: User, reason: str) -> MentorshipRequest:
    """Answer a request with a reason instead of a match; the talent is told."""
    _require_approved(by)
    with transaction.atomic():
        locked = _lock_open_request(request, by)
        locked.status, locked.answer_note = MentorshipRequest.Status.DECLINED, reason
        locked.answered_by, locked.answered_at = by, timezone.now()
        locked.save()
        record(by, "mentoring.request_declined", locked)
        notify(
            "mentoring/mail/request_declined",
            [locked.talent],
            {"request": locked},
            key=f"declined:{locked.pk}",
        )
    return locked


def withdraw_request(request: MentorshipRequest, *, by: User) -> MentorshipRequest:
    if request.talent_id != by.pk:
        raise RoleNotAllowed()
    with transaction.atomic():
        locked = MentorshipRequest.objects.select_for_update().get(pk=request.pk)
        if locked.status != MentorshipRequest.Status.OPEN:
            raise InvalidTransition()
        locked.status = MentorshipRequest.Status.WITHDRAWN
        locked.save(update_fields=["status"])
    return locked
