"""Queued-at, attempts and heartbeats: what lets the sweep tell lost work from queued work."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0015_hardening_carriage"),
    ]

    operations = [
        migrations.CreateModel(
            name="TaskAttempt",
            fields=[
                ("key", models.CharField(max_length=64, primary_key=True, serialize=False)),
                ("attempts", models.PositiveIntegerField(default=0)),
                ("updated_at", models.DateTimeField(auto_now=True)),
            ],
        ),
        migrations.AddField(
            model_name="article",
            name="queued_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="ingestbatch",
            name="attempts",
            field=models.PositiveSmallIntegerField(db_default=0, default=0, editable=False),
        ),
        migrations.AddField(
            model_name="ingestbatch",
            name="heartbeat_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
    ]
