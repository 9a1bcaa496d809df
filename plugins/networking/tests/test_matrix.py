"""The networking routes × roles × relation, in the shape of ``tests/permission_matrix.py``.

"own": the acting talent's own plan (its goal, milestone, contact), and for everyone else the
plan of the talent the mentor is connected with; "other": somebody else's (another talent, with
their own connected mentor). The employer is connected to the talent through a connection that
lets them see the profile and the CV, and still sees nothing of the plan.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from cms.plugins.testing import ADMIN_WITHOUT_SECOND_FACTOR, without_second_factor

ROLES = ("anonymous", "talent", "mentor", "organisation", "employer", "admin", "pending_organisation")


def row(*statuses):
    return dict(zip(ROLES, statuses, strict=True))


TALENT_ONLY = row(401, 200, 403, 403, 403, 403, 403)
TALENT_CREATES = row(401, 201, 403, 403, 403, 403, 403)
TALENT_DELETES = row(401, 204, 403, 403, 403, 403, 403)
OTHER_TALENTS = row(401, 404, 403, 403, 403, 403, 403)
PLAN_READERS = row(401, 200, 200, 404, 404, 200, 404)  # the talent, the connected mentor, admins
ADMIN_READS = row(401, 404, 404, 404, 404, 200, 404)
OWN_THING = {"own": TALENT_ONLY, "other": OTHER_TALENTS}

NETWORKING_MATRIX = {
    ("get", "/api/v1/networking/plan/"): {"-": TALENT_ONLY},
    ("put", "/api/v1/networking/plan/"): {"-": TALENT_ONLY},
    ("get", "/api/v1/networking/plan/comments/"): {"-": TALENT_ONLY},
    ("put", "/api/v1/networking/plan/steps/{step}/"): {"-": TALENT_ONLY},
    **{
        route: rows
        for part in ("goals", "milestones", "contacts")
        for route, rows in {
            ("get", f"/api/v1/networking/plan/{part}/"): {"-": TALENT_ONLY},
            ("post", f"/api/v1/networking/plan/{part}/"): {"-": TALENT_CREATES},
            ("get", f"/api/v1/networking/plan/{part}/{{id}}/"): OWN_THING,
            ("patch", f"/api/v1/networking/plan/{part}/{{id}}/"): OWN_THING,
            ("delete", f"/api/v1/networking/plan/{part}/{{id}}/"): {
                "own": TALENT_DELETES,
                "other": OTHER_TALENTS,
            },
        }.items()
    },
    ("get", "/api/v1/networking/plans/{talent_public_id}/"): {"own": PLAN_READERS, "other": ADMIN_READS},
    # the talent and admins read the plan but only the connected mentor comments (403 mentor_only)
    ("post", "/api/v1/networking/plans/{talent_public_id}/comments/"): {
        "own": row(401, 403, 201, 404, 404, 403, 404),
        "other": row(401, 404, 404, 404, 404, 403, 404),
    },
}

NETWORKING_BODIES = {
    ("put", "/api/v1/networking/plan/"): {
        "interests": ["Sustainable construction"],
        "strengths": ["Structural calculations"],
        "contact_kinds": ["Site engineers"],
    },
    ("put", "/api/v1/networking/plan/steps/{step}/"): {"status": "done"},
    ("post", "/api/v1/networking/plan/goals/"): {
        "term": "short",
        "description": "Meet three site engineers",
        "measurable_target": "Three conversations",
        "target_date": "{next_month}",
    },
    ("patch", "/api/v1/networking/plan/goals/{id}/"): {"done": True},
    ("post", "/api/v1/networking/plan/milestones/"): {
        "title": "Update my LinkedIn profile",
        "due_date": "{next_month}",
    },
    ("patch", "/api/v1/networking/plan/milestones/{id}/"): {"done": True},
    ("post", "/api/v1/networking/plan/contacts/"): {
        "name": "Lotte Vermeulen",
        "organisation": "Flanders Construct",
        "tie": "weak",
        "next_follow_up": "{next_month}",
    },
    ("patch", "/api/v1/networking/plan/contacts/{id}/"): {"tie": "strong"},
    ("post", "/api/v1/networking/plans/{talent_public_id}/comments/"): {"body": "Prepare a pitch in Dutch."},
}

CASES = [
    (method, path, relation, role)
    for (method, path), relations in NETWORKING_MATRIX.items()
    for relation in relations
    for role in (*ROLES, ADMIN_WITHOUT_SECOND_FACTOR)
]


@pytest.fixture
def world(people, filled_plan, connect_employer, today):
    from cms.connections.actions import open_connection
    from cms.organisations.models import Project
    from plugins.networking import actions

    other_talent, other_mentor = people["other_talent"], people["other_mentor"]
    open_connection(
        "talent_mentor", project=Project.default(), talent=other_talent, mentor=other_mentor, activate=True
    )
    connect_employer()
    other = {
        "goal": actions.add_goal(
            other_talent, term="long", description="A job", measurable_target="A contract",
            target_date=today + timedelta(days=90),
        ),
        "milestone": actions.add_milestone(other_talent, title="Apply", due_date=today),
        "contact": actions.add_contact(other_talent, name="Jan", tie="strong"),
    }
    return {"own": filled_plan, "other": other, "next_month": (today + timedelta(days=30)).isoformat()}


def _fill(path: str, relation: str, people, world) -> str:
    relation = "own" if relation == "-" else relation
    talent = people["talent"] if relation == "own" else people["other_talent"]
    kind = next((k for k in ("goal", "milestone", "contact") if f"/{k}s/" in path), None)
    return path.format(
        step=3,
        talent_public_id=talent.public_id,
        id=world[relation][kind].public_id if kind else "",
    )


@pytest.mark.parametrize(("method", "path", "relation", "role"), CASES)
def test_networking_matrix(method, path, relation, role, people, world, client_for, make_user):
    statuses = NETWORKING_MATRIX[(method, path)][relation]
    if role == ADMIN_WITHOUT_SECOND_FACTOR:  # derived from the row: refused where powers count
        expected, actor = without_second_factor(statuses), make_user("admin")
    else:
        expected, actor = (statuses[role],), people.get(role) if role != "anonymous" else None
    client = client_for(actor)
    body = {
        key: world["next_month"] if value == "{next_month}" else value
        for key, value in NETWORKING_BODIES.get((method, path), {}).items()
    }
    url = _fill(path, relation, people, world)
    answer = getattr(client, method)(url, body, format="json")
    assert answer.status_code in expected, (
        f"{method.upper()} {url} as {role} ({relation}): {answer.status_code}, expected {expected}: "
        f"{answer.content[:300]}"
    )
    if answer.status_code >= 400:
        error = answer.json()["error"]
        assert error["code"] and error["message"]


def test_the_matrix_covers_every_networking_route(db):
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    routes = {
        (method, path)
        for path, operations in schema["paths"].items()
        if path.startswith("/api/v1/networking/")
        for method in operations
        if method in ("get", "post", "put", "patch", "delete")
    }
    assert routes == set(NETWORKING_MATRIX)
