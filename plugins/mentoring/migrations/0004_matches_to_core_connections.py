"""Matches become core connections: every match, timeline entry and profile grant is copied into
``cms.connections`` with the same ids, so the foreign keys that point at them stay valid.

The next migration repoints those keys and drops the old tables; a separate migration, because
PostgreSQL does not alter a table in the transaction that filled rows it references.
"""

from django.core.management.color import no_style
from django.db import migrations

BATCH = 2000


def _reset_sequences(schema_editor, models):
    for sql in schema_editor.connection.ops.sequence_reset_sql(no_style(), models):
        schema_editor.execute(sql)


def forwards(apps, schema_editor):
    Match = apps.get_model("mentoring", "Match")
    MatchEvent = apps.get_model("mentoring", "MatchEvent")
    Meeting = apps.get_model("mentoring", "Meeting")
    OldGrant = apps.get_model("mentoring", "TalentProfileUserObjectPermission")
    Connection = apps.get_model("connections", "Connection")
    ConnectionEvent = apps.get_model("connections", "ConnectionEvent")
    Grant = apps.get_model("connections", "TalentProfileUserObjectPermission")

    copied = set(Connection.objects.values_list("pk", flat=True))
    batch = []
    for match in Match.objects.order_by("pk").iterator(chunk_size=BATCH):
        if match.pk in copied:
            continue
        batch.append(
            Connection(
                pk=match.pk,
                public_id=match.public_id,
                kind=match.kind,
                state=match.state,
                project_id=match.project_id,
                talent_id=match.talent_id,
                mentor_id=match.mentor_id,
                employer_id=match.employer_id,
                organisation_id=match.organisation_id,
                proposed_by_id=match.proposed_by_id,
                note=match.note,
                can_contact=match.messaging,
                close_reason=match.close_reason,
                closed_by_id=match.closed_by_id,
                created_at=match.created_at,
                activated_at=match.activated_at,
                closed_at=match.closed_at,
            )
        )
        if len(batch) >= BATCH:
            Connection.objects.bulk_create(batch)
            batch = []
    Connection.objects.bulk_create(batch)

    meetings = dict(Meeting.objects.values_list("pk", "public_id"))
    batch = []
    for event in MatchEvent.objects.order_by("pk").iterator(chunk_size=BATCH):
        data = dict(event.data or {})
        if event.meeting_id and event.meeting_id in meetings:
            data["meeting"] = str(meetings[event.meeting_id])
        batch.append(
            ConnectionEvent(
                pk=event.pk,
                connection_id=event.match_id,
                kind=event.kind,
                actor_id=event.actor_id,
                data=data,
                at=event.at,
            )
        )
        if len(batch) >= BATCH:
            ConnectionEvent.objects.bulk_create(batch)
            batch = []
    ConnectionEvent.objects.bulk_create(batch)

    batch = []
    for grant in OldGrant.objects.order_by("pk").iterator(chunk_size=BATCH):
        batch.append(
            Grant(
                user_id=grant.user_id,
                permission_id=grant.permission_id,
                content_object_id=grant.content_object_id,
            )
        )
        if len(batch) >= BATCH:
            Grant.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    Grant.objects.bulk_create(batch, ignore_conflicts=True)
    _reset_sequences(schema_editor, [Connection, ConnectionEvent])


class Migration(migrations.Migration):
    dependencies = [
        ("mentoring", "0003_employer_talent_index"),
        ("connections", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
