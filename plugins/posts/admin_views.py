"""The posts plugin's Wagtail admin screens: the newsletter's "test and send" screen with the
sending progress, and post moderation (unpublish with a reason, restore)."""

from __future__ import annotations

import uuid
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from cms.errors import HelixError
from cms.organisations.staff import staff_organisation_ids
from plugins.posts import actions, mailing
from plugins.posts.models import Newsletter, Post


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


# --- moderation ---------------------------------------------------------------------------

MODERATION_PAGE_SIZE = 50


def moderation_queue(status: str = "", query: str = ""):
    """Posts for the moderation screen, newest first, with who wrote and who moderated them
    (two queries per page: the count and the rows)."""
    posts = Post.objects.select_related("author", "organisation", "moderated_by").order_by(
        "-published_at", "-pk"
    )
    if status in Post.Status.values:
        posts = posts.filter(status=status)
    if query:
        posts = posts.filter(title__icontains=query)
    return posts


def _uuid(value) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise Http404 from None


class PostModerationView(TemplateView):
    """GET: every post, filtered by status and title. POST ``action=unpublish`` with ``post`` and
    ``reason`` (the author receives it by e-mail in their language), or ``action=restore``."""

    template_name = "posts/admin/moderation.html"
    moderating = True

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(actions.MODERATE):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def posts(self, status: str, query: str):
        return moderation_queue(status, query)

    def page_title(self) -> str:
        return _("Post moderation")

    def get_context_data(self, **kwargs):
        status = self.request.GET.get("status", "")
        query = self.request.GET.get("q", "").strip()
        page = Paginator(self.posts(status, query), MODERATION_PAGE_SIZE).get_page(self.request.GET.get("p"))
        return {
            **super().get_context_data(**kwargs),
            "title": self.page_title(),
            "moderating": self.moderating,
            "page": page,
            "statuses": Post.Status.choices,
            "status": status,
            "query": query,
            "filters": urlencode({key: value for key, value in (("status", status), ("q", query)) if value}),
        }

    def post(self, request, *args, **kwargs):
        if not self.moderating:
            raise PermissionDenied
        post = get_object_or_404(Post, public_id=_uuid(request.POST.get("post")))
        action = request.POST.get("action")
        back = redirect(f"{reverse('posts_moderation')}?{request.POST.get('filters', '')}")
        try:
            if action == "unpublish":
                reason = request.POST.get("reason", "").strip()
                actions.unpublish_post(post, by=request.user, reason=reason)
                messages.success(
                    request,
                    _("“%(title)s” is unpublished; its author receives your reason by e-mail.")
                    % {"title": post.title},
                )
            elif action == "restore":
                actions.republish_post(post, by=request.user)
                messages.success(request, _("“%(title)s” is published again.") % {"title": post.title})
            else:
                messages.error(request, _("Choose what to do with the post."))
        except HelixError as exc:
            messages.error(request, str(exc.message))
        return back


class OrganisationPostsView(PostModerationView):
    """GET: the posts of the organisations I work for (organisation staff), with their status and
    any moderator's reason, read-only: authors change their posts in the app, moderators here."""

    moderating = False
    http_method_names = ["get", "head", "options"]  # read-only

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("posts.publish_post") or not staff_organisation_ids(request.user):
            raise PermissionDenied
        return TemplateView.dispatch(self, request, *args, **kwargs)

    def posts(self, status: str, query: str):
        mine = staff_organisation_ids(self.request.user)
        return moderation_queue(status, query).filter(organisation_id__in=mine)

    def page_title(self) -> str:
        return _("Our organisation's posts")
