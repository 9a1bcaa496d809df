"""Fixtures for testing Helix and its plugins (a pytest plugin: ``pytest11``).

A partner's plugin gets them by installing Helix: ``make_user``, ``api``,
``client_for``, ``jobs`` (a real dramatiq worker on the configured broker),
``background_tasks`` (Wagtail's queued background work, run in the test) and ``mailbox``.
"""

from __future__ import annotations

import os
import time
import warnings
from datetime import timedelta

import pytest
from django.utils import timezone


def _services_wanted() -> bool:
    return os.environ.get("HELIX_TEST_SERVICES") == "1"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """In CI's services run a skipped test is a failure: nothing may hide."""
    outcome = yield
    report = outcome.get_result()
    if report.skipped and _services_wanted() and os.environ.get("CI"):
        report.outcome = "failed"
        report.longrepr = f"Skipped in the CI services run, which is not allowed: {report.longrepr}"


# --- the contract: every answer a test client receives is checked against it ----------------


def _exchange(environ, response):
    """The request (from the WSGI environ the test client built) and the answer, for api.contract."""
    from api.contract import Exchange

    payload = environ.get("wsgi.input")
    body = getattr(payload, "_FakePayload__content", None)
    request = response.wsgi_request
    if response.streaming:
        # Read once and handed back, so the test still reads the same bytes.
        content = b"".join(response.streaming_content)
        response.streaming_content = [content]
    else:
        content = response.content
    return Exchange(
        method=environ["REQUEST_METHOD"],
        path=request.path,
        query=environ.get("QUERY_STRING", ""),
        content_type=environ.get("CONTENT_TYPE", ""),
        body=body.getvalue() if body is not None else b"",
        headers=dict(request.headers),
        cookies=dict(request.COOKIES),
        status=response.status_code,
        response_content_type=response.get("Content-Type", ""),
        response_body=content,
        response_headers=dict(response.headers),
    )


@pytest.fixture(scope="session", autouse=True)
def _answers_checked_against_the_contract():
    """Each ``/api/v1/`` answer a test client receives must be one ``frontend-contract/openapi.yaml``
    allows for its operation (status, content type, body; request bodies of accepted requests too);
    otherwise the test that asked fails with what differs. See ``api.contract``."""
    from django.test.client import ClientHandler

    from api.contract import PREFIX, contract_violations, report

    handle = ClientHandler.__call__

    def checked(self, environ):
        response = handle(self, environ)
        if environ.get("PATH_INFO", "").startswith(PREFIX):
            exchange = _exchange(environ, response)
            problems = contract_violations(exchange)
            if problems:
                message = report(exchange, problems)
                # HELIX_CONTRACT_STRICT=0 turns failures into warnings, to list them all at once.
                if os.environ.get("HELIX_CONTRACT_STRICT", "1") != "0":
                    raise AssertionError(message)
                warnings.warn(message, stacklevel=2)
        return response

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ClientHandler, "__call__", checked)
        yield


# --- permission matrices: the admin without a second factor ------------------------------

#: The actor every permission matrix (Helix's and a plugin's) adds to its roles: a user with the
#: admin role who has not set up TOTP. It is derived from each row, not written in it.
ADMIN_WITHOUT_SECOND_FACTOR = "admin_without_second_factor"
#: What a signed-in account without powers gets on somebody else's things.
REFUSED = (403, 404)
_ACCOUNTS = ("talent", "mentor", "organisation", "employer")


def without_second_factor(statuses: dict) -> tuple[int, ...]:
    """The statuses a password-only admin may get on a matrix row (``{role: status}``).

    Where every approved account gets the admin's answer (the route treats all accounts
    alike: their own profile, the public lists), so does she; anywhere the admin's answer
    differs, it comes from powers or relations she does not have, and she is refused (403 or
    404, or the 400 another account gets for naming a thing it cannot see).
    """
    if all(statuses[role] == statuses["admin"] for role in _ACCOUNTS):
        return (statuses["admin"],)
    # refused as any account without powers is on this row: 403, 404, or the 400 of a form
    # that names a thing she cannot see
    failures = {
        status for role, status in statuses.items() if role != "anonymous" and status in (400, 403, 404)
    }
    return tuple(sorted({*REFUSED, *failures}))


