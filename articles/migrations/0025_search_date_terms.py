"""The publication's day and month as search terms, so a span of days is read from the word index.

A search walks the archive newest first, a span of days at a time. Each
span intersected the word's whole GIN entry with the date index: for a
word in one article in twenty, decoding that entry was 16 ms of a 17 ms
probe at a million articles. With the span's days (whole months as one
term) ORed beside the words in the same index, GIN drives the scan by the
span's few thousand entries and skips through the word's (0.3 ms).

``article_search_dates`` gives ``~dYYYYMMDD`` and ``~mYYYYMM`` of the UTC
date, or ``~u`` for an undated article: ``~`` is no letter a search term
can hold. A generated column cannot be altered, so it is dropped and
added again (the table is rewritten once) with its index; migration 0026
then vacuums and analyses the rewritten table.
"""

import django.contrib.postgres.fields
import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations, models

FUNCTION = """
CREATE OR REPLACE FUNCTION article_search_dates(published timestamptz)
RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN published IS NULL THEN array_to_tsvector(ARRAY['~u']) ELSE array_to_tsvector(ARRAY[
    '~d' || (extract(year FROM published AT TIME ZONE 'UTC')::int * 10000
             + extract(month FROM published AT TIME ZONE 'UTC')::int * 100
             + extract(day FROM published AT TIME ZONE 'UTC')::int)::text,
    '~m' || (extract(year FROM published AT TIME ZONE 'UTC')::int * 100
             + extract(month FROM published AT TIME ZONE 'UTC')::int)::text]) END
$$;
"""

INDEX = django.contrib.postgres.indexes.GinIndex(
    fields=["search_vector"],
    name="article_search_idx",
    fastupdate=True,
    gin_pending_list_limit=32768,
)


def field():
    return models.GeneratedField(
        db_persist=True,
        expression=models.Func(
            models.Func(
                django.contrib.postgres.search.SearchVector(
                    models.Func(
                        models.F("search_text"),
                        models.Value("\n"),
                        models.Value(1),
                        function="split_part",
                        output_field=models.TextField(),
                    ),
                    config="simple",
                ),
                models.Value("A"),
                function="setweight",
            ),
            models.Func(
                models.Func(
                    models.Func(
                        models.F("search_text"),
                        models.Value("\n"),
                        models.Value(2),
                        function="split_part",
                        output_field=models.TextField(),
                    ),
                    models.Value(" "),
                    function="string_to_array",
                    output_field=django.contrib.postgres.fields.ArrayField(
                        base_field=models.TextField(), size=None
                    ),
                ),
                function="array_to_tsvector",
                output_field=django.contrib.postgres.search.SearchVectorField(),
            ),
            models.Func(
                models.F("published_at"),
                function="article_search_dates",
                output_field=django.contrib.postgres.search.SearchVectorField(),
            ),
            arg_joiner=" || ",
            function="",
            output_field=django.contrib.postgres.search.SearchVectorField(),
        ),
        output_field=django.contrib.postgres.search.SearchVectorField(),
    )


class Migration(migrations.Migration):
    dependencies = [("articles", "0024_readmodel_facet_rows")]

    operations = [
        migrations.RunSQL(FUNCTION, "DROP FUNCTION IF EXISTS article_search_dates(timestamptz);"),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(model_name="article", name="search_vector", field=field())
            ],
            database_operations=[
                migrations.RemoveIndex(model_name="article", name="article_search_idx"),
                migrations.RemoveField(model_name="article", name="search_vector"),
                migrations.AddField(model_name="article", name="search_vector", field=field()),
                migrations.AddIndex(model_name="article", index=INDEX),
            ],
        ),
    ]
