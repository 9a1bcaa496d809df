"""Django's model permissions, kept between requests.

``has_perm`` (every capability check) reads a user's own and their groups' permissions: two
statements per request for every endpoint that checks a capability. ``CachedModelBackend`` keeps
the answer in the cache under the user's id and two generations (``cms.generations``), moved on
at once and at commit:

- the *permissions generation*, by what changes every holder of a role: a role's capabilities
  edited (``Group.permissions``), a group or a permission saved or deleted, a group's members
  changed from the group's side;
- the *user's generation*, by what changes one account: a role given or taken
  (``User.groups``), the user's own permissions. A sign-up does not make every other user's
  permissions be read again.

Whether the account is active and whether it is a superuser are still read from the user of the
request; object permissions (guardian) are not kept here.
"""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend
from django.db.models.signals import m2m_changed, post_delete, post_save

from cms import generations

GENERATION_KEY = "helix:permissions:generation"
#: Kept at most this long even without a change (one made outside the ORM's signals).
SECONDS = 300


def user_generation_key(pk) -> str:
    return f"helix:permissions:generation:user:{pk}"


class CachedModelBackend(ModelBackend):
    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            permissions = generations.kept(
                f"helix:permissions:user:{user_obj.pk}",
                [GENERATION_KEY, user_generation_key(user_obj.pk)],
                lambda: frozenset(super(CachedModelBackend, self).get_all_permissions(user_obj)),
                seconds=SECONDS,
                # A superuser holds every permission: the flag is part of what the entry answers.
                extra=(user_obj.is_superuser,),
            )
            user_obj._perm_cache = set(permissions)
        return user_obj._perm_cache


def changed(sender=None, **kwargs) -> None:
    """Every holder's permissions are out of date."""
    if kwargs.get("action", "post_").startswith("post_"):
        generations.changed(GENERATION_KEY)


def account_changed(sender=None, instance=None, action="", reverse=False, pk_set=None, **kwargs) -> None:
    """A user's roles or own permissions changed: theirs are out of date. Changed from the other
    side (``group.user_set``) with the users named, theirs; without (a ``clear()``), everyone's."""
    if not action.startswith("post_"):
        return
    if not reverse:
        generations.changed(user_generation_key(instance.pk))
    elif pk_set:
        for pk in pk_set:
            generations.changed(user_generation_key(pk))
    else:
        generations.changed(GENERATION_KEY)


def connect() -> None:
    from django.contrib.auth.models import Group, Permission

    from cms.accounts.models import User

    for through in (User.groups.through, User.user_permissions.through):
        uid = f"helix-permissions-{through.__name__}"
        m2m_changed.connect(account_changed, sender=through, dispatch_uid=uid)
    m2m_changed.connect(changed, sender=Group.permissions.through, dispatch_uid="helix-permissions-groups")
    for model in (Group, Permission):
        post_save.connect(changed, sender=model, dispatch_uid=f"helix-permissions-save-{model.__name__}")
        post_delete.connect(changed, sender=model, dispatch_uid=f"helix-permissions-delete-{model.__name__}")
