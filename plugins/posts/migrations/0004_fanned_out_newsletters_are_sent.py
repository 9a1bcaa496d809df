"""A newsletter is now ``sent`` once its fan-out has queued every e-mail (the job marks it).

Before, the sending screen's GET marked it sent when it saw every e-mail delivered, so a
newsletter nobody looked at again stayed ``sending``. Those whose fan-out has run (their number
of recipients is known) are sent under the new rule.
"""

from django.db import migrations


def mark_fanned_out_newsletters_sent(apps, schema_editor):
    Newsletter = apps.get_model("posts", "Newsletter")
    Newsletter.objects.filter(status="sending", recipients_total__isnull=False).update(status="sent")


class Migration(migrations.Migration):
    dependencies = [
        ("posts", "0003_translation_groups"),
    ]

    operations = [
        migrations.RunPython(mark_fanned_out_newsletters_sent, migrations.RunPython.noop),
    ]
