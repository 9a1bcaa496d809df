"""GDPR art. 17: after an erasure the person's e-mail address and names are nowhere in the database.

A rich world is built (a talent, her mentor, an organisation's staff member, an employer and an
admin; a match with a note, meetings with invites and a report, messages both ways, posts that quote
her, a networking plan, an FAQ question, saved posts, e-mails to and about her). The talent, or the
mentor, is erased through the API; then every text-like column of every table (on PostgreSQL the
full-text vectors too) and the decoded e-mails of the outbox (their base64 attachments too) are
searched for the person's address, full name, first and last name. Nothing may be found, and the
other side keeps its own records.
"""

from __future__ import annotations

import base64
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from cms.accounts.actions import update_profile
from cms.accounts.models import User
from cms.outbox.mail import queue_message, render
from cms.outbox.models import OutboxMessage

PEOPLE = {
    "talent": ("Zainab", "Haddadin", "zainab.haddadin@example.org"),
    "mentor": ("Willemijn", "Verhaegen", "w.verhaegen@example.org"),
}
TEXT_TYPES_PG = {"text", "character varying", "character", "json", "jsonb", "tsvector", "ARRAY", "bytea"}
TEXT_TYPES_SQLITE = ("TEXT", "CHAR", "CLOB", "JSON", "BLOB")


def _rename(user, role: str) -> User:
    first, last, email = PEOPLE[role]
    from allauth.account.models import EmailAddress

    EmailAddress.objects.filter(user=user).update(email=email)
    User.objects.filter(pk=user.pk).update(email=email)
    user.refresh_from_db()
    return update_profile(user, account={"first_name": first, "last_name": last}, profile={})


def _invite_ics(name: str, email: str) -> bytes:
    """An invitation whose long ATTENDEE line is folded in the middle of the name and address."""
    from icalendar import Calendar, Event, vCalAddress, vText

    calendar = Calendar()
    calendar.add("prodid", "-//Helix//Test//EN")
    calendar.add("version", "2.0")
    event = Event()
    event.add("uid", "erasure-test@helix")
    event.add("dtstart", timezone.now())
    event.add("summary", f"Coffee with {name}")
    attendee = vCalAddress(f"mailto:{email}")
    attendee.params["cn"] = vText(f"{name} ({email}), programme {'x' * 40}")
    event.add("attendee", attendee, encode=0)
    calendar.add_component(event)
    return calendar.to_ical()