@pytest.fixture
def make_user(db):
    """``make_user("talent", approved=True, mfa=False, **fields)`` → a ready user."""
    from allauth.account.models import EmailAddress

    from cms.accounts import actions
    from cms.accounts.models import ApprovalStatus, Role, User

    counter = {"n": 0}

    def make(role: str = "talent", *, approved: bool = True, mfa: bool = False,
             email: str | None = None, password: str = "a-Long-test-passw0rd", **fields):
        counter["n"] += 1
        email = email or f"{role}{counter['n']}-{time.monotonic_ns()}@example.org"
        user = User.objects.create_user(email, password, **fields)
        if role == Role.ADMIN:
            actions.set_role(user, Role.ADMIN)
        else:
            actions.complete_signup(
                user, role=role, first_name=fields.get("first_name", role.title()),
                last_name="Tester", organisation_name=f"Org {counter['n']}",
            )
            if approved and user.approval_status != ApprovalStatus.APPROVED:
                User.objects.filter(pk=user.pk).update(approval_status=ApprovalStatus.APPROVED)
                from cms.organisations.models import Organisation

                Organisation.objects.filter(staff=user).update(status=ApprovalStatus.APPROVED)
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        if mfa:
            from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

            TOTP.activate(user, generate_totp_secret())
        user.refresh_from_db()
        return user

    return make


@pytest.fixture
def api():
    """An anonymous DRF test client."""
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture
def client_for():
    """``client_for(user)`` → a DRF client authenticated as ``user``."""
    from rest_framework.test import APIClient

    def make(user, language: str = "en"):
        client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
        if user is not None:
            client.force_authenticate(user)
        return client

    return make


@pytest.fixture
def mailbox(settings):
    """The messages sent so far (Django's locmem backend)."""
    from django.core import mail

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    return mail.outbox


class JobRunner:
    """Runs a real dramatiq worker on the configured broker and waits for quiet."""

    def __init__(self, broker, worker):
        self.broker = broker
        self.worker = worker

    def wait(self, timeout: float = 30.0) -> None:
        """Block until every queue (and its delay queue) is empty and idle."""
        deadline = time.monotonic() + timeout
        queues = [q for q in self.broker.get_declared_queues()]
        while True:
            for queue in queues:
                kwargs = {"timeout": int(max(1, deadline - time.monotonic()) * 1000)}
                if type(self.broker).__name__ == "StubBroker":
                    kwargs["fail_fast"] = False
                self.broker.join(queue, **kwargs)
            self.worker.join()
            if not self._busy() or time.monotonic() > deadline:
                return
            time.sleep(0.05)

    def _busy(self) -> bool:
        """Messages still queued, or dispatched outbox rows not yet done.

        A broker's queue can look empty while a consumer thread holds a message
        it has not handed to the workers yet; the outbox table cannot be fooled.
        """
        from cms.outbox.models import OutboxMessage

        if type(self.broker).__name__ == "StubBroker":
            if any(q.qsize() for q in self.broker.queues.values()):
                return True
        return OutboxMessage.objects.filter(
            done_at=None, failed_at=None, dispatched_at__isnull=False
        ).exists()


def run_background_tasks() -> int:
    """Run Wagtail's queued background work (search and reference index, wagtail-localize's jobs)
    here, as a worker would, until none is left; returns how many ran.

    For tests inside one transaction (``db``), where nothing is dispatched because nothing
    commits, and for seeding before a test session. ``jobs`` runs them on a real worker instead.
    """
    import dramatiq

    from cms.jobs.backend import TASK_ACTOR
    from cms.outbox.models import OutboxMessage

    run = dramatiq.get_broker().get_actor(TASK_ACTOR).fn
    ran = 0
    while True:
        pending = OutboxMessage.objects.filter(actor_name=TASK_ACTOR, done_at=None, failed_at=None)
        ids = list(pending.order_by("created_at").values_list("pk", flat=True)[:200])
        if not ids:
            return ran
        for pk in ids:  # a task may queue more (a translated page is indexed in turn)
            run(str(pk))
        ran += len(ids)


