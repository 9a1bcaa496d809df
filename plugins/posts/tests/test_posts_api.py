"""Posts through the API: writing, editing, moderating, finding, saving and suggesting."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.organisations.models import Organisation, Project, ProjectMembership
from plugins.posts.models import Post, SavedPost, Suggestion
from tests.files import png_bytes, upload


def queued_mails(user) -> list[dict]:
    """The e-mails queued in the outbox for ``user`` (sending them is the outbox's own test)."""
    from cms.outbox.mail import expand
    from cms.outbox.models import OutboxMessage

    return [expand(row.payload) for row in OutboxMessage.objects.filter(user=user, actor_name="mail.send")]


NEW_POST = {
    "type": "event",
    "title": "Job fair for newcomers in Antwerp",
    "summary": "Meet forty employers looking for engineers, nurses and accountants.",
    "body": "<p>Bring <strong>ten CVs</strong>.</p><span>Free.</span>",
    "link": "https://www.vdab.be",
    "starts_at": "2030-03-10T10:00:00+01:00",
    "ends_at": "2030-03-10T16:00:00+01:00",
    "city": "Antwerp",
    "sectors": ["ict", "healthcare"],
    "language": "nl",
    "dutch_level": "B1",
    "tags": ["Jobfair", "free"],
}


def test_a_mentor_posts_and_signed_in_users_find_it(make_user, client_for):
    mentor = make_user("mentor", first_name="Pieter")
    answer = client_for(mentor).post("/api/v1/posts/", NEW_POST, format="json")
    assert answer.status_code == 201, answer.content
    post = answer.json()
    assert post["status"] == "published" and post["locale"] == "en" and post["dir"] == "ltr"
    assert post["body"] == "<p>Bring <strong>ten CVs</strong>.</p>Free."  # harmless tags only
    assert post["tags"] == ["jobfair", "free"] and post["sectors"] == ["ict", "healthcare"]
    assert post["author"]["name"] == "Pieter Tester" and post["can_edit"] is True

    talent = client_for(make_user("talent"))
    results = talent.get("/api/v1/posts/").json()["results"]
    assert [r["id"] for r in results] == [post["id"]]
    assert results[0]["can_edit"] is False and results[0]["is_saved"] is False
    detail = talent.get(f"/api/v1/posts/{post['id']}/").json()
    assert detail["title"] == NEW_POST["title"] and detail["translations"] == []


def test_an_organisation_posts_for_itself_and_its_staff_edit_it(make_user, client_for):
    staff = make_user("organisation")
    organisation = Organisation.objects.get(staff=staff)
    colleague = make_user("organisation")
    organisation.staff.add(colleague)
    post = client_for(staff).post("/api/v1/posts/", NEW_POST, format="json").json()
    assert post["organisation"] == {"slug": organisation.slug, "name": organisation.name}
    assert post["organisation_name"] == organisation.name
    answer = client_for(colleague).patch(f"/api/v1/posts/{post['id']}/", {"city": "Mechelen"}, format="json")
    assert answer.status_code == 200 and answer.json()["city"] == "Mechelen"


def test_staff_never_post_as_an_organisation_still_waiting_for_approval(make_user, client_for):
    pending = Organisation.objects.create(name="Newcomers Hub", slug="newcomers-hub", status="pending")
    staff = make_user("organisation")
    approved = Organisation.objects.get(staff=staff)
    pending.staff.add(staff)  # the first of their organisations, but not approved
    client = client_for(staff)
    refused = client.post("/api/v1/posts/", {**NEW_POST, "organisation_slug": pending.slug}, format="json")
    assert refused.status_code == 400 and "organisation_slug" in refused.json()["error"]["fields"]
    post = client.post("/api/v1/posts/", NEW_POST, format="json").json()
    assert post["organisation"]["slug"] == approved.slug
    # A post of the pending organisation (written by an admin) is not theirs to change.
    admin = make_user("admin", mfa=True)
    theirs = (
        client_for(admin)
        .post("/api/v1/posts/", {**NEW_POST, "organisation_slug": pending.slug}, format="json")
        .json()
    )
    assert theirs["organisation"]["slug"] == pending.slug
    answer = client.patch(f"/api/v1/posts/{theirs['id']}/", {"city": "Mons"}, format="json")
    assert answer.status_code == 403


def test_an_employer_posts_in_the_name_of_its_company(make_user, client_for):
    employer = make_user("employer")
    employer.employer_profile.company = "Scheldt Software"
    employer.employer_profile.save()
    body = {**NEW_POST, "type": "vacancy", "title": "Junior data analyst", "ends_at": "2030-04-01T00:00:00Z"}
    post = client_for(employer).post("/api/v1/posts/", body, format="json").json()
    assert post["organisation"] is None and post["organisation_name"] == "Scheldt Software"


@pytest.mark.parametrize("role", ["talent", "pending_organisation"])
def test_talents_and_pending_organisations_cannot_post(role, make_user, client_for):
    user = make_user("organisation", approved=False) if role == "pending_organisation" else make_user(role)
    answer = client_for(user).post("/api/v1/posts/", NEW_POST, format="json")
    assert answer.status_code == 403
    assert answer.json()["error"]["code"] == (
        "role_not_allowed" if role == "talent" else "account_not_approved"
    )
    assert not Post.objects.exists()


def test_a_mentor_whose_role_lost_publish_posts_is_told_the_capability_is_missing(make_user, client_for):
    from django.contrib.auth.models import Group

    from cms.capabilities.actions import ensure_permissions

    Group.objects.get(name="mentor").permissions.remove(ensure_permissions()["posts.publish_post"])
    answer = client_for(make_user("mentor")).post("/api/v1/posts/", NEW_POST, format="json")
    assert answer.status_code == 403
    assert answer.json()["error"]["code"] == "capability_missing"
    assert not Post.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"type": "webinar"}, "type"),
        ({"ends_at": "2030-03-09T10:00:00+01:00"}, "ends_at"),
        ({"link": "ftp://example.org/file"}, "link"),
        ({"link": "javascript:alert(1)"}, "link"),
        ({"body": "<p>Hi</p><script>alert(1)</script>"}, "body"),
        ({"body": '<p onclick="steal()">Hi</p>'}, "body"),
        ({"body": '<a href="javascript:alert(1)">x</a>'}, "body"),
        ({"sectors": ["astrology"]}, "sectors"),
        ({"dutch_level": "D1"}, "dutch_level"),
        ({"language": "Dutch!"}, "language"),
        ({"title": ""}, "title"),
        ({"tags": ["x" * 41]}, "tags"),
        ({"starts_at": None}, "starts_at"),
    ],
)
def test_bad_input_is_refused_with_field_errors_and_nothing_saved(change, field, make_user, client_for):
    answer = client_for(make_user("mentor"), "nl").post(
        "/api/v1/posts/", {**NEW_POST, **change}, format="json"
    )
    assert answer.status_code == 400, answer.content
    error = answer.json()["error"]
    assert error["code"] == "validation_error" and field in error["fields"]
    assert error["message"] == "Sommige velden zijn niet geldig."
    assert not Post.objects.exists()


