"""Messaging actions: one thread per pair of connected users, reading, blocking, reporting,
and the unread-message e-mails the notification job sends."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Exists, F, Max, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.accounts.models import Role, User
from cms.audit import record
from cms.connections.selectors import are_connected, connection_people
from cms.errors import (
    Blocked,
    InvalidTransition,
    NotConnected,
    RoleNotAllowed,
    ThreadClosed,
    require_capability,
)
from cms.outbox.mail import notify
from plugins.messaging import conf
from plugins.messaging.models import Message, MessageReport, MessagingSettings, Thread, ThreadParticipant


def _pair(a: User, b: User) -> tuple[int, int]:
    return (a.pk, b.pk) if a.pk < b.pk else (b.pk, a.pk)


def thread_between(a: User, b: User) -> Thread | None:
    low, high = _pair(a, b)
    return Thread.objects.filter(user_low_id=low, user_high_id=high).first()


def other_side(thread: Thread, user: User) -> User | None:
    other_id = thread.user_high_id if thread.user_low_id == user.pk else thread.user_low_id
    return User.objects.filter(pk=other_id).first() if other_id else None


def _open_thread(sender: User, recipient: User) -> Thread:
    low, high = _pair(sender, recipient)
    thread, created = Thread.objects.get_or_create(user_low_id=low, user_high_id=high)
    if created:
        ThreadParticipant.objects.bulk_create(
            [ThreadParticipant(thread=thread, user_id=low), ThreadParticipant(thread=thread, user_id=high)]
        )
    return thread


def send_message(
    sender: User, body: str, *, recipient: User | None = None, thread: Thread | None = None
) -> Message:
    """Write to a connected user. Refused when the two are not connected (``not_connected``), when
    their connection has closed (``thread_closed``: the thread is read-only) or when one side blocked.
    The sender's role must hold "write messages" (``capability_missing``)."""
    require_capability(sender, "messaging.write_message")
    if thread is not None:
        recipient = other_side(thread, sender)
        if recipient is None or not recipient.is_active:
            raise ThreadClosed(_("This person's account no longer exists."))
    if recipient is None or recipient.pk == sender.pk:
        raise NotConnected()
    existing = thread or thread_between(sender, recipient)
    if not are_connected(sender, recipient):
        if existing is not None:
            if existing.is_open:
                Thread.objects.filter(pk=existing.pk).update(is_open=False)
            raise ThreadClosed()
        raise NotConnected()
    with transaction.atomic():
        thread = existing or _open_thread(sender, recipient)
        sides = {p.user_id: p for p in ThreadParticipant.objects.select_for_update().filter(thread=thread)}
        if sides[recipient.pk].blocked_at:
            raise Blocked()
        if sides[sender.pk].blocked_at:
            raise Blocked(_("You blocked this person. Unblock them to write again."), code="you_blocked")
        message = Message.objects.create(thread=thread, sender=sender, body=body)
        Thread.objects.filter(pk=thread.pk).update(last_message_at=message.created_at, is_open=True)
        ThreadParticipant.objects.filter(pk=sides[sender.pk].pk).update(last_read_id=message.pk)
    touch(sender)
    return message


def mark_read(thread: Thread, user: User, up_to: int | None = None) -> int:
    """Mark the thread read up to a message id (default: the newest); returns the id."""
    newest = thread.messages.aggregate(newest=Max("id"))["newest"] or 0
    up_to = newest if up_to is None else min(up_to, newest)
    ThreadParticipant.objects.filter(thread=thread, user=user, last_read_id__lt=up_to).update(
        last_read_id=up_to
    )
    touch(user)
    return up_to


def set_blocked(
    thread: Thread, user: User, blocked: bool, *, by: User | None = None, **audit
) -> ThreadParticipant:
    """Block (or unblock) the other side of a thread: they can no longer write to ``user``.

    ``by`` is who did it when it is not ``user`` (a moderator acting on a report); the audit
    entry names them, with ``audit`` as its data."""
    side = ThreadParticipant.objects.get(thread=thread, user=user)
    side.blocked_at = timezone.now() if blocked else None
    side.save(update_fields=["blocked_at"])
    action = "messaging.thread_blocked" if blocked else "messaging.thread_unblocked"
    record(by or user, action, thread, **audit)
    return side


def report_thread(thread: Thread, user: User, reason: str, message: Message | None = None) -> MessageReport:
    """Report a conversation (or one message in it) to the admins, who are e-mailed."""
    if message is not None and message.thread_id != thread.pk:
        raise InvalidTransition(_("This message is not in this conversation."), code="wrong_message")
    with transaction.atomic():
        report = MessageReport.objects.create(thread=thread, reporter=user, reason=reason, message=message)
        record(user, "messaging.thread_reported", report)
        admins = User.objects.filter(role=Role.ADMIN, is_active=True)
        notify(
            "messaging/mail/thread_reported", admins, {"report": report}, key=f"messaging:report:{report.pk}"
        )
    return report


