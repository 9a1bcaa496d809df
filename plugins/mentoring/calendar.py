"""iCalendar invites for meetings (RFC 5545 / iTIP): METHOD REQUEST on create and change,
METHOD CANCEL on cancellation, one stable UID per meeting and an increasing SEQUENCE."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText


def invite(meeting, *, method: str = "REQUEST") -> bytes:
    """The ``.ics`` file of ``meeting`` for its participants."""
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
    organizer = vCalAddress(f"mailto:{planner.email if planner else settings.DEFAULT_FROM_EMAIL}")
    if planner:
        organizer.params["cn"] = vText(str(planner))
    event["organizer"] = organizer
    for participant in meeting.participants.all():
        attendee = vCalAddress(f"mailto:{participant.user.email}")
        attendee.params["cn"] = vText(str(participant.user))
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        attendee.params["partstat"] = vText(
            {"yes": "ACCEPTED", "no": "DECLINED"}.get(participant.response, "NEEDS-ACTION")
        )
        event.add("attendee", attendee, encode=0)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
