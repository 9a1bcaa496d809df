"""The list's indexes: its two orders over published posts, covering what it filters on (the
count reads the index alone), and on PostgreSQL one full-text index per language of published
posts, which the search's per-language condition (``locale = … AND search_vector @@ …``) uses
directly."""

from django.conf import settings
from django.db import migrations, models

SEARCH_LANGUAGES = ("en", "nl", "ar", "fr", "de")  # plugins.posts.search.TS_CONFIGS, frozen here


def create_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for code in SEARCH_LANGUAGES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS posts_search_{code} ON posts_post USING gin (search_vector) "
            f"WHERE status = 'published' AND locale = '{code}'"
        )


def drop_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for code in SEARCH_LANGUAGES:
        schema_editor.execute(f"DROP INDEX IF EXISTS posts_search_{code}")


class Migration(migrations.Migration):

    dependencies = [
        ('organisations', '0002_random_logo_names'),
        ('posts', '0004_fanned_out_newsletters_are_sent'),
        ('sectors', '0002_locales_and_sectors'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='post',
            name='posts_live_newest',
        ),
        migrations.RemoveIndex(
            model_name='post',
            name='posts_live_soonest',
        ),
        migrations.AddIndex(
            model_name='post',
            index=models.Index(condition=models.Q(('status', 'published')), fields=['-published_at', '-id'], include=('type', 'locale', 'group_first', 'group_locales', 'starts_at', 'ends_at', 'city', 'online', 'language', 'dutch_level'), name='posts_live_newest'),
        ),
        migrations.AddIndex(
            model_name='post',
            index=models.Index(condition=models.Q(('starts_at__isnull', False), ('status', 'published')), fields=['starts_at', '-id'], include=('type', 'locale', 'group_first', 'group_locales', 'ends_at', 'city', 'online', 'language', 'dutch_level'), name='posts_live_soonest'),
        ),
        migrations.RunPython(create_search_indexes, drop_search_indexes),
    ]
