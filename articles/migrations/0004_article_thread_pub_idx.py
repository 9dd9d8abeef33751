"""The thread timeline's seek order, ``(thread, published_at desc, id desc)``, as one index.

It replaces ``(thread, published_at desc)``, which every query that used it
can still use as a prefix.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("articles", "0003_thread_anchors")]

    operations = [
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                fields=["thread", "-published_at", "-id"], name="article_thread_pub_idx"
            ),
        ),
        migrations.RemoveIndex(model_name="article", name="article_thread_idx"),
    ]
