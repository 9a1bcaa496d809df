"""The networking demo: the guide pages in three languages and a filled plan, seeded once."""

from __future__ import annotations

from datetime import timedelta

from plugins.networking.seed import CONTENT_FILE


def _plan_counts(talent) -> dict:
    from plugins.networking.models import PlanComment, PlanContact, PlanGoal, PlanMilestone, StepProgress

    return {
        model.__name__: model.objects.filter(plan__talent=talent).count()
        for model in (PlanGoal, PlanMilestone, PlanContact, StepProgress, PlanComment)
    }


def test_the_demo_plan_is_seeded_once(db):
    from cms.accounts.demo import seed_core_demo
    from cms.accounts.models import User
    from cms.connections.actions import open_connection
    from cms.organisations.models import Project
    from plugins.networking.actions import local_today
    from plugins.networking.seed import seed_plan

    seed_core_demo()
    talent = User.objects.get(email="talent@helix.example")
    # What the mentoring demo makes: the demo talent and mentor in an active talent–mentor connection.
    mentor = User.objects.get(email="mentor@helix.example")
    open_connection("talent_mentor", project=Project.default(), talent=talent, mentor=mentor, activate=True)
    seed_plan()
    first = _plan_counts(talent)
    seed_plan()
    assert _plan_counts(talent) == first
    assert first == {"PlanGoal": 2, "PlanMilestone": 3, "PlanContact": 3, "StepProgress": 3, "PlanComment": 1}

    plan = talent.networking_plan
    assert plan.interests and plan.strengths and plan.contact_kinds
    assert sorted(plan.goals.values_list("term", flat=True)) == ["long", "short"]
    assert dict(plan.steps.values_list("step", "status")) == {1: "done", 2: "done", 3: "in_progress"}
    tomorrow = local_today() + timedelta(days=1)
    assert plan.contacts.filter(next_follow_up=tomorrow).count() == 1
    assert plan.comments.get().author.email == "mentor@helix.example"
    assert plan.milestones.filter(done_at__isnull=False).count() == 1


def test_the_demo_plan_does_without_a_connection(db):
    from cms.accounts.demo import seed_core_demo
    from plugins.networking.seed import seed_plan

    seed_core_demo()
    plan = seed_plan()
    assert plan.goals.count() == 2 and not plan.comments.exists()


def test_the_demo_plan_needs_the_demo_talent(db):
    from plugins.networking.seed import seed_plan

    assert seed_plan() is None


def _home_tree():
    """A home page in three languages, as the core's seed makes it."""
    from cms.pages.seed import seed_pages

    def t(text):
        return {"en": text, "nl": f"{text} (nl)", "ar": f"{text} (ar)"}

    seed_pages([{"key": "home", "type": "HomePage", "title": t("Home"), "intro": t("Start here.")}])


def test_hook_seed_demo_seeds_the_guide_pages_in_three_languages(db, django_capture_on_commit_callbacks):
    assert CONTENT_FILE.exists()
    from wagtail.models import Page

    from plugins.networking.hooks import seed_demo
    from plugins.networking.models import NetworkingGuidePage, NetworkingOrganisersPage, NetworkingStepPage

    for page in Page.objects.filter(depth=2):
        page.delete()
    with django_capture_on_commit_callbacks(execute=True):
        _home_tree()
        seed_demo(locales=["en", "nl", "ar"])
        count = Page.objects.count()
        seed_demo(locales=["en", "nl", "ar"])
    assert Page.objects.count() == count  # idempotent

    for language in ("en", "nl", "ar"):
        guide = NetworkingGuidePage.objects.get(locale__language_code=language)
        assert guide.live and guide.get_parent().specific_class.__name__ == "HomePage"
        steps = NetworkingStepPage.objects.filter(locale__language_code=language).order_by("step_number")
        assert [s.step_number for s in steps] == list(range(1, 8))
        assert all(s.live and s.get_parent().pk == guide.pk and s.body for s in steps)
        organisers = NetworkingOrganisersPage.objects.get(locale__language_code=language)
        assert organisers.slug == "for-organisers" and organisers.body
    arabic = NetworkingStepPage.objects.get(locale__language_code="ar", step_number=1)
    english = NetworkingStepPage.objects.get(locale__language_code="en", step_number=1)
    assert arabic.translation_key == english.translation_key and arabic.title != english.title


def test_the_guide_pages_are_answered_by_the_page_api(db, django_capture_on_commit_callbacks, api):
    assert CONTENT_FILE.exists()
    from wagtail.models import Page

    from plugins.networking.seed import seed_guide

    for page in Page.objects.filter(depth=2):
        page.delete()
    with django_capture_on_commit_callbacks(execute=True):
        _home_tree()
        seed_guide(["en", "nl", "ar"])
    query = {"type": "networking.NetworkingStepPage", "locale": "ar", "fields": "*"}
    answer = api.get("/api/v1/pages/", query)
    assert answer.status_code == 200, answer.content
    items = answer.json()["results"]
    assert sorted(item["step_number"] for item in items) == list(range(1, 8))
    assert all(item["meta"]["dir"] == "rtl" and item["body"] for item in items)


def test_without_the_content_file_the_guide_is_skipped_with_a_log_line(db, caplog, tmp_path, monkeypatch):
    import logging

    from plugins.networking import seed

    monkeypatch.setattr(seed, "CONTENT_FILE", tmp_path / "missing.yaml")
    with caplog.at_level(logging.INFO, logger="plugins.networking.seed"):
        assert seed.seed_guide(["en"]) is None
    assert "not there yet" in caplog.text


def test_editors_cannot_build_a_wrong_tree(db):
    from cms.pages.models import HomePage, RoadmapIndexPage
    from plugins.networking.models import NetworkingGuidePage, NetworkingOrganisersPage, NetworkingStepPage

    assert NetworkingGuidePage in HomePage.clean_subpage_models()
    assert NetworkingStepPage not in HomePage.clean_subpage_models()
    assert set(NetworkingGuidePage.clean_subpage_models()) == {NetworkingStepPage, NetworkingOrganisersPage}
    assert NetworkingGuidePage not in RoadmapIndexPage.clean_subpage_models()
    assert NetworkingStepPage.clean_subpage_models() == []
    assert NetworkingGuidePage.max_count_per_parent == 1
    assert NetworkingStepPage.api_fields == ("step_number", "intro", "body")
