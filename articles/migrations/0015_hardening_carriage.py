"""Further outlets that carried an article's exact text (one row per outlet)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0014_quality_thread_role_counts"),
    ]

    operations = [
        migrations.CreateModel(
            name="Carriage",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("url", models.URLField(blank=True, max_length=2000, verbose_name="URL")),
                (
                    "published_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="published"),
                ),
                ("title", models.TextField(blank=True, verbose_name="title")),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "article",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="carriages",
                        to="articles.article",
                    ),
                ),
                (
                    "batch",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="carriages",
                        to="articles.ingestbatch",
                    ),
                ),
                (
                    "source",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="carriages",
                        to="articles.source",
                    ),
                ),
            ],
            options={
                "verbose_name": "carriage",
                "verbose_name_plural": "carriages",
                "ordering": ["published_at", "id"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("article", "source"), name="carriage_one_per_outlet"
                    )
                ],
            },
        ),
    ]
