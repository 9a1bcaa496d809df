"""GDPR: gathering a user's data for export, and the models that refer to users."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import timezone

# Libraries' models that refer to users. Nullable references (authorship of
# pages, images, revisions, log entries) are set to null on erasure; the rest
# are deleted (cms.accounts.actions.erase_core_data). A new library model with user data
# must be added here: tests/test_gdpr.py fails until it is.
LIBRARY_MODELS = {
    "account.emailaddress": ("email", "verified", "primary"),
    "mfa.authenticator": ("type", "created_at", "last_used_at"),
    "guardian.userobjectpermission": ("permission_id", "content_type_id", "object_pk"),
    "wagtail_localize.segmentoverride": ("id", "created_at"),
    "wagtail_localize.stringtranslation": ("id", "created_at", "updated_at"),
    "wagtailadmin.editingsession": ("id", "object_id", "last_seen_at"),
    "wagtailadmin.formstate": ("id", "object_id", "last_updated_at"),
    "wagtailcore.comment": ("id", "text", "created_at"),
    "wagtailcore.commentreply": ("id", "text", "created_at"),
    "wagtailcore.modellogentry": ("id", "action", "timestamp", "label"),
    "wagtailcore.page": ("id", "title", "url_path"),
    "wagtailcore.pagelogentry": ("id", "action", "timestamp", "label"),
    "wagtailcore.pagesubscription": ("id", "page_id", "comment_notifications"),
    "wagtailcore.revision": ("id", "created_at", "object_str"),
    "wagtailcore.taskstate": ("id", "status", "started_at"),
    "wagtailcore.uploadedfile": ("id", "file"),
    "wagtailcore.workflowstate": ("id", "status", "created_at"),
    "wagtaildocs.document": ("id", "title", "created_at"),
    "wagtailimages.image": ("id", "title", "created_at"),
    "wagtailusers.userprofile": ("id", "preferred_language", "current_time_zone"),
}


def export_user(user) -> dict[str, Any]:
    """Everything every installed part of Helix stores about ``user``."""
    from cms.plugins import hooks

    data: dict[str, Any] = {}
    for result in hooks().export_user_data(user=user):
        data.update(result or {})
    return {
        "format": "helix-export/1",
        "exported_at": timezone.now().isoformat(),
        "user": str(user.public_id),
        "data": dict(sorted(data.items())),
    }


def models_referring_to_users() -> list[type[models.Model]]:
    """Every installed concrete model with a relation to the user model
    (foreign key, one-to-one, many-to-many and their through tables), and the
    user model itself."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    found = {user_model}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or model._meta.abstract:
            continue
        for field in model._meta.get_fields(include_hidden=True):
            if getattr(field, "auto_created", False) and not getattr(field, "concrete", False):
                continue
            # A field inherited through multi-table inheritance (a Wagtail page type's "owner")
            # lives in the parent's table, which is covered as the parent model.
            if getattr(field, "model", model) in model._meta.get_parent_list():
                continue
            if field.is_relation and field.related_model is user_model:
                found.add(model)
                break
    return sorted(found, key=lambda m: m._meta.label_lower)


def rows_of(model: type[models.Model], user) -> models.QuerySet:
    """Rows of ``model`` that point to ``user`` through any user relation."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    query = models.Q()
    for field in model._meta.get_fields(include_hidden=True):
        if not (field.is_relation and field.related_model is user_model):
            continue
        if field.many_to_many and not field.auto_created:
            query |= models.Q(**{field.name: user})
        elif field.concrete and (field.many_to_one or field.one_to_one):
            query |= models.Q(**{field.name: user})
    if model is user_model:
        return model.objects.filter(pk=user.pk)
    return model._default_manager.filter(query) if query else model._default_manager.none()


def user_relation_fields(model: type[models.Model]) -> list[models.Field]:
    """The concrete foreign keys / one-to-ones of ``model`` to the user model."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    return [f for f in model._meta.concrete_fields if f.is_relation and f.related_model is user_model]
