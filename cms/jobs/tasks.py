"""The actor that runs django-tasks tasks (Wagtail's background work) on the dramatiq workers."""

from __future__ import annotations

import logging

from django.core.exceptions import ObjectDoesNotExist
from django.utils.module_loading import import_string
from django_tasks import TaskContext

from cms.jobs.backend import TASK_ACTOR, OutboxTaskBackend
from cms.outbox.actors import outbox_actor
from cms.outbox.models import OutboxMessage

logger = logging.getLogger(__name__)
#: Tasks that change the search index (``modelsearch`` is Wagtail's search package).
SEARCH_TASKS = ("modelsearch.", "wagtail.search.")


@outbox_actor(TASK_ACTOR, show_running=True)
def run_task(payload: dict, row: OutboxMessage) -> None:
    """Run the task the row names with its arguments, in the transaction that marks it done.

    A task about an object deleted since it was enqueued (a page created and removed at once)
    has nothing left to do: it is done, not retried.
    """
    task = import_string(payload["task"])
    args, kwargs = payload.get("args", []), payload.get("kwargs", {})
    try:
        if task.takes_context:
            result = OutboxTaskBackend(payload.get("backend", "default"), {})._result(task, row)
            task.call(TaskContext(task_result=result), *args, **kwargs)
        else:
            task.call(*args, **kwargs)
    except ObjectDoesNotExist:
        logger.info("Task %s: its object no longer exists, nothing to do", payload["task"])
    if payload["task"].startswith(SEARCH_TASKS):
        # Search answers of the page API are made of the index: a stored one is out of date now.
        from cms.pages import cache as page_cache

        page_cache.changed()
