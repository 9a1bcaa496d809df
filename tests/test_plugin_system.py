"""The plugin system: discovery, requirements, per-project enablement, and every hook."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.utils import timezone

from cms.organisations.actions import set_plugin_activation
from cms.organisations.models import PluginActivation, Project
from cms.plugins import calls, get_manager, hooks_for
from cms.plugins.discovery import DiscoveredPlugin, PluginSelectionError, select
from cms.plugins.manager import HelixPluginManager
from tests.plugins.alpha import state

# The tests here are about the test plugins alpha and beta; the plugins Helix ships and any other
# installed one (the partner example language_buddy) are left out of the comparisons.
TEST_PLUGINS = {"alpha", "beta"}


@pytest.fixture(autouse=True)
def _reset_alpha():
    state.CALLS.clear()
    yield


@pytest.fixture
def project(db, make_user):
    from cms.organisations.actions import create_project
    from cms.organisations.models import Organisation

    owner = make_user("organisation")
    return create_project(Organisation.objects.get(staff=owner), by=owner, name="Job fair track")


# --- discovery and start-up -----------------------------------------------------------
def test_selection_installs_all_or_the_named_plugins():
    found = {
        "posts": DiscoveredPlugin("posts", "plugins.posts", "helix-cms"),
        "mentoring": DiscoveredPlugin("mentoring", "plugins.mentoring", "helix-cms"),
    }
    assert select(None, found) == ["plugins.posts", "plugins.mentoring"]
    assert select("all", found) == ["plugins.posts", "plugins.mentoring"]
    assert select("mentoring", found) == ["plugins.mentoring"]
    assert select("none", found) == []
    with pytest.raises(PluginSelectionError, match="nonexistent"):
        select("posts,nonexistent", found)


def test_missing_requirement_stops_start_up_naming_both_plugins():
    manager = HelixPluginManager()
    beta = get_manager().configs["beta"]
    manager.configs["beta"] = beta  # alpha is not registered in this manager
    with pytest.raises(ImproperlyConfigured) as excinfo:
        manager.validate()
    assert "'beta' requires plugin 'alpha'" in str(excinfo.value)


def test_misspelt_hook_fails_validation():
    manager = HelixPluginManager()
    from cms.plugins import hookimpl

    class Sloppy:
        @hookimpl
        def exprt_user_data(self, user):  # typo: not a hook
            return {}

    manager.pm.register(Sloppy(), name="sloppy")
    with pytest.raises(ImproperlyConfigured, match="exprt_user_data"):
        manager.validate()


def test_plugins_command_lists_plugins_and_projects(project, capsys):
    set_plugin_activation(project, "beta", enabled=True)
    call_command("plugins")
    out = capsys.readouterr().out
    assert "alpha" in out and "1.2.3" in out
    assert "beta" in out and "alpha" in out.split("beta", 1)[1]
    assert project.slug in out


# --- per-project enablement -------------------------------------------------------------
def test_enablement_defaults_and_explicit_rows(project):
    manager = get_manager()
    assert manager.is_enabled("alpha", project)
    assert not manager.is_enabled("beta", project)
    # Rows the action refuses to write (beta requires alpha), to show the manager reads rows only.
    PluginActivation.objects.create(project=project, plugin_id="beta", enabled=True)
    PluginActivation.objects.create(project=project, plugin_id="alpha", enabled=False)
    project = Project.objects.get(pk=project.pk)  # without the instance's cached activations
    assert manager.enabled_ids(project) & TEST_PLUGINS == {"beta"}
    assert list(manager.enabled_projects("beta")) == [project]
    assert project not in manager.enabled_projects("alpha")


def test_hooks_for_project_never_asks_a_disabled_plugin(project, make_user):
    user = make_user("talent")
    set_plugin_activation(project, "beta", enabled=True)
    sections = {}
    for result in hooks_for(project).profile_sections(user=user):
        sections.update(result)
    assert set(sections) & TEST_PLUGINS == {"alpha", "beta"}
    set_plugin_activation(project, "beta", enabled=False)
    sections = {}
    for result in hooks_for(project).profile_sections(user=user):
        sections.update(result)
    assert set(sections) & TEST_PLUGINS == {"alpha"}


def test_plugin_endpoint_is_404_where_disabled(project, make_user, client_for):
    client = client_for(make_user("talent"))
    assert client.get("/api/v1/alpha/echo/").json() == {"plugin": "alpha", "project": "default"}
    answer = client.get("/api/v1/alpha/echo/", HTTP_X_HELIX_PROJECT=project.slug)
    assert answer.status_code == 200 and answer.json()["project"] == project.slug
    set_plugin_activation(project, "alpha", enabled=False)
    answer = client.get("/api/v1/alpha/echo/", HTTP_X_HELIX_PROJECT=project.slug)
    assert answer.status_code == 404
    assert answer.json()["error"]["code"] == "not_found"
    # still on in the default project
    assert client.get("/api/v1/alpha/echo/").status_code == 200


def test_plugins_endpoint_reports_what_a_project_enables(project, api):
    set_plugin_activation(project, "beta", enabled=True)
    answer = api.get(f"/api/v1/plugins/?project={project.slug}").json()
    assert answer["project"] == project.slug
    enabled = {p["id"]: p["enabled"] for p in answer["plugins"] if p["id"] in TEST_PLUGINS}
    assert enabled == {"alpha": True, "beta": True}
    beta = next(p for p in answer["plugins"] if p["id"] == "beta")
    assert beta["requires"] == ["alpha"] and beta["version"] == "0.1.0"
    plugins = api.get("/api/v1/plugins/").json()["plugins"]
    default = {p["id"]: p["enabled"] for p in plugins if p["id"] in TEST_PLUGINS}
    assert default == {"alpha": True, "beta": False}
    assert api.get("/api/v1/plugins/?project=nope").status_code == 404


# --- every hook -----------------------------------------------------------------------
def test_hook_api_routes(make_user, client_for):
    from django.urls import resolve

    match = resolve("/api/v1/alpha/echo/")
    assert match.func.cls.helix_plugin_id == "alpha"
    assert client_for(make_user("mentor")).get("/api/v1/alpha/echo/").status_code == 200


def test_hook_connection_kinds(swapped_kinds):
    from cms.connections.kinds import all_kinds, get_kind, reset

    alpha_pair = get_kind("alpha_pair")
    assert alpha_pair.plugin == "alpha"
    assert alpha_pair.sides == ("talent", "mentor") and alpha_pair.sees == {"mentor": ("profile",)}
    assert "alpha_pair" in all_kinds()

    # kind ids are unique across plugins: a clash stops start-up, naming both plugins
    from cms.connections.kinds import ConnectionKind
    from cms.plugins import hookimpl
    from cms.plugins.manager import set_manager

    class Copycat:
        @hookimpl
        def connection_kinds(self):
            return [ConnectionKind("alpha_pair", "Copy", ("talent", "employer"))]

    manager = HelixPluginManager()
    manager.pm.register(get_manager().pm.get_plugin("alpha"), name="alpha")
    manager.pm.register(Copycat(), name="copycat")
    set_manager(manager)
    reset()
    with pytest.raises(ImproperlyConfigured, match="alpha_pair.*alpha and copycat"):
        all_kinds()


@pytest.fixture
def swapped_kinds():
    """Collect the kinds afresh, and restore the real plugin manager afterwards."""
    from cms.connections import kinds
    from cms.plugins.manager import set_manager

    original = get_manager()
    kinds.reset()
    yield
    set_manager(original)
    kinds.reset()


@pytest.fixture
def pair(project, make_user):
    """``pair(project)``: an alpha_pair connection between a new talent and mentor, proposed."""
    from cms.connections.actions import open_connection

    def make(in_project=None):
        return open_connection(
            "alpha_pair", project=in_project or project, talent=make_user("talent"),
            mentor=make_user("mentor"),
        )

    return make


class SeenWithGrants(list):
    """alpha's call log, noting whether the mentor held the grant when each hook ran."""

    def append(self, call):
        from cms.connections.selectors import sees

        connection = call[1]["connection"]
        super().append((*call, sees(connection.mentor, connection.talent, "profile")))


