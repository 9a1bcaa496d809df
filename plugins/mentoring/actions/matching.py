"""Matching actions: requests, proposing, activating, pausing, closing, feedback.

Each action does its change, the permission grants, the timeline entry, the audit entry and
the e-mails (outbox rows) in one transaction.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.accounts.models import MentorProfile, Role, User
from cms.audit import record
from cms.connections.actions import (
    activate_connection,
    add_event,
    close_connection,
    open_connection,
    pause_connection,
    resume_connection,
)
from cms.connections.models import Connection
from cms.connections.selectors import can_manage, connection_people, is_side
from cms.errors import (
    AlreadyMatched,
    CapacityReached,
    FeedbackGiven,
    InvalidTransition,
    NotApproved,
    NotInYourProjects,
    RequestOpen,
    RoleNotAllowed,
    WrongRole,
)
from cms.organisations.models import Organisation, Project, ProjectMembership
from cms.organisations.staff import organisation_staff, staff_organisation_ids
from cms.outbox.mail import notify
from plugins.mentoring import selectors
from plugins.mentoring.models import (
    MatchFeedback,
    MatchKind,
    MentoringProfile,
    MentorshipRequest,
    TimelineKind,
)

OPEN_STATES = Connection.OPEN_STATES


def _require_approved(user) -> None:
    if not user.is_approved:
        raise NotApproved()


def _require_role(user, role: str) -> None:
    if user is None or user.role != role or not user.is_active:
        raise WrongRole()


def capacity_left(mentor: User) -> int:
    """How many more mentees a mentor can take (active and paused talent–mentor matches count)."""
    profile = MentorProfile.objects.filter(user=mentor).first()
    limit = profile.max_mentees if profile else 0
    return max(0, limit - selectors.capacity_taken(mentor))


def _check_room(mentor: User) -> None:
    """Serialise activations for one mentor (a row lock), then check they take mentees and have room."""
    if MentoringProfile.objects.filter(user=mentor, accepting_mentees=False).exists():
        raise CapacityReached(
            _("This mentor does not take new mentees at the moment."), code="not_accepting_mentees"
        )
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
) -> Connection:
    """Make a match. Who may, and in which state it starts:

    - talent–mentor: an admin (anyone), or an organisation for the talents and mentors of its own
      projects; it is active at once unless ``activate`` is false. Talents and mentors ask through
      a request instead.
    - talent–organisation: a talent chooses an approved organisation; a mentor–organisation match:
      a mentor asks to join one. Both start proposed, and the organisation accepts.
    """
    _require_approved(by)
    if kind == MatchKind.TALENT_MENTOR:
        _require_role(talent, Role.TALENT)
        _require_role(mentor, Role.MENTOR)
        proposes = by.has_perm("mentoring.propose_match")
        if proposes and by.is_helix_admin:
            project = project or Project.default()
        elif proposes:  # within the projects of the organisations the person works for
            project = _member_project(staff_organisation_ids(by), talent, mentor, project=project)
        else:
            raise RoleNotAllowed(
                _(
                    "Talents and mentors cannot make this match themselves. Ask for a mentor, "
                    "and an organisation or an administrator will match you."
                )
            )
        organisation = None
        activate = True if activate is None else activate
    elif kind in (MatchKind.TALENT_ORGANISATION, MatchKind.MENTOR_ORGANISATION):
        person_role = Role.TALENT if kind == MatchKind.TALENT_ORGANISATION else Role.MENTOR
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
        duplicate = Connection.objects.filter(kind=kind, state__in=OPEN_STATES, talent=talent, mentor=mentor)
        if organisation is not None:
            duplicate = duplicate.filter(organisation=organisation)
        if duplicate.exists():
            raise AlreadyMatched()
        match = open_connection(
            kind, project=project, talent=talent, mentor=mentor, organisation=organisation, by=by, note=note
        )
        if activate:
            match = activate_match(match, by=by)
        elif organisation is not None:
            staff = organisation_staff(organisation.pk)
            notify(
                "mentoring/mail/match_proposed", staff, {"match": match}, key=f"mentoring:proposed:{match.pk}"
            )
    return match


def activate_match(match: Connection, *, by: User) -> Connection:
    """Accept a proposed match; a talent–mentor match needs a mentor who takes mentees and has room."""
    _require_approved(by)
    if not can_manage(by, match):
        raise RoleNotAllowed(_("Only the organisation or an administrator can confirm this match."))
    with transaction.atomic():
        if match.kind == MatchKind.TALENT_MENTOR and match.state == Connection.State.PROPOSED:
            _check_room(match.mentor)
        return activate_connection(match, by=by)


def pause_match(match: Connection, *, by: User, reason: str = "") -> Connection:
    """The organisation (or an admin) puts an active match on hold; it keeps its access."""
    _require_manager(by, match)
    return pause_connection(match, by=by, reason=reason)


def resume_match(match: Connection, *, by: User) -> Connection:
    _require_manager(by, match)
    return resume_connection(match, by=by)


def _require_manager(by: User, match: Connection) -> None:
    _require_approved(by)
    if not can_manage(by, match):
        raise RoleNotAllowed()


def close_match(match: Connection, *, by: User | None, reason: str) -> Connection:
    """Close (or decline) a match: the core revokes access at once; the hooks below cancel its
    meetings and ask both sides for feedback."""
    if by is not None:
        _require_approved(by)
        if not (is_side(by, match) or can_manage(by, match)):
            raise RoleNotAllowed()
    return close_connection(match, by=by, reason=reason)


# --- what follows a state change (called from the connection hooks) --------------------------


def after_activation(match: Connection) -> None:
    """Tell everyone on a mentoring match's sides that it is active."""
    if match.kind in selectors.MATCH_KINDS:
        notify(
            "mentoring/mail/match_activated",
            connection_people(match),
            {"match": match},
            key=f"mentoring:activated:{match.pk}",
        )


