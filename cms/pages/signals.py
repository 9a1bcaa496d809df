"""Keep the changes feed's removals: a page that leaves the API leaves a ``PageRemoval`` row."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from cms.pages.models import PageRemoval


def record_removal(page: Page) -> None:
    PageRemoval.objects.update_or_create(
        page_id=page.pk,
        defaults={
            "locale": page.locale.language_code,
            "translation_key": page.translation_key,
            "removed_at": timezone.now(),
        },
    )


def on_unpublished(sender, instance, **kwargs) -> None:
    record_removal(instance)


def on_published(sender, instance, **kwargs) -> None:
    PageRemoval.objects.filter(page_id=instance.pk).delete()


def on_deleted(sender, instance, **kwargs) -> None:
    # Page rows and their specific rows both arrive here; the base row is enough.
    if type(instance) is Page and instance.depth > 1:
        record_removal(instance)


def on_restricted(sender, instance, created, **kwargs) -> None:
    """A page made private (and everything below it) leaves the API."""
    for page in Page.objects.live().descendant_of(instance.page, inclusive=True).select_related("locale"):
        record_removal(page)


def connect() -> None:
    from wagtail.models import PageViewRestriction

    post_save.connect(on_restricted, sender=PageViewRestriction, dispatch_uid="helix-page-restricted")
    page_unpublished.connect(on_unpublished, dispatch_uid="helix-page-unpublished")
    page_published.connect(on_published, dispatch_uid="helix-page-published")
    post_delete.connect(on_deleted, sender=Page, dispatch_uid="helix-page-deleted")
