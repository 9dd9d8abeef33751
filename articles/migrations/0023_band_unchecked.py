"""Band keys without a database foreign key: a check per row was a fifth of ingest's server time.

Ingest writes sixteen band rows per article in the statement that inserts
the article, from the ids that statement returns; the deferred check of
each (a look-up and a row lock of the article at commit) bought nothing.
Deleting an article still deletes its bands: Django cascades them.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0022_alert_unchecked_unindexed"),
    ]

    operations = [
        migrations.AlterField(
            model_name="articleband",
            name="article",
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="bands",
                to="articles.article",
            ),
        ),
    ]
