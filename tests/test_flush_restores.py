"""Reference data created by migrations survives tests that run real workers."""

from cms.sectors.models import Sector


def test_worker_test_first(jobs):
    assert Sector.objects.filter(locale__language_code="ar").count() == 8


def test_reference_data_still_there_afterwards(db):
    assert Sector.objects.filter(locale__language_code="nl").count() == 8
