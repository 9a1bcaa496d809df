"""Security events land in the audit log, and no secret lands with them: failed logins (a keyed
hash of the address, never the address or the password), failed second factors (never the code),
admins' logins, approvals and rejections, group and permission changes made in the admin, plugin
switches and erasures."""

from __future__ import annotations

import json

import pytest
from django.test import Client

PASSWORD = "Olive-Tree-2026!"
LOGIN = "/_allauth/browser/v1/auth/login"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def entries(action: str):
    from cms.audit.models import AuditEntry

    return list(AuditEntry.objects.filter(action=action).order_by("pk"))


def stored(entry) -> str:
    """Everything the row holds, as text, to look for secrets in."""
    return json.dumps(
        [entry.action, entry.target_type, entry.target_id, entry.data, entry.actor_id], default=str
    )


def current_code(user) -> str:
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
    from allauth.mfa.utils import decrypt

    secret = decrypt(Authenticator.objects.get(user=user, type="totp").data["secret"])
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))


def test_a_failed_login_stores_a_keyed_hash_of_the_address_only(make_user):
    from cms.audit.signals import keyed_hash

    talent = make_user("talent", password=PASSWORD, email="Amal.Haddad@example.org")
    for typed in ("Amal.Haddad@example.org", "amal.haddad@example.org"):
        answer = Client(REMOTE_ADDR="203.0.113.9").post(
            LOGIN, {"email": typed, "password": "Wrong-Guess-77"}, content_type="application/json"
        )
        assert answer.status_code == 400
    Client().post(LOGIN, {"email": "nobody@example.org", "password": "Wrong-Guess-77"},
                  content_type="application/json")
    first, second, unknown = entries("security.login_failed")
    assert first.actor is None and first.target_id == ""
    assert first.data["address"] == second.data["address"] == keyed_hash("email", talent.email)
    assert unknown.data["address"] != first.data["address"]
    assert first.data["source"] == second.data["source"] and first.data["source"] != unknown.data["source"]
    for entry in (first, second, unknown):
        text = stored(entry).lower()
        secrets = ("amal", "haddad", "nobody@example.org", "wrong-guess-77", "203.0.113.9")
        for secret in (*secrets, str(talent.public_id)):
            assert secret not in text, secret


def test_a_failed_second_factor_is_recorded_without_the_code(make_user):
    admin = make_user("admin", mfa=True, password=PASSWORD)
    client = Client()
    assert client.post(LOGIN, {"email": admin.email, "password": PASSWORD},
                       content_type="application/json").status_code == 401
    wrong = "314159" if current_code(admin) != "314159" else "271828"
    answer = client.post("/_allauth/browser/v1/auth/2fa/authenticate", {"code": wrong},
                         content_type="application/json")
    assert answer.status_code == 400
    (entry,) = entries("security.second_factor_failed")
    assert entry.actor_id == admin.pk and entry.target_id == str(admin.pk)
    assert entry.data["factor"] == "totp"
    assert wrong not in stored(entry) and PASSWORD not in stored(entry)
    assert entries("security.admin_login") == []  # not signed in


def test_an_admins_login_is_recorded_and_a_talents_is_not(make_user, settings):
    settings.MFA_TOTP_TOLERANCE = 1  # the code computed here stays valid across a step boundary
    admin = make_user("admin", mfa=True, password=PASSWORD)
    talent = make_user("talent", password=PASSWORD)
    assert Client().post(LOGIN, {"email": talent.email, "password": PASSWORD},
                         content_type="application/json").status_code == 200
    assert entries("security.admin_login") == []
    client = Client()
    client.post(LOGIN, {"email": admin.email, "password": PASSWORD}, content_type="application/json")
    code = current_code(admin)
    answer = client.post("/_allauth/browser/v1/auth/2fa/authenticate", {"code": code},
                         content_type="application/json")
    assert answer.status_code == 200, answer.content
    (entry,) = entries("security.admin_login")
    assert entry.actor_id == admin.pk and entry.data["second_factor"] is True
    assert code not in stored(entry) and PASSWORD not in stored(entry)


def test_approvals_and_rejections_are_recorded(make_user):
    from cms.accounts.actions import approve_account, reject_account

    admin = make_user("admin", mfa=True)
    employer, organisation = make_user("employer", approved=False), make_user("organisation", approved=False)
    approve_account(employer, by=admin, note="Checked the company number.")
    reject_account(organisation, by=admin, note="Not an organisation.")
    (approved,) = entries("account.approved")
    (rejected,) = entries("account.rejected")
    assert (approved.actor_id, approved.target_id) == (admin.pk, str(employer.pk))
    assert (rejected.actor_id, rejected.target_id) == (admin.pk, str(organisation.pk))


def test_group_permission_and_superuser_changes_in_the_admin_are_recorded(make_user):
    from django.contrib.auth.models import Group, Permission
    from wagtail.log_actions import LogContext

    admin = make_user("admin", mfa=True)
    someone = make_user("mentor")
    admins = Group.objects.get(name="admin")
    someone.groups.add(admins)  # outside the admin (signup, migrations): not a person's decision
    assert entries("security.groups_changed") == []
    permission = Permission.objects.get(codename="change_project")
    with LogContext(user=admin):
        someone.groups.remove(admins)
        admins.user_set.add(someone)
        someone.user_permissions.add(permission)
        someone.is_superuser = True
        someone.save()
    removed, added = entries("security.groups_changed")
    assert removed.data == {"removed": ["admin"]} and added.data == {"added": ["admin"]}
    assert {removed.actor_id, added.actor_id} == {admin.pk}
    assert {removed.target_id, added.target_id} == {str(someone.pk)}
    (direct,) = entries("security.user_permissions_changed")
    assert direct.data == {"added": ["organisations.change_project"]}
    (status,) = entries("security.status_changed")
    assert status.data == {"is_superuser": True} and status.actor_id == admin.pk


def test_plugin_switches_and_erasures_are_recorded(make_user):
    from cms.accounts.actions import erase_account
    from cms.organisations.actions import set_plugin_activation
    from cms.organisations.models import Project

    admin = make_user("admin", mfa=True)
    project = Project.default()
    set_plugin_activation(project, "posts", enabled=False, by=admin)
    (switched,) = entries("plugin.disabled")
    assert switched.actor_id == admin.pk and switched.data == {"plugin": "posts"}
    talent = make_user("talent", first_name="Yusuf")
    erase_account(talent)
    (erased,) = entries("account.erased")
    assert erased.target_id == str(talent.pk) and "Yusuf" not in stored(erased)
