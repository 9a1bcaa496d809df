"""wagtail-localize's background jobs (``WAGTAILLOCALIZE_JOBS``) as django-tasks tasks.

wagtail-localize hands two heavy jobs to its job backend: translating a page's whole subtree
("Translate this page" with its subpages) and synchronising a locale's tree from another
(``LocaleSynchronization.sync_trees``). Its default backend runs them in the request. This one
turns the call into a :func:`run_localize_job` task, which the ``TASKS`` backend writes to the
outbox, so it runs on the dramatiq workers after the editor's transaction commits.

The arguments are stored as JSON: model instances by label and primary key (fetched again on
the worker), a ``PageIndex`` (a cache of the page tree) left for the worker to build afresh, and
the translation components (forms) when none are registered, as Helix has. A call whose
arguments cannot be stored that way runs in the request as before, rather than being lost.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.db import models
from django.utils.module_loading import import_string
from django_tasks import task
from wagtail_localize.tasks import BaseJobBackend

logger = logging.getLogger(__name__)

_MODEL = "__model__"
_NO_COMPONENTS = "__no_translation_components__"


class NotStorable(TypeError):
    """An argument that cannot be written to the outbox as JSON."""


class OutboxJobBackend(BaseJobBackend):
    """wagtail-localize's job backend: each job becomes a django-tasks task on the workers."""

    def enqueue(self, func: Callable, args: Any, kwargs: Any) -> None:
        """Queue ``func(*args, **kwargs)`` for the workers (in the caller's transaction)."""
        try:
            stored_args = [encode(value) for value in args]
            stored_kwargs = {name: encode(value) for name, value in kwargs.items()}
        except NotStorable as exc:
            logger.warning("wagtail-localize job %s runs in the request: %s is not storable", func, exc)
            func(*args, **kwargs)
            return
        run_localize_job.enqueue(f"{func.__module__}.{func.__qualname__}", stored_args, stored_kwargs)


@task()
def run_localize_job(func_path: str, args: list, kwargs: dict) -> None:
    """Run one wagtail-localize job on a worker, with its arguments fetched again."""
    func = import_string(func_path)
    func(*[decode(value) for value in args], **{name: decode(value) for name, value in kwargs.items()})


def encode(value: Any) -> Any:
    """``value`` as JSON: a model instance by label and key, lists item by item."""
    # Imported here: wagtail-localize loads this backend while its own models are being loaded.
    from wagtail_localize.components import TranslationComponentManager
    from wagtail_localize.synctree import PageIndex

    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, models.Model):
        return {_MODEL: value._meta.label_lower, "pk": str(value.pk)}
    if isinstance(value, list | tuple | models.QuerySet):  # the form's locales are a queryset
        return [encode(item) for item in value]
    if isinstance(value, PageIndex):
        return None  # a cache of the tree: the worker builds a fresh one
    if isinstance(value, TranslationComponentManager) and not value.components:
        return {_NO_COMPONENTS: True}
    raise NotStorable(type(value).__name__)


def decode(value: Any) -> Any:
    """The argument :func:`encode` stored, with model instances read from the database."""
    from wagtail_localize.components import TranslationComponentManager

    if isinstance(value, list):
        return [decode(item) for item in value]
    if isinstance(value, dict) and _MODEL in value:
        return apps.get_model(value[_MODEL])._default_manager.get(pk=value["pk"])
    if isinstance(value, dict) and value.get(_NO_COMPONENTS):
        return TranslationComponentManager([])
    return value
