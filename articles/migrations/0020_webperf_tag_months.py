"""An index of tag values by month of publication, for counts over a tag filter and a window.

A GIN index per tag column finds every article naming a value at any
date: a filter of two common values (an actor and its topic) over three
months made PostgreSQL build bitmaps of tens of thousands of articles and
read them all from the heap before the window dropped most. Here each
article is indexed under "value × month" keys (``a:IRN:201403``), so a
window reads the posting lists of its own months only.
"""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION article_tag_months(
    actors varchar[], parties varchar[], mediators varchar[], topics varchar[],
    published timestamptz
) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN published IS NULL THEN '{}'::text[] ELSE ARRAY(
    SELECT s.t || ':' || (extract(year FROM published AT TIME ZONE 'UTC')::int * 100
                          + extract(month FROM published AT TIME ZONE 'UTC')::int)::text
    FROM (SELECT 'a:' || x AS t FROM unnest(actors) x
          UNION ALL SELECT 'p:' || x FROM unnest(parties) x
          UNION ALL SELECT 'm:' || x FROM unnest(mediators) x
          UNION ALL SELECT 't:' || x FROM unnest(topics) x) s
  ) END
$$;
"""

INDEX = """
CREATE INDEX IF NOT EXISTS article_tag_months_idx ON articles_article
USING gin (article_tag_months(actors, parties, mediators, topics, published_at));
ANALYZE articles_article;
"""


class Migration(migrations.Migration):
    dependencies = [("articles", "0019_live2_alert_write_cost")]

    operations = [
        migrations.RunSQL(
            FUNCTION + INDEX,
            reverse_sql=(
                "DROP INDEX IF EXISTS article_tag_months_idx;"
                "DROP FUNCTION IF EXISTS article_tag_months(varchar[], varchar[], varchar[],"
                " varchar[], timestamptz);"
            ),
        )
    ]