def test_hook_on_connection_activated(project, pair, make_user, monkeypatch):
    from cms.connections.actions import activate_connection

    monkeypatch.setattr(state, "CALLS", SeenWithGrants())
    connection = pair()
    activate_connection(connection, by=connection.mentor)
    # called inside the action, after the core granted what the kind declares
    assert state.CALLS == [("on_connection_activated", {"connection": connection}, True)]
    assert state.CALLS[0][1]["connection"].state == "active"

    set_plugin_activation(project, "alpha", enabled=False)
    activate_connection(pair(), by=None)
    assert len(state.CALLS) == 1  # a plugin disabled in the connection's project is not asked


def test_hook_on_connection_changed(project, pair):
    from cms.connections.actions import (
        activate_connection,
        pause_connection,
        resume_connection,
        set_contact,
    )

    connection = activate_connection(pair(), by=None)
    state.CALLS.clear()
    pause_connection(connection, by=None, reason="Holidays")
    resume_connection(connection, by=None)
    set_contact(connection, False, by=connection.talent)
    set_contact(connection, False, by=connection.talent)  # nothing changes: nobody is told
    set_contact(connection, True, by=connection.talent)
    changes = [(name, call["change"]) for name, call in state.CALLS]
    assert changes == [
        ("on_connection_changed", "paused"),
        ("on_connection_changed", "resumed"),
        ("on_connection_changed", "contact_withheld"),
        ("on_connection_changed", "contact_allowed"),
    ]
    assert all(call["connection"].pk == connection.pk for _name, call in state.CALLS)

    set_plugin_activation(project, "alpha", enabled=False)
    pause_connection(connection, by=None)
    assert len(state.CALLS) == 4


