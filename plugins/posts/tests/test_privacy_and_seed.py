"""The personal-data hooks and the demo content."""

from __future__ import annotations

from cms.accounts.actions import erase_account, grant_consent
from cms.gdpr import export_user
from cms.organisations.models import Organisation
from plugins.posts.models import DigestSubscription, NewsletterRecipient, Post, SavedPost, Suggestion


def test_export_covers_everything_the_plugin_stores(make_user, make_post, client_for):
    mentor = make_user("mentor")
    talent = make_user("talent")
    post = make_post(mentor, title="Data course")
    SavedPost.objects.create(user=talent, post=post)
    Suggestion.objects.create(post=post, talent=talent, suggested_by=mentor, note="For you")
    DigestSubscription.objects.create(user=talent, frequency="daily")
    data = export_user(talent)["data"]
    assert data["posts.savedpost"][0]["post__title"] == "Data course"
    assert (
        data["posts.suggestion"][0]["note"] == "For you"
        and data["posts.suggestion"][0]["direction"] == "received"
    )
    assert data["posts.digestsubscription"][0]["frequency"] == "daily"
    authored = export_user(mentor)["data"]
    assert authored["posts.post"][0]["title"] == "Data course"
    assert authored["posts.suggestion"][0]["direction"] == "made"


def test_erasing_a_talent_removes_their_saves_suggestions_and_subscriptions(make_user, make_post):
    from plugins.posts.models import Newsletter

    mentor, talent, other = make_user("mentor"), make_user("talent"), make_user("talent")
    post = make_post(mentor)
    for person in (talent, other):
        SavedPost.objects.create(user=person, post=post)
        Suggestion.objects.create(post=post, talent=person, suggested_by=mentor)
        DigestSubscription.objects.create(user=person)
    grant_consent(talent, "newsletter")
    letter = Newsletter.objects.create(title="News")
    NewsletterRecipient.objects.create(newsletter=letter, user=talent)
    erase_account(talent)
    assert not SavedPost.objects.filter(user=talent).exists()
    assert not Suggestion.objects.filter(talent=talent).exists()
    assert not DigestSubscription.objects.filter(user=talent).exists()
    assert not NewsletterRecipient.objects.filter(user=talent).exists()
    assert SavedPost.objects.filter(user=other).exists() and Suggestion.objects.filter(talent=other).exists()


def test_an_erased_authors_posts_stay_with_the_organisation_without_the_person(
    make_user, make_post, client_for
):
    staff = make_user("organisation", first_name="Sara")
    organisation = Organisation.objects.get(staff=staff)
    post = make_post(staff, title="Mentoring programme", type="project")
    talent = make_user("talent")
    suggestion = Suggestion.objects.create(post=post, talent=talent, suggested_by=staff)
    erase_account(staff)
    post.refresh_from_db()
    assert post.author is None and post.organisation == organisation and post.status == "published"
    shown = client_for(make_user("talent")).get(f"/api/v1/posts/{post.public_id}/").json()
    assert shown["author"] is None and shown["organisation"]["slug"] == organisation.slug
    assert "Sara" not in str(shown)
    suggestion.refresh_from_db()
    assert suggestion.suggested_by is None
    mine = client_for(talent).get("/api/v1/posts/suggestions/").json()["results"]
    assert mine[0]["suggested_by"] is None


def test_an_erased_authors_signature_leaves_their_posts_and_the_search(make_user, make_post, db):
    from plugins.posts.search import search_filter

    mentor = make_user("mentor", first_name="Marguerite", email="marguerite.v@example.org")
    post = make_post(
        mentor,
        title="Dutch for nurses",
        body="<p>Questions? Ask Marguerite, marguerite.v@example.org.</p>",
    )
    talent = make_user("talent")
    Suggestion.objects.create(post=post, talent=talent, suggested_by=mentor, note="Marguerite thinks of you")
    assert Post.objects.filter(search_filter("Marguerite")).exists()
    erase_account(mentor)
    post.refresh_from_db()
    assert post.body == "<p>Questions? Ask deleted user, deleted-user@erased.invalid.</p>"
    assert post.title == "Dutch for nurses" and post.author is None
    assert not Post.objects.filter(search_filter("Marguerite")).exists()
    assert Post.objects.filter(search_filter("nurses")).get() == post
    assert Suggestion.objects.get(talent=talent).note == "deleted user thinks of you"


def test_demo_posts_are_seeded_in_three_languages_once(make_user, db):
    from cms.accounts.demo import seed_core_demo
    from plugins.posts.seed import load, seed_posts

    seed_core_demo()
    created = seed_posts(["en", "nl", "ar"])
    specs = load()
    assert len(created) == 3 * len(specs)
    assert {p.type for p in created} == {"study", "vacancy", "event", "project", "tool"}
    assert seed_posts(["en", "nl", "ar"]) == []
    for spec in specs:
        versions = Post.objects.filter(title__in=[spec["text"][code]["title"] for code in ("en", "nl", "ar")])
        assert sorted(versions.values_list("locale", flat=True)) == ["ar", "en", "nl"]
        assert len({v.translation_key for v in versions}) == 1
        assert all(v.link.startswith("https://") for v in versions)
    # The demo organisation's posts belong to it.
    assert Post.objects.filter(organisation__slug="bridge-to-work").exists()
