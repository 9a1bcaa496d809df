"""What Wagtail's background work is doing: counts per kind of task, for editors."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Max, Q
from django.db.models.fields.json import KT
from django.utils.translation import gettext_lazy as _

from cms.jobs.backend import TASK_ACTOR
from cms.outbox.models import OutboxMessage

#: Task paths editors are told about, with the words they see.
KINDS = {
    "modelsearch.tasks.insert_or_update_object_task": _("Search index"),
    "wagtail.tasks.update_reference_index_task": _("Where pages, images and documents are used"),
    "cms.jobs.localize.run_localize_job": _("Translation sync"),
    "wagtail.tasks.delete_file_from_storage_task": _("Removing replaced files"),
    "wagtail.images.tasks.set_image_focal_point_task": _("Image focal points"),
    "wagtail.contrib.frontend_cache.tasks.purge_urls_from_cache_task": _("Cache purge"),
}

_UNFINISHED = Q(done_at=None)
_FAILED = _UNFINISHED & (Q(failed_at__isnull=False) | ~Q(last_error=""))
_WAITING = _UNFINISHED & Q(failed_at=None, last_error="")


@dataclass
class KindStatus:
    """One kind of background task: how many wait, run and failed, and when one last finished."""

    task: str
    label: str
    pending: int = 0
    running: int = 0
    failed: int = 0
    last_done: datetime | None = None


def background_work() -> list[KindStatus]:
    """Every kind of task Helix knows (in ``KINDS`` order), then any other kind that has rows."""
    rows = (
        OutboxMessage.objects.filter(actor_name=TASK_ACTOR)
        .annotate(task=KT("payload__task"))
        .values("task")
        .annotate(
            pending=Count("pk", filter=_WAITING & Q(claimed_at=None)),
            running=Count("pk", filter=_WAITING & Q(claimed_at__isnull=False)),
            failed=Count("pk", filter=_FAILED),
            last_done=Max("done_at"),
        )
        .order_by("task")
    )
    found = {row["task"]: row for row in rows}
    kinds = [KindStatus(task=path, label=str(label)) for path, label in KINDS.items()]
    kinds += [KindStatus(task=path, label=path) for path in found if path not in KINDS]
    for kind in kinds:
        row = found.get(kind.task)
        if row:
            kind.pending, kind.running, kind.failed = row["pending"], row["running"], row["failed"]
            kind.last_done = row["last_done"]
    return kinds


def unfinished_for_page(page_id: int) -> int:
    """Queued or running tasks about one page: its search entry, its references, its subtree's
    translation (a failed one counts too: the editor should know it did not happen)."""
    about_page = Q(payload__args__2=str(page_id)) | Q(
        payload__task="cms.jobs.localize.run_localize_job", payload__args__1__0=page_id
    )
    return OutboxMessage.objects.filter(_UNFINISHED, about_page, actor_name=TASK_ACTOR).count()
