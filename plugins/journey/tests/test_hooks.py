"""The plugin is found, switched off per project, declares its capabilities, and the seeded
roadmap carries checklists whose item ids are the same in every language."""

from __future__ import annotations


def test_hook_api_routes(people, client_for):
    from cms.organisations.actions import set_plugin_activation
    from cms.organisations.models import Project
    from cms.plugins import get_manager

    assert get_manager().pm.get_plugin("journey") is not None
    client = client_for(people["talent"])
    assert client.get("/api/v1/journey/roadmap/").status_code == 200
    set_plugin_activation(Project.default(), "journey", enabled=False)
    assert client.get("/api/v1/journey/roadmap/").status_code == 404


def test_hook_capabilities(people, client_for):
    from django.contrib.auth.models import Group, Permission

    from cms.capabilities.declared import declared_capabilities

    perms = {c.perm: c for c in declared_capabilities()}
    assert perms["journey.track_progress"].default_roles == ("talent",)
    assert set(perms["journey.record_outcome_for_others"].default_roles) == {"organisation", "mentor"}
    # Taken from the talents, the roadmap cannot be changed any more (checked with has_perm).
    talent_group = Group.objects.get(name="talent")
    talent_group.permissions.remove(Permission.objects.get(codename="track_progress"))
    answer = client_for(people["talent"]).put(
        "/api/v1/journey/roadmap/steps/1/", {"status": "done"}, format="json"
    )
    assert answer.status_code == 403 and answer.json()["error"]["code"] == "capability_missing"


def test_hook_profile_sections(people):
    from plugins.journey import actions
    from plugins.journey.hooks import profile_sections

    actions.set_step_status(people["talent"], 1, "done")
    assert profile_sections(people["talent"]) == {"journey": {"steps_done": 1, "outcomes": 0}}
    assert profile_sections(people["mentor"]) is None


def test_hook_periodic_jobs():
    from plugins.journey.hooks import periodic_jobs

    (job,) = periodic_jobs()
    assert job.actor_name == "journey.send_outcome_reminders"


def test_the_seeded_roadmap_has_checklists_with_the_same_ids_in_every_language():
    from cms.pages.seed import _values, load_content

    steps = [spec for spec in load_content() if spec["type"] == "RoadmapStepPage"]
    assert len(steps) == 9
    for spec in steps:
        versions = {code: _values(spec, code, {})["checklist"] for code in ("en", "nl", "ar")}
        ids = {code: [item["id"] for item in items] for code, items in versions.items()}
        assert len(ids["en"]) >= 3 and ids["en"] == ids["nl"] == ids["ar"], spec["key"]
        assert len({item["value"]["text"] for items in versions.values() for item in items}) == 3 * len(
            ids["en"]
        )


def test_hook_seed_demo(roadmap):
    from cms.accounts.demo import seed_core_demo
    from cms.accounts.models import User
    from cms.connections.actions import open_connection
    from cms.organisations.models import Project
    from plugins.journey.hooks import seed_demo
    from plugins.journey.models import ChecklistTick, Outcome, StepNote, StepStatus

    seed_core_demo()
    talent = User.objects.get(email="talent@helix.example")
    mentor = User.objects.get(email="mentor@helix.example")
    open_connection("talent_mentor", project=Project.default(), talent=talent, mentor=mentor, activate=True)
    seed_demo(locales=["en", "nl", "ar"])
    seed_demo(locales=["en", "nl", "ar"])  # once
    # The tiny tree has steps 1 (two items, done) and 6 (not in the demo's statuses).
    assert list(StepStatus.objects.filter(talent=talent).values_list("status", flat=True)) == ["done"]
    assert ChecklistTick.objects.filter(talent=talent).count() == 2
    assert Outcome.objects.filter(talent=talent).count() == 1
    assert not StepNote.objects.exists()  # step 4 is not in the tiny tree


def test_the_full_demo_shows_the_demo_talents_roadmap(db, django_capture_on_commit_callbacks):
    from django.core.management import call_command
    from wagtail.models import Page

    from cms.accounts.models import User
    from plugins.journey import selectors

    for page in Page.objects.filter(depth=2):  # the tests' tiny tree makes room
        page.delete()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", verbosity=0)
    talent = User.objects.get(email="talent@helix.example")
    roadmap = selectors.roadmap_of(talent, "ar")
    assert roadmap["progress"]["step_count"] == 9 and roadmap["progress"]["done"] == 2
    assert roadmap["progress"]["items_ticked"] >= 7 and roadmap["progress"]["items_total"] == 27
    assert [n["body"] for s in roadmap["steps"] for n in s["notes"]]  # the demo mentor's note