@pytest.fixture
def world(programme, make_user, later):
    """Everything the talent and the mentor left in Helix, through the actions users reach."""
    from cms.accounts.actions import grant_consent
    from cms.connections.actions import open_connection
    from cms.pages.actions import moderate_question, submit_question
    from cms.pages.models import FaqQuestion
    from plugins.employers.actions import record_view, request_contact
    from plugins.mentoring.actions import meetings
    from plugins.mentoring.actions.matching import propose_match
    from plugins.messaging.actions import send_message
    from plugins.networking.actions import add_contact, add_goal, comment_on_plan
    from plugins.posts.actions import create_post, save_post, set_digest_frequency, suggest_post

    staff, project = programme["staff"], programme["project"]
    talent = _rename(programme["talent"], "talent")
    mentor = _rename(programme["mentor"], "mentor")
    employer = make_user("employer", first_name="Wim")
    admin = make_user("admin", mfa=True, first_name="Ada")
    t_first, t_last, t_email = PEOPLE["talent"]
    m_first, m_last, m_email = PEOPLE["mentor"]
    t_full, m_full = f"{t_first} {t_last}", f"{m_first} {m_last}"

    match = propose_match(
        staff,
        kind="talent_mentor",
        talent=talent,
        mentor=mentor,
        project=project,
        note=f"{t_full} ({t_email}) wants data work; {m_first} knows the sector. Call {t_first}.",
    )
    grant_consent(talent, "cv_publication")
    open_connection(
        "talent_employer", project=project, talent=talent, employer=employer, by=staff,
        note=f"{t_last} fits the analyst role", activate=True,
    )
    request_contact(employer, talent, f"Dear {t_first}, we would like to meet you.")
    record_view(employer, talent, "cv")

    session = meetings.plan_meeting(
        mentor,
        [match],
        {
            "title": f"Session {t_first} / {m_first}",
            "agenda": f"CV of {t_full}; write to {t_email}",
            "place": f"{t_last} family's kitchen",
            "starts_at": later(days=1),
            "ends_at": later(days=1, hours=1),
        },
    )
    session.__class__.objects.filter(pk=session.pk).update(
        starts_at=timezone.now() - timedelta(days=1), ends_at=timezone.now() - timedelta(hours=23)
    )
    session.refresh_from_db()
    meetings.file_report(
        session,
        by=mentor,
        data={"rapport": f"{t_first} talked about Aleppo.", "goal": f"A job for {t_full}", "plan": "CV"},
    )
    matching = {"title": f"Matching {t_last}", "starts_at": later(days=3), "ends_at": later(days=3, hours=1)}
    meetings.plan_meeting(staff, [match], matching)

    send_message(talent, f"Hello {m_first}, my address is {t_email}.", recipient=mentor)
    send_message(mentor, f"Welcome {t_first}! Regards, {m_full}", recipient=talent)
    send_message(mentor, f"Dear {t_full}, see you on Monday.", recipient=talent)

    post = create_post(
        staff,
        {
            "type": "project",
            "locale": "en",
            "title": f"How {t_full} found work",
            "summary": f"{t_full} and her mentor {m_full} tell their story.",
            "body": f"<p>{t_full} met {m_full} in our programme.</p>",
            "link": "https://example.org/story",
        },
    )
    save_post(talent, post)
    suggest_post(post, by=mentor, talent=talent, note=f"{t_first}, this is for you")
    grant_consent(talent, "newsletter")
    set_digest_frequency(talent, "weekly")

    add_goal(
        talent,
        term="short",
        description=f"Meet {m_full} monthly",
        measurable_target="12 meetings",
        target_date=(timezone.now() + timedelta(days=90)).date(),
    )
    add_contact(talent, name=m_full, tie="strong", organisation="Mentoring to work", notes=m_email)
    comment_on_plan(talent, by=mentor, body=f"Good plan, {t_first}.")

    question = submit_question(talent, f"I am {t_full}. Can {m_full} help me with my diploma?", "en")
    FaqQuestion.objects.filter(pk=question.pk).update(
        status=FaqQuestion.Status.PUBLISHED, answer=f"<p>Yes, {t_first}: ask {m_full}.</p>"
    )
    moderate_question(question, user=admin)

    # E-mails beyond the ones the actions wrote: to others about the person (with an invite whose
    # folded lines split their name and address), to the person alone without a user row, and to
    # the person and somebody else together.
    for role, (first, last, email) in PEOPLE.items():
        about = render("mail/account_approved", {"user": staff, "note": f"{first} {last}"}, "nl")
        about.to = [staff.email]
        about.body += f"\n{first} {last} <{email}> joined. {first} says hi."
        about.attach("invite.ics", _invite_ics(f"{first} {last}", email).decode(), "text/calendar")
        queue_message(about, key=f"test:about:{role}", user=staff)
        alone = render("mail/account_approved", {"user": staff, "note": first}, "en")
        alone.to = [email]
        queue_message(alone, key=f"test:alone:{role}")
        shared = render("mail/account_approved", {"user": staff, "note": last}, "en")
        shared.to, shared.cc = [staff.email], [f"{first} {last} <{email}>"]
        queue_message(shared, key=f"test:shared:{role}")
    OutboxMessage.objects.filter(key__startswith="test:about:").update(done_at=timezone.now())
    return {
        "talent": talent,
        "mentor": mentor,
        "staff": staff,
        "employer": employer,
        "session": session,
        "post": post,
    }


# --- the scan -------------------------------------------------------------------------------------


def _text_columns(cursor, table: str) -> list[tuple[str, str]]:
    """(column, SQL expression reading it as text) for every text-like column of ``table``."""
    qn = connection.ops.quote_name
    if connection.vendor == "postgresql":
        cursor.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = %s",
            [table],
        )
        return [
            (name, qn(name) if kind == "bytea" else f"{qn(name)}::text")
            for name, kind in cursor.fetchall()
            if kind in TEXT_TYPES_PG
        ]
    cursor.execute(f"PRAGMA table_info({qn(table)})")
    return [
        (row[1], qn(row[1]))
        for row in cursor.fetchall()
        if not row[2] or any(kind in row[2].upper() for kind in TEXT_TYPES_SQLITE)
    ]


def _database_texts():
    """(table, column, text) for every non-empty text-like value in the database."""
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        assert "posts_post" in tables and "outbox_outboxmessage" in tables
        for table in tables:
            columns = _text_columns(cursor, table)
            if not columns:
                continue
            select = ", ".join(expression for _name, expression in columns)
            cursor.execute(f"SELECT {select} FROM {connection.ops.quote_name(table)}")
            for row in cursor.fetchall():
                for (name, _expression), value in zip(columns, row, strict=True):
                    if isinstance(value, memoryview | bytes):
                        value = bytes(value).decode("utf-8", "replace")
                    if value:
                        yield table, name, str(value)


def _outbox_texts():
    """The outbox's e-mails as their readers get them: the attachments decoded and unfolded."""
    for row in OutboxMessage.objects.all():
        for attachment in row.payload.get("attachments") or []:
            text = base64.b64decode(attachment["content"]).decode("utf-8", "replace")
            yield "outbox attachment", row.key, re.sub(r"\r?\n[ \t]", "", text)


def _traces_left(role: str) -> list[str]:
    first, last, email = PEOPLE[role]
    terms = [email, f"{first} {last}", first, last]
    found = []
    for where, column, text in [*_database_texts(), *_outbox_texts()]:
        lowered = text.lower()
        found.extend(
            f"{where}.{column}: {term!r} in {text[:160]!r}" for term in terms if term.lower() in lowered
        )
    return found


