"""Demo content of the employers plugin for ``seed_demo``: the pages for employers in three
languages, demo employers in several sectors, consenting and non-consenting talents, their
sector connections, a contact accepted and a profile view logged. Idempotent.

The demo employer (Flanders Logistics NV) lists talents blind: Amal, who accepted its contact, is
named; Rania, a consenting talent in logistics it has not asked yet, is an anonymous listing, so
the employer's journey (open a blind listing, ask contact, learn the name) can be walked on the
demo."""

from __future__ import annotations

import logging
from pathlib import Path

from allauth.account.models import EmailAddress
from django.db import transaction

from cms.accounts import actions as accounts
from cms.accounts.demo import DEMO_PASSWORD
from cms.accounts.models import Consent, EmployerProfile, Role, TalentProfile, User
from cms.errors import NotConnected
from cms.sectors.models import Sector

logger = logging.getLogger(__name__)
CONTENT = Path(__file__).parent / "content" / "employers.yaml"

EMPLOYERS = [
    # email, first, last, company, sectors, size, places, offers, blind
    (
        "employer@helix.example",
        "Tom",
        "Peeters",
        "Flanders Logistics NV",
        ["logistics", "construction-industry"],
        "250+",
        ["Antwerp", "Ghent"],
        ["jobs", "internships", "language_on_the_job"],
        True,
    ),
    (
        "hr@zorgnet.example",
        "Ilse",
        "De Smet",
        "ZorgNet Leuven",
        ["healthcare"],
        "50-249",
        ["Leuven"],
        ["jobs", "language_on_the_job"],
        True,
    ),
    (
        "jobs@databridge.example",
        "Wim",
        "Verhoeven",
        "DataBridge BV",
        ["ict"],
        "10-49",
        ["Ghent", "online"],
        ["jobs", "internships"],
        False,
    ),
]
TALENTS = [
    # email, first, last, language, sectors, dutch, education, field, skills, consents
    (
        "talent@helix.example",
        None,
        None,
        "ar",
        ["construction-industry"],
        "B1",
        "master",
        "Civil engineering",
        ["AutoCAD", "project planning"],
        True,
    ),
    (
        "farid@helix.example",
        "Farid",
        "Nouri",
        "en",
        ["ict"],
        "A2",
        "master",
        "Computer science",
        ["Python", "SQL", "data analysis"],
        True,
    ),
    (
        "olena@helix.example",
        "Olena",
        "Kovalenko",
        "en",
        ["healthcare"],
        "B2",
        "bachelor",
        "Nursing",
        ["patient care", "teamwork"],
        True,
    ),
    (
        "rania@helix.example",
        "Rania",
        "Saleh",
        "ar",
        ["logistics"],
        "B1",
        "master",
        "Industrial engineering",
        ["SAP", "warehouse planning", "Lean"],
        True,
    ),
    (
        "samir@helix.example",
        "Samir",
        "Haddad",
        "ar",
        ["logistics"],
        "A2",
        "bachelor",
        "Supply chain management",
        ["planning", "Excel"],
        False,
    ),
]


def _user(email, first, last, role, language) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, DEMO_PASSWORD)
        accounts.complete_signup(
            user,
            role=role,
            first_name=first,
            last_name=last,
            preferred_language=language,
            company="" if role != Role.EMPLOYER else first,
        )
        User.objects.filter(pk=user.pk).update(approval_status="approved")
        user.refresh_from_db()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def _pages() -> None:
    if not CONTENT.exists():
        logger.warning("No employer pages to seed (%s is missing).", CONTENT)
        return
    from cms.pages.seed import load_plugin_content, seed_pages

    seed_pages(load_plugin_content(CONTENT))


def seed() -> None:
    from plugins.employers import actions, matching
    from plugins.employers.models import CvView, EmployerDetails, EmployerRelation

    _pages()
    with transaction.atomic():
        employers = {}
        for email, first, last, company, sectors, size, places, offers, blind in EMPLOYERS:
            user = _user(
                email, first, last, Role.EMPLOYER, "nl" if email != "employer@helix.example" else "en"
            )
            profile, _created = EmployerProfile.objects.get_or_create(user=user)
            EmployerProfile.objects.filter(pk=profile.pk).update(company=company, size=size)
            profile.sectors.set(Sector.source_rows().filter(slug__in=sectors))
            EmployerDetails.objects.update_or_create(
                user=user, defaults={"places": places, "offers": offers, "blind_listings": blind}
            )
            employers[email] = user
        talents = {}
        for email, first, last, language, sectors, dutch, education, field, skills, consents in TALENTS:
            user = User.objects.filter(email=email).first() or _user(
                email, first, last, Role.TALENT, language
            )
            profile, _created = TalentProfile.objects.get_or_create(user=user)
            if not profile.soft_skills:
                TalentProfile.objects.filter(pk=profile.pk).update(
                    dutch_level=dutch,
                    education_level=education,
                    education_field=field,
                    digital_skills=skills,
                    soft_skills=["problem solving", "intercultural communication"],
                    key_areas_of_expertise=f"{field}; {', '.join(skills)}",
                )
                profile.sectors.set(Sector.source_rows().filter(slug__in=sectors))
            if (
                consents
                and not Consent.objects.filter(
                    user=user, purpose="cv_publication", withdrawn_at=None
                ).exists()
            ):
                accounts.grant_consent(user, Consent.Purpose.CV_PUBLICATION)
            talents[email] = user
        # The matching job would do this in the background; the demo wants it now.
        for user in talents.values():
            matching.reconcile_talent(user)
        amal, tom = talents["talent@helix.example"], employers["employer@helix.example"]
        relation = EmployerRelation.objects.filter(talent=amal, employer=tom).first()
        if relation is None or relation.contact == "":
            try:
                actions.request_contact(
                    tom, amal, "We are looking for a site engineer for our new warehouse in Ghent."
                )
                actions.accept_contact(amal, tom)
            except NotConnected:
                pass
        if not CvView.objects.filter(talent=amal).exists():
            actions.record_view(tom, amal, CvView.Kind.PROFILE)
        olena = talents["olena@helix.example"]
        if not CvView.objects.filter(talent=olena).exists():
            actions.record_view(employers["hr@zorgnet.example"], olena, CvView.Kind.PROFILE)