def after_close(match: Connection) -> None:
    """Cancel the match's upcoming meetings; on a mentoring match, ask for feedback (or tell the
    person whose choice of organisation was declined)."""
    after_close_many([match])


def after_close_many(matches: list[Connection]) -> None:
    """``after_close`` for many connections: the upcoming meetings to cancel are found in one
    query; mails go for the mentoring matches only."""
    _cancel_future_meetings(matches)
    for match in matches:
        if match.kind not in selectors.MATCH_KINDS:
            continue
        if match.activated_at is not None:
            notify(
                "mentoring/mail/match_closed",
                connection_people(match),
                {"match": match},
                key=f"mentoring:closed:{match.pk}",
            )
        else:
            notify(
                "mentoring/mail/match_closed",
                User.objects.filter(pk__in=match.person_ids()),
                {"match": match, "declined": True},
                key=f"mentoring:declined:{match.pk}",
            )


def _cancel_future_meetings(matches: list[Connection]) -> None:
    """Upcoming meetings of the closed matches that belong to no other open match are cancelled
    (with their invites)."""
    from plugins.mentoring.actions.meetings import cancel_meeting
    from plugins.mentoring.models import Meeting

    ids = [match.pk for match in matches]
    upcoming = (
        Meeting.objects.filter(
            pk__in=Meeting.matches.through.objects.filter(connection_id__in=ids).values("meeting_id"),
            status=Meeting.Status.SCHEDULED,
            starts_at__gt=timezone.now(),
        )
        .exclude(matches__state__in=Connection.CONNECTING_STATES)
        .order_by("pk")
    )
    for meeting in upcoming:
        cancel_meeting(meeting, by=None, reason=str(_("The match was closed.")))


