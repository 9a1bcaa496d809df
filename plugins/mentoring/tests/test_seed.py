"""The mentoring demo content: complete after the core demo, and nothing new on a second run."""

from __future__ import annotations

from django.utils import timezone


def _counts():
    from cms.accounts.models import User
    from cms.connections.models import Connection, ConnectionEvent
    from plugins.mentoring import models

    return {
        "users": User.objects.count(),
        **{
            model.__name__: model.objects.count()
            for model in (
                models.MentoringProfile,
                models.MentorshipRequest,
                Connection,
                ConnectionEvent,
                models.Meeting,
                models.MeetingParticipant,
                models.MeetingReport,
            )
        },
    }


def test_the_mentoring_demo_is_seeded_once(db):
    from cms.accounts.demo import seed_core_demo
    from cms.accounts.models import MentorProfile, User
    from cms.connections import selectors as access
    from cms.connections.models import Connection as Match
    from cms.connections.models import ConnectionEvent
    from plugins.mentoring import suggestions
    from plugins.mentoring.models import (
        MatchKind,
        Meeting,
        MeetingReport,
        MentoringProfile,
        MentorshipRequest,
    )
    from plugins.mentoring.seed import seed

    seed_core_demo()
    seed()
    first = _counts()
    seed()
    assert _counts() == first

    # Fresh from the database: the objects seed_core_demo returns can predate its approvals.
    talent, mentor, staff = (
        User.objects.get(email=f"{name}@helix.example") for name in ("talent", "mentor", "organisation")
    )

    # The mentor's mentoring profile and room for three mentees.
    assert MentoringProfile.objects.get(user=mentor).domains == ["talents", "networking", "vacancies"]
    assert MentorProfile.objects.get(user=mentor).max_mentees >= 3

    # One active talent–mentor match, made by the organisation in its project, with its grants.
    match = Match.objects.get(kind=MatchKind.TALENT_MENTOR, talent=talent, mentor=mentor)
    assert match.state == Match.State.ACTIVE and match.project.slug == "mentoring-to-work"
    assert match.proposed_by == staff and match.activated_at < timezone.now()
    visible = access.talents_visible_to(mentor)
    assert visible.filter(user=talent).exists()
    assert access.talents_visible_to(staff).filter(user=talent).exists()

    # The extra people, the open request and the coach's pending request to join.
    coach = User.objects.get(email="coach@helix.example")
    second = User.objects.get(email="talent2@helix.example")
    assert coach.mentor_profile.kind == "coach" and coach.emailaddress_set.get().verified
    assert MentorshipRequest.objects.get(talent=second).status == MentorshipRequest.Status.OPEN
    join = Match.objects.get(kind=MatchKind.MENTOR_ORGANISATION, mentor=coach)
    assert join.state == Match.State.PROPOSED and join.organisation.slug == "bridge-to-work"

    # Suggestions rank the mentors for the second talent, the coach first.
    ranked = suggestions.suggest_mentors(second, by=staff)
    assert [row["mentor"].email for row in ranked][0] == "coach@helix.example"
    assert len(ranked) == 3 and ranked[0]["score"] > ranked[-1]["score"]

    # Meetings: a matching meeting and a reported session in the past, a held session whose report
    # is still to write, a session next week, and the organisation's check-in nobody answered yet.
    meetings = list(match.meetings.order_by("starts_at"))
    now = timezone.now()
    assert [m.kind for m in meetings] == ["matching", "session", "session", "session", "organisation"]
    past_matching, past_session, unreported, upcoming, check_in = meetings
    assert past_matching.planner == staff and past_matching.ends_at < now
    assert past_session.planner == mentor and past_session.ends_at < now
    assert unreported.planner == mentor and unreported.ends_at < now
    assert upcoming.starts_at > now + timezone.timedelta(days=6) and upcoming.online_url.startswith(
        "https://"
    )
    report = MeetingReport.objects.get(meeting=past_session)
    assert all(getattr(report, step) for step in ("rapport", "goal", "plan", "next_steps", "evaluation"))
    assert report.next_appointment == upcoming.starts_at
    assert not MeetingReport.objects.exclude(meeting=past_session).exists()
    assert Meeting.objects.count() == 5
    assert unreported.participants.get(user=talent).response == "yes"
    assert check_in.planner == staff and check_in.starts_at > now
    invited = check_in.participants.exclude(user=staff).select_related("user")
    assert {p.user.email: p.response for p in invited} == {
        "talent@helix.example": "pending",
        "mentor@helix.example": "pending",
    }
    kinds = list(ConnectionEvent.objects.filter(connection=match).values_list("kind", flat=True))
    assert kinds[:2] == ["proposed", "activated"] and kinds.count("meeting_planned") == 5
    assert "report_filed" in kinds

