"""iCalendar invites for meetings (RFC 5545 / iTIP): METHOD REQUEST on create and change,
METHOD CANCEL on cancellation, one stable UID per meeting and an increasing SEQUENCE.

Each invite is made for one recipient: it names the platform's no-reply address as the
ORGANIZER and that recipient as the only ATTENDEE, so a group meeting never hands one
participant's e-mail address to the others (a refugee's address is theirs to share).
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail.message import sanitize_address
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText


def _platform_address() -> str:
    """The bare address of ``DEFAULT_FROM_EMAIL`` (the no-reply sender), without its name."""
    address = sanitize_address(settings.DEFAULT_FROM_EMAIL, "utf-8")
    return address.rsplit("<", 1)[-1].rstrip(">") if "<" in address else address


def invite(meeting, recipient, *, method: str = "REQUEST") -> bytes:
    """The ``.ics`` file of ``meeting`` for ``recipient``, one of its participants.

    The organizer is the platform (its no-reply address, the planner's name as CN); the
    only attendee is ``recipient``. Other participants are not listed at all.
    """
    zone = ZoneInfo(meeting.time_zone or settings.TIME_ZONE)
    calendar = Calendar()
    calendar.add("prodid", "-//Helix//Mentoring//EN")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    event = Event()
    event.add("uid", meeting.uid)
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.starts_at.astimezone(zone))
    event.add("dtend", meeting.ends_at.astimezone(zone))
    event.add("summary", meeting.title)
    description = meeting.agenda
    if meeting.online_url:
        description = f"{description}\n\n{meeting.online_url}".strip()
    if description:
        event.add("description", description)
    location = meeting.place or meeting.online_url
    if location:
        event.add("location", vText(location))
    if meeting.online_url:
        event.add("url", meeting.online_url)
    event.add("status", "CANCELLED" if method == "CANCEL" else "CONFIRMED")
    planner = meeting.planner
    organizer = vCalAddress(f"mailto:{_platform_address()}")
    # The planner's display name only: str(user) falls back to the e-mail address.
    organizer.params["cn"] = vText((planner.get_full_name() if planner else "") or "Helix")
    event["organizer"] = organizer
    participant = next((p for p in meeting.participants.all() if p.user_id == recipient.pk), None)
    attendee = vCalAddress(f"mailto:{recipient.email}")
    if recipient.get_full_name():
        attendee.params["cn"] = vText(recipient.get_full_name())
    attendee.params["role"] = vText("REQ-PARTICIPANT")
    attendee.params["partstat"] = vText(
        {"yes": "ACCEPTED", "no": "DECLINED"}.get(getattr(participant, "response", ""), "NEEDS-ACTION")
    )
    event.add("attendee", attendee, encode=0)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