def test_hook_on_connection_closed(project, pair, monkeypatch):
    from cms.connections.actions import activate_connection, close_connection

    connection = activate_connection(pair(), by=None)
    monkeypatch.setattr(state, "CALLS", SeenWithGrants())
    close_connection(connection, by=connection.talent, reason="Found a job")
    # called after the core revoked the grants; the reason and who closed it are set
    [(name, call, mentor_still_sees)] = state.CALLS
    assert name == "on_connection_closed" and not mentor_still_sees
    assert call["connection"].close_reason == "Found a job"
    assert call["connection"].closed_by == connection.talent

    set_plugin_activation(project, "alpha", enabled=False)
    close_connection(pair(), by=None, reason="Declined")
    assert len(state.CALLS) == 1


def test_hook_role_permissions(db):
    from cms.accounts.roles import sync_role_permissions

    sync_role_permissions()
    talent = Group.objects.get(name="talent")
    codes = set(talent.permissions.values_list("codename", flat=True))
    assert "change_sector" in codes  # from the alpha plugin
    assert "view_sector" in codes  # from the core
    admin = Group.objects.get(name="admin")
    assert admin.permissions.filter(codename="access_admin").exists()


def test_hook_capabilities(db):
    """Each plugin's declarations arrive through the hook, become permissions of the role
    groups named as defaults, and are asked with has_perm."""
    from cms.capabilities.declared import declared_capabilities
    from cms.plugins import hooks

    answered = {item.perm for result in hooks().capabilities() for item in (result or ())}
    assert {"accounts.approve_accounts", "posts.publish_post", "mentoring.request_mentor"} <= answered
    assert answered == {item.perm for item in declared_capabilities()}
    mentor = Group.objects.get(name="mentor")
    assert mentor.permissions.filter(content_type__app_label="posts", codename="publish_post").exists()
    assert not Group.objects.get(name="talent").permissions.filter(codename="publish_post").exists()


def test_hook_page_dynamic_content(project):
    page = SimpleNamespace(pk=1, __str__=lambda self: "step")
    items = calls.page_dynamic_content(
        project, "Job search", "ar", block={"post_types": ["vacancy"], "limit": 2}
    )
    assert items == [
        {"type": "alpha", "title": "Alpha item 1 for Job search in ar (vacancy)"},
        {"type": "alpha", "title": "Alpha item 2 for Job search in ar (vacancy)"},
    ]
    set_plugin_activation(project, "alpha", enabled=False)
    assert calls.page_dynamic_content(project, page, "ar") == []


def test_hook_profile_sections(make_user, client_for):
    talent = make_user("talent", first_name="Amal")
    sections = client_for(talent).get("/api/v1/me/").json()["plugin_sections"]
    assert sections["alpha"] == {"greeting": "Hello Amal"}
    assert sections["posts"] == {"saved": 0, "open_suggestions": 0, "digest": "weekly"}


def test_hook_on_consent_changed(make_user, client_for):
    from tests.plugins.alpha import state

    user = make_user("talent")
    state.CALLS.clear()
    client = client_for(user)
    granted = client.post("/api/v1/me/consents/", {"purpose": "cv_publication"}, format="json")
    assert granted.status_code == 201
    assert client.delete("/api/v1/me/consents/cv_publication/").status_code == 200
    seen = [(c[1]["purpose"], c[1]["granted"]) for c in state.CALLS if c[0] == "on_consent_changed"]
    assert seen == [("cv_publication", True), ("cv_publication", False)]


def test_hook_dashboard_stats(make_user, client_for):
    make_user("employer", approved=False)
    admin = make_user("admin", mfa=True)
    answer = client_for(admin).get("/api/v1/admin/dashboard/")
    assert answer.status_code == 200
    figures = answer.json()["figures"]
    assert figures["alpha_widgets"] == 7 and figures["beta_things"] == 1
    assert figures["core_pending_approvals"] == 1
    bad = client_for(admin).get("/api/v1/admin/dashboard/?since=yesterday")
    assert bad.status_code == 400 and "since" in bad.json()["error"]["fields"]


