"""Who is who in a match, who sees what, and the object permissions a match grants.

Everything here is a read or a grant used by the actions; no view calls it to write.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from guardian.shortcuts import assign_perm, remove_perm

from cms.accounts.models import Role, TalentProfile
from cms.organisations.models import Organisation, ProjectMembership
from plugins.mentoring.models import Match, Meeting, MeetingParticipant, MentorshipRequest

VIEW_TALENT = "accounts.view_talentprofile"
CONNECTING_STATES = (Match.State.ACTIVE, Match.State.PAUSED)


def staff_organisation_ids(user) -> set[int]:
    """The approved organisations ``user`` works for (cached on the user object)."""
    if not user.is_authenticated or user.role != Role.ORGANISATION or not user.is_approved:
        return set()
    cached = getattr(user, "_mentoring_orgs", None)
    if cached is None:
        cached = set(
            Organisation.objects.filter(staff=user, status=Organisation.Status.APPROVED).values_list(
                "pk", flat=True
            )
        )
        user._mentoring_orgs = cached
    return cached


def managing_organisation_id(match: Match) -> int | None:
    """The organisation that follows a match: its own side, or the owner of its project."""
    return match.organisation_id or match.project.organisation_id


def can_manage(user, match: Match) -> bool:
    """Admins, and staff of the organisation that follows the match, manage it."""
    if user.is_helix_admin:
        return True
    org_id = managing_organisation_id(match)
    return org_id is not None and org_id in staff_organisation_ids(user)


def is_side(user, match: Match) -> bool:
    """Whether ``user`` is one side of the match (in person, or as staff of its organisation)."""
    if user.pk in match.person_ids():
        return True
    return match.organisation_id is not None and match.organisation_id in staff_organisation_ids(user)


def can_see(user, match: Match) -> bool:
    return is_side(user, match) or can_manage(user, match)


def visible_matches(user) -> QuerySet[Match]:
    """The matches ``user`` may see, as one query (no per-row checks)."""
    matches = Match.objects.all()
    if user.is_helix_admin:
        return matches
    orgs = staff_organisation_ids(user)
    return matches.filter(
        Q(talent=user)
        | Q(mentor=user)
        | Q(employer=user)
        | Q(organisation_id__in=orgs)
        | Q(project__organisation_id__in=orgs)
    ).exclude(
        # An employer with blind listings meets a talent here only once the talent accepted contact.
        kind=Match.Kind.TALENT_EMPLOYER, messaging=False, employer=user
    )


def visible_meetings(user) -> QuerySet[Meeting]:
    """Meetings ``user`` takes part in or plans, and those of matches their organisation follows."""
    meetings = Meeting.objects.all()
    if user.is_helix_admin:
        return meetings
    orgs = staff_organisation_ids(user)
    invited = MeetingParticipant.objects.filter(meeting=OuterRef("pk"), user=user)
    return meetings.filter(Q(planner=user) | Exists(invited) | Q(project__organisation_id__in=orgs))


def visible_requests(user) -> QuerySet[MentorshipRequest]:
    """A talent's own requests; for admins all; for organisations those of their projects' talents."""
    requests = MentorshipRequest.objects.all()
    if user.is_helix_admin:
        return requests
    if user.role == Role.TALENT:
        return requests.filter(talent=user)
    orgs = staff_organisation_ids(user)
    if not orgs:
        return requests.none()
    members = ProjectMembership.objects.filter(
        user=OuterRef("talent"), status=ProjectMembership.Status.ACTIVE, project__organisation_id__in=orgs
    )
    return requests.filter(Q(project__organisation_id__in=orgs) | Exists(members))


def is_project_member(user, organisation_id: int) -> bool:
    return ProjectMembership.objects.filter(
        user=user, status=ProjectMembership.Status.ACTIVE, project__organisation_id=organisation_id
    ).exists()


# --- grants ---------------------------------------------------------------------------------


def talent_viewers(match: Match) -> list:
    """Who sees the talent's profile and CV while this match is active."""
    from cms.accounts.models import User

    viewers = []
    if match.kind == Match.Kind.TALENT_MENTOR and match.mentor_id:
        viewers.append(match.mentor)
    if match.kind == Match.Kind.TALENT_EMPLOYER and match.employer_id:
        viewers.append(match.employer)
    org_id = managing_organisation_id(match) if match.kind != Match.Kind.TALENT_EMPLOYER else None
    if org_id:
        viewers.extend(User.objects.filter(organisations__pk=org_id, role=Role.ORGANISATION))
    return viewers


def granting_matches(talent, viewer) -> QuerySet[Match]:
    """Open, connecting matches that let ``viewer`` see ``talent``'s profile."""
    orgs = Organisation.objects.filter(staff=viewer).values("pk")
    return Match.objects.filter(talent=talent, state__in=CONNECTING_STATES).filter(
        Q(kind=Match.Kind.TALENT_MENTOR, mentor=viewer)
        | Q(kind=Match.Kind.TALENT_EMPLOYER, employer=viewer)
        | (
            ~Q(kind=Match.Kind.TALENT_EMPLOYER)
            & (Q(organisation__in=orgs) | Q(project__organisation__in=orgs))
        )
    )


def grant(match: Match) -> None:
    """Give the match's viewers the object permission on the talent's profile."""
    if not match.talent_id:
        return
    profile, _created = TalentProfile.objects.get_or_create(user_id=match.talent_id)
    for viewer in talent_viewers(match):
        assign_perm(VIEW_TALENT, viewer, profile)


def revoke(match: Match) -> None:
    """Take the permission back from viewers that no other open match still entitles."""
    if not match.talent_id:
        return
    profile = TalentProfile.objects.filter(user_id=match.talent_id).first()
    if profile is None:
        return
    for viewer in talent_viewers(match):
        if not granting_matches(match.talent, viewer).exclude(pk=match.pk).exists():
            remove_perm(VIEW_TALENT, viewer, profile)


def talents_visible_to(user) -> QuerySet[TalentProfile]:
    """Talent profiles ``user`` holds the view permission for (one query through the direct table)."""
    if user.is_helix_admin:
        return TalentProfile.objects.all()
    return TalentProfile.objects.filter(
        talentprofileuserobjectpermission__user=user,
        talentprofileuserobjectpermission__permission__codename="view_talentprofile",
    )


def connected(user_a, user_b) -> bool:
    """An active or paused match joins the two (in person, or as organisation staff)."""
    if user_a.pk == user_b.pk:
        return False
    personal = Match.objects.filter(state__in=CONNECTING_STATES, messaging=True)
    personal = personal.filter(
        Q(talent_id=user_a.pk, mentor_id=user_b.pk)
        | Q(talent_id=user_b.pk, mentor_id=user_a.pk)
        | Q(talent_id=user_a.pk, employer_id=user_b.pk)
        | Q(talent_id=user_b.pk, employer_id=user_a.pk)
    )
    if personal.exists():
        return True
    for staff, person in ((user_a, user_b), (user_b, user_a)):
        orgs = staff_organisation_ids(staff)
        if (
            orgs
            and Match.objects.filter(state__in=CONNECTING_STATES, organisation_id__in=orgs)
            .filter(Q(talent=person) | Q(mentor=person))
            .exists()
        ):
            return True
    return False
