"""The approvals queue of the Wagtail admin: pending organisations and employers, decided
one by one or in bulk, with a reason the applicant receives in their language."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView

from cms.accounts import actions
from cms.accounts.models import ROLES_NEEDING_APPROVAL, ApprovalStatus, User
from cms.errors import HelixError

APPROVE = "accounts.approve_accounts"
PAGE_SIZE = 50


def pending_accounts():
    """Waiting accounts, oldest first, with what they submitted (three queries per page)."""
    return (
        User.objects.filter(
            role__in=ROLES_NEEDING_APPROVAL, approval_status=ApprovalStatus.PENDING, erased_at=None
        )
        .select_related("employer_profile")
        .prefetch_related("organisations")
        .order_by("date_joined", "pk")
    )


class ApprovalsView(TemplateView):
    """GET: the queue. POST ``decision=approve|reject``, ``accounts=<id>…``, ``note``: decide
    every selected account at once (a rejection needs a reason); all or nothing."""

    template_name = "accounts/admin/approvals.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(APPROVE):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        page = Paginator(pending_accounts(), PAGE_SIZE).get_page(self.request.GET.get("p"))
        rows = []
        for user in page.object_list:
            organisations = list(user.organisations.all())
            profile = getattr(user, "employer_profile", None)
            rows.append({"user": user, "organisation": organisations[0] if organisations else None,
                         "company": profile.company if profile else ""})
        return {**super().get_context_data(**kwargs), "title": _("Approvals"), "page": page, "rows": rows}

    def post(self, request, *args, **kwargs):
        decision = request.POST.get("decision")
        note = request.POST.get("note", "").strip()
        chosen = request.POST.getlist("accounts")
        if decision not in ("approve", "reject") or not chosen:
            messages.error(request, _("Choose one or more accounts and a decision."))
            return redirect("accounts_approvals")
        if decision == "reject" and not note:
            messages.error(request, _("Give a reason for the rejection: the applicant receives it."))
            return redirect("accounts_approvals")
        decide = actions.approve_account if decision == "approve" else actions.reject_account
        try:
            with transaction.atomic():
                targets = list(pending_accounts().filter(public_id__in=chosen))
                for user in targets:
                    decide(user, by=request.user, note=note)
        except HelixError as exc:  # nothing is half-decided
            messages.error(request, str(exc.message))
            return redirect("accounts_approvals")
        if decision == "approve":
            text = ngettext("%(count)d account approved.", "%(count)d accounts approved.", len(targets))
        else:
            text = ngettext("%(count)d account rejected.", "%(count)d accounts rejected.", len(targets))
        messages.success(request, text % {"count": len(targets)})
        return redirect("accounts_approvals")
