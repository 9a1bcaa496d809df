"""Threads belong to the messaging plugin now; its migration ``0002_adopt_mentoring_threads``
copies every row (same ids) before these tables go.

When the messaging plugin is not installed, nothing adopts the threads: install it before
migrating to keep existing conversations (docs/operations.md says so).
"""

from django.apps import apps as installed
from django.db import migrations

ADOPTED_BY = (
    [("messaging", "0002_adopt_mentoring_threads")] if installed.is_installed("plugins.messaging") else []
)


class Migration(migrations.Migration):
    dependencies = [("mentoring", "0005_repoint_to_connections"), *ADOPTED_BY]

    operations = [
        migrations.DeleteModel(name="MessageReport"),
        migrations.DeleteModel(name="Message"),
        migrations.DeleteModel(name="ThreadParticipant"),
        migrations.DeleteModel(name="Thread"),
        migrations.DeleteModel(name="MessagingSettings"),
    ]
