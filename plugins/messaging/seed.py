"""The messaging demo: a conversation between the demo talent and their mentor, in the words of a
real mentoring exchange (CV, diploma recognition, a vacancy). Loaded after the plugins that
connect them; safe to run again."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from cms.accounts.models import Role, User
from cms.connections.selectors import are_connected

TALENT_EMAIL = "talent@helix.example"
MENTOR_EMAIL = "mentor@helix.example"

CONVERSATION = [
    (
        "mentor",
        12,
        time(19, 10),
        (
            "Hello Amal, thank you for our first session. As agreed, here is the site engineer vacancy "
            "at the construction company near Ghent that we talked about. They ask for a CV and a short "
            "motivation letter in Dutch. Could you send me a first version of your CV by the end of "
            "next week?"
        ),
    ),
    (
        "talent",
        10,
        time(20, 5),
        (
            "Thank you, Pieter! I have started. My old CV was four pages long, so I am cutting it down to "
            "two and putting the bridge and road projects first. Should I give my diploma as it is, or say "
            "that the recognition is still in progress?"
        ),
    ),
    (
        "mentor",
        9,
        time(8, 40),
        (
            "Good plan. Give both: the original degree with its title in English, and a line saying that "
            "you applied for recognition at NARIC-Vlaanderen, with the date. Employers in construction look "
            "for concrete projects first, so give each one its size, your role and the result. Short "
            "sentences in Dutch are fine."
        ),
    ),
    (
        "talent",
        5,
        time(21, 15),
        (
            "The new version is in my profile, so you can open it there. I wrote the summary in Dutch "
            "myself and my teacher checked it. I am at B1 now and have class three evenings a week, so "
            "Monday and Wednesday evenings are difficult for me."
        ),
    ),
    (
        "mentor",
        4,
        time(12, 30),
        (
            "I read it: this is much stronger. Two small things: put your Dutch level at the top, next to "
            "your other languages, and add the software you worked with. For our next session I suggest we "
            "practise the job interview. I will send you an invitation for next week, online, on an evening "
            "without Dutch class."
        ),
    ),
    (
        "talent",
        2,
        time(18, 50),
        (
            "Done, I added AutoCAD and Primavera. Practising the interview is exactly what I need. I am a "
            "little nervous about questions on the safety rules on Belgian building sites."
        ),
    ),
    (
        "mentor",
        1,
        time(9, 20),
        (
            "The invitation is in your mailbox. Many contractors ask for a VCA safety certificate; the exam "
            "can be taken in several languages. Let's talk about it next week. Veel succes met je les "
            "Nederlands!"
        ),
    ),
]


def _at(day: date, clock: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, clock))


def seed() -> None:
    """Seven messages; the mentor has read everything, the talent not yet the last one."""
    from plugins.messaging.actions import mark_read, send_message, thread_between
    from plugins.messaging.models import Message, Thread

    talent = User.objects.filter(email=TALENT_EMAIL, role=Role.TALENT).first()
    mentor = User.objects.filter(email=MENTOR_EMAIL, role=Role.MENTOR).first()
    if talent is None or mentor is None or not are_connected(talent, mentor):
        return  # nobody connected them (the mentoring demo is not loaded)
    thread = thread_between(talent, mentor)
    if thread is not None and thread.messages.exists():
        return
    people = {"talent": talent, "mentor": mentor}
    today = timezone.localdate()
    for who, days_ago, clock, body in CONVERSATION:
        sender = people[who]
        recipient = mentor if sender == talent else talent
        message = send_message(sender, body, recipient=recipient)
        Message.objects.filter(pk=message.pk).update(created_at=_at(today - timedelta(days=days_ago), clock))
    thread = thread_between(talent, mentor)
    newest = thread.messages.order_by("-id").first()
    Thread.objects.filter(pk=thread.pk).update(
        created_at=thread.messages.order_by("id").first().created_at, last_message_at=newest.created_at
    )
    mark_read(thread, mentor)
