"""The newsletter's "test and send" screen in the Wagtail admin, with the sending progress."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from cms.errors import HelixError
from plugins.posts import actions, mailing
from plugins.posts.models import Newsletter


class NewsletterSendView(TemplateView):
    """GET: recipients, preview links and progress. POST ``action=test``: send a test to
    myself in every language written; POST ``action=send``: send to every recipient."""

    template_name = "posts/admin/newsletter_send.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("posts.send_newsletter"):
            raise PermissionDenied
        self.newsletter = get_object_or_404(Newsletter, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        # Read-only: the fan-out job marks the newsletter sent (actions.fan_out_newsletter).
        newsletter = self.newsletter
        draft = newsletter.status == Newsletter.Status.DRAFT
        progress = mailing.progress(newsletter)
        return {
            **super().get_context_data(**kwargs),
            "title": _("Newsletter: %(title)s") % {"title": newsletter.title},
            "newsletter": newsletter,
            "draft": draft,
            "recipient_count": mailing.newsletter_recipients(newsletter).count() if draft else None,
            "languages": list(newsletter.intros.values_list("language", flat=True)),
            "progress": progress,
            # Until the fan-out has run, and then while the outbox still has e-mails to deliver.
            "refresh": newsletter.status == Newsletter.Status.SENDING or progress["to_send"] > 0,
        }

    def post(self, request, *args, **kwargs):
        try:
            if request.POST.get("action") == "test":
                languages = actions.send_newsletter_test(self.newsletter, by=request.user)
                messages.success(
                    request,
                    _("A test was sent to %(email)s in: %(languages)s.")
                    % {"email": request.user.email, "languages": ", ".join(languages)},
                )
            elif request.POST.get("action") == "send":
                actions.send_newsletter(self.newsletter, by=request.user)
                messages.success(request, _("Sending has started. This page shows the progress."))
        except HelixError as exc:
            messages.error(request, str(exc.message))
        return redirect("posts_newsletter_send", pk=self.newsletter.pk)
