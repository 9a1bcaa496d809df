"""The journey routes × roles × relation, in the shape of ``tests/permission_matrix.py``.

"own": the acting talent's own roadmap and outcome, and for everyone else the talent the mentor
is connected with (who agreed that their organisation and mentor record outcomes); "other":
somebody else's (another talent with their own connected mentor, who did not agree). The
employer, other talents and unconnected mentors never see a talent's journey.
"""

from __future__ import annotations

import pytest

from cms.plugins.testing import ADMIN_WITHOUT_SECOND_FACTOR, without_second_factor

ROLES = ("anonymous", "talent", "mentor", "organisation", "employer", "admin", "pending_organisation")
VDAB = "11111111-1111-4111-8111-111111111111"


def row(*statuses):
    return dict(zip(ROLES, statuses, strict=True))


TALENT_ONLY = row(401, 200, 403, 403, 403, 403, 403)
TALENT_CREATES = row(401, 201, 403, 403, 403, 403, 403)
TALENT_DELETES = row(401, 204, 403, 403, 403, 403, 403)
OTHER_TALENTS = row(401, 404, 403, 403, 403, 403, 403)
OWN_THING = {"own": TALENT_ONLY, "other": OTHER_TALENTS}
ROADMAP_READERS = row(401, 200, 200, 404, 404, 200, 404)  # the talent, the connected mentor, admins
ADMIN_READS = row(401, 404, 404, 404, 404, 200, 404)

JOURNEY_MATRIX = {
    ("get", "/api/v1/journey/roadmap/"): {"-": TALENT_ONLY},
    ("put", "/api/v1/journey/roadmap/steps/{step}/"): {"-": TALENT_ONLY},
    ("put", "/api/v1/journey/roadmap/items/{item_id}/"): {"-": TALENT_ONLY},
    ("delete", "/api/v1/journey/roadmap/items/{item_id}/"): {"-": TALENT_ONLY},
    ("get", "/api/v1/journey/outcomes/"): {"-": TALENT_ONLY},
    ("post", "/api/v1/journey/outcomes/"): {"-": TALENT_CREATES},
    ("get", "/api/v1/journey/outcomes/{id}/"): OWN_THING,
    ("patch", "/api/v1/journey/outcomes/{id}/"): OWN_THING,
    ("delete", "/api/v1/journey/outcomes/{id}/"): {"own": TALENT_DELETES, "other": OTHER_TALENTS},
    ("get", "/api/v1/journey/talents/{talent_public_id}/roadmap/"): {
        "own": ROADMAP_READERS,
        "other": ADMIN_READS,
    },
    # the talent and admins read the roadmap but only the connected mentor adds notes (403 mentor_only)
    ("post", "/api/v1/journey/talents/{talent_public_id}/roadmap/steps/{step}/notes/"): {
        "own": row(401, 403, 201, 404, 404, 403, 404),
        "other": row(401, 404, 404, 404, 404, 403, 404),
    },
    # the mentor with the talent's consent; admins follow every talent but do not hold the capability
    # by default (403 capability_missing); without consent: 403 consent_required
    ("get", "/api/v1/journey/talents/{talent_public_id}/outcomes/"): {
        "own": row(401, 404, 200, 404, 404, 403, 404),
        "other": row(401, 404, 404, 404, 404, 403, 404),
    },
    ("post", "/api/v1/journey/talents/{talent_public_id}/outcomes/"): {
        "own": row(401, 404, 201, 404, 404, 403, 404),
        "other": row(401, 404, 404, 404, 404, 403, 404),
    },
    # programme figures: organisation staff (their projects) and admins (journey.view_impact);
    # a pending organisation holds no capability yet
    ("get", "/api/v1/impact/"): {"-": row(401, 403, 403, 200, 403, 200, 403)},
}

OUTCOME = {"kind": "job", "date": "2026-10-01", "sector": "ict", "contract": "permanent", "level": "at"}
JOURNEY_BODIES = {
    ("put", "/api/v1/journey/roadmap/steps/{step}/"): {"status": "working_on_it"},
    ("post", "/api/v1/journey/outcomes/"): OUTCOME,
    ("patch", "/api/v1/journey/outcomes/{id}/"): {"level": "above"},
    ("post", "/api/v1/journey/talents/{talent_public_id}/roadmap/steps/{step}/notes/"): {
        "body": "Call VDAB."
    },
    ("post", "/api/v1/journey/talents/{talent_public_id}/outcomes/"): OUTCOME,
}

CASES = [
    (method, path, relation, role)
    for (method, path), relations in JOURNEY_MATRIX.items()
    for relation in relations
    for role in (*ROLES, ADMIN_WITHOUT_SECOND_FACTOR)
]


@pytest.fixture
def world(people, consent):
    from django.utils import timezone

    from cms.connections.actions import open_connection
    from cms.organisations.models import Project
    from plugins.journey import actions

    talent, other_talent = people["talent"], people["other_talent"]
    open_connection(
        "talent_mentor",
        project=Project.default(),
        talent=other_talent,
        mentor=people["other_mentor"],
        activate=True,
    )
    consent(talent, "outcome_recording")
    today = timezone.localdate()
    return {
        "own": actions.record_outcome(talent, by=talent, kind="study", date=today),
        "other": actions.record_outcome(other_talent, by=other_talent, kind="study", date=today),
    }


@pytest.mark.parametrize(("method", "path", "relation", "role"), CASES)
def test_journey_matrix(method, path, relation, role, people, world, client_for, make_user):
    statuses = JOURNEY_MATRIX[(method, path)][relation]
    if role == ADMIN_WITHOUT_SECOND_FACTOR:  # derived from the row: refused where powers count
        expected, actor = without_second_factor(statuses), make_user("admin")
    else:
        expected, actor = (statuses[role],), people.get(role) if role != "anonymous" else None
    relation = "own" if relation == "-" else relation
    talent = people["talent"] if relation == "own" else people["other_talent"]
    url = path.format(step=1, item_id=VDAB, talent_public_id=talent.public_id, id=world[relation].public_id)
    answer = getattr(client_for(actor), method)(url, JOURNEY_BODIES.get((method, path), {}), format="json")
    assert answer.status_code in expected, (
        f"{method.upper()} {url} as {role} ({relation}): {answer.status_code}, expected {expected}: "
        f"{answer.content[:300]}"
    )
    if answer.status_code >= 400:
        error = answer.json()["error"]
        assert error["code"] and error["message"]


def test_the_matrix_covers_every_journey_route(db):
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    routes = {
        (method, path)
        for path, operations in schema["paths"].items()
        if path.startswith("/api/v1/journey/") or path == "/api/v1/impact/"
        for method in operations
        if method in ("get", "post", "put", "patch", "delete")
    }
    assert routes == set(JOURNEY_MATRIX)
