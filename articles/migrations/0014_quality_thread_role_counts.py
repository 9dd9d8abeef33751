from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0013_live_permissions"),
    ]

    operations = [
        migrations.AddField(
            model_name="thread",
            name="role_counts",
            field=models.JSONField(blank=True, default=dict),
        ),
    ]