@pytest.fixture
def background_tasks(db):
    """``background_tasks()`` runs Wagtail's queued background work now (see
    :func:`run_background_tasks`) and returns how many tasks ran."""
    return run_background_tasks


@pytest.fixture
def jobs(django_db_serialized_rollback, transactional_db):
    """A dramatiq worker on the configured broker (in-process, RabbitMQ or Redis),
    with retries shortened to milliseconds."""
    import dramatiq
    from dramatiq import Worker

    from cms.outbox.api import dispatch_many
    from cms.outbox.models import OutboxMessage

    broker = dramatiq.get_broker()
    broker.flush_all()
    # The messages of rows that fixtures set up before this one had already dispatched were just
    # flushed: send them again, as the outbox's sweep would (later), or waiting for quiet would
    # wait for them until its deadline.
    dispatch_many(
        OutboxMessage.objects.filter(done_at=None, failed_at=None, dispatched_at__isnull=False).values_list(
            "pk", flat=True
        )
    )
    saved = {}
    for name, actor in broker.actors.items():
        saved[name] = dict(actor.options)
        actor.options["min_backoff"] = 20
        actor.options["max_backoff"] = 200
    worker = Worker(broker, worker_timeout=50, worker_threads=2)
    worker.start()
    try:
        yield JobRunner(broker, worker)
    finally:
        worker.stop()
        broker.flush_all()
        for name, options in saved.items():
            broker.actors[name].options.clear()
            broker.actors[name].options.update(options)


# --- a programme: an organisation, its project and two members -----------------------------


@pytest.fixture
def programme(make_user):
    """An approved mentoring organisation, its staff member, a project, and a talent and a mentor
    who are active members of it (Dutch-speaking mentor, Arabic-speaking talent)."""
    from cms.accounts.models import MentorProfile, TalentProfile
    from cms.organisations.actions import create_project
    from cms.organisations.models import Organisation, ProjectMembership
    from cms.sectors.models import Sector

    staff = make_user("organisation", preferred_language="en")
    organisation = Organisation.objects.get(staff=staff)
    project = create_project(organisation, by=staff, name="Mentoring to work")
    talent = make_user("talent", first_name="Amal", preferred_language="ar")
    mentor = make_user("mentor", first_name="Pieter", preferred_language="nl")
    # The signup sets the language of the request; these two chose theirs.
    talent.__class__.objects.filter(pk=talent.pk).update(preferred_language="ar")
    mentor.__class__.objects.filter(pk=mentor.pk).update(preferred_language="nl")
    talent.refresh_from_db()
    mentor.refresh_from_db()
    for user in (talent, mentor):
        ProjectMembership.objects.create(project=project, user=user, status=ProjectMembership.Status.ACTIVE)
    ict = Sector.source_rows().get(slug="ict")
    profile, _created = TalentProfile.objects.get_or_create(user=talent)
    profile.languages = [{"language": "ar", "level": "native"}, {"language": "nl", "level": "B1"}]
    profile.career_objective = "A job as a data analyst."
    profile.save()
    profile.sectors.set([ict])
    mprofile, _created = MentorProfile.objects.get_or_create(user=mentor)
    mprofile.languages = [{"language": "nl", "level": "native"}]
    mprofile.max_mentees = 2
    mprofile.save()
    mprofile.sectors.set([ict])
    return {
        "staff": staff,
        "organisation": organisation,
        "project": project,
        "talent": talent,
        "mentor": mentor,
    }


@pytest.fixture
def later():
    def at(days: float = 0, hours: float = 0):
        return (timezone.now() + timedelta(days=days, hours=hours)).replace(microsecond=0)

    return at


@pytest.fixture
def sent(mailbox):
    """Run the outbox rows written so far (the e-mails) and return the mailbox."""
    from cms.outbox.models import OutboxMessage

    def run():
        from cms.outbox.mail import deliver

        for row in OutboxMessage.objects.filter(done_at=None, actor_name="mail.send").order_by("pk"):
            deliver(row.payload)
            OutboxMessage.objects.filter(pk=row.pk).update(done_at=timezone.now())
        return mailbox

    return run
