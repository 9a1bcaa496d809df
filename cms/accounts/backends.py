"""Django's model permissions, kept between requests.

``has_perm`` (every capability check) reads a user's own and their groups' permissions: two
statements per request for every endpoint that checks a capability. ``CachedModelBackend`` keeps
the answer in the cache under the user's id and the *permissions generation*
(``cms.generations``), which every change to who holds what moves on, at once and at commit: a
role's capabilities edited (``Group.permissions``), a role given or taken (``User.groups``), a
user's own permissions, a group or a permission saved or deleted. Whether the account is active
and whether it is a superuser are still read from the user of the request; object permissions
(guardian) are not kept here.
"""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

from cms import generations

GENERATION_KEY = "helix:permissions:generation"
#: Kept at most this long even without a change (one made outside the ORM's signals).
SECONDS = 300


class CachedModelBackend(ModelBackend):
    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            key = f"helix:permissions:user:{user_obj.pk}"
            found = cache.get_many([GENERATION_KEY, key])
            raw, entry = found.get(GENERATION_KEY), found.get(key)
            if raw is None:
                raw = generations.start(GENERATION_KEY)
            # A superuser holds every permission: the flag is part of what the entry answers.
            generation = (generations.current(GENERATION_KEY, raw), user_obj.is_superuser)
            if entry is not None and entry[0] == generation:
                user_obj._perm_cache = set(entry[1])
            else:
                permissions = super().get_all_permissions(user_obj)
                cache.set(key, (generation, frozenset(permissions)), timeout=SECONDS)
        return user_obj._perm_cache


def changed(sender=None, **kwargs) -> None:
    if kwargs.get("action", "post_").startswith("post_"):
        generations.changed(GENERATION_KEY)


def connect() -> None:
    from django.contrib.auth.models import Group, Permission

    from cms.accounts.models import User

    for through in (User.groups.through, User.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(changed, sender=through, dispatch_uid=f"helix-permissions-{through.__name__}")
    for model in (Group, Permission):
        post_save.connect(changed, sender=model, dispatch_uid=f"helix-permissions-save-{model.__name__}")
        post_delete.connect(changed, sender=model, dispatch_uid=f"helix-permissions-delete-{model.__name__}")
