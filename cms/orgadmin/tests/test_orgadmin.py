"""The Organisations and projects screens: admins see every organisation, staff only their own
(another organisation's pages answer 404 and its switches do not move); profile edits, join
requests and plugin switches go through the actions, audited; ``requires`` is explained and
enforced; a constant number of queries per listing page; Arabic right to left."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from api.serializers.directory import DESCRIPTION_MAX_CHARS as API_DESCRIPTION_MAX
from cms.audit.models import AuditEntry
from cms.orgadmin.views import DESCRIPTION_MAX_CHARS
from cms.organisations.actions import create_project, set_plugin_activation
from cms.organisations.models import Organisation, PluginActivation, Project, ProjectMembership
from cms.plugins import get_manager

INDEX = "/admin/organisations/"


def signed_in(user, language: str | None = None) -> Client:
    client = Client(**({"HTTP_ACCEPT_LANGUAGE": language} if language else {}))
    client.force_login(user)
    return client


def staff_member(make_user, **fields):
    """An approved organisation account with a second factor that may open the admin (until the
    role grants ``access_admin`` itself)."""
    user = make_user("organisation", mfa=True, **fields)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@pytest.fixture
def admin(make_user):
    return make_user("admin", mfa=True, first_name="Ada")


@pytest.fixture
def ours(make_user):
    """Our organisation (approved), its staff member, a project with a member and a request."""
    staff = staff_member(make_user)
    organisation = Organisation.objects.get(staff=staff)
    Organisation.objects.filter(pk=organisation.pk).update(name="Bridge to Work", city="Gent")
    project = create_project(organisation, by=staff, name="Mentoring to work")
    member = make_user("mentor", first_name="Pieter")
    ProjectMembership.objects.create(project=project, user=member, status=ProjectMembership.Status.ACTIVE)
    asking = make_user("talent", first_name="Amal")
    request = ProjectMembership.objects.create(project=project, user=asking, motivation="I am a nurse.")
    return {"staff": staff, "organisation": organisation, "project": project, "request": request}


@pytest.fixture
def theirs(make_user):
    """Another approved organisation with its staff and a project."""
    staff = staff_member(make_user)
    organisation = Organisation.objects.get(staff=staff)
    Organisation.objects.filter(pk=organisation.pk).update(name="Other House")
    project = create_project(organisation, by=staff, name="Their fair")
    return {"staff": staff, "organisation": organisation, "project": project}


def project_url(project, tail: str = "") -> str:
    return f"/admin/organisations/projects/{project.pk}/{tail}"


# --- who sees what ----------------------------------------------------------------------------


def test_admin_sees_every_organisation_filters_and_searches(admin, ours, theirs, make_user):
    pending = make_user("organisation", approved=False)
    waiting = Organisation.objects.get(staff=pending)
    Project.default()
    client = signed_in(admin)
    page = client.get(INDEX).content.decode()
    assert "Bridge to Work" in page and "Other House" in page and waiting.name in page
    only_pending = client.get(INDEX + "?status=pending").content.decode()
    assert waiting.name in only_pending and "Bridge to Work" not in only_pending
    found = client.get(INDEX + "?q=gent").content.decode()
    assert "Bridge to Work" in found and "Other House" not in found
    assert "Instance-wide project" in page
    organisation_page = client.get(f"/admin/organisations/{waiting.pk}/").content.decode()
    assert "/admin/approvals/" in organisation_page  # a waiting one links to Approvals


def test_staff_see_only_their_own_organisation(ours, theirs):
    client = signed_in(ours["staff"])
    page = client.get(INDEX).content.decode()
    assert "Bridge to Work" in page and "Other House" not in page
    assert "Instance-wide project" not in page
    assert client.get(f"/admin/organisations/{ours['organisation'].pk}/").status_code == 200
    assert client.get(project_url(ours["project"])).status_code == 200
    assert client.get(f"/admin/organisations/{theirs['organisation'].pk}/").status_code == 404
    assert client.get(f"/admin/organisations/{theirs['organisation'].pk}/edit/").status_code == 404
    assert client.get(project_url(theirs["project"])).status_code == 404
    assert client.get(project_url(Project.default())).status_code == 404


def test_organisation_page_shows_profile_staff_and_projects(ours):
    page = signed_in(ours["staff"]).get(f"/admin/organisations/{ours['organisation'].pk}/").content.decode()
    assert ours["staff"].email in page
    assert "Mentoring to work" in page and project_url(ours["project"]) in page
    assert f"/admin/organisations/{ours['organisation'].pk}/edit/" in page


def test_another_organisations_switch_and_requests_are_refused_and_nothing_changes(ours, theirs):
    client = signed_in(ours["staff"])
    answer = client.post(project_url(theirs["project"], "plugins/mentoring/"), {"enabled": "off"})
    assert answer.status_code == 404
    assert get_manager().is_enabled("mentoring", Project.objects.get(pk=theirs["project"].pk))
    assert not PluginActivation.objects.filter(project=theirs["project"]).exists()
    request = ProjectMembership.objects.create(
        project=theirs["project"], user=ours["request"].user, motivation="Let me in."
    )
    answer = client.post(project_url(theirs["project"], f"requests/{request.pk}/approve/"))
    assert answer.status_code == 404
    # our project's URL with their request in it is not found either
    answer = client.post(project_url(ours["project"], f"requests/{request.pk}/approve/"))
    assert answer.status_code == 404
    request.refresh_from_db()
    assert request.status == ProjectMembership.Status.REQUESTED


def test_staff_of_a_waiting_organisation_see_nothing(make_user):
    pending = make_user("organisation", approved=False, mfa=True)
    pending.user_permissions.add(Permission.objects.get(codename="access_admin"))
    organisation = Organisation.objects.get(staff=pending)
    client = signed_in(pending)
    assert client.get(INDEX).status_code in (302, 403)  # nothing to manage
    assert client.get(f"/admin/organisations/{organisation.pk}/").status_code in (302, 403, 404)


@pytest.mark.parametrize("role", ["talent", "mentor", "employer"])
def test_other_roles_are_refused(role, make_user, ours):
    user = make_user(role, mfa=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = signed_in(user)
    for url in (INDEX, f"/admin/organisations/{ours['organisation'].pk}/", project_url(ours["project"])):
        answer = client.get(url)
        assert answer.status_code == 302 and answer["Location"] == "/admin/", url
    answer = client.post(project_url(ours["project"], "plugins/mentoring/"), {"enabled": "off"})
    assert answer.status_code == 302
    assert get_manager().is_enabled("mentoring", Project.objects.get(pk=ours["project"].pk))


def test_anonymous_is_sent_to_sign_in(ours):
    answer = Client().get(INDEX)
    assert answer.status_code == 302 and "/login/" in answer["Location"]
    answer = Client().post(project_url(ours["project"], "plugins/mentoring/"), {"enabled": "off"})
    assert answer.status_code == 302 and not PluginActivation.objects.exists()


def test_the_menu_shows_organisations_to_those_who_may_open_it(ours, admin, make_user):
    # The sidebar is drawn from JSON in the page: the item's URL is in it.
    assert '"/admin/organisations/"' in signed_in(ours["staff"]).get("/admin/").content.decode()
    assert '"/admin/organisations/"' in signed_in(admin).get("/admin/").content.decode()


# --- the listing costs a constant number of queries --------------------------------------------


def test_listing_queries_do_not_grow_with_rows(admin, make_user):
    client = signed_in(admin)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(INDEX).status_code == 200
        return len(queries)

    staff = make_user("organisation")
    create_project(Organisation.objects.get(staff=staff), by=staff, name="First")
    count()  # the first request of a session loads more (the session, the user's settings)
    few = count()
    for n in range(8):
        staff = make_user("organisation")
        organisation = Organisation.objects.get(staff=staff)
        create_project(organisation, by=staff, name=f"Project {n}")
        organisation.staff.add(make_user("organisation"))
    assert count() == few


def test_project_page_queries_do_not_grow_with_members(ours, make_user):
    client = signed_in(ours["staff"])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(project_url(ours["project"])).status_code == 200
        return len(queries)

    count()  # the first request of a session loads more (the session, the user's settings)
    few = count()
    for _n in range(6):
        ProjectMembership.objects.create(project=ours["project"], user=make_user("talent"))
        ProjectMembership.objects.create(
            project=ours["project"], user=make_user("mentor"), status=ProjectMembership.Status.ACTIVE
        )
    assert count() == few


# --- the profile ------------------------------------------------------------------------------


def test_staff_edit_their_profile_through_the_action(ours):
    url = f"/admin/organisations/{ours['organisation'].pk}/edit/"
    client = signed_in(ours["staff"])
    assert client.get(url).status_code == 200
    answer = client.post(url, {
        "name": "Bridge to Work vzw", "description": "We coach newcomers.", "website": "https://bridge.example.org",
        "city": "Antwerpen", "contact_email": "hello@bridge.example.org", "contact_phone": "+32 3 123 45 67",
    })
    assert answer.status_code == 302
    organisation = Organisation.objects.get(pk=ours["organisation"].pk)
    assert (organisation.name, organisation.city) == ("Bridge to Work vzw", "Antwerpen")
    assert organisation.status == Organisation.Status.APPROVED
    entry = AuditEntry.objects.get(action="organisation.updated", target_id=str(organisation.pk))
    assert entry.actor == ours["staff"] and "city" in entry.data["fields"]


def test_an_over_long_description_is_refused_with_a_form_error(ours):
    assert DESCRIPTION_MAX_CHARS == API_DESCRIPTION_MAX
    url = f"/admin/organisations/{ours['organisation'].pk}/edit/"
    answer = signed_in(ours["staff"]).post(url, {"name": "Bridge", "description": "x" * 5001})
    assert answer.status_code == 200
    assert "description" in answer.context["form"].errors
    assert "5,000" in str(answer.context["form"].errors["description"])
    assert Organisation.objects.get(pk=ours["organisation"].pk).description == ""
    assert not AuditEntry.objects.filter(action="organisation.updated").exists()


# --- join requests ----------------------------------------------------------------------------


def test_staff_approve_a_join_request(ours, mailbox):
    request = ours["request"]
    answer = signed_in(ours["staff"]).post(project_url(ours["project"], f"requests/{request.pk}/approve/"))
    assert answer.status_code == 302
    request.refresh_from_db()
    assert request.status == ProjectMembership.Status.ACTIVE and request.decided_by == ours["staff"]
    assert AuditEntry.objects.filter(action="membership.approved", target_id=str(request.pk)).exists()


def test_staff_decline_a_join_request_with_a_note(ours):
    request = ours["request"]
    client = signed_in(ours["staff"])
    answer = client.post(project_url(ours["project"], f"requests/{request.pk}/decline/"), {"note": "Full."})
    assert answer.status_code == 302
    request.refresh_from_db()
    assert request.status == ProjectMembership.Status.REJECTED and request.decision_note == "Full."
    assert AuditEntry.objects.filter(action="membership.rejected", target_id=str(request.pk)).exists()
    # deciding twice is refused by the action, with a message
    answer = client.post(project_url(ours["project"], f"requests/{request.pk}/approve/"), follow=True)
    assert "This cannot be done in the current state." in answer.content.decode()
    request.refresh_from_db()
    assert request.status == ProjectMembership.Status.REJECTED


def test_project_page_lists_members_and_requests(ours):
    page = signed_in(ours["staff"]).get(project_url(ours["project"])).content.decode()
    assert f'data-request="{ours["request"].pk}"' in page and "I am a nurse." in page
    assert "Pieter" in page


# --- plugin switches --------------------------------------------------------------------------


def test_switching_a_plugin_off_and_on_is_audited(ours):
    project, client = ours["project"], signed_in(ours["staff"])
    page = client.get(project_url(project)).content.decode()
    assert 'data-plugin="mentoring" data-enabled="true"' in page
    answer = client.post(project_url(project, "plugins/mentoring/"), {"enabled": "off"})
    assert answer.status_code == 302
    assert not get_manager().is_enabled("mentoring", Project.objects.get(pk=project.pk))
    entry = AuditEntry.objects.get(action="plugin.disabled", target_id=str(project.pk))
    assert entry.actor == ours["staff"] and entry.data == {"plugin": "mentoring"}
    client.post(project_url(project, "plugins/mentoring/"), {"enabled": "on"})
    assert get_manager().is_enabled("mentoring", Project.objects.get(pk=project.pk))
    assert AuditEntry.objects.filter(action="plugin.enabled", target_id=str(project.pk)).exists()


def test_an_unknown_plugin_is_not_found(ours):
    answer = signed_in(ours["staff"]).post(project_url(ours["project"], "plugins/nope/"), {"enabled": "off"})
    assert answer.status_code == 404


def test_a_plugin_others_need_cannot_be_switched_off(ours):
    # The test plugins: beta requires alpha (none of the bundled plugins requires another).
    project, client = ours["project"], signed_in(ours["staff"])
    set_plugin_activation(project, "beta", enabled=True)
    page = client.get(project_url(project)).content.decode()
    alpha_row = page.split('data-plugin="alpha"', 1)[1].split("</tr>", 1)[0]
    assert "Beta (test plugin)" in alpha_row  # "needed by (switched on)"
    answer = client.post(project_url(project, "plugins/alpha/"), {"enabled": "off"}, follow=True)
    text = answer.content.decode()
    assert "Alpha (test plugin) cannot be switched off" in text and "Beta (test plugin)" in text
    assert get_manager().is_enabled("alpha", Project.objects.get(pk=project.pk))
    assert not AuditEntry.objects.filter(action="plugin.disabled", target_id=str(project.pk)).exists()
    # with beta off, alpha goes off; then beta cannot come on without it
    client.post(project_url(project, "plugins/beta/"), {"enabled": "off"})
    client.post(project_url(project, "plugins/alpha/"), {"enabled": "off"})
    assert not get_manager().is_enabled("alpha", Project.objects.get(pk=project.pk))
    answer = client.post(project_url(project, "plugins/beta/"), {"enabled": "on"}, follow=True)
    assert "Beta (test plugin) cannot be switched on" in answer.content.decode()
    assert not get_manager().is_enabled("beta", Project.objects.get(pk=project.pk))


def test_admin_switches_the_instance_wide_project(admin):
    project = Project.default()
    client = signed_in(admin)
    assert client.get(project_url(project)).status_code == 200
    client.post(project_url(project, "plugins/posts/"), {"enabled": "off"})
    assert not get_manager().is_enabled("posts", Project.objects.get(pk=project.pk))
    assert AuditEntry.objects.filter(action="plugin.disabled", actor=admin).exists()


# --- languages --------------------------------------------------------------------------------


def test_arabic_pages_render_right_to_left(ours):
    ours["staff"].__class__.objects.filter(pk=ours["staff"].pk).update(preferred_language="ar")
    client = signed_in(ours["staff"], language="ar")
    for url in (INDEX, f"/admin/organisations/{ours['organisation'].pk}/", project_url(ours["project"])):
        page = client.get(url).content.decode()
        assert 'dir="rtl"' in page, url


def test_the_api_refuses_the_same_switch(ours, client_for):
    # The rule lives in the action both use: the API answers it in the one error shape.
    set_plugin_activation(ours["project"], "beta", enabled=True)
    url = f"/api/v1/projects/{ours['project'].slug}/plugins/alpha/"
    answer = client_for(ours["staff"]).put(url, {"enabled": False}, format="json")
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "plugin_required"
    assert "Beta (test plugin)" in answer.json()["error"]["message"]
    assert get_manager().is_enabled("alpha", Project.objects.get(pk=ours["project"].pk))
