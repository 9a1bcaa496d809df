"""Demo content of the mentoring plugin for ``seed_demo``: mentors with their domains, a running
mentorship with its meetings, a report and a conversation, an open request and a pending
request to join the demo organisation; a held session whose report the mentor still has to
write, and an invitation of the organisation that the talent and mentor have not answered yet.

Everything goes through the plugin's actions, so the demo has the grants, timeline entries,
audit entries and e-mails a real installation would have. Afterwards, a few times are moved
into the past so that the story reads naturally (a mentorship that started three weeks ago).

Idempotent: every step first checks whether its result exists, keyed by stable values (e-mail
addresses, the pair of people, the match), so a second run creates nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from cms.accounts import actions as accounts
from cms.accounts.demo import DEMO_PASSWORD
from cms.accounts.models import MentorProfile, Role, User
from cms.organisations.models import Organisation, Project, ProjectMembership
from cms.sectors.models import Sector

ORGANISATION_SLUG = "bridge-to-work"
PROJECT_SLUG = "mentoring-to-work"
TALENT_EMAIL = "talent@helix.example"
MENTOR_EMAIL = "mentor@helix.example"
STAFF_EMAIL = "organisation@helix.example"


@dataclass(frozen=True)
class Person:
    """An extra demo account of the mentoring plugin, with its profile."""

    email: str
    role: str
    first_name: str
    last_name: str
    language: str
    sectors: tuple[str, ...]
    languages: tuple[tuple[str, str], ...]
    profile: dict = field(default_factory=dict)
    domains: tuple[str, ...] = ()


COACH = Person(
    "coach@helix.example",
    Role.MENTOR,
    "Els",
    "Wouters",
    "nl",
    sectors=("ict", "administration-finance", "research-education"),
    languages=(("nl", "native"), ("en", "C2"), ("fr", "B2")),
    profile={
        "kind": MentorProfile.Kind.COACH,
        "max_mentees": 6,
        "expertise": (
            "Professional career coach with fifteen years of experience. I help people put "
            "their foreign degree and experience into words for Flemish employers, prepare "
            "for interviews and choose a training or a recognition procedure."
        ),
    },
    domains=("talents", "cv", "interview"),
)
VOLUNTEER = Person(
    "mentor2@helix.example",
    Role.MENTOR,
    "Karim",
    "Benali",
    "nl",
    sectors=("construction-industry",),
    languages=(("ar", "native"), ("nl", "C1"), ("en", "B2"), ("fr", "B1")),
    profile={
        "kind": MentorProfile.Kind.VOLUNTEER,
        "max_mentees": 2,
        "expertise": (
            "Civil engineer, site manager for a contractor in Antwerp. I came to Belgium as a "
            "newcomer myself and know how a building site works here, from the safety rules "
            "to the morning meeting."
        ),
    },
    domains=("networking", "vacancies", "interview"),
)
SECOND_TALENT = Person(
    "talent2@helix.example",
    Role.TALENT,
    "Yonas",
    "Tesfaye",
    "en",
    sectors=("ict",),
    languages=(("ti", "native"), ("en", "C1"), ("nl", "A2")),
    profile={
        "dutch_level": "A2",
        "education_level": "bachelor",
        "education_field": "Information systems",
        "work_experience": "Six years as a network administrator for a university and a bank.",
        "career_objective": "A job as a system or network administrator in Flanders.",
        "digital_skills": ["Linux", "Cisco networking", "Windows Server"],
    },
)
EXTRA_PEOPLE = (COACH, VOLUNTEER, SECOND_TALENT)

MENTOR_DOMAINS = ["talents", "networking", "vacancies"]
#: The held session whose report is still to write, and the invitation nobody answered yet.
SECOND_SESSION = "Second session: your new CV"
CHECK_IN = "Halfway check-in at Bridge to Work"

# The conversation between the demo talent and the demo mentor, oldest first:
# (who writes, how many days ago, at what time, the text).

REPORT = {
    "rapport": (
        "We got to know each other: Amal told me about her eight years as a site engineer on road and "
        "bridge projects, and I told her how I started as a project engineer in Flanders. The mood was "
        "open and relaxed; we agreed to speak English and switch to Dutch when she wants to practise."
    ),
    "goal": (
        "Apply for the site engineer vacancy at a construction company near Ghent within three weeks, "
        "with a two-page CV that a Flemish employer reads easily."
    ),
    "plan": (
        "1. Shorten the CV to two pages, most recent projects first, each with its size, role and "
        "result. 2. Mention the diploma and the recognition request at NARIC-Vlaanderen. 3. Write a "
        "short summary in Dutch and have it checked in class. 4. Draft the motivation letter after the CV."
    ),
    "next_steps": (
        "Amal sends me the new CV before the end of next week. I send her the vacancy and two examples "
        "of Flemish CVs in construction. Next session: practising the job interview."
    ),
    "evaluation": (
        "A useful first session: the goal is concrete and Amal knows what to do first. Her experience "
        "is strong; the work is in presenting it for this market. We will check progress by message."
    ),
}


def _person(spec: Person, staff: User, project: Project) -> User:
    """The account, profile and project membership of an extra demo person (created once)."""
    user = User.objects.filter(email=spec.email).first()
    if user is None:
        user = User.objects.create_user(spec.email, DEMO_PASSWORD)
        accounts.complete_signup(
            user,
            role=spec.role,
            first_name=spec.first_name,
            last_name=spec.last_name,
            preferred_language=spec.language,
        )
        user.refresh_from_db()
        profile = accounts.ensure_profile(user)
        for name, value in spec.profile.items():
            setattr(profile, name, value)
        profile.languages = [{"language": code, "level": level} for code, level in spec.languages]
        profile.save()
        profile.sectors.set(Sector.source_rows().filter(slug__in=spec.sectors))
    EmailAddress.objects.update_or_create(
        user=user, email=spec.email, defaults={"verified": True, "primary": True}
    )
    ProjectMembership.objects.update_or_create(
        project=project,
        user=user,
        defaults={"status": ProjectMembership.Status.ACTIVE},
        create_defaults={
            "status": ProjectMembership.Status.ACTIVE,
            "decided_by": staff,
            "decided_at": timezone.now(),
        },
    )
    if spec.domains:
        _mentoring_profile(user, list(spec.domains))
    return user


def _mentoring_profile(mentor: User, domains: list[str], min_mentees: int | None = None) -> None:
    from plugins.mentoring.models import MentoringProfile

    MentoringProfile.objects.get_or_create(
        user=mentor, defaults={"domains": domains, "accepting_mentees": True}
    )
    if min_mentees is not None:
        MentorProfile.objects.filter(user=mentor, max_mentees__lt=min_mentees).update(max_mentees=min_mentees)


def _at(day: date, clock: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, clock))


def _evening_next_week(today: date) -> date:
    """A Tuesday or Thursday of next week: the talent has Dutch class on Monday and Wednesday."""
    day = today + timedelta(days=7)
    while day.weekday() not in (1, 3):
        day += timedelta(days=1)
    return day


def seed() -> None:
    """Load the mentoring demo (after ``cms.accounts.demo.seed_core_demo``); safe to run again."""
    talent = User.objects.filter(email=TALENT_EMAIL, role=Role.TALENT).first()
    mentor = User.objects.filter(email=MENTOR_EMAIL, role=Role.MENTOR).first()
    staff = User.objects.filter(email=STAFF_EMAIL, role=Role.ORGANISATION).first()
    organisation = Organisation.objects.filter(slug=ORGANISATION_SLUG).first()
    project = Project.objects.filter(slug=PROJECT_SLUG).first()
    if None in (talent, mentor, staff, organisation, project):
        return  # the core demo is not there: nothing to attach the mentoring demo to
    with transaction.atomic():
        _mentoring_profile(mentor, MENTOR_DOMAINS, min_mentees=3)
        coach, volunteer, second_talent = (_person(spec, staff, project) for spec in EXTRA_PEOPLE)
        match = _seed_match(talent, mentor, staff, project)
        _seed_request(second_talent, project)
        _seed_join_request(coach, organisation, project)
        if match is not None:
            _seed_meetings(match, talent, mentor, staff)
            _seed_open_items(match, mentor, staff)


def _seed_match(talent: User, mentor: User, staff: User, project: Project):
    """The demo talent and mentor, matched by the organisation three weeks ago (active)."""
    from cms.connections.models import Connection, ConnectionEvent
    from plugins.mentoring.actions.matching import propose_match
    from plugins.mentoring.models import MatchKind

    existing = Connection.objects.filter(
        kind=MatchKind.TALENT_MENTOR, talent=talent, mentor=mentor, project=project
    )
    if existing.exists():
        return existing.filter(state=Connection.State.ACTIVE).first()
    match = propose_match(
        staff,
        kind=MatchKind.TALENT_MENTOR,
        talent=talent,
        mentor=mentor,
        project=project,
        note=(
            "Pieter was a project engineer in construction for twenty years and knows how to apply "
            "in Flanders: a good fit for Amal's goal of working as a site engineer."
        ),
    )
    started = _at(timezone.localdate() - timedelta(days=23), time(10, 0))
    Connection.objects.filter(pk=match.pk).update(created_at=started, activated_at=started)
    ConnectionEvent.objects.filter(connection=match).update(at=started)
    match.refresh_from_db()
    return match


def _seed_request(second_talent: User, project: Project) -> None:
    """The second talent asks for a mentor or coach; the request waits for an answer."""
    from plugins.mentoring.actions.matching import create_request
    from plugins.mentoring.models import MentorshipRequest

    if MentorshipRequest.objects.filter(talent=second_talent).exists():
        return
    create_request(
        second_talent,
        domains=["talents", "cv", "interview"],
        mentor_kind="either",
        message=(
            "I have a bachelor's degree in information systems and six years of experience as a network "
            "administrator. I would like help to get my diploma recognised, to practise Dutch for job "
            "interviews and to find my first IT job in Flanders."
        ),
        languages=["en", "nl"],
        availability="Weekday evenings and Saturday mornings",
        project=project,
    )


def _seed_join_request(coach: User, organisation: Organisation, project: Project) -> None:
    """The career coach asks to join the demo organisation; the organisation has not answered yet."""
    from cms.connections.models import Connection
    from plugins.mentoring.actions.matching import propose_match
    from plugins.mentoring.models import MatchKind

    if Connection.objects.filter(
        kind=MatchKind.MENTOR_ORGANISATION, mentor=coach, organisation=organisation
    ).exists():
        return
    propose_match(
        coach,
        kind=MatchKind.MENTOR_ORGANISATION,
        mentor=coach,
        organisation=organisation,
        project=project,
        note="I coach newcomers in ICT and finance and would like to take part in your programme.",
    )


def _plan(by: User, match, data: dict, *, planned_at: datetime, starts_at: datetime | None = None):
    """Plan a meeting through the action, then (for a past one) move it to ``starts_at``."""
    from cms.connections.models import ConnectionEvent
    from plugins.mentoring.actions.meetings import plan_meeting, respond
    from plugins.mentoring.models import Meeting, TimelineKind

    meeting = plan_meeting(by, [match], data)
    for participant in meeting.participants.exclude(user=by).select_related("user"):
        respond(meeting, by=participant.user, attending=True)
    moved = {}
    if starts_at is not None:
        moved = {"starts_at": starts_at, "ends_at": starts_at + (data["ends_at"] - data["starts_at"])}
    Meeting.objects.filter(pk=meeting.pk).update(created_at=planned_at, **moved)
    ConnectionEvent.objects.filter(
        data__meeting=str(meeting.public_id), kind=TimelineKind.MEETING_PLANNED
    ).update(at=planned_at)
    meeting.participants.exclude(user=by).update(responded_at=planned_at + timedelta(hours=1))
    meeting.refresh_from_db()
    return meeting


def _seed_meetings(match, talent: User, mentor: User, staff: User) -> None:
    """A matching meeting and a first session (with its report) in the past, a session next week."""
    from cms.connections.models import ConnectionEvent
    from plugins.mentoring.actions.meetings import file_report
    from plugins.mentoring.models import Meeting, MeetingReport, TimelineKind

    if match.meetings.exists():
        return
    today = timezone.localdate()
    placeholder = _at(today + timedelta(days=7), time(18, 0))  # planned ahead, then moved back

    def hours(start: datetime, length: float) -> dict:
        return {"starts_at": start, "ends_at": start + timedelta(hours=length)}

    _plan(
        staff,
        match,
        {
            "kind": Meeting.Kind.MATCHING,
            "title": "Kick-off: Amal meets her mentor Pieter",
            "agenda": (
                "Introductions and what each of you expects. How the programme works: sessions every "
                "two weeks for six months, reports, and how to reach Bridge to Work. Agreeing on the "
                "first session."
            ),
            "place": "Bridge to Work, Ghent (meeting room on the ground floor)",
            **hours(placeholder, 1),
        },
        planned_at=_at(today - timedelta(days=23), time(10, 15)),
        starts_at=_at(today - timedelta(days=21), time(17, 0)),
    )
    first = _plan(
        mentor,
        match,
        {
            "kind": Meeting.Kind.SESSION,
            "title": "First session: your goal and your CV",
            "agenda": (
                "Getting to know each other, choosing the first goal, and going through your current CV "
                "with a concrete vacancy in mind."
            ),
            "domain": "talents",
            "place": "Library De Krook, Ghent",
            **hours(placeholder, 1.5),
        },
        planned_at=_at(today - timedelta(days=20), time(20, 30)),
        starts_at=_at(today - timedelta(days=14), time(18, 0)),
    )
    upcoming_start = _at(_evening_next_week(today), time(18, 30))
    file_report(first, by=mentor, data={**REPORT, "next_appointment": upcoming_start})
    filed_at = first.ends_at + timedelta(hours=2)
    MeetingReport.objects.filter(meeting=first).update(created_at=filed_at)
    ConnectionEvent.objects.filter(data__meeting=str(first.public_id), kind=TimelineKind.REPORT_FILED).update(
        at=filed_at
    )
    _plan(
        mentor,
        match,
        {
            "kind": Meeting.Kind.SESSION,
            "title": "Practising the job interview",
            "agenda": (
                "A mock interview for the site engineer vacancy: presenting yourself in two minutes, "
                "questions about your projects, and safety on site. Feedback afterwards."
            ),
            "domain": "talents",
            "online_url": "https://video.bridge-to-work.example/amal-pieter",
            **hours(upcoming_start, 1),
        },
        planned_at=_at(today - timedelta(days=1), time(9, 15)),
    )


def _seed_open_items(match, mentor: User, staff: User) -> None:
    """What waits for the demo people today: the second session was held four days ago and the
    mentor has not written its report yet; Bridge to Work invites both to a halfway check-in, which
    neither has answered. Each is keyed by its title, so an older demo gets them once too."""
    from plugins.mentoring.actions.meetings import plan_meeting
    from plugins.mentoring.models import Meeting

    today = timezone.localdate()
    if not match.meetings.filter(title=SECOND_SESSION).exists():
        _plan(
            mentor,
            match,
            {
                "kind": Meeting.Kind.SESSION,
                "title": SECOND_SESSION,
                "agenda": (
                    "Going through the new two-page CV together, line by line, and choosing the vacancy "
                    "to send it to first."
                ),
                "domain": "talents",
                "place": "Library De Krook, Ghent",
                "starts_at": _at(today + timedelta(days=7), time(18, 0)),
                "ends_at": _at(today + timedelta(days=7), time(19, 0)),
            },
            planned_at=_at(today - timedelta(days=9), time(19, 45)),
            starts_at=_at(today - timedelta(days=4), time(18, 0)),
        )
    if not match.meetings.filter(title=CHECK_IN).exists():
        start = _at(today + timedelta(days=12), time(16, 0))
        plan_meeting(
            staff,
            [match],
            {
                "kind": Meeting.Kind.ORGANISATION,
                "title": CHECK_IN,
                "agenda": (
                    "Halfway through the programme: what went well, what you need from us, and the "
                    "goals for the next three months."
                ),
                "place": "Bridge to Work, Ghent (meeting room on the ground floor)",
                "starts_at": start,
                "ends_at": start + timedelta(minutes=45),
            },
        )
