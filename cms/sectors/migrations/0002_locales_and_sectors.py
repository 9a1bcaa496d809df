"""The three content locales and the eight sectors of the model (handbook, chapter 2).

Reference data every installation needs, so it is a migration, not demo content.
"""

import uuid

from django.db import migrations

SECTORS = [
    ("ict", "ICT", "ICT", "تكنولوجيا المعلومات والاتصالات"),
    ("logistics", "Logistics", "Logistiek", "الخدمات اللوجستية"),
    ("healthcare", "Healthcare", "Zorg", "الرعاية الصحية"),
    ("administration-finance", "Administration and finance", "Administratie en financiën", "الإدارة والمالية"),
    ("research-education", "Research and education", "Onderzoek en onderwijs", "البحث والتعليم"),
    ("construction-industry", "Construction and industry", "Bouw en industrie", "البناء والصناعة"),
    ("social-profit", "Social profit", "Social profit", "القطاع الاجتماعي غير الربحي"),
    ("entrepreneurship", "Entrepreneurship", "Ondernemerschap", "ريادة الأعمال"),
]


def forwards(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Sector = apps.get_model("sectors", "Sector")
    locales = {}
    for code in ("en", "nl", "ar"):
        locales[code], _ = Locale.objects.get_or_create(language_code=code)
    for order, (slug, en, nl, ar) in enumerate(SECTORS):
        existing = Sector.objects.filter(slug=slug, locale=locales["en"]).first()
        key = existing.translation_key if existing else uuid.uuid4()
        for code, name in (("en", en), ("nl", nl), ("ar", ar)):
            Sector.objects.update_or_create(
                slug=slug,
                locale=locales[code],
                defaults={"name": name, "translation_key": key, "sort_order": order},
            )


class Migration(migrations.Migration):
    dependencies = [
        ("sectors", "0001_initial"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
