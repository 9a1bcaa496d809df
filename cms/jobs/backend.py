"""A django-tasks backend on the outbox: Wagtail's background work runs on the dramatiq workers.

Wagtail 7 enqueues its own background work through django-tasks (``@task``): the search index
(``modelsearch.tasks.insert_or_update_object_task``), the reference index
(``wagtail.tasks.update_reference_index_task``), deleting replaced files, image focal points.
With django-tasks' default ``ImmediateBackend`` all of it ran inside the editor's request,
before the page's transaction had even committed. ``TASKS`` in ``cms/settings.py`` names this
backend instead: each task becomes an outbox row written in the caller's transaction (a rollback
drops it, a crash after commit loses nothing: the sweep sends it again), dispatched after commit
to the ``jobs.run_task`` actor (``cms/jobs/tasks.py``), which imports the task by its path and
runs it with its arguments, once.
"""

from __future__ import annotations

# The outbox is imported inside the methods: Wagtail declares its tasks (which creates this
# backend) while the apps' models are still loading.
from typing import Any

from django.utils.module_loading import import_string
from django_tasks import TaskResult, TaskResultStatus
from django_tasks.backends.base import BaseTaskBackend
from django_tasks.base import Task, TaskError
from django_tasks.exceptions import TaskResultDoesNotExist
from django_tasks.utils import normalize_json

#: The dramatiq actor that runs one enqueued task (an outbox row's payload names it).
TASK_ACTOR = "jobs.run_task"


class OutboxTaskBackend(BaseTaskBackend):
    """Records each task in the outbox, in the caller's transaction; a worker runs it after commit."""

    supports_get_result = True

    def enqueue(self, task: Task, args: Any, kwargs: Any) -> TaskResult:
        """Write the task's outbox row now; it is sent to the workers when the transaction commits."""
        from cms.outbox import api as outbox

        self.validate_task(task)
        payload = {
            "task": task.module_path,
            "args": normalize_json(list(args)),
            "kwargs": normalize_json(dict(kwargs)),
            "backend": self.alias,
        }
        row = outbox.enqueue(TASK_ACTOR, payload=payload)
        return self._result(task, row)

    def get_result(self, result_id: str) -> TaskResult:
        """The state of an enqueued task, read from its outbox row."""
        from cms.outbox.models import OutboxMessage

        try:
            row = OutboxMessage.objects.get(pk=result_id, actor_name=TASK_ACTOR)
        except (OutboxMessage.DoesNotExist, ValueError, TypeError) as exc:
            raise TaskResultDoesNotExist(result_id) from exc
        return self._result(import_string(row.payload["task"]), row)

    def _result(self, task: Task, row) -> TaskResult:
        if row.done_at:
            status = TaskResultStatus.SUCCESSFUL
        elif row.failed_at:
            status = TaskResultStatus.FAILED
        elif row.claimed_at:
            status = TaskResultStatus.RUNNING
        else:
            status = TaskResultStatus.READY
        errors = (
            [TaskError(exception_class_path="builtins.Exception", traceback=row.last_error)]
            if row.last_error
            else []
        )
        return TaskResult(
            task=task,
            id=str(row.pk),
            status=status,
            enqueued_at=row.created_at,
            started_at=row.claimed_at,
            last_attempted_at=row.claimed_at,
            finished_at=row.done_at or row.failed_at,
            args=row.payload.get("args", []),
            kwargs=row.payload.get("kwargs", {}),
            backend=self.alias,
            errors=errors,
            worker_ids=[],
        )
