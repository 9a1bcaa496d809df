"""On PostgreSQL: the GIN index that makes full-text search of posts fast."""

from django.db import migrations


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS posts_post_search_gin ON posts_post USING gin (search_vector)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS posts_post_search_gin")


class Migration(migrations.Migration):
    dependencies = [("posts", "0001_initial")]
    operations = [migrations.RunPython(create_index, drop_index)]
