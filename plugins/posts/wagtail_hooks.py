"""Wagtail admin: composing, previewing, testing and sending newsletters; moderating posts."""

from __future__ import annotations

from django.forms import CheckboxSelectMultiple
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.organisations.staff import staff_organisation_ids
from plugins.posts import actions
from plugins.posts.admin_views import NewsletterSendView, OrganisationPostsView, PostModerationView
from plugins.posts.models import Newsletter


def _posts_enabled() -> bool:
    from cms.organisations.models import Project
    from cms.plugins import is_enabled

    return is_enabled("posts", Project.default())


class PostChooserViewSet(ChooserViewSet):
    """Choosing posts for a newsletter (the live ones, searchable by title)."""

    model = "posts.Post"
    icon = "list-ul"
    choose_one_text = _("Choose a post")
    choose_another_text = _("Choose another post")
    url_filter_parameters = []
    per_page = 20

    def get_object_list(self):
        from plugins.posts.models import Post

        return Post.objects.live().order_by("-published_at")


post_chooser_viewset = PostChooserViewSet("posts_post_chooser")


@hooks.register("register_admin_viewset")
def register_post_chooser():
    return post_chooser_viewset


class PluginMenuItem(MenuItem):
    def is_shown(self, request):
        return _posts_enabled() and super().is_shown(request)


class NewsletterViewSet(SnippetViewSet):
    model = Newsletter
    icon = "mail"
    menu_label = _("Newsletters")
    menu_name = "newsletters"
    add_to_admin_menu = True
    menu_order = 260
    list_display = ["title", "status", "recipients_total", "sent_at", "created_at"]
    list_filter = ["status"]
    search_fields = ["title"]
    panels = [
        FieldPanel("title"),
        InlinePanel("intros", label=_("Subject and introduction per language"), min_num=1),
        InlinePanel("items", label=_("Posts")),
        MultiFieldPanel(
            [
                FieldPanel("roles", widget=CheckboxSelectMultiple),
                FieldPanel("sectors", widget=CheckboxSelectMultiple),
                FieldPanel("projects", widget=CheckboxSelectMultiple),
            ],
            heading=_("Recipients (only people who agreed to receive newsletters)"),
        ),
    ]

    def get_menu_item(self, order=None):
        item = super().get_menu_item(order)
        item.__class__ = type("NewsletterMenuItem", (PluginMenuItem, type(item)), {})
        return item


register_snippet(NewsletterViewSet)


@hooks.register("after_create_snippet")
def stamp_newsletter_author(request, instance):
    if isinstance(instance, Newsletter) and instance.created_by_id is None:
        actions.stamp_newsletter_author(instance, by=request.user)


@hooks.register("register_admin_urls")
def newsletter_urls():
    return [
        path("newsletters/<int:pk>/send/", NewsletterSendView.as_view(), name="posts_newsletter_send"),
        path("moderation/posts/", PostModerationView.as_view(), name="posts_moderation"),
        path("posts/ours/", OrganisationPostsView.as_view(), name="posts_organisation_posts"),
    ]


class ModerationMenuItem(PluginMenuItem):
    def is_shown(self, request):
        return request.user.has_perm(actions.MODERATE) and super().is_shown(request)


@hooks.register("register_admin_menu_item")
def moderation_menu_item():
    return ModerationMenuItem(
        _("Post moderation"), reverse("posts_moderation"), icon_name="warning", order=270
    )


class OrganisationPostsMenuItem(PluginMenuItem):
    def is_shown(self, request):
        user = request.user
        staff = bool(staff_organisation_ids(user))
        return staff and user.has_perm("posts.publish_post") and super().is_shown(request)


@hooks.register("register_admin_menu_item")
def organisation_posts_menu_item():
    return OrganisationPostsMenuItem(
        _("Our organisation's posts"), reverse("posts_organisation_posts"), icon_name="doc-full", order=265
    )


@hooks.register("register_snippet_listing_buttons")
def newsletter_send_button(snippet, user, next_url=None):
    if isinstance(snippet, Newsletter) and user.has_perm("posts.send_newsletter"):
        label = _("Test and send") if snippet.status == Newsletter.Status.DRAFT else _("Sending progress")
        yield MenuItem(
            label, reverse("posts_newsletter_send", args=[snippet.pk]), icon_name="mail", priority=5
        )
