"""The networking plugin's other hooks: routes, permissions, profile section, dashboard figures."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from plugins.networking import actions, hooks


def test_role_permissions_name_existing_permissions(db):
    from django.contrib.auth.models import Permission

    rows = Permission.objects.values_list("content_type__app_label", "codename")
    existing = {f"{app}.{codename}" for app, codename in rows}
    declared = hooks.role_permissions()
    assert set(declared) == {"talent", "mentor", "admin"}
    for role, names in declared.items():
        assert set(names) <= existing, (role, set(names) - existing)
    assert "networking.add_plancomment" in declared["mentor"]
    assert "networking.add_plancomment" not in declared["talent"]


def test_the_talent_group_gets_the_permissions(people):
    assert people["talent"].has_perm("networking.add_plancontact")
    assert people["mentor"].has_perm("networking.add_plancomment")
    assert not people["employer"].has_perm("networking.view_networkingplan")


def test_the_profile_shows_a_talents_progress(people, filled_plan, client_for, today):
    talent = people["talent"]
    actions.set_step_status(talent, 2, "done")
    actions.change_goal(filled_plan["goal"], by=talent, done=True)
    actions.change_contact(filled_plan["contact"], by=talent, next_follow_up=today + timedelta(days=2))
    section = client_for(talent).get("/api/v1/me/").json()["plugin_sections"]["networking"]
    assert section == {
        "has_plan": True,
        "step_count": 7,
        "steps_done": 1,
        "steps_in_progress": 1,
        "goals": 1,
        "goals_done": 1,
        "contacts": 1,
        "next_follow_up": (today + timedelta(days=2)).isoformat(),
    }
    assert hooks.profile_sections(people["other_talent"])["networking"]["has_plan"] is False
    assert hooks.profile_sections(people["mentor"]) is None


def test_dashboard_stats_count_talents_and_how_far_they_got(people, make_user, client_for):
    talents = [people["talent"], people["other_talent"], make_user("talent"), make_user("talent")]
    for talent, done_steps in zip(talents, ([1, 2, 3], [1], [], [1, 2, 3, 4, 5, 6, 7]), strict=True):
        actions.save_mind_map(talent, interests=["x"], strengths=[], contact_kinds=[])
        for step in done_steps:
            actions.set_step_status(talent, step, "done")
    actions.set_step_status(talents[2], 4, "in_progress")
    actions.add_contact(talents[0], name="Lotte", tie="weak")
    actions.comment_on_plan(people["talent"], by=people["mentor"], body="Good.")

    stats = hooks.dashboard_stats(since=timezone.now() - timedelta(days=7))
    assert stats["networking_talents_with_plan"] == 4
    assert stats["networking_steps_done"] == [
        {"label": str(n), "value": value} for n, value in enumerate([1, 1, 0, 1, 0, 0, 0, 1])
    ]
    assert [row["value"] for row in stats["networking_step_done_counts"]] == [3, 2, 2, 1, 1, 1, 1]
    assert stats["networking_plans_updated"] == 4
    assert stats["networking_contacts_added"] == 1
    assert stats["networking_mentor_comments"] == 1
    later = hooks.dashboard_stats(since=timezone.now() + timedelta(minutes=1))
    assert later["networking_plans_updated"] == 0 and later["networking_talents_with_plan"] == 4

    dashboard = client_for(people["admin"]).get("/api/v1/admin/dashboard/")
    assert dashboard.status_code == 200, dashboard.content
    assert "networking_talents_with_plan" in str(dashboard.json())


def test_the_routes_are_registered_with_networking_basenames():
    from django.urls import reverse

    assert reverse("networking-plan-plan") == "/api/v1/networking/plan/"
    assert reverse("networking-goal-list") == "/api/v1/networking/plan/goals/"
    assert reverse("networking-plan-plan-step", kwargs={"step": 3}) == "/api/v1/networking/plan/steps/3/"
