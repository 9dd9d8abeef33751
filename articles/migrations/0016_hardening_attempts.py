"""Attempts and heartbeats: what lets the sweep tell a lost task from a queued one."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0015_hardening_carriage'),
    ]

    operations = [
        migrations.AddField(
            model_name='article',
            name='attempts',
            field=models.PositiveSmallIntegerField(db_default=0, default=0, editable=False),
        ),
        migrations.AddField(
            model_name='article',
            name='queued_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='ingestbatch',
            name='attempts',
            field=models.PositiveSmallIntegerField(db_default=0, default=0, editable=False),
        ),
        migrations.AddField(
            model_name='ingestbatch',
            name='heartbeat_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
    ]
