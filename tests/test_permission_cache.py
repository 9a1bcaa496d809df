"""A user's model permissions are kept between requests (``cms.accounts.backends``): a request
that checks capabilities stops reading the user's and their role's permissions from the database,
and still never answers from a capability, a role or a flag that has changed since."""

from __future__ import annotations

import re

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from cms.accounts.actions import set_role
from cms.accounts.models import User
from cms.capabilities import actions as capabilities

pytestmark = pytest.mark.django_db

#: A capability mentors hold by default and mentors do not (plugins/posts/hooks.py).
PERM = "posts.publish_post"


def permission_reads(call):
    with CaptureQueriesContext(connection) as captured:
        result = call()
    # Django's reads of a user's own and their groups' permissions (not a query that merely
    # refers to permissions in a subquery).
    reading = re.compile(r'^SELECT [^()]* FROM "auth_permission"')
    return result, [q["sql"] for q in captured.captured_queries if reading.match(q["sql"])]


def fresh(user: User) -> User:
    """The user as the next request loads them (nothing kept on the object)."""
    return User.objects.get(pk=user.pk)


@pytest.fixture
def admin(make_user):
    return make_user("admin", mfa=True)


def test_a_second_request_reads_no_permissions(make_user, client):
    mentor = make_user("mentor")
    client.force_login(mentor)
    held, reads = permission_reads(lambda: fresh(mentor).has_perm(PERM))
    assert held and reads  # read once
    again, reads = permission_reads(lambda: fresh(mentor).has_perm(PERM))
    assert again and reads == []
    # Through the API too: every request loads the signed-in user anew; the talent pool asks
    # whether the employer's role may see it.
    employer = make_user("employer")
    client.force_login(employer)
    first, reads = permission_reads(lambda: client.get("/api/v1/talent-pool/"))
    assert first.status_code == 200 and reads
    answer, reads = permission_reads(lambda: client.get("/api/v1/talent-pool/"))
    assert answer.status_code == 200 and reads == []

def test_a_capability_taken_from_a_role_applies_to_the_next_request(make_user, admin):
    mentor = make_user("mentor")
    assert fresh(mentor).has_perm(PERM)
    capabilities.set_capability(admin, "mentor", PERM, False)
    assert not fresh(mentor).has_perm(PERM)
    capabilities.set_capability(admin, "mentor", PERM, True)
    assert fresh(mentor).has_perm(PERM)


def test_a_new_role_applies_to_the_next_request(make_user):
    mentor = make_user("mentor")
    assert fresh(mentor).has_perm(PERM)
    set_role(fresh(mentor), "talent")
    assert not fresh(mentor).has_perm(PERM)


def test_a_deactivated_account_or_a_superuser_flag_is_never_answered_from_the_cache(make_user):
    talent = make_user("talent")
    assert PERM not in fresh(talent).get_all_permissions()
    User.objects.filter(pk=talent.pk).update(is_superuser=True)  # no signal: the flag is read per request
    assert PERM in fresh(talent).get_all_permissions()
    User.objects.filter(pk=talent.pk).update(is_superuser=False)
    assert PERM not in fresh(talent).get_all_permissions()
    mentor = make_user("mentor")
    assert fresh(mentor).has_perm(PERM)
    User.objects.filter(pk=mentor.pk).update(is_active=False)
    assert not fresh(mentor).has_perm(PERM)


def test_a_change_rolled_back_leaves_nothing_behind(make_user, admin):
    mentor = make_user("mentor")
    assert fresh(mentor).has_perm(PERM)
    with pytest.raises(RuntimeError), transaction.atomic():
        capabilities.set_capability(admin, "mentor", PERM, False)
        assert not fresh(mentor).has_perm(PERM)  # kept for this transaction only
        raise RuntimeError("the request failed")
    assert fresh(mentor).has_perm(PERM)


def test_someone_elses_new_role_reads_nobody_elses_permissions_again(make_user):
    mentor = make_user("mentor")
    assert fresh(mentor).has_perm(PERM)
    make_user("employer")  # a sign-up: a role given to another account
    other = make_user("talent")
    other.groups.clear()
    held, reads = permission_reads(lambda: fresh(mentor).has_perm(PERM))
    assert held and reads == []


def test_members_changed_from_the_groups_side_apply_to_them(make_user):
    from django.contrib.auth.models import Group

    talent = make_user("talent")
    assert not fresh(talent).has_perm(PERM)
    Group.objects.get(name="mentor").user_set.add(talent)
    assert fresh(talent).has_perm(PERM)
    Group.objects.get(name="mentor").user_set.clear()
    assert not fresh(talent).has_perm(PERM)
