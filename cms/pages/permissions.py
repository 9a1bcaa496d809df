"""Editors' rights on the page tree: the admin role edits, publishes and translates every page."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission

PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page", "bulk_delete_page")
COLLECTION_PERMISSIONS = {
    "wagtaildocs": ("add_document", "change_document", "choose_document", "delete_document"),
    "wagtailimages": ("add_image", "change_image", "choose_image", "delete_image"),
}
EDITOR_GROUPS = ("admin",)


def grant_editor_permissions(**kwargs) -> None:
    """Give the editor groups the page tree (from the root) and the root collection. Idempotent."""
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    root = Page.get_first_root_node()
    collection = Collection.get_first_root_node()
    if root is None or collection is None:
        return
    page_perms = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=PAGE_PERMISSIONS
    )
    for name in EDITOR_GROUPS:
        group, _created = Group.objects.get_or_create(name=name)
        for permission in page_perms:
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)
        for app_label, codenames in COLLECTION_PERMISSIONS.items():
            for permission in Permission.objects.filter(
                content_type__app_label=app_label, codename__in=codenames
            ):
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=collection, permission=permission
                )
