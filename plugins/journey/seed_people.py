"""A year of generated programme history for ``seed_demo``: a few hundred demo talents and mentors
in the demo project, so that the dashboard's charts and ``/api/v1/impact/`` show real figures.

What is generated (deterministic: one seeded random generator, dates counted back from today):

* ``TALENTS`` talents and ``MENTORS`` mentors, active members of the demo project
  (``DEMO_PROJECT``, which ``seed_demo`` creates), their requests approved over the last 12
  months; names from the countries newcomers in Flanders come from (and Flemish mentors), with
  the self-declared nationality, first language and gender, most with the "demographics"
  consent;
* each talent's roadmap: the steps before the one they reached done (a few "not relevant"),
  that one "working on it", every checklist item of a done step ticked, some of the current one;
* outcomes (a job, an internship, a study, volunteer work, a start-up) for about a third of
  the talents who joined more than two months ago, dated after they joined;
* a talent–mentor connection for most talents (when an installed plugin declares that kind),
  proposed after joining and activated days or weeks later.

**Marked as demo data**: every generated account has an e-mail address under ``DEMO_DOMAIN``
(``@demo.helix.example``, a name under the reserved ``.example`` domain), no usable password
(nobody signs in as them) and lives in the demo project only. The rows are written with
``bulk_create``: no actions, so no e-mails, audit entries or outbox rows.

**Never on a real installation**: ``generate`` does nothing when ``settings.PRODUCTION`` is set,
even under ``seed_demo --force``, and only ``seed_demo`` calls it (through this plugin's
``seed_demo`` hook). **Idempotent**: when any account under ``DEMO_DOMAIN`` exists, it does
nothing; everything is written in one transaction, so a failed run leaves nothing half-done.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from cms.accounts.models import ApprovalStatus, Consent, Gender, Role, User
from cms.connections.kinds import all_kinds
from cms.connections.models import Connection
from cms.organisations.models import Project, ProjectMembership
from plugins.journey import selectors
from plugins.journey.models import ChecklistTick, Outcome, StepStatus

DEMO_DOMAIN = "demo.helix.example"
# The programme ``seed_demo`` creates for the demo organisation (cms/accounts/demo.py).
DEMO_PROJECT = "mentoring-to-work"
TALENTS = 240
MENTORS = 60
SEED = 2026
MENTORING_KIND = "talent_mentor"
READERS = ("en", "nl")  # the reading language of people whose first language Helix does not offer


@dataclass(frozen=True)
class Origin:
    """Where a generated person comes from: nationality, first language and plausible names."""

    country: str
    language: str
    women: tuple[str, ...]
    men: tuple[str, ...]
    family: tuple[str, ...]
    weight: int


TALENT_ORIGINS = (
    Origin("SY", "ar", ("Amal", "Rania", "Lina", "Hiba", "Nour", "Dima"),
           ("Omar", "Khaled", "Bassel", "Rami", "Tarek", "Firas"),
           ("Haddad", "Al-Khatib", "Nasser", "Darwish", "Kassab", "Hamdan"), 7),
    Origin("AF", "fa", ("Zahra", "Maryam", "Farzana", "Shabnam", "Mina"),
           ("Ahmad", "Hamid", "Farid", "Najib", "Sohrab"),
           ("Rahimi", "Ahmadi", "Karimi", "Noori", "Sultani"), 5),
    Origin("UA", "uk", ("Olena", "Iryna", "Oksana", "Kateryna", "Tetiana", "Yulia"),
           ("Andrii", "Dmytro", "Oleksandr", "Serhii", "Taras"),
           ("Kovalenko", "Shevchenko", "Bondarenko", "Melnyk", "Tkachenko"), 6),
    Origin("ER", "ti", ("Selam", "Helen", "Senait", "Lwam"),
           ("Dawit", "Tesfay", "Yonas", "Robel", "Filmon"),
           ("Tesfaye", "Gebremedhin", "Haile", "Berhane", "Kidane"), 4),
    Origin("IQ", "ar", ("Zainab", "Fatima", "Noor", "Sara"),
           ("Mustafa", "Ali", "Hussein", "Haider"),
           ("Al-Jubouri", "Hussein", "Kadhim", "Al-Obaidi"), 3),
    Origin("TR", "tr", ("Elif", "Zeynep", "Ayşe", "Merve"),
           ("Mehmet", "Emre", "Burak", "Can"),
           ("Yılmaz", "Demir", "Kaya", "Çelik", "Şahin"), 3),
    Origin("IR", "fa", ("Leila", "Shirin", "Parisa", "Neda"),
           ("Reza", "Ali", "Kaveh", "Babak"),
           ("Moradi", "Hosseini", "Jafari", "Tehrani"), 2),
    Origin("PS", "ar", ("Yasmin", "Huda", "Reem"),
           ("Mahmoud", "Yousef", "Samer"),
           ("Abu-Samra", "Odeh", "Barakat", "Khalil"), 2),
    Origin("SO", "so", ("Hodan", "Fadumo", "Ayaan"),
           ("Abdi", "Mohamed", "Hassan"),
           ("Osman", "Farah", "Warsame", "Abdullahi"), 2),
    Origin("VE", "es", ("María", "Valentina", "Daniela"),
           ("José", "Luis", "Andrés"),
           ("González", "Rodríguez", "Pérez", "Hernández"), 1),
)
MENTOR_ORIGINS = (
    Origin("BE", "nl", ("Lotte", "Sofie", "Els", "An", "Katrien", "Hanne"),
           ("Pieter", "Koen", "Jan", "Bart", "Wim", "Tom"),
           ("Peeters", "Janssens", "Maes", "Claes", "Willems", "Goossens", "Wouters", "De Smet"), 8),
    Origin("NL", "nl", ("Marieke", "Inge"), ("Joost", "Sander"), ("de Vries", "Bakker", "Visser"), 1),
    Origin("MA", "ar", ("Samira", "Nadia"), ("Karim", "Bilal"), ("El Amrani", "Benali", "Bouzid"), 1),
)
GENDERS = ((Gender.WOMAN, 46), (Gender.MAN, 50), ("", 4))
OUTCOME_KINDS = (
    (Outcome.Kind.JOB, 10), (Outcome.Kind.INTERNSHIP, 4), (Outcome.Kind.STUDY, 3),
    (Outcome.Kind.VOLUNTEERING, 3), (Outcome.Kind.START_UP, 1),
)
CONTRACTS = (
    (Outcome.Contract.PERMANENT, 3), (Outcome.Contract.FIXED_TERM, 3), (Outcome.Contract.INTERIM, 2),
    (Outcome.Contract.TRAINING_CONTRACT, 2),
)
LEVELS = ((Outcome.Level.BELOW, 4), (Outcome.Level.AT, 5), (Outcome.Level.ABOVE, 1))


def _pick(rng: random.Random, weighted):
    values, weights = zip(*((value, weight) for value, weight in weighted), strict=True)
    return rng.choices(values, weights=weights)[0]


def demo_people():
    """The generated demo accounts (every account under ``DEMO_DOMAIN``)."""
    return User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}")


def _people(rng: random.Random, role: str, origins, count: int, unusable: str, now) -> list[User]:
    rows = []
    for n in range(count):
        origin = _pick(rng, ((origin, origin.weight) for origin in origins))
        gender = _pick(rng, GENDERS)
        first = rng.choice(origin.women if gender == Gender.WOMAN or (not gender and n % 2) else origin.men)
        rows.append(User(
            email=f"{role}-{n + 1:03d}@{DEMO_DOMAIN}",
            first_name=first,
            last_name=rng.choice(origin.family),
            role=role,
            password=unusable,
            approval_status=ApprovalStatus.APPROVED,
            preferred_language=origin.language if origin.language in ("nl", "ar") else rng.choice(READERS),
            nationality=origin.country,
            first_language=origin.language,
            gender=gender,
            date_joined=now - timedelta(days=rng.randint(0, 364), hours=rng.randint(0, 23)),
        ))
    return rows


def _journeys(rng: random.Random, talents, joined, steps, now, today):
    statuses, ticks, outcomes = [], [], []
    for talent in talents:
        reached = 0
        while reached < len(steps) and rng.random() < 0.72:
            reached += 1
        for index, page in enumerate(steps[:reached]):
            current = index == reached - 1
            status = StepStatus.Status.WORKING_ON_IT if current else (
                StepStatus.Status.NOT_RELEVANT if rng.random() < 0.08 else StepStatus.Status.DONE
            )
            at = joined[talent.pk] + (now - joined[talent.pk]) * ((index + 1) / (reached + 1))
            key = page.translation_key
            statuses.append(StepStatus(talent=talent, step_key=key, status=status, updated_at=at))
            items = [item.id for item in page.checklist]
            if status == StepStatus.Status.DONE:
                chosen = items
            else:
                chosen = items[: rng.randint(0, len(items))] if current else []
            ticks.extend(
                ChecklistTick(talent=talent, step_key=key, item_id=item, ticked_at=at)
                for item in chosen
            )
        days = (today - joined[talent.pk].date()).days
        if days > 60 and rng.random() < 0.38:
            kind = _pick(rng, OUTCOME_KINDS)
            job = kind == Outcome.Kind.JOB
            outcomes.append(Outcome(
                talent=talent, kind=kind, date=today - timedelta(days=rng.randint(0, days - 30)),
                contract=_pick(rng, CONTRACTS) if job else "", level=_pick(rng, LEVELS) if job else "",
            ))
    return statuses, ticks, outcomes


def _connections(rng: random.Random, project, talents, mentors, joined, now) -> list[Connection]:
    if MENTORING_KIND not in all_kinds():
        return []
    rows = []
    for talent in talents:
        if rng.random() > 0.7:
            continue
        proposed = min(joined[talent.pk] + timedelta(days=rng.randint(0, 20)), now)
        activated = proposed + timedelta(days=rng.choice((1, 3, 5, 10, 16, 24, 40, 60)))
        active = activated <= now and rng.random() < 0.92
        rows.append(Connection(
            kind=MENTORING_KIND, state=Connection.State.ACTIVE if active else Connection.State.PROPOSED,
            project=project, talent=talent, mentor=rng.choice(mentors), created_at=proposed,
            activated_at=activated if active else None,
        ))
    return rows


def generate() -> int:
    """Generate the demo project's history; the number of people added (0 when they exist
    already, on a production installation, or without the demo project or a roadmap)."""
    if getattr(settings, "PRODUCTION", False):
        return 0
    project = Project.objects.filter(slug=DEMO_PROJECT).first()
    steps = selectors.roadmap_pages(settings.LANGUAGE_CODE)
    if project is None or not steps or demo_people().exists():
        return 0
    rng = random.Random(SEED)
    now = timezone.now()
    today = timezone.localdate()
    unusable = make_password(None)
    with transaction.atomic():
        User.objects.bulk_create(_people(rng, Role.TALENT, TALENT_ORIGINS, TALENTS, unusable, now))
        User.objects.bulk_create(_people(rng, Role.MENTOR, MENTOR_ORIGINS, MENTORS, unusable, now))
        people = demo_people().order_by("pk")
        talents = [user for user in people if user.role == Role.TALENT]
        mentors = [user for user in people if user.role == Role.MENTOR]
        joined = {
            user.pk: min(user.date_joined + timedelta(days=rng.randint(1, 14)), now) for user in people
        }
        ProjectMembership.objects.bulk_create([
            ProjectMembership(project=project, user=user, status=ProjectMembership.Status.ACTIVE,
                              decided_at=joined[user.pk])
            for user in people
        ])
        # ``requested_at`` is set on insert; the request came a few days before its approval.
        ProjectMembership.objects.filter(project=project, user__in=people).update(
            requested_at=F("decided_at") - timedelta(days=2)
        )
        version = settings.HELIX_CONSENT_VERSIONS["demographics"]
        Consent.objects.bulk_create([
            Consent(user=user, purpose=Consent.Purpose.DEMOGRAPHICS, version=version,
                    granted_at=joined[user.pk])
            for user in talents if rng.random() < 0.8
        ])
        statuses, ticks, outcomes = _journeys(rng, talents, joined, steps, now, today)
        StepStatus.objects.bulk_create(statuses)
        ChecklistTick.objects.bulk_create(ticks)
        Outcome.objects.bulk_create(outcomes)
        Connection.objects.bulk_create(_connections(rng, project, talents, mentors, joined, now))
    return len(talents) + len(mentors)
