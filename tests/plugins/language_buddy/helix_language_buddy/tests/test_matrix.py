"""The plugin's routes × roles × relation, in the shape of Helix's ``tests/permission_matrix.py``,
which counts them through the name ``LANGUAGE_BUDDY_MATRIX`` (``<PLUGIN_ID>_MATRIX``).

"own": the request between the talent and the mentor in the project of the acting organisation,
still proposed; "other": a request between two other people in another organisation's project.
"""

from __future__ import annotations

import pytest

from cms.plugins.testing import ADMIN_WITHOUT_SECOND_FACTOR, without_second_factor

ROLES = ("anonymous", "talent", "mentor", "organisation", "employer", "admin", "pending_organisation")


def row(*statuses):
    return dict(zip(ROLES, statuses, strict=True))


ADMIN_SEES = row(401, 404, 404, 404, 404, 200, 404)
OTHERS_NOT_FOUND = row(401, 404, 404, 404, 404, 403, 404)  # admins see it, but are no side

LANGUAGE_BUDDY_MATRIX = {
    ("get", "/api/v1/language-buddies/"): {"-": row(401, 200, 200, 200, 200, 200, 200)},
    ("post", "/api/v1/language-buddies/"): {"-": row(401, 201, 403, 403, 403, 403, 403)},
    ("get", "/api/v1/language-buddies/{id}/"): {
        "own": row(401, 200, 200, 200, 404, 200, 404),
        "other": ADMIN_SEES,
    },
    ("post", "/api/v1/language-buddies/{id}/accept/"): {
        "own": row(401, 403, 200, 403, 404, 403, 404),
        "other": OTHERS_NOT_FOUND,
    },
    ("post", "/api/v1/language-buddies/{id}/practice/"): {  # still proposed: 409 for its sides
        "own": row(401, 409, 409, 403, 404, 403, 404),
        "other": OTHERS_NOT_FOUND,
    },
    ("post", "/api/v1/language-buddies/{id}/close/"): {
        "own": row(401, 200, 200, 403, 404, 403, 404),
        "other": OTHERS_NOT_FOUND,
    },
}
BODIES = {
    ("post", "/api/v1/language-buddies/"): {"mentor": "{free_mentor}", "language": "nl"},
    ("post", "/api/v1/language-buddies/{id}/practice/"): {"minutes": 30},
    ("post", "/api/v1/language-buddies/{id}/close/"): {"reason": "We stop here."},
}
CASES = [
    (method, path, relation, role)
    for (method, path), relations in LANGUAGE_BUDDY_MATRIX.items()
    for relation in relations
    for role in (*ROLES, ADMIN_WITHOUT_SECOND_FACTOR)
]


@pytest.fixture
def world(make_user):
    from cms.organisations.actions import create_project, set_plugin_activation
    from cms.organisations.models import Organisation
    from helix_language_buddy.actions import ask_buddy

    users = {role: make_user(role) for role in ("talent", "mentor", "organisation", "employer")}
    users["admin"] = make_user("admin", mfa=True)
    users["pending_organisation"] = make_user("organisation", approved=False)
    users[ADMIN_WITHOUT_SECOND_FACTOR] = make_user("admin")
    other_staff = make_user("organisation")
    projects = {}
    for relation, staff in (("own", users["organisation"]), ("other", other_staff)):
        projects[relation] = create_project(Organisation.objects.get(staff=staff), by=staff, name=relation)
        set_plugin_activation(projects[relation], "language_buddy", enabled=True)
    buddies = {
        "own": ask_buddy(users["talent"], users["mentor"], project=projects["own"], language="nl"),
        "other": ask_buddy(
            make_user("talent"), make_user("mentor"), project=projects["other"], language="fr"
        ),
    }
    return {
        "users": users,
        "project": projects["own"],
        "buddies": buddies,
        "free_mentor": make_user("mentor"),
    }


@pytest.mark.parametrize(("method", "path", "relation", "role"), CASES)
def test_language_buddy_matrix(method, path, relation, role, world, client_for):
    statuses = LANGUAGE_BUDDY_MATRIX[(method, path)][relation]
    # the password-only admin's status is derived from the row: refused where powers count
    expected = without_second_factor(statuses) if role == ADMIN_WITHOUT_SECOND_FACTOR else (statuses[role],)
    client = client_for(world["users"].get(role))
    buddy = world["buddies"]["own" if relation == "-" else relation]
    url = path.format(id=buddy.connection.public_id)
    body = {
        k: str(world["free_mentor"].public_id) if v == "{free_mentor}" else v
        for k, v in BODIES.get((method, path), {}).items()
    }
    answer = getattr(client, method)(url, body, format="json", HTTP_X_HELIX_PROJECT=world["project"].slug)
    assert answer.status_code in expected, (
        f"{method.upper()} {url} as {role} ({relation}): {answer.status_code}, expected {expected}: "
        f"{answer.content[:300]}"
    )
    if answer.status_code >= 400:
        error = answer.json()["error"]
        assert error["code"] and error["message"]


def test_the_matrix_covers_every_route_of_the_plugin(db):
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    routes = {
        (method, path)
        for path, operations in schema["paths"].items()
        if path.startswith("/api/v1/language-buddies/")
        for method in operations
        if method in ("get", "post", "put", "patch", "delete")
    }
    assert routes == set(LANGUAGE_BUDDY_MATRIX)