def test_an_oversized_or_fake_image_is_refused(make_user, client_for, settings):
    settings.HELIX_MAX_IMAGE_BYTES = 40
    mentor = client_for(make_user("mentor"))
    big = {**NEW_POST, "image": upload("photo.png", png_bytes())}
    big.pop("sectors"), big.pop("tags")
    answer = mentor.post("/api/v1/posts/", big, format="multipart")
    assert answer.status_code == 400 and "image" in answer.json()["error"]["fields"]
    fake = {**big, "image": upload("photo.png", b"<html>not an image</html>")}
    answer = mentor.post("/api/v1/posts/", fake, format="multipart")
    assert answer.status_code == 400 and "image" in answer.json()["error"]["fields"]
    assert not Post.objects.exists()


def test_a_post_with_an_image_answers_its_public_url(make_user, client_for):
    body = {**NEW_POST, "image": upload("photo.png", png_bytes())}
    body.pop("sectors"), body.pop("tags")
    post = client_for(make_user("mentor")).post("/api/v1/posts/", body, format="multipart").json()
    assert post["image_url"].startswith("http://testserver/media/public/posts/")


def test_nobody_edits_someone_elses_post_but_admins_with_a_reason(make_user, client_for):
    author = make_user("mentor")
    post = client_for(author).post("/api/v1/posts/", NEW_POST, format="json").json()
    url = f"/api/v1/posts/{post['id']}/"
    assert client_for(make_user("mentor")).patch(url, {"city": "Ghent"}, format="json").status_code == 403
    assert client_for(make_user("organisation")).delete(url).status_code == 403
    admin = client_for(make_user("admin", mfa=True))
    answer = admin.patch(url, {"city": "Ghent"}, format="json")
    assert answer.status_code == 400 and answer.json()["error"]["code"] == "reason_required"
    answer = admin.patch(url, {"city": "Ghent", "reason": "The fair moved to Ghent."}, format="json")
    assert answer.status_code == 200 and answer.json()["city"] == "Ghent"
    [message] = queued_mails(author)
    assert "The fair moved to Ghent." in message["body"]


def test_an_admin_unpublishes_any_post_and_the_author_is_told_why(make_user, client_for):
    author = make_user("employer")
    author.preferred_language = "ar"
    author.save()
    post = client_for(author).post("/api/v1/posts/", NEW_POST, format="json").json()
    admin = client_for(make_user("admin", mfa=True))
    url = f"/api/v1/posts/{post['id']}/unpublish/"
    assert admin.post(url, {}, format="json").status_code == 400
    answer = admin.post(url, {"reason": "This vacancy asks for a photo and age."}, format="json")
    assert answer.status_code == 200 and answer.json()["status"] == "unpublished"
    [message] = queued_mails(author)
    assert "This vacancy asks for a photo and age." in message["body"]
    assert message["headers"]["Content-Language"] == "ar"
    talent = client_for(make_user("talent"))
    assert talent.get(f"/api/v1/posts/{post['id']}/").status_code == 404
    mine = client_for(author).get("/api/v1/posts/mine/").json()["results"]
    assert mine[0]["status"] == "unpublished"
    assert mine[0]["moderation_note"] == "This vacancy asks for a photo and age."
    # Only an admin can bring it back.
    assert client_for(author).post(f"/api/v1/posts/{post['id']}/publish/").status_code == 403
    assert admin.post(f"/api/v1/posts/{post['id']}/publish/").json()["status"] == "published"


