"""Every write of the plugin: the change, the core connection action and the mail, in one transaction."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from cms.accounts.models import Role
from cms.connections.actions import activate_connection, close_connection, open_connection
from cms.connections.models import Connection
from cms.errors import HelixError, InvalidTransition, RoleNotAllowed
from cms.outbox.mail import notify
from helix_language_buddy.models import KIND, BuddyRequest


class NotAMentor(HelixError):
    code = "not_a_mentor"
    status = 400
    message = _("Ask a mentor to be your language buddy.")


class AlreadyAsked(HelixError):
    code = "already_asked"
    status = 409
    message = _("You have already asked this mentor to be your language buddy.")


def ask_buddy(talent, mentor, *, project, language: str, message: str = "") -> BuddyRequest:
    """A talent asks a mentor: a proposed core connection, the request, and a mail to the mentor."""
    # The sides of a connection are roles: the talent side is a talent, the mentor side a mentor.
    if talent.role != Role.TALENT:
        raise RoleNotAllowed()
    if mentor is None or mentor.role != Role.MENTOR or not mentor.is_active:
        raise NotAMentor()
    try:
        with transaction.atomic():
            connection = open_connection(KIND, project=project, talent=talent, mentor=mentor, by=talent)
            buddy = BuddyRequest.objects.create(connection=connection, language=language, message=message)
            notify(
                "language_buddy/mail/asked",
                [mentor],
                {"talent": talent, "buddy": buddy},
                key=f"language_buddy:asked:{connection.pk}",
            )
    except IntegrityError:  # the core's one open connection per kind and pair
        raise AlreadyAsked() from None
    return buddy


def accept(buddy: BuddyRequest, *, by) -> BuddyRequest:
    """The mentor says yes: the core activates the connection and grants what the kind declares."""
    if by.pk != buddy.connection.mentor_id:
        raise RoleNotAllowed(_("Only the mentor who was asked can accept."))
    buddy.connection = activate_connection(buddy.connection, by=by)
    return buddy


def close(buddy: BuddyRequest, *, by, reason: str) -> BuddyRequest:
    """Either side ends it (a mentor declining a request too): the core revokes the grants."""
    if by.pk not in buddy.connection.person_ids():
        raise RoleNotAllowed(_("Only the talent and the mentor can end a language buddy connection."))
    buddy.connection = close_connection(buddy.connection, by=by, reason=reason)
    return buddy


def log_practice(buddy: BuddyRequest, *, by, minutes: int) -> BuddyRequest:
    """Either side adds the minutes of a session, while the connection is active."""
    if by.pk not in buddy.connection.person_ids():
        raise RoleNotAllowed()
    if buddy.connection.state != Connection.State.ACTIVE:
        raise InvalidTransition()
    with transaction.atomic():
        BuddyRequest.objects.filter(pk=buddy.pk).update(minutes_practised=F("minutes_practised") + minutes)
    buddy.refresh_from_db(fields=["minutes_practised"])
    return buddy


def erase_user(user) -> None:
    """Account erasure: close the person's open connections of this kind, delete the requests."""
    mine = BuddyRequest.objects.filter(Q(connection__talent=user) | Q(connection__mentor=user))
    for buddy in mine.filter(connection__state__in=Connection.OPEN_STATES).select_related("connection"):
        close_connection(buddy.connection, by=None, reason="account_erased")
    mine.delete()
