"""Vacuum and analyse the article table that migration 0025 rewrote.

A rewritten table has an empty visibility map and no statistics for its
new column: until a vacuum, every index-only scan (the list's seek paging,
the facets' samples) reads the heap as well, which doubled the list
page's time at a million articles. VACUUM cannot run in a transaction,
hence a migration of its own, outside one.
"""

from django.db import migrations


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("articles", "0025_search_date_terms")]

    operations = [
        migrations.RunSQL("VACUUM (ANALYZE) articles_article;", migrations.RunSQL.noop),
    ]
