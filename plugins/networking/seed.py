"""Demo content of the networking plugin for ``seed_demo``: the Networking Guide pages in
English, Dutch and Arabic, and a filled networking plan for the demo talent.

The pages come from ``content/guide.yaml`` (the core's content format), seeded through
wagtail-localize like the core's pages. The plan is written through the plugin's actions.
Idempotent: each part is only written when it is not there yet, so a second run (or a talent
who changed their demo plan) is left alone.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path

from django.db import transaction

from cms.accounts.models import User
from cms.pages.models import HomePage
from cms.pages.seed import LANGUAGES, SOURCE_LANGUAGE, SeedResult, load_plugin_content, seed_pages
from plugins.networking import actions, selectors
from plugins.networking.models import NetworkingPlan, PlanComment

logger = logging.getLogger(__name__)

CONTENT_FILE = Path(__file__).parent / "content" / "guide.yaml"
TALENT_EMAIL = "talent@helix.example"
MENTOR_EMAIL = "mentor@helix.example"

MIND_MAP = {
    "interests": [
        "Sustainable construction",
        "Infrastructure and bridges",
        "BIM and digital building",
        "Practising Dutch at work",
    ],
    "strengths": [
        "Eight years as a site engineer in Aleppo",
        "Structural calculations",
        "Arabic, English and Dutch (B1)",
        "Calm and organised under pressure",
    ],
    "contact_kinds": [
        "Site engineers at Flemish construction companies",
        "Recruiters in construction",
        "Members of the engineers' association ie-net",
        "Alumni of Ghent University",
        "Other newcomer engineers",
    ],
}


def seed(locales: list[str] | None = None) -> None:
    """The guide pages, then the demo plan."""
    seed_guide(locales)
    seed_plan()


def seed_guide(locales: list[str] | None = None) -> SeedResult | None:
    """Seed the guide's pages under the home page, when the content file and the home page are
    there (``seed_demo`` seeds the core's pages first)."""
    if not CONTENT_FILE.exists():
        logger.info("Networking Guide: %s is not there yet; no guide pages seeded.", CONTENT_FILE)
        return None
    if not HomePage.objects.filter(locale__language_code=SOURCE_LANGUAGE).exists():
        logger.info("Networking Guide: there is no home page yet; no guide pages seeded.")
        return None
    languages = [code for code in LANGUAGES if locales is None or code in locales or code == SOURCE_LANGUAGE]
    return seed_pages(load_plugin_content(CONTENT_FILE), languages=languages)


def seed_plan() -> NetworkingPlan | None:
    """A filled plan for the demo talent: mind map, two goals, three milestones, three
    contacts (one to follow up tomorrow), steps 1–2 done and 3 in progress, and a comment of
    the demo mentor when a connection lets them read the plan (the mentoring demo's match)."""
    talent = User.objects.filter(email=TALENT_EMAIL).first()
    if talent is None:
        logger.info("Networking demo: no demo talent %s; no plan seeded.", TALENT_EMAIL)
        return None
    today = actions.local_today()
    existing = NetworkingPlan.objects.filter(talent=talent).first()
    if existing is not None and existing.goals.exists():
        # Seeded before (or made by the talent): leave it as it is, even if parts were emptied.
        return existing
    with transaction.atomic():
        plan = actions.plan_of(talent, create=True)
        if not (plan.interests or plan.strengths or plan.contact_kinds):
            plan = actions.save_mind_map(talent, **MIND_MAP)
        if not plan.goals.exists():
            first = actions.add_goal(
                talent,
                term="short",
                description="Talk with site engineers about how they work in Flanders",
                measurable_target="Three informational conversations",
                target_date=today + timedelta(days=30),
            )
            second = actions.add_goal(
                talent,
                term="long",
                description="Work as a site engineer in a Flemish construction company",
                measurable_target="A signed employment contract",
                target_date=today + timedelta(days=270),
            )
            actions.add_milestone(
                talent,
                title="Update my LinkedIn profile in Dutch and English",
                due_date=today - timedelta(days=7),
                goal=first,
                done=True,
            )
            actions.add_milestone(
                talent,
                title="Go to the networking evening of the construction federation in Ghent",
                due_date=today + timedelta(days=10),
                goal=first,
            )
            actions.add_milestone(
                talent,
                title="Send five open applications to construction companies",
                due_date=today + timedelta(days=60),
                goal=second,
            )
        if not plan.contacts.exists():
            actions.add_contact(
                talent,
                name="Lotte Vermeulen",
                organisation="Flanders Construct NV",
                tie="weak",
                how_met="At the job fair of Ghent University; she leads the site team in Ghent.",
                notes="Send her my CV and ask about their trainee programme for engineers.",
                next_follow_up=today + timedelta(days=1),
            )
            actions.add_contact(
                talent,
                name="Youssef Amrani",
                organisation="VDAB",
                tie="strong",
                how_met="My job coach since I registered as a job seeker.",
                notes="Ask about a Dutch course for technical professions.",
                next_follow_up=today + timedelta(days=14),
            )
            actions.add_contact(
                talent,
                name="Jan De Smet",
                organisation="ie-net",
                tie="weak",
                how_met="LinkedIn, after a webinar on BIM in Flemish infrastructure projects.",
            )
        if not plan.steps.exists():
            for step, status in ((1, "done"), (2, "done"), (3, "in_progress")):
                actions.set_step_status(talent, step, status)
        mentor = User.objects.filter(email=MENTOR_EMAIL).first()
        if (
            mentor is not None
            and selectors.is_connected_reader(mentor, talent)
            and not PlanComment.objects.filter(plan=plan, author=mentor).exists()
        ):
            actions.comment_on_plan(
                talent,
                by=mentor,
                body=(
                    "A clear plan, Amal. Before the networking evening, prepare a short introduction "
                    "in Dutch: who you are, your eight years on building sites and what you are looking "
                    "for. We can practise it in our next session."
                ),
            )
    return plan
