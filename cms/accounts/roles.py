"""Role groups and their model permissions, synced after every migrate.

The capabilities (``cms.capabilities``) are the admins' to assign: the sync introduces new
ones with their defaults and never takes back or gives what an admin changed.
"""

from __future__ import annotations

import logging

from django.apps import apps
from django.contrib.auth.models import Group, Permission

from cms.accounts.models import Role

logger = logging.getLogger(__name__)


def declared_role_permissions() -> dict[str, set[str]]:
    """The union of what the core and every installed plugin declare per role."""
    from cms.plugins import hooks

    declared: dict[str, set[str]] = {role.value: set() for role in Role}
    for result in hooks().role_permissions():
        for role, perms in (result or {}).items():
            if role not in declared:
                raise ValueError(f"role_permissions() names an unknown role '{role}'.")
            declared[role].update(perms)
    return declared


def sync_role_permissions(sender=None, **kwargs) -> None:
    """Create the role groups and set their permissions to exactly what is declared.

    Connected to ``post_migrate``; it acts once per migrate, for the last app,
    when every app's permissions exist.
    """
    # post_migrate is sent only for apps that have a models module.
    with_models = [config for config in apps.get_app_configs() if config.models_module is not None]
    if sender is not None and sender is not with_models[-1]:
        return
    using = kwargs.get("using", "default")
    # Django creates each app's permissions in its own post_migrate handler,
    # which may run after this one for the last apps: create them all first.
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    for app_config in apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0, using=using)
        create_permissions(app_config, verbosity=0, using=using)
    declared = declared_role_permissions()
    from cms.capabilities.actions import ensure_permissions, introduce_new_capabilities

    capability_rows = ensure_permissions(using)
    overlap = set().union(*declared.values()) & set(capability_rows)
    if overlap:
        raise ValueError(f"Declared both as role permissions and as capabilities: {sorted(overlap)}.")
    for role, perms in declared.items():
        group, _created = Group.objects.using(using).get_or_create(name=role)
        wanted = []
        for perm in sorted(perms):
            app_label, _, codename = perm.partition(".")
            found = Permission.objects.using(using).filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if found is None:
                logger.warning("Role %s: permission %s does not exist.", role, perm)
                continue
            wanted.append(found)
        # The capabilities the admins gave the role stay as they are.
        kept = group.permissions.filter(pk__in=[row.pk for row in capability_rows.values()])
        group.permissions.set([*wanted, *kept])
    introduce_new_capabilities(using)