def test_hook_newsletter_sections(project, make_user):
    user = make_user("talent")
    since = timezone.now() - timedelta(days=7)
    sections = calls.newsletter_sections(project, user, since)
    assert sections == [{"title": "Alpha news", "items": [f"for {user.email}"]}]


def test_hook_newsletter_sections_many(project, make_user):
    """A digest asks for a batch of readers at once; a plugin with only the per-reader hook
    (alpha) is still asked for each reader, and its answer lands with that reader."""
    readers = [make_user("talent"), make_user("mentor")]
    since = timezone.now() - timedelta(days=7)
    sections = calls.newsletter_sections_many(project, readers, {user.pk: since for user in readers})
    for user in readers:
        assert {"title": "Alpha news", "items": [f"for {user.email}"]} in sections[user.pk]


def test_hook_periodic_jobs(project):
    from apscheduler.schedulers.background import BackgroundScheduler

    from cms.jobs.periodic import add_jobs, collected_jobs

    jobs = {job.actor_name: job for job in collected_jobs()}
    assert jobs["alpha.tick"].cron == "*/5 * * * *"
    assert "outbox.sweep" in jobs
    scheduler = BackgroundScheduler()
    add_jobs(scheduler)
    assert {job.id for job in scheduler.get_jobs()} >= {"alpha.tick", "outbox.sweep"}
    # the job itself re-checks where the plugin is enabled
    from tests.plugins.alpha.tasks import tick

    Project.default()
    set_plugin_activation(project, "alpha", enabled=False)
    tick.fn()
    assert state.CALLS[-1] == ("tick", {"projects": ["default"]})


def test_hook_export_user_data(make_user, client_for):
    talent = make_user("talent")
    state.CALLS.append(("something", {}))
    data = client_for(talent).get("/api/v1/me/export/").json()["data"]
    assert data["alpha.memory"] == ["something"]
    assert data["accounts.user"]["email"] == talent.email


def test_hook_erase_user_data(make_user, client_for):
    talent = make_user("talent")
    assert client_for(talent).delete("/api/v1/me/").status_code == 204
    assert [name for name, _ in state.CALLS] == ["erase_user_data"]


def test_hook_seed_demo(db):
    call_command("seed_demo")
    assert ("seed_demo", {"locales": ["en", "nl", "ar"]}) in state.CALLS


def test_project_scoped_hook_caller_is_cached_per_name(project):
    caller = hooks_for(project)
    assert caller.profile_sections is caller.profile_sections


def test_project_default_is_unique(db):
    assert Project.default().pk == Project.default().pk


@pytest.mark.django_db
def test_a_switched_off_plugin_answers_404_on_every_route_even_where_permissions_vary_by_action(
    programme, client_for
):
    """The gate stands in front of every plugin viewset, also one whose ``get_permissions``
    picks per action (posts lets anyone list): switched off for a project, its routes answer
    404 there, and still answer in the projects that keep it."""
    from rest_framework.test import APIRequestFactory

    from api.permissions import PluginEnabled
    from api.urls import router
    from cms.organisations.actions import set_plugin_activation

    gated = [viewset for _prefix, viewset, _name in router.registry if hasattr(viewset, "helix_plugin_id")]
    assert gated
    for viewset in gated:
        for action in ("list", "retrieve", "create", "destroy", "unsubscribe", "unpublish"):
            view = viewset(action=action, request=APIRequestFactory().get("/"), format_kwarg=None)
            assert any(isinstance(p, PluginEnabled) for p in view.get_permissions()), (viewset, action)

    project, app = programme["project"], client_for(programme["talent"])
    set_plugin_activation(project, "posts", enabled=False, by=programme["staff"])
    assert app.get("/api/v1/posts/", HTTP_X_HELIX_PROJECT=project.slug).status_code == 404
    assert client_for(None).get("/api/v1/posts/", HTTP_X_HELIX_PROJECT=project.slug).status_code == 404
    assert app.get("/api/v1/posts/").status_code == 200  # the default project keeps it


@pytest.mark.django_db
def test_a_project_that_is_not_a_slug_is_not_found_never_a_crash(client_for, make_user):
    """A NUL byte or a control character in ?project= or X-Helix-Project (PostgreSQL refuses NUL
    in a query) answers 404 not_found, with the value shown escaped."""
    client = client_for(make_user("talent"))
    for bad in ("a\x00b", "x\ny", "../default", "d" * 101):
        answer = client.get("/api/v1/plugins/", {"project": bad})
        assert answer.status_code == 404, bad
        error = answer.json()["error"]
        assert error["code"] == "not_found" and "\x00" not in error["message"]
    assert client.get("/api/v1/plugins/", HTTP_X_HELIX_PROJECT="a\x01b").status_code == 404
    assert client.get("/api/v1/plugins/").status_code == 200
