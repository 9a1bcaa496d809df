"""The language buddy plugin: found through its entry point, and everything it gets from the core
(a connection with grants, messages, export and erasure, 404 where it is off) without touching
other code."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection as db_connection
from django.test.utils import CaptureQueriesContext

from cms.connections.models import Connection
from cms.connections.selectors import are_connected, sees
from cms.outbox.models import OutboxMessage
from cms.plugins import get_manager
from helix_language_buddy.models import BuddyRequest

URL = "/api/v1/language-buddies/"


def hooks():
    return get_manager().pm.get_plugin("language_buddy")


def test_found_through_its_entry_point_not_the_settings():
    found = settings.HELIX_PLUGIN_DISCOVERY["language_buddy"]
    assert (found.module, found.distribution) == ("helix_language_buddy", "helix-plugin-language-buddy")
    assert "helix_language_buddy" not in getattr(settings, "TEST_PLUGIN_APPS", [])
    assert get_manager().configs["language_buddy"].version == "1.0.0"
    assert hooks() is not None


def test_a_talent_asks_and_the_mentor_accepts(people, ask, client_for):
    talent, mentor = people["talent"], people["mentor"]
    asked = ask()
    assert asked["state"] == "proposed" and asked["language"] == "nl"
    assert asked["mentor"]["id"] == str(mentor.public_id)
    connection = Connection.objects.get(public_id=asked["id"])
    assert (connection.kind, connection.talent, connection.mentor) == ("language_buddy", talent, mentor)
    assert OutboxMessage.objects.filter(key=f"language_buddy:asked:{connection.pk}:{mentor.pk}").exists()
    assert [row["id"] for row in client_for(mentor).get(URL).json()["results"]] == [asked["id"]]
    assert not sees(mentor, talent, "profile")

    assert client_for(talent).post(f"{URL}{asked['id']}/accept/").status_code == 403
    accepted = client_for(mentor).post(f"{URL}{asked['id']}/accept/")
    assert accepted.status_code == 200 and accepted.json()["state"] == "active"
    assert sees(mentor, talent, "profile") and are_connected(talent, mentor)
    assert not sees(mentor, talent, "cv")
    assert OutboxMessage.objects.filter(key=f"language_buddy:accepted:{connection.pk}:{talent.pk}").exists()


def test_either_side_logs_practice_and_closes(people, ask, client_for):
    talent, mentor = people["talent"], people["mentor"]
    url = f"{URL}{ask()['id']}/"
    assert client_for(talent).post(f"{url}practice/", {"minutes": 30}).status_code == 409  # not active
    client_for(mentor).post(f"{url}accept/")
    client_for(talent).post(f"{url}practice/", {"minutes": 30})
    practised = client_for(mentor).post(f"{url}practice/", {"minutes": 45})
    assert practised.json()["minutes_practised"] == 75
    assert client_for(talent).post(f"{url}practice/", {"minutes": 999}).status_code == 400

    closed = client_for(talent).post(f"{url}close/", {"reason": "I passed my Dutch exam"})
    assert closed.status_code == 200 and closed.json()["state"] == "closed"
    assert not sees(mentor, talent, "profile") and not are_connected(talent, mentor)
    assert client_for(mentor).post(f"{url}practice/", {"minutes": 10}).status_code == 409


def test_what_is_refused(people, ask, client_for, make_user):
    talent, mentor = people["talent"], people["mentor"]
    ask()
    again = client_for(talent).post(URL, {"mentor": str(mentor.public_id), "language": "fr"})
    assert (again.status_code, again.json()["error"]["code"]) == (409, "already_asked")
    not_mentor = client_for(talent).post(
        URL, {"mentor": str(make_user("talent").public_id), "language": "nl"}
    )
    assert (not_mentor.status_code, not_mentor.json()["error"]["code"]) == (400, "not_a_mentor")
    by_mentor = client_for(mentor).post(URL, {"mentor": str(make_user("mentor").public_id), "language": "nl"})
    assert (by_mentor.status_code, by_mentor.json()["error"]["code"]) == (403, "role_not_allowed")
    assert (
        client_for(talent).post(URL, {"mentor": str(mentor.public_id), "language": "xx"}).status_code == 400
    )
    assert BuddyRequest.objects.count() == 1


def test_strangers_see_nothing(ask, client_for, make_user):
    asked = ask()
    stranger = client_for(make_user("mentor"))
    assert stranger.get(URL).json()["results"] == []
    assert stranger.get(f"{URL}{asked['id']}/").status_code == 404
    assert stranger.post(f"{URL}{asked['id']}/close/", {"reason": "No"}).status_code == 404


def test_the_list_costs_the_same_queries_for_more_rows(people, ask, client_for, make_user):
    client = client_for(people["talent"])
    ask()
    with CaptureQueriesContext(db_connection) as one_row:
        assert len(client.get(URL).json()["results"]) == 1
    for _n in range(4):
        ask(mentor=make_user("mentor"))
    with CaptureQueriesContext(db_connection) as five_rows:
        assert len(client.get(URL).json()["results"]) == 5
    assert len(five_rows) == len(one_row)


def test_routes_answer_404_where_the_plugin_is_off(people, ask, client_for, enabled):
    from cms.organisations.actions import set_plugin_activation

    asked = ask()
    set_plugin_activation(enabled, "language_buddy", enabled=False)
    client = client_for(people["talent"])
    assert client.get(URL).status_code == 404
    assert client.get(f"{URL}{asked['id']}/").status_code == 404
    answer = client.post(URL, {"mentor": str(people["mentor"].public_id), "language": "de"})
    assert (answer.status_code, answer.json()["error"]["code"]) == (404, "not_found")


def test_export_and_erasure_cover_its_data(people, ask, client_for):
    talent, mentor = people["talent"], people["mentor"]
    asked = ask()
    client_for(mentor).post(f"{URL}{asked['id']}/accept/")
    exported = hooks().export_user_data(user=talent)["language_buddy.buddyrequest"]
    assert [(str(row["connection__public_id"]), row["language"]) for row in exported] == [(asked["id"], "nl")]
    assert hooks().export_user_data(user=mentor) == {"language_buddy.buddyrequest": exported}

    assert hooks().erase_user_data(user=talent) == ["language_buddy.buddyrequest"]
    assert not BuddyRequest.objects.exists()
    connection = Connection.objects.get(public_id=asked["id"])
    assert (connection.state, connection.close_reason) == ("closed", "account_erased")
    assert not sees(mentor, talent, "profile")


@pytest.mark.skipif(
    not apps.is_installed("plugins.mentoring"), reason="the talents route is the mentoring plugin's"
)
def test_the_mentor_reads_the_talent_at_the_talents_route(people, ask, client_for):
    talent, mentor = people["talent"], people["mentor"]
    asked = ask()
    url = f"/api/v1/talents/{talent.public_id}/"
    assert client_for(mentor).get(url).status_code == 404
    client_for(mentor).post(f"{URL}{asked['id']}/accept/")
    assert client_for(mentor).get(url).status_code == 200
    client_for(mentor).post(f"{URL}{asked['id']}/close/", {"reason": "Moved to Liège"})
    assert client_for(mentor).get(url).status_code == 404


@pytest.mark.skipif(not apps.is_installed("plugins.messaging"), reason="threads are the messaging plugin's")
def test_buddies_write_to_each_other_through_the_messaging_plugin(people, ask, client_for):
    talent, mentor = people["talent"], people["mentor"]
    asked = ask()
    hello = {"to": str(mentor.public_id), "body": "Dag Els!"}
    assert client_for(talent).post("/api/v1/threads/", hello, format="json").status_code == 403
    client_for(mentor).post(f"{URL}{asked['id']}/accept/")
    assert client_for(talent).post("/api/v1/threads/", hello, format="json").status_code == 201


@pytest.mark.skipif(not apps.is_installed("plugins.posts"), reason="suggestions are the posts plugin's")
def test_the_mentor_suggests_posts_to_the_talent(people, ask, client_for):
    talent, mentor = people["talent"], people["mentor"]
    asked = ask()
    post = {
        "type": "study",
        "title": "Dutch conversation table",
        "summary": "Every Tuesday in Ghent.",
        "link": "https://www.vdab.be",
    }
    created = client_for(mentor).post("/api/v1/posts/", post, format="json")
    assert created.status_code == 201, created.content
    suggest = f"/api/v1/posts/{created.json()['id']}/suggest/"
    body = {"talent": str(talent.public_id)}
    assert client_for(mentor).post(suggest, body, format="json").status_code == 403  # not connected yet
    client_for(mentor).post(f"{URL}{asked['id']}/accept/")
    assert client_for(mentor).post(suggest, body, format="json").status_code == 201
