"""Ranked mentor suggestions for a talent, with the score explained. Nobody is matched here."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Prefetch

from cms.accounts.models import MentorProfile, Role, TalentProfile, User
from cms.connections.models import Connection
from cms.organisations.models import ProjectMembership
from cms.organisations.staff import staff_organisation_ids
from cms.sectors.models import Sector
from plugins.mentoring.models import MatchKind, MentorshipRequest

WEIGHTS = {"sector": 3, "language": 2, "domain": 2, "capacity": 1}


def _languages(profile) -> set[str]:
    return {item.get("language") for item in (profile.languages or []) if isinstance(item, dict)} - {None}


def candidate_mentors(by: User):
    """Mentors ``by`` may match: any approved mentor for admins, the members of their own
    projects for organisations."""
    mentors = User.objects.filter(role=Role.MENTOR, is_active=True, erased_at=None)
    if not by.is_helix_admin:
        orgs = staff_organisation_ids(by)
        members = ProjectMembership.objects.filter(
            user=OuterRef("pk"), status=ProjectMembership.Status.ACTIVE, project__organisation_id__in=orgs
        )
        mentors = mentors.filter(Exists(members))
    return mentors


def suggest_mentors(talent: User, *, by: User, limit: int = 20) -> list[dict]:
    """Mentors for ``talent``, best first: shared sectors, shared languages, the domains the talent
    asks help with against the mentor's, and the room the mentor has left."""
    profile = TalentProfile.objects.filter(user=talent).prefetch_related("sectors").first()
    request = MentorshipRequest.objects.filter(talent=talent).order_by("-created_at").first()
    wanted_domains = set(request.domains if request else [])
    wanted_kind = request.mentor_kind if request else "either"
    talent_sectors = {s.slug: s for s in (profile.sectors.all() if profile else [])}
    talent_languages = _languages(profile) if profile else set()
    if request and request.languages:
        talent_languages |= set(request.languages)
    already = Connection.objects.filter(
        kind=MatchKind.TALENT_MENTOR,
        talent=talent,
        mentor=OuterRef("pk"),
        state__in=(Connection.State.PROPOSED, Connection.State.ACTIVE, Connection.State.PAUSED),
    )
    mentors = (
        candidate_mentors(by)
        .exclude(Exists(already))
        .select_related("mentor_profile", "mentoring_profile")
        .prefetch_related(
            Prefetch("mentor_profile__sectors", queryset=Sector.objects.order_by("pk")),
        )
    )
    taken = dict(
        Connection.objects.filter(kind=MatchKind.TALENT_MENTOR, state__in=Connection.CONNECTING_STATES)
        .values_list("mentor")
        .annotate(n=Count("pk"))
    )
    results = []
    for mentor in mentors:
        try:
            mprofile = mentor.mentor_profile
        except MentorProfile.DoesNotExist:
            continue
        if wanted_kind in ("volunteer", "coach") and mprofile.kind != wanted_kind:
            continue
        mentoring = getattr(mentor, "mentoring_profile", None)
        if mentoring is not None and not mentoring.accepting_mentees:
            continue
        sectors = [s for s in mprofile.sectors.all() if s.slug in talent_sectors]
        languages = sorted(_languages(mprofile) & talent_languages)
        domains = sorted(wanted_domains & set(mentoring.domains if mentoring else []))
        capacity = max(0, mprofile.max_mentees - taken.get(mentor.pk, 0))
        parts = {
            "sectors": WEIGHTS["sector"] * len(sectors),
            "languages": WEIGHTS["language"] * len(languages),
            "domains": WEIGHTS["domain"] * len(domains),
            "capacity": WEIGHTS["capacity"] if capacity else 0,
        }
        results.append(
            {
                "mentor": mentor,
                "kind": mprofile.kind,
                "score": sum(parts.values()),
                "can_match": capacity > 0,
                "explanation": {
                    "shared_sectors": [s.slug for s in sectors],
                    "shared_languages": languages,
                    "matching_domains": domains,
                    "capacity_left": capacity,
                    "points": parts,
                },
            }
        )
    results.sort(key=lambda r: (not r["can_match"], -r["score"], r["mentor"].pk))
    return results[:limit]