def test_withdrawing_hides_a_post_everywhere_but_in_mine(make_user, client_for):
    author = client_for(make_user("mentor"))
    post = author.post("/api/v1/posts/", NEW_POST, format="json").json()
    assert author.delete(f"/api/v1/posts/{post['id']}/").status_code == 204
    talent = client_for(make_user("talent"))
    assert talent.get("/api/v1/posts/").json()["results"] == []
    assert talent.get(f"/api/v1/posts/{post['id']}/").status_code == 404
    assert author.get("/api/v1/posts/mine/").json()["results"][0]["status"] == "withdrawn"
    assert author.post(f"/api/v1/posts/{post['id']}/publish/").json()["status"] == "published"


def test_visitors_get_a_teaser_and_searching_needs_an_account(make_user, make_post, api):
    mentor = make_user("mentor")
    for n in range(8):
        make_post(mentor, title=f"Course {n}", type="study" if n % 2 else "tool")
    teaser = api.get("/api/v1/posts/").json()
    assert teaser["teaser"] is True and len(teaser["results"]) == 6
    assert teaser["results"][0]["title"] == "Course 7" and teaser["results"][0]["author"] is None
    tools = api.get("/api/v1/posts/?type=tool").json()["results"]
    assert {r["type"] for r in tools} == {"tool"}
    for query in ("?q=course", "?sector=ict", "?page=2", "?place=Ghent"):
        answer = api.get(f"/api/v1/posts/{query}")
        assert answer.status_code == 401 and answer.json()["error"]["code"] == "login_required"


def test_the_visitors_teaser_is_kept_until_a_post_changes(make_user, make_post, api, client_for, soon):
    """Every visitor sees the same teaser, so it is answered from the cache, without reading a
    post, until a post is published, withdrawn or expires; a signed-in reader never gets it."""
    from plugins.posts.actions import expire_posts, withdraw_post

    mentor = make_user("mentor")
    make_post(mentor, title="Dutch for nurses")
    vacancy = make_post(mentor, title="Nurse in Ghent", type="vacancy", ends_at=soon(2))

    def visitor_reads(url="/api/v1/posts/"):
        with CaptureQueriesContext(connection) as captured:
            answer = api.get(url).json()
        titles = [row["title"] for row in answer["results"]]
        return titles, [q["sql"] for q in captured.captured_queries if '"posts_post"' in q["sql"]]

    first, reads = visitor_reads()
    assert first == ["Nurse in Ghent", "Dutch for nurses"] and reads
    again, reads = visitor_reads()
    assert again == first and reads == []
    assert visitor_reads("/api/v1/posts/?type=study")[0] == ["Dutch for nurses"]  # its own answer

    fresh = make_post(mentor, title="Mentoring for engineers")
    assert visitor_reads()[0] == ["Mentoring for engineers", *first]
    withdraw_post(fresh, by=mentor)
    assert visitor_reads()[0] == first
    Post.objects.filter(pk=vacancy.pk).update(ends_at=soon(-1))  # its end has passed
    expire_posts()
    assert visitor_reads()[0] == ["Dutch for nurses"]

    signed_in = client_for(make_user("talent")).get("/api/v1/posts/").json()
    assert "teaser" not in signed_in and signed_in["results"][0]["is_saved"] is False


def test_filters_and_orders(make_user, make_post, client_for, soon):
    staff = make_user("organisation")
    organisation = Organisation.objects.get(staff=staff)
    mentor = make_user("mentor")
    fair = make_post(
        staff,
        type="event",
        title="Job fair",
        city="Antwerp",
        sectors=["ict"],
        starts_at=soon(20),
        ends_at=soon(20.3),
        dutch_level="B2",
        language="nl",
    )
    webinar = make_post(
        mentor,
        type="event",
        title="Webinar",
        city="",
        online=True,
        sectors=["healthcare"],
        starts_at=soon(3),
        ends_at=soon(3.1),
        language="en",
    )
    course = make_post(
        mentor,
        type="study",
        title="Dutch course",
        city="Ghent",
        dutch_level="A2",
        starts_at=soon(40),
        ends_at=soon(120),
        language="nl",
        tags=["language"],
    )
    tool = make_post(mentor, type="tool", title="CV builder", online=True, city="")
    client = client_for(make_user("talent"))

    def titles(query):
        answer = client.get(f"/api/v1/posts/{query}")
        assert answer.status_code == 200, answer.content
        return [r["title"] for r in answer.json()["results"]]

    assert titles("") == [tool.title, course.title, webinar.title, fair.title]
    assert titles("?type=event,tool") == [tool.title, webinar.title, fair.title]
    assert titles("?sector=ict") == [fair.title]
    assert titles("?place=antwerp") == [fair.title]
    assert titles("?online=true") == [tool.title, webinar.title]
    assert titles("?online=false") == [course.title, fair.title]
    assert titles("?language=en") == [webinar.title]
    assert titles("?dutch_level=B1") == [tool.title, course.title, webinar.title]
    assert titles(f"?organisation={organisation.slug}") == [fair.title]
    assert titles("?tag=language") == [course.title]
    date_from = soon(10).date().isoformat()
    date_to = soon(30).date().isoformat()
    assert titles(f"?date_from={date_from}&date_to={date_to}") == [fair.title]
    assert titles("?order=soonest") == [webinar.title, fair.title, course.title]  # upcoming only
    bad = client.get("/api/v1/posts/?type=webinar&dutch_level=Z9&date_from=2030-01-10&date_to=2030-01-01")
    assert bad.status_code == 400
    assert set(bad.json()["error"]["fields"]) == {"type", "dutch_level"}


