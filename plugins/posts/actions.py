"""Business actions of the posts plugin: each write, its checks and its e-mails in one transaction."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.accounts.models import Role, User
from cms.audit import record
from cms.connections.selectors import are_connected
from cms.errors import (
    AlreadySuggested,
    CapabilityMissing,
    ConsentRequired,
    InvalidTransition,
    NewsletterIncomplete,
    NotApproved,
    NotConnected,
    PostNotLive,
    ReasonRequired,
    RoleNotAllowed,
    SuggestToTalentsOnly,
    require_capability,
)
from cms.organisations.models import Organisation
from cms.organisations.staff import staff_organisation_ids
from cms.outbox.mail import queue_mail
from cms.pages.cache import dynamic_changed
from plugins.posts import search
from plugins.posts.models import (
    EXPIRING_TYPES,
    DigestSubscription,
    Newsletter,
    NewsletterRecipient,
    Post,
    SavedPost,
    Suggestion,
)

# --- who may do what ----------------------------------------------------------------------


def can_post(user) -> None:
    """Raise unless ``user``'s role holds "publish posts" (by default mentors, organisations,
    employers and admins) and the account is approved. A talent is told to ask their mentor
    (``role_not_allowed``); another role whose capability an admin took away gets
    ``capability_missing``, as every capability does."""
    if not user.is_authenticated:
        raise RoleNotAllowed()
    if not user.has_perm("posts.publish_post"):
        if user.role == Role.TALENT:
            raise RoleNotAllowed(
                _("Talents cannot create posts; ask your mentor or organisation to share it.")
            )
        raise CapabilityMissing("posts.publish_post")
    if not user.is_approved:
        raise NotApproved()


def is_owner(user, post: Post) -> bool:
    """The author, or staff of the organisation the post belongs to."""
    if not user.is_authenticated or not user.is_approved:
        return False
    if post.author_id == user.pk:
        return True
    return post.organisation_id is not None and post.organisation_id in staff_organisation_ids(user)


def can_edit(user, post: Post) -> bool:
    return is_owner(user, post) or (user.is_authenticated and user.is_helix_admin)


# --- writing posts ------------------------------------------------------------------------

POST_FIELDS = (
    "type",
    "locale",
    "title",
    "summary",
    "body",
    "link",
    "organisation_name",
    "starts_at",
    "ends_at",
    "city",
    "online",
    "language",
    "dutch_level",
    "tags",
)


def _default_organisation(user) -> Organisation | None:
    ids = staff_organisation_ids(user)
    return Organisation.objects.filter(pk__in=ids).order_by("pk").first() if ids else None


def refresh_translation_groups(keys) -> None:
    """Record on every post of these translation groups which languages the group has live,
    and which post is its first (what lists show to a reader of another language)."""
    for key in set(keys):
        live = list(
            Post.objects.live().filter(translation_key=key).order_by("pk").values_list("pk", "locale")
        )
        locales = "," + ",".join(sorted({locale for _pk, locale in live})) + "," if live else ""
        first = live[0][0] if live else None
        Post.objects.filter(translation_key=key).exclude(pk=first).update(
            group_locales=locales, group_first=False
        )
        if first is not None:
            Post.objects.filter(pk=first).update(group_locales=locales, group_first=True)
    # Queryset updates send no signal: the pages' "latest posts" blocks are told here (publish,
    # withdraw, unpublish and translations all end up here).
    dynamic_changed()


def link_translation(post: Post, original: Post) -> None:
    """Make ``post`` a translation of ``original`` (both keep their own text)."""
    old = post.translation_key
    Post.objects.filter(pk=post.pk).update(translation_key=original.translation_key)
    post.translation_key = original.translation_key
    refresh_translation_groups([old, original.translation_key])


def _finish(post: Post, sectors) -> None:
    post.search_text = search.search_text_of(post)
    post.save()
    if sectors is not None:
        post.sectors.set(sectors)
    search.refresh_vectors([post.pk])
    refresh_translation_groups([post.translation_key])


def create_post(
    author: User, data: dict, *, sectors=(), image=None, organisation=None, translation_of: Post | None = None
) -> Post:
    """Publish a new post. Organisation staff post for their organisation; employers for their company."""
    can_post(author)
    if translation_of is not None and not can_edit(author, translation_of):
        # A translation joins the source's group and speaks for it in other languages:
        # only who owns the source (its author, its organisation's staff) or an admin may add one.
        raise RoleNotAllowed(_("You can only translate your own posts or your organisation's."))
    with transaction.atomic():
        post = Post(author=author, **{k: v for k, v in data.items() if k in POST_FIELDS})
        post.organisation = organisation or _default_organisation(author)
        if not post.organisation_name:
            profile = getattr(author, "employer_profile", None) if author.role == Role.EMPLOYER else None
            post.organisation_name = (
                post.organisation.name if post.organisation else (profile.company if profile else "")
            )
        if translation_of is not None:
            post.translation_key = translation_of.translation_key
        if image is not None:
            post.image.save(image.name, image, save=False)
        _finish(post, sectors)
        record(author, "post.created", post)
    return post


def update_post(
    post: Post, *, by: User, data: dict, sectors=None, image=None, remove_image=False, reason: str = ""
) -> Post:
    """Change a post. Its owners change it freely; an admin changing someone else's post says why,
    and the author is told."""
    if not can_edit(by, post):
        raise RoleNotAllowed(_("You can only change your own posts or your organisation's."))
    correcting = not is_owner(by, post)
    if correcting and not reason.strip():
        raise ReasonRequired()
    with transaction.atomic():
        locked = Post.objects.select_for_update().get(pk=post.pk)
        for key, value in data.items():
            if key in POST_FIELDS:
                setattr(locked, key, value)
        if remove_image and locked.image:
            locked.image.delete(save=False)
        if image is not None:
            locked.image.save(image.name, image, save=False)
        if locked.status == Post.Status.EXPIRED and (not locked.ends_at or locked.ends_at > timezone.now()):
            locked.status = Post.Status.PUBLISHED  # a new deadline brings an expired post back
        if correcting:
            locked.moderation_note, locked.moderated_by, locked.moderated_at = reason, by, timezone.now()
        _finish(locked, sectors)
        if correcting and locked.author_id:
            queue_mail(
                "posts/mail/post_corrected",
                user=locked.author,
                context={"post": locked, "reason": reason},
                key=f"posts:corrected:{locked.pk}:{locked.moderated_at.isoformat()}",
            )
        record(by, "post.corrected" if correcting else "post.updated", locked)
    return locked


def withdraw_post(post: Post, *, by: User) -> Post:
    """The author (or their organisation) takes a post off the platform."""
    if not is_owner(by, post) and not by.is_helix_admin:
        raise RoleNotAllowed(_("You can only withdraw your own posts or your organisation's."))
    with transaction.atomic():
        Post.objects.filter(pk=post.pk).update(status=Post.Status.WITHDRAWN, updated_at=timezone.now())
        refresh_translation_groups([post.translation_key])
        record(by, "post.withdrawn", post)
    post.refresh_from_db()
    return post


MODERATE = "posts.moderate_posts"


def unpublish_post(post: Post, *, by: User, reason: str) -> Post:
    """A moderator (by default an admin) takes any post off the platform; the author gets the
    reason by e-mail in their language."""
    if not by.has_perm(MODERATE):
        raise RoleNotAllowed()
    if not reason.strip():
        raise ReasonRequired()
    with transaction.atomic():
        locked = Post.objects.select_for_update().get(pk=post.pk)
        if locked.status == Post.Status.UNPUBLISHED:
            raise InvalidTransition(_("This post is already unpublished."))
        locked.status = Post.Status.UNPUBLISHED
        locked.moderation_note, locked.moderated_by, locked.moderated_at = reason, by, timezone.now()
        locked.save(update_fields=["status", "moderation_note", "moderated_by", "moderated_at", "updated_at"])
        refresh_translation_groups([locked.translation_key])
        if locked.author_id:
            queue_mail(
                "posts/mail/post_unpublished",
                user=locked.author,
                context={"post": locked, "reason": reason},
                key=f"posts:unpublished:{locked.pk}:{locked.moderated_at.isoformat()}",
            )
        record(by, "post.unpublished", locked, reason=reason)
    return locked


def republish_post(post: Post, *, by: User) -> Post:
    """Publish a withdrawn post again (its owners), or restore an unpublished one (moderators:
    by default admins)."""
    with transaction.atomic():
        locked = Post.objects.select_for_update().get(pk=post.pk)
        if locked.status == Post.Status.PUBLISHED:
            raise InvalidTransition(_("This post is already published."))
        if locked.status == Post.Status.UNPUBLISHED:
            if not by.has_perm(MODERATE):
                raise RoleNotAllowed(
                    _("An administrator unpublished this post; only an administrator can publish it again.")
                )
        elif not can_edit(by, locked):
            raise RoleNotAllowed()
        if locked.type in EXPIRING_TYPES and locked.ends_at and locked.ends_at < timezone.now():
            raise InvalidTransition(_("This post has ended; give it a new end date first."))
        locked.status = Post.Status.PUBLISHED
        locked.save(update_fields=["status", "updated_at"])
        refresh_translation_groups([locked.translation_key])
        record(by, "post.republished", locked)
    return locked


def expire_posts(now: datetime | None = None) -> int:
    """Mark vacancies and events past their end as expired (the lists hide them already)."""
    now = now or timezone.now()
    expired = Post.objects.filter(
        status=Post.Status.PUBLISHED, type__in=EXPIRING_TYPES, ends_at__lt=now
    ).update(status=Post.Status.EXPIRED, updated_at=now)
    if expired:
        dynamic_changed()
    return expired


# --- saving and suggesting ---------------------------------------------------------------


def save_post(user: User, post: Post) -> tuple[SavedPost, bool]:
    if not post.is_live:
        raise PostNotLive()
    return SavedPost.objects.get_or_create(user=user, post=post)


def unsave_post(user: User, post: Post) -> int:
    deleted, _rows = SavedPost.objects.filter(user=user, post=post).delete()
    return deleted


def suggest_post(post: Post, *, by: User, talent: User, note: str = "") -> Suggestion:
    """A mentor or organisation suggests a post to a talent they are connected with."""
    if not (by.has_perm("posts.suggest_post") and by.is_approved):
        raise RoleNotAllowed(_("Mentors and organisations suggest posts to their talents."))
    if talent.role != Role.TALENT or not talent.is_active:
        raise SuggestToTalentsOnly()
    if not post.is_live:
        raise PostNotLive()
    if not are_connected(by, talent):
        raise NotConnected()
    with transaction.atomic():
        suggestion, created = Suggestion.objects.get_or_create(
            post=post, talent=talent, suggested_by=by, defaults={"note": note}
        )
        if not created:
            raise AlreadySuggested()
        queue_mail(
            "posts/mail/suggestion",
            user=talent,
            context={"post": post, "by": by, "note": note},
            key=f"posts:suggestion:{suggestion.pk}",
        )
        record(by, "post.suggested", post, talent=str(talent.public_id))
    return suggestion


def dismiss_suggestion(suggestion: Suggestion, *, by: User) -> Suggestion:
    if suggestion.talent_id != by.pk:
        raise RoleNotAllowed()
    if suggestion.dismissed_at is None:
        suggestion.dismissed_at = timezone.now()
        suggestion.save(update_fields=["dismissed_at"])
    return suggestion


# --- digests -------------------------------------------------------------------------------


def set_digest_frequency(user: User, frequency: str) -> DigestSubscription:
    """Daily, weekly or off. Receiving one needs the newsletter consent."""
    from cms.accounts.actions import active_consent
    from cms.accounts.models import Consent

    if frequency != DigestSubscription.Frequency.OFF and not active_consent(user, Consent.Purpose.NEWSLETTER):
        raise ConsentRequired()
    subscription, _created = DigestSubscription.objects.update_or_create(
        user=user, defaults={"frequency": frequency}
    )
    return subscription


# --- newsletters ----------------------------------------------------------------------------


def stamp_newsletter_author(newsletter, *, by: User) -> None:
    """Record who created a newsletter in the admin (once: a later edit does not change it)."""
    Newsletter.objects.filter(pk=newsletter.pk, created_by=None).update(created_by=by)


def send_newsletter_test(newsletter, *, by: User) -> list[str]:
    """Send the newsletter to ``by`` alone, once in every language it has an introduction in."""
    from cms.outbox.mail import queue_message
    from plugins.posts.mailing import render_newsletter

    require_capability(by, "posts.send_newsletter")
    languages = list(newsletter.intros.values_list("language", flat=True))
    if not languages:
        raise NewsletterIncomplete()
    with transaction.atomic():
        for language in languages:
            queue_message(render_newsletter(newsletter, by, test=True, language=language), user=by)
    return languages


def send_newsletter(newsletter, *, by: User):
    """Start sending: the fan-out job queues one e-mail per consenting recipient (exactly once)."""
    from cms.outbox.api import enqueue

    require_capability(by, "posts.send_newsletter")
    with transaction.atomic():
        locked = Newsletter.objects.select_for_update().get(pk=newsletter.pk)
        if locked.status != Newsletter.Status.DRAFT:
            raise InvalidTransition(_("This newsletter has already been sent."))
        if not locked.intros.exists():
            raise NewsletterIncomplete()
        locked.status = Newsletter.Status.SENDING
        locked.sent_by, locked.sent_at = by, timezone.now()
        locked.save(update_fields=["status", "sent_by", "sent_at"])
        enqueue(
            "posts.newsletter_fanout",
            payload={"newsletter": locked.pk},
            key=f"posts:newsletter-fanout:{locked.pk}",
            user=None,
        )
        record(by, "newsletter.sent", locked)
    return locked


def fan_out_newsletter(newsletter) -> int:
    """The fan-out job's action: queue one e-mail per recipient, then the newsletter is sent.

    Runs in the fan-out's outbox transaction: either every recipient's e-mail is queued and the
    newsletter is ``sent`` (with its number of recipients), or nothing is and the job runs again.
    From then on the outbox delivers the e-mails (and retries them); ``mailing.progress`` counts
    them. Returns the number of recipients.
    """
    from plugins.posts.mailing import fan_out

    with transaction.atomic():
        total = fan_out(newsletter)
        Newsletter.objects.filter(pk=newsletter.pk, status=Newsletter.Status.SENDING).update(
            status=Newsletter.Status.SENT, recipients_total=total
        )
    newsletter.status, newsletter.recipients_total = Newsletter.Status.SENT, total
    return total


# --- erasure --------------------------------------------------------------------------------


def rebuild_search(post_ids) -> None:
    """Rebuild the search text and full-text vectors of these posts from their fields."""
    posts = list(Post.objects.filter(pk__in=list(post_ids)))
    for post in posts:
        post.search_text = search.search_text_of(post)
    Post.objects.bulk_update(posts, ["search_text"], batch_size=500)
    search.refresh_vectors([post.pk for post in posts])


def erase_user_posts_data(user: User) -> None:
    """GDPR erasure: saved posts, suggestions received, digest settings and newsletter receipts
    are deleted. Posts, suggestions made and newsletters stay, without the person: their
    address and names are taken out of the posts they wrote (a signature, a contact line; the
    search is rebuilt) and of the notes of the suggestions they made."""
    from cms.accounts.traces import PersonTraces

    traces = PersonTraces.of(user)
    SavedPost.objects.filter(user=user).delete()
    Suggestion.objects.filter(talent=user).delete()
    for suggestion in Suggestion.objects.filter(suggested_by=user).exclude(note=""):
        Suggestion.objects.filter(pk=suggestion.pk).update(note=traces.scrub(suggestion.note))
    Suggestion.objects.filter(suggested_by=user).update(suggested_by=None)
    rewritten = []
    for post in Post.objects.filter(author=user).only("pk", "locale", "title", "summary", "body"):
        changes = {
            name: traces.scrub(getattr(post, name), language=post.locale)
            for name in ("title", "summary", "body")
        }
        if any(changes[name] != getattr(post, name) for name in changes):
            Post.objects.filter(pk=post.pk).update(**changes)
            rewritten.append(post.pk)
    rebuild_search(rewritten)
    DigestSubscription.objects.filter(user=user).delete()
    NewsletterRecipient.objects.filter(user=user).delete()
    Newsletter.objects.filter(created_by=user).update(created_by=None)
    Newsletter.objects.filter(sent_by=user).update(sent_by=None)
    Post.objects.filter(author=user).update(author=None)
    Post.objects.filter(moderated_by=user).update(moderated_by=None)
    dynamic_changed()  # a scrubbed title may be in a page's "latest posts" block
