"""Conversations used to be the mentoring plugin's: copy its threads, sides, messages, settings and
reports here with their ids (the mentoring plugin's next migration then drops its tables).

Runs only where the mentoring plugin is installed; on a new installation there is nothing to copy.
"""

from django.apps import apps as installed
from django.core.management.color import no_style
from django.db import migrations

FROM_MENTORING = (
    [("mentoring", "0005_repoint_to_connections")] if installed.is_installed("plugins.mentoring") else []
)
BATCH = 2000
# (model, fields copied as they are), in an order that keeps foreign keys valid.
TABLES = [
    (
        "Thread",
        ["id", "public_id", "user_low_id", "user_high_id", "is_open", "created_at", "last_message_at"],
    ),
    (
        "ThreadParticipant",
        ["id", "thread_id", "user_id", "last_read_id", "notified_up_to_id", "notified_at", "blocked_at"],
    ),
    ("Message", ["id", "thread_id", "sender_id", "body", "created_at"]),
    ("MessagingSettings", ["id", "user_id", "email_notifications", "include_text_in_email", "last_seen_at"]),
    (
        "MessageReport",
        [
            "id",
            "public_id",
            "thread_id",
            "message_id",
            "reporter_id",
            "reason",
            "status",
            "resolution",
            "resolved_by_id",
            "created_at",
            "resolved_at",
        ],
    ),
]


def forwards(apps, schema_editor):
    if not FROM_MENTORING:
        return
    copied = []
    for name, fields in TABLES:
        old = apps.get_model("mentoring", name)
        new = apps.get_model("messaging", name)
        if new.objects.exists():
            continue  # adopted already
        batch = []
        for row in old.objects.order_by("pk").values(*fields).iterator(chunk_size=BATCH):
            batch.append(new(**row))
            if len(batch) >= BATCH:
                new.objects.bulk_create(batch)
                batch = []
        new.objects.bulk_create(batch)
        copied.append(new)
    for sql in schema_editor.connection.ops.sequence_reset_sql(no_style(), copied):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("messaging", "0001_initial"), *FROM_MENTORING]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