def test_search_finds_words_in_any_field(make_user, make_post, client_for):
    mentor = make_user("mentor")
    make_post(mentor, title="Preparatory year at Ghent University", summary="For engineers with a degree.")
    make_post(mentor, title="Werkervaring in de zorg", summary="Een stage in een ziekenhuis.", locale="nl")
    make_post(mentor, title="دورة اللغة الهولندية", summary="دورة مكثفة للمهندسين في غنت.", locale="ar")
    client = client_for(make_user("talent"))

    def titles(q):
        return [r["title"] for r in client.get("/api/v1/posts/", {"q": q}).json()["results"]]

    assert titles("preparatory university") == ["Preparatory year at Ghent University"]
    assert titles("ziekenhuis") == ["Werkervaring in de zorg"]
    assert titles("للمهندسين") == ["دورة اللغة الهولندية"]
    assert titles("nothing-like-this") == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stemming is PostgreSQL full-text search")
def test_search_stems_words_in_the_language_of_each_post(make_user, make_post, client_for):
    mentor = make_user("mentor")
    make_post(
        mentor, title="Trainingen voor verpleegkundigen", summary="Wij bieden opleidingen aan.", locale="nl"
    )
    make_post(mentor, title="Engineering trainings", summary="Courses for engineers.", locale="en")
    make_post(mentor, title="دورات تدريبية للمهندسين", summary="نقدم دورات في غنت.", locale="ar")
    client = client_for(make_user("talent"))

    def titles(q):
        return sorted(r["title"] for r in client.get("/api/v1/posts/", {"q": q}).json()["results"])

    # Each post is matched with the stemming of its own language.
    assert titles("training") == ["Engineering trainings", "Trainingen voor verpleegkundigen"]
    assert titles("opleiding") == ["Trainingen voor verpleegkundigen"]
    assert titles("engineer course") == ["Engineering trainings"]
    assert titles("المهندسين") == ["دورات تدريبية للمهندسين"]


def test_translations_show_once_in_the_readers_language(make_user, make_post, client_for):
    mentor = make_user("mentor")
    english = make_post(mentor, title="Job fair", locale="en")
    client = client_for(mentor)
    dutch = client.post(
        "/api/v1/posts/",
        {
            **NEW_POST,
            "title": "Jobbeurs",
            "locale": "nl",
            "translation_of": str(english.public_id),
        },
        format="json",
    ).json()
    only_english = make_post(mentor, title="Only in English", locale="en")
    reader_nl = client_for(make_user("talent"), "nl")
    assert [r["title"] for r in reader_nl.get("/api/v1/posts/").json()["results"]] == [
        only_english.title,
        "Jobbeurs",
    ]
    reader_ar = client_for(make_user("talent"), "ar")
    assert [r["title"] for r in reader_ar.get("/api/v1/posts/").json()["results"]] == [
        only_english.title,
        "Job fair",
    ]
    assert [r["title"] for r in reader_ar.get("/api/v1/posts/?locale=nl").json()["results"]] == ["Jobbeurs"]
    detail = reader_nl.get(f"/api/v1/posts/{dutch['id']}/").json()
    assert detail["translations"] == [{"id": str(english.public_id), "locale": "en"}]


def test_vacancies_and_events_expire_by_themselves(make_user, make_post, client_for, soon):
    from plugins.posts.actions import expire_posts

    mentor = make_user("mentor")
    past = make_post(mentor, type="vacancy", title="Closed vacancy", ends_at=soon(-1))
    open_project = make_post(mentor, type="project", title="Project", ends_at=soon(-1))
    client = client_for(make_user("talent"))
    assert [r["title"] for r in client.get("/api/v1/posts/").json()["results"]] == [open_project.title]
    assert client.get(f"/api/v1/posts/{past.public_id}/").status_code == 404
    assert expire_posts() == 1
    past.refresh_from_db()
    assert past.status == Post.Status.EXPIRED
    # A new deadline brings it back.
    author = client_for(mentor)
    answer = author.patch(
        f"/api/v1/posts/{past.public_id}/", {"ends_at": soon(10).isoformat()}, format="json"
    )
    assert answer.status_code == 200 and answer.json()["status"] == "published"


