"""Reported messages in the Wagtail admin: the reports people made, resolved with what was done,
and the reported sender blocked in that conversation."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from cms.errors import HelixError
from plugins.messaging import actions
from plugins.messaging.models import MessageReport

PAGE_SIZE = 50


def report_queue(status: str = ""):
    """Reports, open ones first, with the reporter, the message and its sender, and both sides of
    the conversation (three queries per page: the count, the rows, the sides)."""
    reports = (
        MessageReport.objects.select_related("thread", "reporter", "message__sender", "resolved_by")
        .prefetch_related("thread__participants")
        .order_by("status", "-created_at", "-pk")  # "open" sorts before "resolved"
    )
    if status in MessageReport.Status.values:
        reports = reports.filter(status=status)
    return reports


def _row(report: MessageReport) -> dict:
    """What the screen shows of one report: who it is about and whether they are blocked there."""
    thread = report.thread
    if report.message is not None:
        sender_id = report.message.sender_id
    elif report.reporter_id is not None:
        sender_id = thread.user_high_id if thread.user_low_id == report.reporter_id else thread.user_low_id
    else:
        sender_id = None
    sides = list(thread.participants.all())
    blocked = any(side.user_id != sender_id and side.blocked_at for side in sides) if sender_id else False
    return {
        "report": report,
        "sender": report.message.sender if report.message is not None else None,
        "can_block": sender_id is not None and not blocked,
        "blocked": blocked,
    }


class ReportsView(TemplateView):
    """GET: the reports (``?status=open|resolved``). POST ``action=resolve`` with ``report`` and
    ``resolution``, or ``action=block``: the reported sender can no longer write in that
    conversation."""

    template_name = "messaging/admin/reports.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(actions.MODERATE):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        status = self.request.GET.get("status", MessageReport.Status.OPEN)
        page = Paginator(report_queue(status), PAGE_SIZE).get_page(self.request.GET.get("p"))
        return {
            **super().get_context_data(**kwargs),
            "title": _("Reported messages"),
            "page": page,
            "rows": [_row(report) for report in page.object_list],
            "statuses": [("", _("All reports")), *MessageReport.Status.choices],
            "status": status,
        }

    def post(self, request, *args, **kwargs):
        try:
            public_id = uuid.UUID(str(request.POST.get("report")))
        except ValueError:
            raise Http404 from None
        report = get_object_or_404(
            MessageReport.objects.select_related("thread", "message__sender"), public_id=public_id
        )
        action = request.POST.get("action")
        try:
            if action == "resolve":
                resolution = request.POST.get("resolution", "").strip()
                if not resolution:
                    messages.error(request, _("Say what was done: the report keeps it."))
                else:
                    actions.resolve_report(report, by=request.user, resolution=resolution)
                    messages.success(request, _("The report is resolved."))
            elif action == "block":
                actions.block_reported_sender(report, by=request.user)
                messages.success(request, _("The sender can no longer write in this conversation."))
            else:
                messages.error(request, _("Choose what to do with the report."))
        except HelixError as exc:
            messages.error(request, str(exc.message))
        return redirect(f"{reverse('messaging_reports')}?status={request.POST.get('status', '')}")
