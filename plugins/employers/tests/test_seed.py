"""The employers plugin's demo content: pages in three languages, employers, talents, connections."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_demo_employers_talents_and_pages_are_seeded_once():
    from wagtail.models import Page

    from cms.accounts.demo import seed_core_demo
    from cms.accounts.models import User
    from cms.connections.models import Connection as Match
    from cms.pages.seed import seed_pages
    from plugins.employers.models import BlindConnection, CvView, EmployerRelation
    from plugins.employers.seed import seed

    seed_core_demo()
    seed_pages()
    seed()
    counts = (Match.objects.count(), CvView.objects.count(), Page.objects.count())
    seed()
    assert (Match.objects.count(), CvView.objects.count(), Page.objects.count()) == counts

    def connected(talent, employer):
        return Match.objects.filter(
            kind="talent_employer", state="active", talent__email=talent, employer__email=employer
        ).exists()

    assert connected("talent@helix.example", "employer@helix.example")
    assert connected("farid@helix.example", "jobs@databridge.example")
    assert connected("olena@helix.example", "hr@zorgnet.example")
    assert not Match.objects.filter(kind="talent_employer", talent__email="samir@helix.example").exists()
    # The demo employer lists blind: Rania (consenting, in logistics) waits unnamed and unasked.
    assert connected("rania@helix.example", "employer@helix.example")
    rania = Match.objects.get(kind="talent_employer", talent__email="rania@helix.example")
    assert BlindConnection.objects.filter(connection=rania).exists()
    assert not EmployerRelation.objects.filter(talent=rania.talent).exists()
    amal = User.objects.get(email="talent@helix.example")
    relation = EmployerRelation.objects.get(talent=amal, employer__email="employer@helix.example")
    assert relation.contact == "accepted"
    assert CvView.objects.filter(talent=amal).exists()
    guide = Page.objects.get(slug="employers", locale__language_code="en").specific
    assert {p.locale.language_code for p in Page.objects.filter(translation_key=guide.translation_key)} == {
        "en",
        "nl",
        "ar",
    }
    assert {p.slug for p in guide.get_children()} == {"how-to-employ", "benefits"}