def test_saving_and_the_saved_list(make_user, make_post, client_for):
    post = make_post(make_user("mentor"))
    talent = make_user("talent")
    client = client_for(talent)
    assert client.post(f"/api/v1/posts/{post.public_id}/save/").status_code == 201
    assert client.post(f"/api/v1/posts/{post.public_id}/save/").status_code == 200
    assert client.get("/api/v1/posts/").json()["results"][0]["is_saved"] is True
    assert client_for(make_user("talent")).get("/api/v1/posts/").json()["results"][0]["is_saved"] is False
    saved = client.get("/api/v1/posts/saved/").json()["results"]
    assert [s["id"] for s in saved] == [str(post.public_id)] and saved[0]["is_saved"] is True
    assert client.delete(f"/api/v1/posts/{post.public_id}/save/").status_code == 204
    assert client.get("/api/v1/posts/saved/").json()["results"] == []


def _member(talent, staff):
    organisation = Organisation.objects.get(staff=staff)
    project = Project.objects.create(organisation=organisation, name="Track", slug=f"track-{talent.pk}")
    ProjectMembership.objects.create(project=project, user=talent, status=ProjectMembership.Status.ACTIVE)


def test_organisations_suggest_posts_to_their_connected_talents(make_user, make_post, client_for):
    staff = make_user("organisation", first_name="Sara")
    talent = make_user("talent")
    talent.preferred_language = "ar"
    talent.save()
    stranger = make_user("talent")
    _member(talent, staff)
    post = make_post(make_user("mentor"))
    client = client_for(staff)
    url = f"/api/v1/posts/{post.public_id}/suggest/"
    answer = client.post(
        url, {"talent": str(talent.public_id), "note": "This fits your plan."}, format="json"
    )
    assert answer.status_code == 201, answer.content
    again = client.post(url, {"talent": str(talent.public_id)}, format="json")
    assert again.status_code == 409 and again.json()["error"]["code"] == "already_suggested"
    refused = client.post(url, {"talent": str(stranger.public_id)}, format="json")
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "not_connected"
    mentor = make_user("mentor")
    assert (
        client.post(url, {"talent": str(mentor.public_id)}, format="json").json()["error"]["code"]
        == "not_a_talent"
    )

    mine = client_for(talent).get("/api/v1/posts/suggestions/").json()["results"]
    assert len(mine) == 1 and mine[0]["suggested_by"]["name"] == "Sara Tester"
    assert mine[0]["note"] == "This fits your plan." and mine[0]["post"]["id"] == str(post.public_id)
    sent = client.get("/api/v1/posts/suggestions/?sent=true").json()["results"]
    assert sent[0]["talent"]["id"] == str(talent.public_id)
    dismiss = client_for(talent).post(f"/api/v1/posts/suggestions/{mine[0]['id']}/dismiss/")
    assert dismiss.status_code == 200 and dismiss.json()["dismissed_at"]
    assert client_for(talent).get("/api/v1/posts/suggestions/").json()["results"] == []
    assert client.post(f"/api/v1/posts/suggestions/{mine[0]['id']}/dismiss/").status_code == 404
    assert [m["headers"]["Content-Language"] for m in queued_mails(talent)] == ["ar"]


def test_a_mentor_suggests_through_any_plugins_connection(make_user, make_post, client_for):
    from cms.connections.actions import open_connection
    from cms.organisations.models import Project

    mentor, talent = make_user("mentor"), make_user("talent")
    post = make_post(mentor)
    url = f"/api/v1/posts/{post.public_id}/suggest/"
    assert client_for(mentor).post(url, {"talent": str(talent.public_id)}, format="json").status_code == 403
    # A kind another plugin declares (the alpha test plugin's): posts asks the core, not a plugin.
    open_connection("alpha_pair", project=Project.default(), talent=talent, mentor=mentor, activate=True)
    assert client_for(mentor).post(url, {"talent": str(talent.public_id)}, format="json").status_code == 201
    assert Suggestion.objects.filter(talent=talent, suggested_by=mentor).exists()


def test_the_list_costs_the_same_queries_for_any_page_size(make_user, make_post, client_for):
    staff = make_user("organisation")
    for n in range(30):
        post = make_post(
            staff, title=f"Post {n}", sectors=["ict", "logistics"], type="study" if n % 2 else "tool"
        )
    talent = make_user("talent")
    SavedPost.objects.create(user=talent, post=post)
    query = "/api/v1/posts/?q=post&sector=ict&page_size="
    for n, client in enumerate((client_for(talent), client_for(staff))):
        client.get(f"{query}3&n=warm")  # per-process caches (the project, sectors); "last seen" today
        # Built (the first reader of a page), then kept (every later reader: one statement, the
        # reader's saves among the page's posts).
        with CaptureQueriesContext(connection) as three:
            assert len(client.get(f"{query}3&n={n}").json()["results"]) == 3
        with CaptureQueriesContext(connection) as thirty:
            assert len(client.get(f"{query}30&n={n}").json()["results"]) == 30
        shown = [[q["sql"][:150] for q in captured.captured_queries] for captured in (three, thirty)]
        assert len(thirty) == len(three), shown
        for size in (3, 30):
            with CaptureQueriesContext(connection) as kept:
                client.get(f"{query}{size}&n={n}")
            assert [q["sql"][:34] for q in kept.captured_queries] == ['SELECT "posts_savedpost"."post_id"']
        with CaptureQueriesContext(connection) as saved:
            client.get("/api/v1/posts/saved/")
        assert len(saved) <= len(three)
    mine = client_for(staff)
    with CaptureQueriesContext(connection) as three:
        assert len(mine.get("/api/v1/posts/mine/?page_size=3").json()["results"]) == 3
    with CaptureQueriesContext(connection) as thirty:
        assert len(mine.get("/api/v1/posts/mine/?page_size=30").json()["results"]) == 30
    assert len(thirty) == len(three)