@pytest.mark.parametrize("erased", ["talent", "mentor"])
def test_erasure_leaves_nothing_of_the_person(world, erased, client_for):
    from plugins.mentoring.models import MeetingReport
    from plugins.messaging.models import Message

    # The world holds the person everywhere the scan looks, so a clean scan means something.
    before = _traces_left(erased)
    assert len(before) > 30
    assert any(place.startswith("outbox attachment") for place in before)
    if connection.vendor == "postgresql":
        assert any(place.startswith("posts_post.search_vector") for place in before)
    other = world["mentor"] if erased == "talent" else world["talent"]
    others_messages = set(Message.objects.filter(sender=other).values_list("pk", flat=True))
    assert others_messages

    assert client_for(world[erased]).delete("/api/v1/me/").status_code == 204

    assert _traces_left(erased) == []
    # The other side keeps its own records, pseudonymised.
    assert set(Message.objects.filter(sender=other).values_list("pk", flat=True)) == others_messages
    if erased == "talent":
        report = MeetingReport.objects.get(meeting=world["session"])
        assert report.author == world["mentor"]
        # In the words of the report's author, a Dutch-speaking mentor.
        assert report.rapport == "verwijderde gebruiker talked about Aleppo."
        bodies = set(Message.objects.filter(sender=other).values_list("body", flat=True))
        assert "Welcome verwijderde gebruiker! Regards, Willemijn Verhaegen" in bodies
    # The post can still be found by its other words, and no longer by the person's name.
    if connection.vendor == "postgresql":
        from plugins.posts.models import Post
        from plugins.posts.search import search_filter

        first, last, _email = PEOPLE[erased]
        assert not Post.objects.filter(search_filter(last)).exists()
        assert Post.objects.filter(search_filter("programme")).filter(pk=world["post"].pk).exists()
    # Mail still goes to those it was for, without the person.
    shared = OutboxMessage.objects.get(key=f"test:shared:{erased}")
    assert shared.payload["to"] == [world["staff"].email] and shared.payload["cc"] == []
    assert not OutboxMessage.objects.filter(key=f"test:alone:{erased}").exists()
    about = OutboxMessage.objects.get(key=f"test:about:{erased}")
    assert "verwijderde gebruiker" in about.payload["body"]


def test_hook_on_text_scrubbed(programme):
    """Text rewritten with ``QuerySet.update`` is searchable as it now reads once the plugins are
    told: the posts plugin rebuilds the post's search text and (on PostgreSQL) its vector."""
    from cms.plugins import hooks
    from plugins.posts.actions import create_post
    from plugins.posts.models import Post
    from plugins.posts.search import search_filter

    post = create_post(
        programme["staff"],
        {
            "type": "project",
            "locale": "en",
            "title": "Story of Haddadin",
            "summary": "A story from the programme.",
            "link": "https://example.org/story",
        },
    )
    assert Post.objects.filter(search_filter("Haddadin")).exists()
    Post.objects.filter(pk=post.pk).update(title="Story of Marguerite")
    hooks().on_text_scrubbed(model_label="posts.post", pks=[post.pk])
    assert not Post.objects.filter(search_filter("Haddadin")).exists()
    assert list(Post.objects.filter(search_filter("Marguerite"))) == [post]


def test_a_namesake_and_other_words_keep_their_letters(programme, make_user, client_for):
    """The sweep takes out a full name only when it is the erased person's alone: another account
    called the same keeps its name and the texts that may be about them. Names are whole words:
    "Ali" goes from "Ali's CV" but "quality" stays."""
    from plugins.mentoring.actions.matching import propose_match
    from plugins.messaging.actions import send_message
    from plugins.messaging.models import Message
    from plugins.posts.actions import create_post
    from plugins.posts.models import Post

    talent, mentor = programme["talent"], programme["mentor"]
    update_profile(talent, account={"first_name": "Ali", "last_name": "Rahimi"}, profile={})
    namesake = make_user("talent")
    update_profile(namesake, account={"first_name": "Ali", "last_name": "Rahimi"}, profile={})
    story = create_post(
        programme["staff"],
        {
            "type": "project",
            "locale": "en",
            "title": "Ali Rahimi joins the programme",
            "summary": f"Quality work; write to {talent.email}.",
            "link": "https://example.org/story",
        },
    )
    propose_match(
        programme["staff"], kind="talent_mentor", talent=talent, mentor=mentor, project=programme["project"]
    )
    send_message(mentor, "Quality first: Ali's CV looks good, Ali.", recipient=talent)

    assert client_for(talent).delete("/api/v1/me/").status_code == 204

    namesake.refresh_from_db()
    assert (namesake.first_name, namesake.last_name) == ("Ali", "Rahimi")
    story = Post.objects.get(pk=story.pk)
    assert story.title == "Ali Rahimi joins the programme"
    assert story.summary == "Quality work; write to deleted-user@erased.invalid."
    (kept,) = Message.objects.filter(sender=mentor).values_list("body", flat=True)
    assert kept == "Quality first: verwijderde gebruiker's CV looks good, verwijderde gebruiker."