def give_feedback(match: Connection, *, by: User, usefulness: int, would_recommend: bool, comment: str = ""):
    """One side's feedback on a closed match (once per person)."""
    if not is_side(by, match):
        raise RoleNotAllowed()
    if match.state != Connection.State.CLOSED or match.activated_at is None:
        raise InvalidTransition(_("You can give feedback once the match has closed."))
    with transaction.atomic():
        if MatchFeedback.objects.filter(match=match, author=by).exists():
            raise FeedbackGiven()
        feedback = MatchFeedback.objects.create(
            match=match, author=by, usefulness=usefulness, would_recommend=would_recommend, comment=comment
        )
        add_event(match, TimelineKind.FEEDBACK, by)
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
    if talent.role != Role.TALENT or not talent.has_perm("mentoring.request_mentor"):
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
        # A request made in a project goes to that project's organisation only.
        if project is not None and not project.is_default:
            orgs = {project.organisation_id} if project.organisation_id else set()
        notify(
            "mentoring/mail/request_created",
            organisation_staff(orgs),
            {"request": request},
            key=f"mentoring:request:{request.pk}",
        )
    return request


def _lock_open_request(request: MentorshipRequest, by: User) -> MentorshipRequest:
    may_answer = by.has_perm("mentoring.propose_match")
    if not may_answer or not selectors.visible_requests(by).filter(pk=request.pk).exists():
        raise RoleNotAllowed()
    locked = MentorshipRequest.objects.select_for_update().get(pk=request.pk)
    if locked.status != MentorshipRequest.Status.OPEN:
        raise InvalidTransition()
    return locked


def answer_request(request: MentorshipRequest, *, by: User, mentor: User, note: str = "") -> Connection:
    """Answer a request with a match: the talent and the chosen mentor are matched at once."""
    _require_approved(by)
    with transaction.atomic():
        locked = _lock_open_request(request, by)
        match = propose_match(
            by,
            kind=MatchKind.TALENT_MENTOR,
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
            key=f"mentoring:request-declined:{locked.pk}",
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


def update_mentoring_profile(mentor: User, *, domains, accepting_mentees: bool) -> MentoringProfile:
    """A mentor's mentoring domains and whether they take new mentees."""
    if mentor.role != Role.MENTOR:
        raise RoleNotAllowed(_("Only mentors have a mentoring profile."))
    profile, _created = MentoringProfile.objects.update_or_create(
        user=mentor, defaults={"domains": sorted(set(domains)), "accepting_mentees": accepting_mentees}
    )
    return profile


def erase_user(user: User) -> None:
    """Erase ``user``'s side of mentoring: their own words go (feedback, requests, reports they
    wrote, their mentoring profile), and the other side keeps what is theirs: a mentor keeps the
    reports of sessions with an erased talent, and everyone keeps the meetings they were in, with
    the person's names and address taken out (in the words of the report's author, in their
    language). The core closes and anonymises the connections themselves."""
    from cms.accounts.traces import PersonTraces
    from plugins.mentoring.models import Meeting, MeetingParticipant, MeetingReport

    traces = PersonTraces.of(user)
    MatchFeedback.objects.filter(author=user).delete()
    MentoringProfile.objects.filter(user=user).delete()
    MentorshipRequest.objects.filter(talent=user).delete()
    MentorshipRequest.objects.filter(answered_by=user).update(answered_by=None)
    MeetingReport.objects.filter(author=user).delete()
    theirs = Meeting.objects.filter(Q(participants__user=user) | Q(planner=user)).distinct()
    for meeting in theirs:
        Meeting.objects.filter(pk=meeting.pk).update(
            **{name: traces.scrub(getattr(meeting, name)) for name in ("title", "agenda", "place")}
        )
    text = ("rapport", "goal", "plan", "next_steps", "evaluation")
    for report in MeetingReport.objects.filter(meeting__in=theirs).select_related("author"):
        language = getattr(report.author, "preferred_language", None)
        MeetingReport.objects.filter(pk=report.pk).update(
            **{name: traces.scrub(getattr(report, name), language=language) for name in text}
        )
    matches = Connection.objects.filter(Q(talent=user) | Q(mentor=user) | Q(employer=user))
    for feedback in MatchFeedback.objects.filter(match__in=matches).select_related("author"):
        comment = traces.scrub(feedback.comment, language=feedback.author.preferred_language)
        MatchFeedback.objects.filter(pk=feedback.pk).update(comment=comment)
    MeetingParticipant.objects.filter(user=user).delete()
    Meeting.objects.filter(planner=user).update(planner=None)
