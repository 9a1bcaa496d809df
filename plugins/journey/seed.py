"""Demo content of the journey plugin for ``seed_demo``: the demo talent's roadmap progress (the
first steps done, a few checklist items ticked), a note from the demo mentor, and one outcome;
then a year of generated history for the demo project (``plugins.journey.seed_people``).

Seeded once: a demo talent who already has journey data (or who changed it) is left alone, and
the generated people are added only when none exist. The roadmap pages and their checklists are
the core's (``cms/pages/content/roadmap.yaml``).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings

from cms.accounts.models import User
from plugins.journey import actions, seed_people, selectors
from plugins.journey.models import Outcome, StepStatus

TALENT_EMAIL = "talent@helix.example"
MENTOR_EMAIL = "mentor@helix.example"
STATUSES = ((1, "done"), (2, "done"), (3, "not_relevant"), (4, "working_on_it"))


def seed() -> None:
    """The demo talent's journey, then the demo project's generated people and their history."""
    seed_demo_talent()
    seed_people.generate()


def seed_demo_talent() -> None:
    """The demo talent's roadmap, a note from their mentor and a volunteering outcome."""
    talent = User.objects.filter(email=TALENT_EMAIL).first()
    if talent is None or StepStatus.objects.filter(talent=talent).exists():
        return
    pages = {page.step_number: page for page in selectors.roadmap_pages(settings.LANGUAGE_CODE)}
    for number, status in STATUSES:
        if number not in pages:
            continue
        actions.set_step_status(talent, number, status)
        items = list(pages[number].checklist)
        ticked = items if status == "done" else items[:1]
        for item in ticked:
            actions.tick_item(talent, item.id)
    mentor = User.objects.filter(email=MENTOR_EMAIL).first()
    if mentor is not None and 4 in pages and selectors.is_connected_viewer(mentor, talent):
        actions.add_note(
            talent,
            4,
            by=mentor,
            body="Good start on LinkedIn. Describe each project with a concrete result.",
        )
    if not Outcome.objects.filter(talent=talent).exists():
        actions.record_outcome(
            talent,
            by=talent,
            kind=Outcome.Kind.VOLUNTEERING,
            date=actions.local_today() - timedelta(days=40),
        )
