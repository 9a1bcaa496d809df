"""The employers plugin's job: reconcile one talent's or one employer's connections."""

from __future__ import annotations

from cms.outbox.actors import outbox_actor


@outbox_actor("employers.reconcile")
def reconcile(payload: dict, row) -> None:
    """Connect the talent (or employer) in the payload with exactly the eligible other side.

    Runs in the outbox row's transaction: a crash rolls back, a retry starts over, and running it
    twice changes nothing the second time.
    """
    from cms.accounts.models import User
    from cms.organisations.models import Project
    from cms.plugins import is_enabled
    from plugins.employers import matching

    if not is_enabled("employers", Project.default()):
        return
    user = User.objects.filter(pk=payload["user"]).first()
    if user is None:
        return
    if payload["kind"] == "talent":
        matching.reconcile_talent(user)
    else:
        matching.reconcile_employer(user)