def test_the_dashboard_counts_posts(make_user, make_post, client_for):
    mentor = make_user("mentor")
    make_post(mentor, type="tool")
    make_post(mentor, type="tool")
    make_post(mentor, type="study")
    stats = client_for(make_user("admin", mfa=True)).get("/api/v1/admin/dashboard/").json()
    figures = stats.get("figures", stats)
    assert {"label": "tool", "value": 2} in figures["posts_live_by_type"]
    assert figures["posts_new"] == 3 and sum(w["value"] for w in figures["posts_published_per_week"]) == 3


def test_only_the_sources_owner_or_an_admin_adds_a_translation(make_user, make_post, client_for):
    """Finding 4: ``translation_of`` pointing at someone else's post is a 403, nothing is created."""
    owner, stranger = make_user("mentor"), make_user("mentor")
    source = make_post(owner, title="Job fair", locale="en")
    body = {**NEW_POST, "title": "Jobbeurs", "locale": "nl", "translation_of": str(source.public_id)}
    answer = client_for(stranger).post("/api/v1/posts/", body, format="json")
    assert answer.status_code == 403, answer.content
    assert not Post.objects.filter(title="Jobbeurs").exists()
    assert client_for(owner).post("/api/v1/posts/", body, format="json").status_code == 201
    assert Post.objects.get(title="Jobbeurs").translation_key == source.translation_key


def test_every_filter_costs_the_same_queries_for_few_or_many_posts(make_user, make_post, client_for, soon):
    """The benchmark's cases (bench/posts.py), with 3 posts and then 30: no query per post."""
    staff = make_user("organisation")
    client = client_for(make_user("talent"))
    cases = [
        "/api/v1/posts/?page_size=100",
        "/api/v1/posts/?q=dutch&page_size=100",
        "/api/v1/posts/?type=event,study&sector=ict&page_size=100",
        "/api/v1/posts/?sector=ict&place=Ghent&dutch_level=B1&page_size=100",
        "/api/v1/posts/?date_from=2020-01-01&date_to=2100-01-31&order=soonest&page_size=100",
        "/api/v1/posts/?q=dutch&type=study&online=false&page_size=100",
    ]

    def costs() -> list[tuple[int, int]]:
        found = []
        for url in cases:
            client.get(url)
            with CaptureQueriesContext(connection) as captured:
                answer = client.get(url).json()
            found.append((len(captured), answer["count"]))
        return found

    def add(n: int) -> None:
        for k in range(n):
            make_post(staff, title=f"Dutch {k}", sectors=["ict"], starts_at=soon(k + 1), ends_at=soon(k + 2))

    add(3)
    few = costs()
    add(27)
    many = costs()
    assert [q for q, _count in many] == [q for q, _count in few]
    assert all(count == 30 for _q, count in many), many


def test_a_broad_search_counts_up_to_the_cap_and_every_post_stays_reachable(
    make_user, make_post, client_for, settings
):
    """Past ``HELIX_API_COUNT_CAP`` the list says "at least" (``count_exact: false``) instead of
    counting every match, and ``next`` still leads to every post, each exactly once, in order."""
    settings.HELIX_API_COUNT_CAP = 5
    mentor = make_user("mentor")
    made = [make_post(mentor, title=f"Dutch course {n}") for n in range(8)]
    talent = client_for(make_user("talent"))

    first = talent.get("/api/v1/posts/?page_size=3").json()
    assert first["count"] == 5 and first["count_exact"] is False
    seen, answer = [], first
    while True:
        seen += [row["id"] for row in answer["results"]]
        if not answer["next"]:
            break
        answer = talent.get(answer["next"]).json()
        assert answer["count_exact"] is False
    newest_first = sorted(made, key=lambda post: (post.published_at, post.pk), reverse=True)
    assert seen == [str(post.public_id) for post in newest_first]
    assert answer["previous"] is not None

    past_the_end = talent.get("/api/v1/posts/?page_size=3&page=4")
    assert past_the_end.status_code == 404 and past_the_end.json()["error"]["code"] == "not_found"
    assert talent.get("/api/v1/posts/?page=abc").json()["error"]["code"] == "not_found"

    narrow = talent.get("/api/v1/posts/?q=course&page_size=3&place=Brussels").json()
    assert narrow == {**narrow, "count": 0, "count_exact": True, "next": None}
    settings.HELIX_API_COUNT_CAP = 1000
    exact = talent.get("/api/v1/posts/?page_size=3").json()
    assert exact["count"] == 8 and exact["count_exact"] is True


