"""Every declared capability decides its route: off for a role, the route refuses; on, it works.

Derived from the declarations: a capability without a probe in ``tests/capability_probes.py``
fails here, so nobody declares a capability that nothing checks.
"""

from __future__ import annotations

import inspect

import pytest
from django.contrib.auth.models import Group

from cms.capabilities.actions import ensure_permissions
from cms.capabilities.declared import declared_capabilities
from tests.capability_probes import PROBES

DECLARED = [item.perm for item in declared_capabilities()]


def test_every_capability_has_a_probe():
    assert sorted(set(DECLARED) - set(PROBES)) == []


@pytest.mark.parametrize("perm", DECLARED)
def test_the_capability_decides_the_route(perm, request, db):
    item = next(c for c in declared_capabilities() if c.perm == perm)
    probe = PROBES.get(perm)
    assert probe is not None, f"{perm} has no probe in tests/capability_probes.py"
    fixtures = {name: request.getfixturevalue(name) for name in inspect.signature(probe).parameters}
    user, ask = probe(**fixtures)
    assert user.role in item.default_roles
    group = Group.objects.get(name=user.role)
    permission = ensure_permissions()[perm]

    def forget_cached_permissions():  # as a fresh request would load the user again
        for cache in ("_perm_cache", "_group_perm_cache", "_user_perm_cache"):
            user.__dict__.pop(cache, None)

    group.permissions.remove(permission)
    forget_cached_permissions()
    refused = ask()
    # The API refuses with 403 in the one error shape; the Wagtail admin sends the person back
    # to its dashboard with "Sorry, you do not have permission".
    in_admin = refused.status_code == 302 and refused["Location"] == "/admin/"
    assert refused.status_code == 403 or in_admin, (perm, refused.status_code, refused.content[:300])
    if refused["Content-Type"].startswith("application/json"):
        assert refused.json()["error"]["code"]

    group.permissions.add(permission)
    forget_cached_permissions()
    allowed = ask()
    assert allowed.status_code in (200, 201, 204), (perm, allowed.status_code, allowed.content[:300])
