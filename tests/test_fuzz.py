"""Property-based run of the whole API (schemathesis) for each role: no answer is a 5xx, and every
answer is one the committed contract allows (status, content type, body).

Requests go through Django's real WSGI application in this process, signed in the way the app does
(allauth's headless login and ``X-Session-Token``; the admin with her second factor). Each case runs
in a savepoint that is rolled back, so every case meets the same small world: a programme (its
organisation, staff, talent and mentor), an employer, an admin, a post and a talent–mentor match,
whose ids the cases use beside random ones.

It runs in CI's services leg (PostgreSQL) only, once, with ``FUZZ_EXAMPLES`` cases per role (default
100); ``make fuzz`` runs many more on whatever database ``DATABASE_URL`` names.
"""

from __future__ import annotations

import os
from collections import Counter

import pytest

from api.contract import CONTRACT

pytestmark = [
    pytest.mark.fuzz,
    pytest.mark.skipif(
        os.environ.get("HELIX_FUZZ") != "1" and os.environ.get("HELIX_TEST_SERVICES") != "1",
        reason="the fuzz runs in the services leg (HELIX_TEST_SERVICES=1) or with `make fuzz`",
    ),
]

ROLES = ["anonymous", "talent", "mentor", "organisation", "employer", "admin"]
PASSWORD = "Fuzz-Passw0rd-2026"
APP = "/_allauth/app/v1"


def examples() -> int:
    return int(os.environ.get("FUZZ_EXAMPLES", "100"))


@pytest.fixture(scope="module")
def schema():
    import schemathesis

    return schemathesis.openapi.from_path(str(CONTRACT))


@pytest.fixture
def wsgi():
    """Django's WSGI application, keeping the test's database connection (as the test client does:
    a request's end must not close the connection the test's transaction lives in)."""
    from django.core import signals
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections

    def keep_connection():
        # Django's test client connects these again after each of its requests (the sign-in).
        signals.request_started.disconnect(close_old_connections)
        signals.request_finished.disconnect(close_old_connections)

    try:
        yield get_wsgi_application(), keep_connection
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture
def world(programme, make_user):
    """The people of every role and a few things they can reach; ids to use in paths."""
    from cms.connections.actions import open_connection
    from plugins.posts.actions import create_post

    people = {
        "talent": programme["talent"],
        "mentor": programme["mentor"],
        "organisation": programme["staff"],
        "employer": make_user("employer"),
        "admin": make_user("admin", mfa=True),
    }
    for user in people.values():
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
    author = type(programme["mentor"]).objects.get(pk=programme["mentor"].pk)  # permissions afresh
    post = create_post(
        author,
        {"type": "study", "locale": "en", "title": "A course", "summary": "A course in Ghent.",
         "link": "https://www.vdab.be"},
    )
    match = open_connection(
        "talent_mentor", project=programme["project"], talent=programme["talent"],
        mentor=programme["mentor"], by=programme["staff"], activate=True,
    )
    ids = {
        "id": [str(post.public_id), str(match.public_id)],
        "public_id": [str(programme["talent"].public_id), str(programme["mentor"].public_id)],
        "talent_public_id": [str(programme["talent"].public_id)],
        "slug": [programme["organisation"].slug, programme["project"].slug, "ict"],
        "plugin_id": ["posts", "mentoring"],
    }
    return {"people": people, "ids": ids}


def _sign_in(user) -> str:
    """A session token the way the app gets one: allauth's login, then the second factor if asked."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
    from allauth.mfa.utils import decrypt
    from django.test import Client

    client = Client()
    answer = client.post(f"{APP}/auth/login", {"email": user.email, "password": PASSWORD},
                         content_type="application/json")
    token = answer.json()["meta"]["session_token"]
    if answer.status_code == 401:  # the second factor is pending
        secret = decrypt(Authenticator.objects.get(user=user).data["secret"])
        counters = list(yield_hotp_counters_from_time())
        code = format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))
        answer = client.post(f"{APP}/auth/2fa/authenticate", {"code": code},
                             content_type="application/json", HTTP_X_SESSION_TOKEN=token)
    assert answer.status_code == 200, answer.content
    return answer.json()["meta"].get("session_token", token)


def _with_known_ids(schema, ids):
    """Path parameters are sometimes an id of the world (so that answers other than 404 are met)."""
    from hypothesis import strategies as st

    @schema.hook
    def flatmap_path_parameters(context, parameters):
        known = {name: values for name, values in ids.items() if name in (parameters or {})}
        if not known:
            return st.just(parameters)
        return st.fixed_dictionaries(
            {name: st.sampled_from([value, *known.get(name, [])]) for name, value in parameters.items()}
        )


@pytest.mark.parametrize("role", ROLES)
def test_the_api_answers_every_role_within_its_contract(role, schema, wsgi, world):
    from django.db import transaction
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import strategies as st
    from schemathesis import GenerationMode
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    schema.app, keep_connection = wsgi
    _with_known_ids(schema, world["ids"])
    headers = {"Accept-Language": "en"}
    if role != "anonymous":
        headers["X-Session-Token"] = _sign_in(world["people"][role])
    checks = [not_a_server_error, status_code_conformance, content_type_conformance,
              response_schema_conformance]
    failures: dict[str, str] = {}
    counted = Counter()

    # CI runs the same cases every time (derandomized); `make fuzz` explores new ones.
    @settings(max_examples=examples(), deadline=None, database=None,
              derandomize=os.environ.get("HELIX_FUZZ") != "1",
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    @given(case=st.one_of(schema.as_strategy(GenerationMode.POSITIVE),
                          schema.as_strategy(GenerationMode.NEGATIVE)))
    def run(case):
        counted["cases"] += 1
        # Each case from the same world; a different client address each time, so that the
        # anonymous rate limit does not answer every later case with 429.
        case.headers = {**(case.headers or {}), **headers}
        keep_connection()
        point = transaction.savepoint()
        try:
            n = counted["cases"]
            address = f"127.0.{n // 250}.{n % 250 + 1}"
            response = case.call(headers=headers, environ_base={"REMOTE_ADDR": address})
            try:
                case.validate_response(response, checks=checks, headers=headers)
            except (AssertionError, BaseExceptionGroup) as error:  # each failure is reported below
                key = f"{case.operation.label} -> {response.status_code}"
                failures.setdefault(key, f"{key}\n{error}\n{case.as_curl_command(headers=headers)}")
        finally:
            transaction.savepoint_rollback(point)

    run()
    print(f"fuzz: {role}: {counted['cases']} cases, {len(failures)} distinct failures")
    assert not failures, "\n\n".join(failures.values())
