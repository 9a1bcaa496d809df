"""Feedback, requests and meetings point at core connections (same ids); the old match tables go."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("mentoring", "0004_matches_to_core_connections"),
        ("connections", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="matchfeedback",
            name="match",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="+", to="connections.connection"
            ),
        ),
        migrations.AlterField(
            model_name="mentorshiprequest",
            name="match",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="connections.connection",
            ),
        ),
        migrations.AlterField(
            model_name="meeting",
            name="matches",
            field=models.ManyToManyField(related_name="meetings", to="connections.connection"),
        ),
        migrations.DeleteModel(name="MatchEvent"),
        migrations.DeleteModel(name="TalentProfileUserObjectPermission"),
        migrations.DeleteModel(name="Match"),
    ]