MODERATE = "messaging.moderate_messages"


def resolve_report(report: MessageReport, *, by: User, resolution: str) -> MessageReport:
    """A moderator (by default an admin) closes a report, saying what was done."""
    if not by.has_perm(MODERATE):
        raise RoleNotAllowed()
    if report.status != MessageReport.Status.OPEN:
        raise InvalidTransition()
    report.status, report.resolution = MessageReport.Status.RESOLVED, resolution
    report.resolved_by, report.resolved_at = by, timezone.now()
    report.save()
    record(by, "messaging.report_resolved", report)
    return report


def reported_sender(report: MessageReport) -> User | None:
    """Who the report is about: the reported message's sender, or the reporter's other side."""
    if report.message is not None:
        return report.message.sender
    if report.reporter_id is None:
        return None
    other_id = (
        report.thread.user_high_id
        if report.thread.user_low_id == report.reporter_id
        else report.thread.user_low_id
    )
    return User.objects.filter(pk=other_id).first() if other_id else None


def block_reported_sender(report: MessageReport, *, by: User) -> ThreadParticipant:
    """A moderator blocks the reported sender in that conversation: they can no longer write to
    the other side there (who can unblock them, as after blocking themselves)."""
    if not by.has_perm(MODERATE):
        raise RoleNotAllowed()
    sender = reported_sender(report)
    thread = report.thread
    if sender is None or sender.pk not in (thread.user_low_id, thread.user_high_id):
        raise InvalidTransition(_("The sender of this conversation no longer exists."), code="no_sender")
    other_id = thread.user_high_id if thread.user_low_id == sender.pk else thread.user_low_id
    with transaction.atomic():
        side = ThreadParticipant.objects.select_for_update().filter(thread=thread, user_id=other_id).first()
        if side is None:
            raise InvalidTransition(
                _("The other side of this conversation no longer exists."), code="no_sender"
            )
        if side.blocked_at is not None:
            raise InvalidTransition(_("The sender is already blocked in this conversation."), code="blocked")
        return set_blocked(
            thread, side.user, True, by=by, report=str(report.public_id), sender=str(sender.public_id)
        )


def settings_of(user: User) -> MessagingSettings:
    return MessagingSettings.objects.get_or_create(user=user)[0]


def update_settings(user: User, **changes) -> MessagingSettings:
    prefs = settings_of(user)
    for key in ("email_notifications", "include_text_in_email"):
        if key in changes:
            setattr(prefs, key, bool(changes[key]))
    prefs.save()
    return prefs


def touch(user: User) -> None:
    """Remember that ``user`` is active in messaging (at most one write a minute)."""
    now = timezone.now()
    updated = (
        MessagingSettings.objects.filter(user=user)
        .filter(Q(last_seen_at__isnull=True) | Q(last_seen_at__lt=now - timedelta(seconds=60)))
        .update(last_seen_at=now)
    )
    if not updated and not MessagingSettings.objects.filter(user=user).exists():
        MessagingSettings.objects.get_or_create(user=user, defaults={"last_seen_at": now})


def refresh_threads(connection) -> None:
    """After a connection changes, open or close the existing threads between its sides."""
    people = {user.pk: user for user in connection_people(connection, active_only=False)}
    pairs = {_pair(a, b) for a in people.values() for b in people.values() if a.pk != b.pk}
    for low, high in pairs:
        thread = Thread.objects.filter(user_low_id=low, user_high_id=high).first()
        if thread is None:
            continue
        is_open = are_connected(people[low], people[high])
        if thread.is_open != is_open:
            Thread.objects.filter(pk=thread.pk).update(is_open=is_open)


def refresh_threads_many(connections) -> None:
    """``refresh_threads`` for many connections at once: the people on their sides and the threads
    between them are looked up in one query each; only threads that exist are decided (the
    sector matching changes thousands of connections at once, and most pairs never wrote)."""
    from cms.organisations.models import Organisation

    org_ids = {c.organisation_id for c in connections if c.organisation_id}
    staff: dict[int, set[int]] = {}
    if org_ids:
        rows = Organisation.staff.through.objects.filter(
            organisation_id__in=org_ids, user__role=Role.ORGANISATION
        ).values_list("organisation_id", "user_id")
        for org_id, user_id in rows:
            staff.setdefault(org_id, set()).add(user_id)
    pairs = set()
    for c in connections:
        people = set(c.person_ids()) | staff.get(c.organisation_id, set())
        pairs.update((a, b) for a in people for b in people if a < b)
    if not pairs:
        return
    lows, highs = {low for low, _high in pairs}, {high for _low, high in pairs}
    threads = [
        thread
        for thread in Thread.objects.filter(user_low_id__in=lows, user_high_id__in=highs)
        if (thread.user_low_id, thread.user_high_id) in pairs
    ]
    if not threads:
        return
    users = User.objects.in_bulk({pk for t in threads for pk in (t.user_low_id, t.user_high_id)})
    for thread in threads:
        low, high = users.get(thread.user_low_id), users.get(thread.user_high_id)
        if low is None or high is None:
            continue
        is_open = are_connected(low, high)
        if thread.is_open != is_open:
            Thread.objects.filter(pk=thread.pk).update(is_open=is_open)


