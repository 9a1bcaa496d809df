"""The batch connection hooks (``on_connections_activated``, ``on_connections_closed``) and the
fallback to the per-connection hooks for plugins written before them.

The test plugin alpha implements only the per-connection hooks; a plugin implementing the batch
hooks (and, to show it is not called twice, a per-connection one too) is registered here.
"""

from __future__ import annotations

import pytest

from cms.connections.actions import (
    activate_connection,
    close_connection,
    close_connections,
    open_connection,
    open_connections,
)
from cms.connections.selectors import sees
from cms.organisations.actions import set_plugin_activation
from cms.plugins import get_manager, hookimpl
from tests.plugins.alpha import state


class Batching:
    """A plugin with the batch hooks: notes each call, and whether the grants were in place."""

    def __init__(self):
        self.calls = []

    def _note(self, name, connections):
        self.calls.append(
            (
                name,
                sorted(c.pk for c in connections),
                [sees(c.mentor, c.talent, "profile") for c in connections],
            )
        )

    @hookimpl
    def on_connections_activated(self, connections):
        self._note("on_connections_activated", connections)

    @hookimpl
    def on_connections_closed(self, connections):
        self._note("on_connections_closed", connections)
        assert {c.close_reason for c in connections} == {"Programme ended"}

    @hookimpl
    def on_connection_closed(self, connection):  # the batch hook is called instead
        self._note("on_connection_closed", [connection])


@pytest.fixture
def project(db, make_user):
    from cms.organisations.actions import create_project
    from cms.organisations.models import Organisation

    owner = make_user("organisation")
    return create_project(Organisation.objects.get(staff=owner), by=owner, name="Job fair track")


@pytest.fixture
def batching():
    plugin = Batching()
    get_manager().pm.register(plugin, name="batching")
    state.CALLS.clear()
    yield plugin
    get_manager().pm.unregister(name="batching")
    state.CALLS.clear()


def pairs(make_user, n):
    mentor = make_user("mentor")
    return [{"talent": make_user("talent"), "mentor": mentor} for _ in range(n)]


def test_hook_on_connections_activated(project, make_user, batching):
    made = open_connections("alpha_pair", pairs(make_user, 3), project=project, activate=True)
    # one batch call, after the grants; alpha, with the per-connection hook only, once per connection
    assert batching.calls == [("on_connections_activated", sorted(c.pk for c in made), [True] * 3)]
    assert [(name, call["connection"].pk) for name, call in state.CALLS] == [
        ("on_connection_activated", c.pk) for c in made
    ]

    batching.calls.clear()
    single = activate_connection(
        open_connection("alpha_pair", project=project, **pairs(make_user, 1)[0]), by=None
    )
    assert batching.calls == [("on_connections_activated", [single.pk], [True])]
    assert state.CALLS[-1] == ("on_connection_activated", {"connection": single})

    proposed = open_connections("alpha_pair", pairs(make_user, 2), project=project)
    assert len(batching.calls) == 1 and len(proposed) == 2  # proposals activate nothing


def test_hook_on_connections_closed(project, make_user, batching):
    made = open_connections("alpha_pair", pairs(make_user, 3), project=project, activate=True)
    batching.calls.clear()
    state.CALLS.clear()
    close_connections(made, by=None, reason="Programme ended")
    # after the revocations, once; never through its own per-connection hook
    assert batching.calls == [("on_connections_closed", sorted(c.pk for c in made), [False] * 3)]
    assert [(name, call["connection"].pk) for name, call in state.CALLS] == [
        ("on_connection_closed", c.pk) for c in made
    ]
    assert all(call["connection"].close_reason == "Programme ended" for _name, call in state.CALLS)

    batching.calls.clear()
    one = open_connection("alpha_pair", project=project, activate=True, **pairs(make_user, 1)[0])
    batching.calls.clear()
    close_connection(one, by=None, reason="Programme ended")
    assert batching.calls == [("on_connections_closed", [one.pk], [False])]


def test_batch_hooks_are_called_per_project_for_the_plugins_enabled_there(project, make_user, batching):
    from cms.organisations.models import Project

    default = Project.default()
    here = open_connections("alpha_pair", pairs(make_user, 2), project=project, activate=True)
    there = open_connections("alpha_pair", pairs(make_user, 2), project=default, activate=True)
    set_plugin_activation(project, "alpha", enabled=False)
    batching.calls.clear()
    state.CALLS.clear()
    close_connections([*here, *there], by=None, reason="Programme ended")
    assert sorted(pks for _name, pks, _seen in batching.calls) == sorted(
        [sorted(c.pk for c in here), sorted(c.pk for c in there)]
    )
    # alpha is off in ``project``: told about the default project's connections only
    assert sorted(call["connection"].pk for _name, call in state.CALLS) == sorted(c.pk for c in there)


class Changing(Batching):
    @hookimpl
    def on_connections_changed(self, connections, change):
        self._note(f"on_connections_changed:{change}", connections)


def test_hook_on_connections_changed(project, make_user):
    from cms.connections.actions import set_contact, set_contact_many

    plugin = Changing()
    get_manager().pm.register(plugin, name="changing")
    try:
        made = open_connections("alpha_pair", pairs(make_user, 3), project=project, activate=True)
        plugin.calls.clear()
        state.CALLS.clear()
        changed = set_contact_many(made, False, by=None)
        # once for the three; alpha, with the per-connection hook only, once per connection
        assert [(name, pks) for name, pks, _seen in plugin.calls] == [
            ("on_connections_changed:contact_withheld", sorted(c.pk for c in made))
        ]
        assert [(name, call["connection"].pk, call["change"]) for name, call in state.CALLS] == [
            ("on_connection_changed", c.pk, "contact_withheld") for c in changed
        ]
        assert set_contact_many(made, False, by=None) == []  # unchanged: nothing told
        plugin.calls.clear()
        set_contact(made[0], True, by=None)
        assert [(name, pks) for name, pks, _seen in plugin.calls] == [
            ("on_connections_changed:contact_allowed", [made[0].pk])
        ]
    finally:
        get_manager().pm.unregister(name="changing")
        state.CALLS.clear()