def test_the_count_stops_at_the_cap_in_the_database(make_user, make_post, client_for, settings):
    """The count reads at most cap + 1 rows (``LIMIT``), so its cost does not grow with matches;
    the page's rows are then read by key, without the list's filters again."""
    settings.HELIX_API_COUNT_CAP = 2
    mentor = make_user("mentor")
    for n in range(4):
        make_post(mentor, title=f"Dutch course {n}")
    talent = client_for(make_user("talent"))
    with CaptureQueriesContext(connection) as captured:
        assert talent.get("/api/v1/posts/?page_size=2").json()["count"] == 2
    posts = [q["sql"] for q in captured.captured_queries if 'FROM "posts_post"' in q["sql"]]
    assert len(posts) == 3 and "COUNT(" in posts[0].upper() and "LIMIT 3" in posts[0]
    live = """"status" = 'published'"""
    assert live in posts[1] and live not in posts[2]  # the keys are filtered, the rows read by key


def test_read_shape_is_the_serializers(make_user, make_post, soon):
    """The list's written-out representation answers exactly what DRF's field-by-field walk over
    ``Meta.fields`` answers: for posts of every kind, for a visitor, a reader, the author, a
    colleague of the author's organisation and an admin, in every language. A field added to the
    serializer and not to the fast path fails here."""
    from django.contrib.auth.models import AnonymousUser
    from django.db.models import Exists, OuterRef
    from django.test import RequestFactory
    from django.utils import translation
    from rest_framework import serializers as drf

    from cms.organisations.staff import staff_organisation_ids
    from plugins.posts.actions import unpublish_post
    from plugins.posts.api import LISTED_COLUMNS, PostSerializer, with_sector_slugs

    staff = make_user("organisation", first_name="Amal")
    colleague = make_user("organisation")
    Organisation.objects.get(staff=staff).staff.add(colleague)
    mentor = make_user("mentor", first_name="", last_name="")
    admin = make_user("admin", mfa=True)
    reader = make_user("talent")
    posts = [
        make_post(staff, type="event", locale="ar", title="معرض الوظائف", sectors=["ict", "healthcare"],
                  starts_at=soon(3), ends_at=soon(3.2), tags=["jobfair", "free"], online=True,
                  language="nl", dutch_level="B1", body="<p>Bring <strong>CVs</strong>.</p>"),
        make_post(mentor, type="tool", locale="nl", city="", tags=[]),
        make_post(mentor, type="vacancy", locale="en", ends_at=soon(10)),
    ]
    unpublish_post(posts[1], by=admin, reason="The link is broken.")
    posts[2].image = "posts/2026/example.png"
    posts[2].save(update_fields=["image"])
    SavedPost.objects.create(user=reader, post=posts[0])

    for user in (AnonymousUser(), reader, staff, colleague, mentor, admin):
        request = RequestFactory().get("/api/v1/posts/")
        request.user = user
        rows = Post.objects.filter(pk__in=[p.pk for p in posts]).select_related("organisation", "author")
        if user.is_authenticated:
            rows = rows.annotate(is_saved=Exists(SavedPost.objects.filter(user=user, post=OuterRef("pk"))))
        # As the lists read them: only the listed columns, then the sectors' slugs.
        rows = with_sector_slugs(list(rows.only(*LISTED_COLUMNS).order_by("pk")))
        staff_organisation_ids(user)  # the reader's organisations: read once per request, not per post
        for language in ("en", "nl", "ar"):
            with translation.override(language):
                serializer = PostSerializer(context={"request": request})
                for post in rows:
                    with CaptureQueriesContext(connection) as reads:
                        fast = serializer.to_representation(post)
                    assert not reads.captured_queries  # nothing deferred is read again
                    walked = drf.ModelSerializer.to_representation(serializer, post)
                    assert fast == walked, (user, language, post.title)
                    assert list(fast) == list(walked)  # the same keys, in the same order
    # The cases above are not all alike: the comparison saw every branch.
    request = RequestFactory().get("/")
    request.user = admin
    shapes = [PostSerializer(Post.objects.get(pk=p.pk), context={"request": request}).data for p in posts]
    assert shapes[0]["dir"] == "rtl" and shapes[0]["organisation"] and shapes[0]["sectors"]
    assert shapes[1]["moderation_note"] == "The link is broken." and shapes[1]["author"]["name"]
    assert shapes[2]["image_url"].startswith("http://testserver/") and shapes[2]["ends_at"]


