"""Every API operation × role × relation answers the status the matrix says."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from drf_spectacular.generators import SchemaGenerator

from cms.organisations.actions import create_project
from cms.organisations.models import Organisation, ProjectMembership
from cms.plugins.testing import ADMIN_WITHOUT_SECOND_FACTOR, without_second_factor
from tests.files import pdf_bytes, png_bytes, upload
from tests.permission_matrix import BODIES, MATRIX, ROLES, UPLOADS, all_rows

ACTORS = (*ROLES, ADMIN_WITHOUT_SECOND_FACTOR)
CASES = [
    (method, path, relation, role)
    for (method, path), relations in MATRIX.items()
    for relation, statuses in relations.items()
    for role in ACTORS
]


def expected_statuses(statuses: dict, role: str) -> tuple[int, ...]:
    """The row's status for a role; the password-only admin's is derived from the row."""
    if role == ADMIN_WITHOUT_SECOND_FACTOR:
        return without_second_factor(statuses)
    return (statuses[role],)


def schema_operations() -> set[tuple[str, str]]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return {
        (method, path)
        for path, operations in schema["paths"].items()
        for method in operations
        if method in ("get", "post", "put", "patch", "delete")
    }


def test_every_route_has_matrix_rows(db):
    operations = schema_operations()
    rows = all_rows()
    missing = sorted(operations - set(rows))
    assert not missing, f"Routes without permission-matrix rows: {missing}"
    stale = sorted(set(rows) - operations)
    assert not stale, f"Matrix rows for routes that do not exist: {stale}"
    for key, relations in rows.items():
        for relation, statuses in relations.items():
            assert set(statuses) == set(ROLES), f"{key} {relation}: every role needs a row"


@pytest.fixture
def world(make_user, request):
    users = {
        "talent": make_user("talent"),
        "mentor": make_user("mentor"),
        "organisation": make_user("organisation"),
        "employer": make_user("employer"),
        "admin": make_user("admin", mfa=True),
        "pending_organisation": make_user("organisation", approved=False),
        ADMIN_WITHOUT_SECOND_FACTOR: make_user("admin", mfa=False),
    }
    other_staff = make_user("organisation")
    own_org = Organisation.objects.get(staff=users["organisation"])
    other_org = Organisation.objects.get(staff=other_staff)
    own_project = create_project(own_org, by=users["organisation"], name="Own track")
    other_project = create_project(other_org, by=other_staff, name="Other track")
    applicant = make_user("talent")
    memberships = {
        "own": ProjectMembership.objects.create(project=own_project, user=applicant),
        "other": ProjectMembership.objects.create(project=other_project, user=applicant),
    }
    route = request.node.callspec.params.get("path", "")
    return {
        "users": users,
        "organisations": {
            "own": own_org,
            "pending": Organisation.objects.get(staff=users["pending_organisation"]),
            "other": other_org,
        },
        "projects": {"own": own_project, "other": other_project},
        "memberships": memberships,
        "pages": _pages(request) if "/pages/" in route else {},
        "posts": _posts(users, applicant, own_project, other_staff) if "/posts/" in route else {},
        "mentoring": _mentoring(users, own_project, other_project, other_staff, make_user)
        if route.startswith(MENTORING_ROUTES) else {},
        "employers": _employers(users, make_user) if route.startswith(EMPLOYER_ROUTES) else {},
    }


def _posts(users, applicant, own_project, other_staff):
    """A post per role that may post, somebody else's post, a talent connected with the
    organisation, a suggestion to the talent, and an unsubscribe token."""
    from plugins.posts.actions import create_post
    from plugins.posts.mailing import unsubscribe_token
    from plugins.posts.models import Suggestion

    data = {"type": "study", "locale": "en", "title": "A course", "summary": "A course in Ghent.",
            "link": "https://www.vdab.be"}
    own = {role: create_post(users[role], data) for role in ("mentor", "organisation", "employer", "admin")}
    other = create_post(other_staff, data)
    stranger_mentor = own["mentor"].author
    ProjectMembership.objects.filter(project=own_project, user=applicant).update(status="active")
    suggestion = Suggestion.objects.create(post=other, talent=users["talent"], suggested_by=stranger_mentor)
    other_suggestion = Suggestion.objects.create(post=other, talent=applicant, suggested_by=stranger_mentor)
    return {
        "own": own, "other": other, "connected": applicant, "stranger": users["talent"],
        "suggestions": {"own": suggestion, "other": other_suggestion},
        "token": unsubscribe_token(users["talent"], "digest"),
    }


MENTORING_ROUTES = tuple(
    f"/api/v1/{prefix}/"
    for prefix in ("matches", "match-requests", "talents", "meetings", "threads", "admin/message-reports")
)


def _mentoring(users, own_project, other_project, other_staff, make_user):
    """The talent and mentor matched in the acting organisation's project, with a past meeting and
    its report, an open request, a conversation and a report of it; the same in another project
    between other people; a free mentor to match; CVs to download."""
    from datetime import timedelta

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from cms.accounts.models import MentorProfile, TalentProfile
    from plugins.mentoring.actions import matching, meetings
    from plugins.mentoring.models import Meeting, MeetingReport
    from plugins.messaging import actions as messaging
    from plugins.messaging.models import MessageReport

    other_talent, other_mentor, free_mentor = make_user("talent"), make_user("mentor"), make_user("mentor")
    for project, people in ((own_project, (users["talent"], users["mentor"], free_mentor)),
                            (other_project, (other_talent, other_mentor))):
        for person in people:
            ProjectMembership.objects.update_or_create(
                project=project, user=person, defaults={"status": "active"}
            )
    MentorProfile.objects.filter(user__in=[users["mentor"], other_mentor, free_mentor]).update(max_mentees=5)
    for talent in (users["talent"], other_talent):
        profile, _created = TalentProfile.objects.get_or_create(user=talent)
        profile.cv.save("cv.pdf", ContentFile(pdf_bytes()))
        profile.cv_content_type = "application/pdf"
        profile.save()
    own_staff = users["organisation"]
    matches = {
        "own": matching.propose_match(
            own_staff, kind="talent_mentor", talent=users["talent"], mentor=users["mentor"]
        ),
        "other": matching.propose_match(
            other_staff, kind="talent_mentor", talent=other_talent, mentor=other_mentor
        ),
    }
    now = timezone.now()
    found = {}
    for relation, match in matches.items():
        planner = match.mentor
        meeting = meetings.plan_meeting(
            planner, [match], {"title": "Session", "starts_at": now + timedelta(days=1),
                               "ends_at": now + timedelta(days=1, hours=1)},
        )
        Meeting.objects.filter(pk=meeting.pk).update(starts_at=now - timedelta(days=1),
                                                     ends_at=now - timedelta(days=1) + timedelta(hours=1))
        MeetingReport.objects.create(meeting=meeting, author=planner, rapport="Good start")
        message = messaging.send_message(match.talent, "Hello", recipient=match.mentor)
        found[relation] = {"match": match, "meeting": meeting, "thread": message.thread}
    found["own"]["request"] = matching.create_request(users["talent"], domains=["cv"])
    found["other"]["request"] = matching.create_request(other_talent, domains=["networking"])
    found["own"]["talent"], found["other"]["talent"] = users["talent"], other_talent
    report = MessageReport.objects.create(
        thread=found["own"]["thread"], reporter=users["talent"], reason="Spam"
    )
    return {
        **found, "free_mentor": free_mentor, "message_report": report, "tomorrow": now + timedelta(days=1)
    }


def _fill_mentoring(path: str, relation: str, world) -> str:
    things = world["mentoring"]
    if "message-reports" in path:
        return path.format(id=things["message_report"].public_id)
    mine = things["own" if relation in ("own", "-") else "other"]
    for prefix, key in (("/matches/", "match"), ("/match-requests/", "request"), ("/meetings/", "meeting"),
                        ("/threads/", "thread")):
        if path.startswith(f"/api/v1{prefix}"):
            return path.format(id=mine[key].public_id)
    return path.format(id=mine["talent"].public_id)


EMPLOYER_ROUTES = ("/api/v1/talent-pool/", "/api/v1/employer-connections/", "/api/v1/me/cv-views/")


def _employers(users, make_user):
    """The talent publishes their CV and shares the ICT sector with the employer: connected (with a
    CV to download); another talent and another employer who are not."""
    from django.core.files.base import ContentFile

    from cms.accounts.actions import grant_consent
    from cms.accounts.models import EmployerProfile, TalentProfile
    from cms.sectors.models import Sector
    from plugins.employers.matching import reconcile_talent

    ict = Sector.source_rows().filter(slug="ict")
    talent, employer = users["talent"], users["employer"]
    profile, _created = TalentProfile.objects.get_or_create(user=talent)
    profile.cv.save("cv.pdf", ContentFile(pdf_bytes()))
    profile.cv_content_type = "application/pdf"
    profile.save()
    profile.sectors.set(ict)
    EmployerProfile.objects.get_or_create(user=employer)[0].sectors.set(ict)
    grant_consent(talent, "cv_publication")
    reconcile_talent(talent)
    return {"own_talent": talent, "other_talent": make_user("talent"), "own_employer": employer,
            "other_employer": make_user("employer")}


def _fill_employers(path: str, relation: str, world) -> str:
    people = world["employers"]
    side = "own" if relation in ("own", "-") else "other"
    if path.startswith("/api/v1/talent-pool/"):
        return path.format(id=people[f"{side}_talent"].public_id)
    return path.format(id=people[f"{side}_employer"].public_id)


def _mentoring_value(value, role: str, world):
    things, users = world["mentoring"], world["users"]
    if isinstance(value, list):
        return [_mentoring_value(item, role, world) for item in value]
    partner = users["mentor"] if role == "talent" else users["talent"]
    replacements = {
        "{own_talent}": lambda: str(users["talent"].public_id),
        "{free_mentor}": lambda: str(things["free_mentor"].public_id),
        "{own_match}": lambda: str(things["own"]["match"].public_id),
        "{partner}": lambda: str(partner.public_id),
        "{tomorrow}": lambda: things["tomorrow"].isoformat(),
        "{tomorrow_later}": lambda: (things["tomorrow"] + timedelta(hours=1)).isoformat(),
    }
    return replacements[value]() if isinstance(value, str) and value in replacements else value


def _pages(request):
    """Only for the page routes: seeding the tree through wagtail-localize takes a moment."""
    tree = request.getfixturevalue("page_tree")
    draft = tree["roadmap/orientation"]["nl"]
    draft.title = "Concept"
    draft.save_revision()
    token = draft.create_page_preview().token
    return {
        "own": tree["roadmap"]["ar"],
        "other": _unpublished(tree["sectors/ict"]["nl"]),
        "preview_tokens": {"own": token, "other": f"id={draft.pk}:forged:signature"},
    }


def _unpublished(page):
    page.unpublish()
    return page


def _fill(path: str, relation: str, role: str, world) -> str:
    relation = "own" if relation == "-" else relation
    organisation = world["organisations"][relation]
    if role == "pending_organisation" and relation == "own":
        organisation = world["organisations"]["pending"]
    pending_user = world["users"]["pending_organisation"]
    if "/posts/" in path:
        return _fill_posts(path, relation, role, world)
    if path.startswith(MENTORING_ROUTES):
        return _fill_mentoring(path, relation, world)
    if path.startswith(EMPLOYER_ROUTES):
        return _fill_employers(path, relation, world)
    return path.format(
        purpose="newsletter",
        slug=world["projects"][relation].slug if "/projects/" in path else
        "ict" if "/sectors/" in path else organisation.slug,
        id=world["pages"][relation].pk if "/pages/" in path else world["memberships"][relation].pk,
        plugin_id="alpha",
        public_id=pending_user.public_id,
    )


def _fill_posts(path: str, relation: str, role: str, world) -> str:
    posts = world["posts"]
    post = posts["own"].get(role, posts["other"]) if relation == "own" else posts["other"]
    suggestion = posts["suggestions"]["own" if relation == "own" else "other"]
    return path.format(id=post.public_id, suggestion_id=suggestion.public_id, token=posts["token"])


@pytest.mark.parametrize(("method", "path", "relation", "role"), CASES)
def test_permission_matrix(method, path, relation, role, world, client_for):
    expected = expected_statuses(MATRIX[(method, path)][relation], role)
    client = client_for(world["users"].get(role))
    url = _fill(path, relation, role, world)
    kind = UPLOADS.get((method, path))
    if kind:
        content = pdf_bytes() if kind == "pdf" else png_bytes()
        data = encode_multipart(BOUNDARY, {"file": upload(f"file.{kind}", content)})
        answer = getattr(client, method)(url, data=data, content_type=MULTIPART_CONTENT)
    else:
        body = dict(BODIES.get((method, path), {}))
        for key, value in body.items():
            if value == "{own_organisation}":
                body[key] = world["organisations"]["own"].slug
            if value == "{preview_token}":
                body[key] = world["pages"]["preview_tokens"][relation]
            if value == "{connected_talent}":
                talent = world["posts"]["connected" if relation == "own" else "stranger"]
                body[key] = str(talent.public_id)
            if path.startswith(MENTORING_ROUTES):
                body[key] = _mentoring_value(value, role, world)
        answer = getattr(client, method)(url, body, format="json")
    assert answer.status_code in expected, (
        f"{method.upper()} {url} as {role} ({relation}): {answer.status_code}, "
        f"expected {expected}: {getattr(answer, 'content', b'')[:300]}"
    )
    if answer.status_code >= 400:
        error = answer.json()["error"]
        assert error["code"] and error["message"]
