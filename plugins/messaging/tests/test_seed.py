"""The messaging demo: a conversation between the demo talent and mentor, once."""

from __future__ import annotations

from django.utils import timezone


def test_the_demo_conversation_is_seeded_once(db):
    from cms.accounts.demo import seed_core_demo
    from cms.accounts.models import User
    from cms.connections.actions import open_connection
    from cms.organisations.models import Project
    from plugins.messaging.api import thread_rows
    from plugins.messaging.models import Message, ThreadParticipant
    from plugins.messaging.seed import seed

    seed_core_demo()
    seed()  # nobody connected them yet: nothing to say
    assert not Message.objects.exists()
    talent, mentor = (User.objects.get(email=f"{name}@helix.example") for name in ("talent", "mentor"))
    open_connection("talent_mentor", project=Project.default(), talent=talent, mentor=mentor, activate=True)
    seed()
    count = Message.objects.count()
    seed()
    assert Message.objects.count() == count

    [row] = thread_rows(talent, ThreadParticipant.objects.filter(user=talent))
    assert row["other"] == mentor and row["is_open"] and row["unread_count"] == 1
    assert row["last_message"]["from_me"] is False
    [mentor_row] = thread_rows(mentor, ThreadParticipant.objects.filter(user=mentor))
    assert mentor_row["unread_count"] == 0
    messages = list(talent.thread_participations.get().thread.messages.order_by("id"))
    assert 5 <= len(messages) <= 8
    assert [m.created_at for m in messages] == sorted(m.created_at for m in messages)
    assert all(m.created_at < timezone.now() for m in messages)