def test_a_kept_list_answers_each_reader_what_a_built_one_would(make_user, make_post, client_for, settings):
    """Signed-in readers share a kept page of the list; what is theirs alone (``is_saved``,
    ``can_edit``, the moderator's note) is laid over it per reader, never taken from the reader
    who built it. Every reader gets the bytes a list built for them alone would give."""
    staff = make_user("organisation", first_name="Amal")
    colleague = make_user("organisation")
    Organisation.objects.get(staff=staff).staff.add(colleague)
    mentor = make_user("mentor")
    admin = make_user("admin", mfa=True)
    talent, other = make_user("talent"), make_user("talent")
    ours = make_post(staff, title="Data analyst traineeship", sectors=["ict"])
    theirs = make_post(mentor, title="Dutch for nurses")
    Post.objects.filter(pk=theirs.pk).update(moderation_note="Link fixed by an admin.")
    SavedPost.objects.create(user=talent, post=ours)
    readers = {"talent": talent, "other": other, "staff": staff, "colleague": colleague, "mentor": mentor,
               "admin": admin}
    url = "/api/v1/posts/?page_size=10"

    def everyone() -> dict:
        clients = {name: client_for(user) for name, user in readers.items()}
        return {name: client.get(url, HTTP_ACCEPT_LANGUAGE="nl").json() for name, client in clients.items()}

    kept = everyone()  # the talent builds the page; every reader after reads it kept
    settings.HELIX_PAGE_CACHE_SECONDS = 0
    assert kept == everyone()  # built for each reader alone

    def flags(name):
        rows = kept[name]["results"]
        return {row["title"]: (row["is_saved"], row["can_edit"], row["moderation_note"]) for row in rows}

    nothing = (False, False, None)
    assert flags("talent") == {"Data analyst traineeship": (True, False, None), "Dutch for nurses": nothing}
    assert flags("other") == {"Data analyst traineeship": nothing, "Dutch for nurses": nothing}
    assert flags("colleague")["Data analyst traineeship"] == (False, True, None)
    assert flags("mentor")["Dutch for nurses"] == (False, True, "Link fixed by an admin.")
    assert flags("admin") == {"Data analyst traineeship": (False, True, None),
                              "Dutch for nurses": (False, True, "Link fixed by an admin.")}


def test_a_kept_list_follows_saves_publications_and_withdrawals(make_user, make_post, client_for):
    from plugins.posts.actions import withdraw_post

    mentor = make_user("mentor")
    first = make_post(mentor, title="Dutch for nurses")
    talent = client_for(make_user("talent"))
    url = "/api/v1/posts/?q=dutch"

    def listed():
        return [(row["title"], row["is_saved"]) for row in talent.get(url).json()["results"]]

    assert listed() == [("Dutch for nurses", False)]
    assert talent.post(f"/api/v1/posts/{first.public_id}/save/").status_code in (200, 201)
    # A save is the reader's own: it is laid over the kept page, which stays kept for everyone.
    with CaptureQueriesContext(connection) as captured:
        assert listed() == [("Dutch for nurses", True)]
    assert not [q for q in captured.captured_queries if 'FROM "posts_post"' in q["sql"]]
    assert talent.delete(f"/api/v1/posts/{first.public_id}/save/").status_code == 204
    assert listed() == [("Dutch for nurses", False)]
    assert talent.post(f"/api/v1/posts/{first.public_id}/save/").status_code == 201
    second = make_post(mentor, title="Dutch for engineers")
    assert listed() == [("Dutch for engineers", False), ("Dutch for nurses", True)]
    withdraw_post(second, by=mentor)
    assert listed() == [("Dutch for nurses", True)]
    bad = talent.get("/api/v1/posts/?date_from=yesterday")
    assert bad.status_code == 400 and talent.get("/api/v1/posts/?date_from=yesterday").status_code == 400


def test_a_kept_list_goes_out_as_the_bytes_it_was_rendered_to(make_user, make_post, client_for, settings):
    """A reader with nothing of their own on the page gets the kept bytes; they are the bytes the
    list renders to when it is built; ``indent`` in ``Accept`` still indents."""
    mentor = make_user("mentor")
    for n in range(3):
        make_post(mentor, title=f"Dutch course {n}", sectors=["ict"])
    talent = client_for(make_user("talent"))
    url = "/api/v1/posts/?sector=ict"
    talent.get(url)
    kept = talent.get(url)
    settings.HELIX_PAGE_CACHE_SECONDS = 0
    built = talent.get(url)
    assert kept.content == built.content
    assert kept["Content-Type"] == built["Content-Type"] == "application/json"
    settings.HELIX_PAGE_CACHE_SECONDS = 3600
    indented = talent.get(url, HTTP_ACCEPT="application/json; indent=2")
    assert indented.content.startswith(b'{\n  "count": 3') and indented.json() == built.json()


def test_a_kept_list_shows_an_authors_new_name_at_once(make_user, make_post, client_for):
    """The author's name is on the account, not the post: renaming an author starts the kept lists
    again; a log-in, or another account's rename, keeps them."""
    from cms.accounts.models import User

    mentor = make_user("mentor", first_name="Amal")
    make_post(mentor, title="Dutch for nurses")
    mentor = User.objects.get(pk=mentor.pk)  # as stored (the fixture updates some columns apart)
    talent = User.objects.get(pk=make_user("talent").pk)
    reader = client_for(talent)
    url = "/api/v1/posts/?q=dutch"

    def authors():
        return [row["author"]["name"] for row in reader.get(url).json()["results"]]

    assert authors() == [mentor.get_full_name()]
    talent.first_name = "Someone else"
    talent.save()  # not an author
    mentor.save(update_fields=["last_login"])  # a log-in
    with CaptureQueriesContext(connection) as captured:
        assert authors() == [mentor.get_full_name()]
    assert not [q for q in captured.captured_queries if 'FROM "posts_post"' in q["sql"]]  # still kept
    mentor.last_name = "Haddad-Peeters"
    mentor.save()
    assert authors() == ["Amal Haddad-Peeters"]
    mentor.first_name = "Amira"
    mentor.save(update_fields=["first_name"])
    assert authors() == ["Amira Haddad-Peeters"]
