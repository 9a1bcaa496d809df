"""The mentoring plugin's part of the posts digest: the reader's meetings of the coming week,
for a whole batch of readers at once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from cms.plugins import calls
from plugins.mentoring.actions import meetings as actions
from plugins.mentoring.hooks import newsletter_sections

pytestmark = pytest.mark.django_db


TITLES = ("Your meetings this week", "Je afspraken deze week")


def _meetings(sections: list[dict]) -> list[dict]:
    return [section for section in sections if section["title"] in TITLES]


def test_a_batch_of_readers_gets_each_their_own_meetings_in_their_language(
    programme, active_match, later, make_user
):
    talent, mentor = programme["talent"], programme["mentor"]
    talent.preferred_language, mentor.preferred_language = "nl", "en"
    talent.save()
    mentor.save()
    def plan(title, days):
        times = {"starts_at": later(days=days), "ends_at": later(days=days, hours=1)}
        return actions.plan_meeting(mentor, [active_match], {"title": title, **times})

    plan("CV review", 2)
    plan("Next month", 30)
    cancelled = plan("Called off", 1)
    actions.cancel_meeting(cancelled, by=mentor)
    nobody = make_user("talent")
    readers = [talent, mentor, nobody]
    since = timezone.now() - timedelta(days=7)
    sinces = {user.pk: since for user in readers}

    sections = calls.newsletter_sections_many(programme["project"], readers, sinces)

    [dutch] = _meetings(sections[talent.pk])
    assert dutch["title"] == "Je afspraken deze week"
    assert len(dutch["items"]) == 1 and dutch["items"][0].endswith(" CV review")  # not later, not cancelled
    [english] = _meetings(sections[mentor.pk])
    assert english["title"] == "Your meetings this week" and english["items"] == dutch["items"]
    assert _meetings(sections[nobody.pk]) == []
    # The batch answer is what asking for each reader alone gives.
    for user in readers:
        assert _meetings(sections[user.pk]) == (newsletter_sections(user, since) or [])


def test_the_batch_costs_the_same_queries_for_few_or_many_readers(programme, make_user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    since = timezone.now() - timedelta(days=7)

    def cost(n):
        readers = [make_user("talent") for _ in range(n)]
        with CaptureQueriesContext(connection) as captured:
            calls.newsletter_sections_many(programme["project"], readers, {u.pk: since for u in readers})
        return len(captured)

    cost(1)  # the project's plugin switches are read once, then kept on the project
    assert cost(2) == cost(12) == 1