# --- the unread-message e-mails -------------------------------------------------------------


def send_unread_notifications(now: datetime | None = None) -> int:
    """E-mail people about threads with messages still unread after a few minutes.

    Only to someone not active in messaging for that long, who has not switched the e-mails off;
    at most one e-mail per thread per gap, and never about the same message twice. Marking and
    queueing commit together, and the outbox key names the newest message, so a rerun or a
    crashed run sends nothing twice and loses nothing.
    """
    now = now or timezone.now()
    quiet = now - timedelta(minutes=conf.get("notify_after_minutes"))
    gap = now - timedelta(minutes=conf.get("notification_gap_minutes"))
    # The newest message from the other side that has waited long enough: one index lookup per
    # side on (thread, id), instead of a join over the whole message table.
    waiting = (
        Message.objects.filter(thread=OuterRef("thread"), created_at__lte=quiet)
        .exclude(sender=OuterRef("user"))
        .order_by("-id")
        .values("id")[:1]
    )
    active = MessagingSettings.objects.filter(user=OuterRef("user")).filter(
        Q(email_notifications=False) | Q(last_seen_at__gt=quiet)
    )
    candidates = (
        ThreadParticipant.objects.filter(blocked_at__isnull=True, user__is_active=True)
        .annotate(waiting=Subquery(waiting))
        .filter(waiting__gt=F("last_read_id"))
        .filter(waiting__gt=F("notified_up_to_id"))
        .exclude(Exists(active))
        .filter(Q(notified_at__isnull=True) | Q(notified_at__lte=gap))
        .select_related("user")
        .order_by("pk")
    )
    sent = 0
    with transaction.atomic():
        sides = list(candidates.select_for_update(skip_locked=True, of=("self",))[:500])
        if not sides:
            return 0
        prefs = {p.user_id: p for p in MessagingSettings.objects.filter(user__in=[s.user_id for s in sides])}
        for side in sides:
            start = max(side.last_read_id, side.notified_up_to_id)
            newest_first = list(
                Message.objects.filter(thread_id=side.thread_id, id__gt=start, id__lte=side.waiting)
                .exclude(sender=side.user)
                .select_related("sender")
                .order_by("-id")[:20]
            )
            if not newest_first:
                continue
            messages = list(reversed(newest_first))
            pref = prefs.get(side.user_id)
            notify(
                "messaging/mail/unread_messages",
                [side.user],
                {
                    "messages": messages,
                    "sender": messages[-1].sender,
                    "count": len(messages),
                    "include_text": pref.include_text_in_email if pref else True,
                    "thread": side.thread_id,
                },
                key=f"messaging:unread:{side.pk}:{side.waiting}",
            )
            side.notified_up_to_id, side.notified_at = side.waiting, now
            sent += 1
        ThreadParticipant.objects.bulk_update(sides, ["notified_up_to_id", "notified_at"])
    return sent


# --- GDPR -----------------------------------------------------------------------------------


def erase_user(user: User) -> None:
    """Erase ``user``'s side of every conversation: their messages, settings and reports go; the
    other side keeps their own messages, with the erased person shown as "deleted user" and their
    names and address taken out of what the other side wrote."""
    from cms.accounts.traces import PersonTraces

    Message.objects.filter(sender=user).delete()
    traces = PersonTraces.of(user)
    kept = (
        Message.objects.filter(Q(thread__user_low=user) | Q(thread__user_high=user))
        .select_related("sender")
        .only("pk", "body", "sender__preferred_language")
    )
    for message in kept.iterator(chunk_size=500):
        body = traces.scrub(message.body, language=getattr(message.sender, "preferred_language", None))
        if body != message.body:
            Message.objects.filter(pk=message.pk).update(body=body)
    ThreadParticipant.objects.filter(user=user).delete()
    Thread.objects.filter(user_low=user).update(user_low=None, is_open=False)
    Thread.objects.filter(user_high=user).update(user_high=None, is_open=False)
    MessagingSettings.objects.filter(user=user).delete()
    MessageReport.objects.filter(reporter=user).delete()
    MessageReport.objects.filter(resolved_by=user).update(resolved_by=None)
