"""Admins decide what each role may do; migrate never takes their decision back."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils.html import escape

from cms.audit.models import AuditEntry
from cms.capabilities import actions
from cms.capabilities.declared import declared_capabilities
from cms.capabilities.models import CapabilityIntroduction
from cms.capabilities.selectors import matrix
from cms.errors import CapabilityMissing, CapabilityRefused

URL = "/admin/roles/"
APPROVE = "accounts.approve_accounts"
ASSIGN = "accounts.assign_capabilities"


def _an_ordinary_capability():
    """A capability some account role has by default and may lose (not an admin-only one)."""
    return next(c for c in declared_capabilities() if not c.admin_only and set(c.default_roles) - {"admin"})


@pytest.fixture
def admin(make_user):
    return make_user("admin", mfa=True)


def test_the_screen_shows_every_capability_with_its_description(client, admin):
    client.force_login(admin)
    page = client.get(URL).content.decode()
    for item in declared_capabilities():
        assert f'data-capability="{item.perm}"' in page
        assert escape(str(item.description)) in page


def test_the_screen_speaks_the_admins_language(client, make_user):
    admin = make_user("admin", mfa=True, preferred_language="nl")
    client.force_login(admin)
    page = client.get(URL, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Accounts goedkeuren" in page


@pytest.mark.parametrize("role", ["talent", "mentor", "organisation", "employer"])
def test_other_roles_cannot_open_the_screen(client, make_user, role):
    client.force_login(make_user(role))
    assert client.get(URL).status_code in (302, 403)
    assert client.post(URL, {"reset": "mentor"}).status_code in (302, 403)


def test_an_admin_without_second_factor_cannot_open_it(client, make_user):
    client.force_login(make_user("admin"))
    response = client.get(URL)
    assert response.status_code == 302 and "/2fa/" in response["Location"]


def test_saving_the_matrix_applies_at_once_and_is_audited(client, admin):
    item = _an_ordinary_capability()
    role = next(r for r in item.default_roles if r != "admin")
    assert item.perm in matrix()[role]
    held = matrix()
    form = {f"{r}:{perm}": "on" for r, perms in held.items() for perm in perms}
    del form[f"{role}:{item.perm}"]
    client.force_login(admin)
    assert client.post(URL, form).status_code == 302
    assert item.perm not in matrix()[role]
    assert {r: p for r, p in matrix().items() if r != role} == {r: p for r, p in held.items() if r != role}
    entry = AuditEntry.objects.get(action="capability.revoked")
    assert entry.actor == admin and entry.data == {"role": role, "capability": item.perm}


def test_migrate_introduces_new_capabilities_and_never_reverts_a_choice(admin):
    item = _an_ordinary_capability()
    role = next(r for r in item.default_roles if r != "admin")
    actions.set_capability(admin, role, item.perm, False)
    actions.set_capability(admin, "talent", "accounts.approve_accounts", False)  # nothing to change
    call_command("migrate", verbosity=0)
    assert item.perm not in matrix()[role]

    # A capability seen for the first time gets its default roles.
    CapabilityIntroduction.objects.filter(perm=item.perm).delete()
    call_command("migrate", verbosity=0)
    assert item.perm in matrix()[role]
    assert CapabilityIntroduction.objects.filter(perm=item.perm).exists()


def test_reset_to_defaults(client, admin):
    item = _an_ordinary_capability()
    role = next(r for r in item.default_roles if r != "admin")
    actions.set_capability(admin, role, item.perm, False)
    client.force_login(admin)
    client.post(URL, {"reset": role})
    defaults = {c.perm for c in declared_capabilities() if role in c.default_roles}
    assert matrix()[role] == defaults


def test_admin_only_powers_go_to_second_factor_roles_only(client, admin):
    with pytest.raises(CapabilityRefused) as refused:
        actions.set_capability(admin, "organisation", APPROVE, True)
    assert refused.value.code == "needs_second_factor"
    assert APPROVE not in matrix()["organisation"]
    client.force_login(admin)
    client.post(URL, {"organisation:" + APPROVE: "on", "admin:" + ASSIGN: "on", "admin:" + APPROVE: "on"})
    assert APPROVE not in matrix()["organisation"]
    assert not AuditEntry.objects.filter(action="capability.granted").exists()


def test_nobody_takes_assigning_away_from_the_admins(client, admin):
    with pytest.raises(CapabilityRefused):
        actions.set_capability(admin, "admin", ASSIGN, False)
    client.force_login(admin)
    client.post(URL, {})  # every box unticked
    assert ASSIGN in matrix()["admin"]
    assert Group.objects.get(name="admin").permissions.filter(codename="assign_capabilities").exists()


def test_only_assigners_assign(make_user):
    with pytest.raises(CapabilityMissing):
        actions.set_capability(make_user("organisation"), "mentor", APPROVE, False)
    with pytest.raises(CapabilityMissing):
        actions.set_capability(make_user("admin"), "mentor", APPROVE, False)  # no second factor
