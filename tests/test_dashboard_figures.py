"""The plugins' charts on the back office's dashboard, through the ``dashboard_figures`` hook:
meetings and reports (mentoring), posts per type and newsletter reach (posts), counted in the
period and the projects chosen, asked only of the plugins enabled there."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from cms.organisations.actions import set_plugin_activation
from cms.plugins import calls

URL = "/admin/dashboard/"


def figures_of(response) -> dict[str, dict]:
    body = response.content.decode()
    start = body.index('<script id="helix-dashboard-charts" type="application/json">')
    data = body[body.index(">", start) + 1 : body.index("</script>", start)]
    return {figure["key"]: figure for figure in json.loads(data)}


@pytest.fixture
def activity(programme, make_user):
    """Two meetings held (one reported), one cancelled, one in the future; three posts of the
    programme's organisation and one of another; a newsletter sent to the talent and a mentor
    outside the programme."""
    from plugins.mentoring.models import Meeting, MeetingReport
    from plugins.posts.models import Newsletter, NewsletterRecipient, Post

    now = timezone.now()
    project = programme["project"]

    def meeting(n, days, status=Meeting.Status.SCHEDULED):
        starts = now + timedelta(days=days)
        return Meeting.objects.create(
            project=project,
            uid=f"m{n}@helix.test",
            title=f"Session {n}",
            starts_at=starts,
            ends_at=starts + timedelta(hours=1),
            status=status,
        )

    held = meeting(1, -3)
    meeting(2, -2)
    meeting(3, -2, Meeting.Status.CANCELLED)
    meeting(4, 5)
    MeetingReport.objects.create(meeting=held, author=programme["mentor"], goal="A first job.")

    def post(kind, organisation):
        return Post.objects.create(
            type=kind,
            locale="en",
            title=f"A {kind}",
            summary="Short.",
            link="https://example.org",
            organisation=organisation,
        )

    other = make_user("organisation")
    post("vacancy", programme["organisation"])
    post("vacancy", programme["organisation"])
    post("event", programme["organisation"])
    post("event", other.organisations.get())
    letter = Newsletter.objects.create(title="December news", status="sent", sent_at=now - timedelta(days=1))
    NewsletterRecipient.objects.create(newsletter=letter, user=programme["talent"])
    NewsletterRecipient.objects.create(newsletter=letter, user=make_user("mentor"))
    return programme


def test_hook_dashboard_figures(activity, make_user):
    since, until = timezone.now() - timedelta(days=14), timezone.now() + timedelta(days=1)
    everything = {figure["key"]: figure for figure in calls.dashboard_figures(None, since, until)}
    assert list(everything)[:4] == [
        "core.signups",
        "core.approvals",
        "core.connections",
        "core.time_to_match",
    ]

    meetings = everything["mentoring.meetings"]
    assert [item["label"] for item in meetings["series"]] == ["Meetings held", "Reports filed"]
    assert [sum(item["data"]) for item in meetings["series"]] == [2, 1]
    assert len(meetings["labels"]) == len(meetings["series"][0]["data"]) in (3, 4)

    by_type = everything["posts.by_type"]
    counts = dict(zip(by_type["labels"], by_type["series"][0]["data"], strict=True))
    assert counts["Vacancy"] == 2 and counts["Event"] == 2 and sum(counts.values()) == 4
    reach = everything["posts.newsletter_reach"]
    assert reach["labels"] == ["December news"] and reach["series"][0]["data"] == [2]

    # In the programme's project: its organisation's posts, its members among the recipients.
    project = activity["project"]
    scoped = {figure["key"]: figure for figure in calls.dashboard_figures([project], since, until)}
    assert scoped["posts.by_type"]["series"][0]["data"].count(1) == 1  # one event
    assert sum(scoped["posts.by_type"]["series"][0]["data"]) == 3
    assert scoped["posts.newsletter_reach"]["series"][0]["data"] == [1]

    # A plugin switched off in the project is not asked.
    set_plugin_activation(project, "mentoring", enabled=False)
    project.__dict__.pop("_helix_activations", None)
    keys = {figure["key"] for figure in calls.dashboard_figures([project], since, until)}
    assert "mentoring.meetings" not in keys and "posts.by_type" in keys


def test_the_page_draws_and_downloads_the_plugins_figures(activity, make_user):
    client = Client()
    client.force_login(make_user("admin", mfa=True))
    response = client.get(URL)
    figures = figures_of(response)
    assert sum(figures["mentoring.meetings"]["series"][0]["data"]) == 2
    download = client.get(URL, {"format": "csv", "figure": "posts.by_type"})
    assert download["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(download.content.decode())))
    assert rows[0] == ["Posts per type", "Posts"]
    assert {row[0]: int(row[1]) for row in rows[1:]} == dict(
        zip(figures["posts.by_type"]["labels"], figures["posts.by_type"]["series"][0]["data"], strict=True)
    )


def test_hook_impact_figures(activity, make_user):
    """The people-counting figures of the core and the plugins, for the impact report: raw counts
    (the report suppresses them), the core's first, only the plugins enabled in the projects."""
    from plugins.posts.models import Post, SavedPost

    since, until = timezone.now() - timedelta(days=14), timezone.now() + timedelta(days=1)
    project = activity["project"]
    saved = Post.objects.filter(organisation=activity["organisation"]).first()
    SavedPost.objects.create(post=saved, user=activity["talent"])

    everything = {figure["key"]: figure for figure in calls.impact_figures(None, since, until)}
    assert list(everything)[:3] == ["core.nationalities", "core.first_languages", "core.gender"]
    held = everything["mentoring.meetings_held"]
    assert dict(zip(held["labels"], held["series"][0]["data"], strict=True)) == {
        "Meetings held": 2,
        "Reports filed": 1,
    }
    posts = everything["posts.published_and_saved"]
    published, savers = (item["data"] for item in posts["series"])
    assert sum(published) == 4 and sum(savers) == 1
    for figure in everything.values():  # numbers only: nothing names or points at a person
        assert all(isinstance(value, int) for item in figure["series"] for value in item["data"])

    scoped = {figure["key"]: figure for figure in calls.impact_figures([project], since, until)}
    assert sum(scoped["posts.published_and_saved"]["series"][0]["data"]) == 3
    set_plugin_activation(project, "mentoring", enabled=False)
    project.__dict__.pop("_helix_activations", None)
    keys = {figure["key"] for figure in calls.impact_figures([project], since, until)}
    assert "mentoring.meetings_held" not in keys and "posts.published_and_saved" in keys
