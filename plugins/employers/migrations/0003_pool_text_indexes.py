"""On PostgreSQL: trigram indexes for the talent pool's text filters (``plugins.employers.api``).

``q`` matches each word as ``UPPER(<the seven competence fields, one per line>) LIKE
UPPER('%word%')`` and ``language`` as ``UPPER(languages::text) LIKE UPPER('%"code"%')``; a GIN
``gin_trgm_ops`` index on each expression lets PostgreSQL find the matching profiles without
reading every one. The expressions are spelled out here as the queries build them (``Lines`` in
``plugins.employers.api``, Django's ``icontains``): the planner uses an index only for the same
expression. Other databases keep the plain ``icontains`` (no index)."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

# plugins.employers.api.COMPETENCE_FIELDS, frozen here (the order is part of the expression).
COMPETENCE_FIELDS = (
    "soft_skills",
    "digital_skills",
    "key_areas_of_expertise",
    "core_strengths",
    "education_field",
    "work_experience",
    "career_objective",
)
COMPETENCES = " || E'\\n' || ".join(f'("{field}")::text' for field in COMPETENCE_FIELDS)
INDEXES = {
    "employers_pool_competences_trgm": f"UPPER(({COMPETENCES})::text)",
    "employers_pool_languages_trgm": 'UPPER(("languages")::text)',
}


class PostgreSQLTrigramExtension(TrigramExtension):
    """``pg_trgm`` on PostgreSQL. Django's operation skips other databases going forwards but
    not backwards (it asks ``pg_extension``, which SQLite does not have)."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, expression in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON accounts_talentprofile "
            f"USING gin (({expression}) gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_user_demographics"),
        ("employers", "0002_blind_connections"),
    ]

    operations = [
        PostgreSQLTrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
