"""The rollup tables' write side: their triggers do the work, this module the rest.

Every change of an article's counted columns (date, tags, thread, outlet,
language) moves the rollups in the same transaction, by statement-level
triggers on the article table (migration ``0018_readmodel_rollups``).
What is left for Python: recounting everything after a bulk load that
paused the triggers (a million rows are counted once, not per statement),
and the per-thread figures derived from the rollups.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection

# The rollups' triggers and the facet rows' (``models.FacetRow``): the same writes keep both.
TRIGGERS = (
    "articles_rollup_ins",
    "articles_rollup_upd",
    "articles_rollup_del",
    "articles_facetrow_ins",
    "articles_facetrow_upd",
    "articles_facetrow_del",
)


def rebuild() -> None:
    """Recount every rollup and refill the facet rows from the articles (one statement per
    table, in a transaction)."""
    with connection.cursor() as cur:
        cur.execute("SELECT articles_rollup_rebuild()")
        cur.execute("SELECT articles_facetrow_rebuild()")


@contextmanager
def paused() -> Iterator[None]:
    """Bulk loads only: triggers off for every session, a full recount afterwards.

    ``ALTER TABLE`` locks the article table against every other writer
    and reader until the statement ends, so this is for the benchmark
    loader, never for a running site.
    """
    with connection.cursor() as cur:
        # Deferred foreign-key checks still queued would forbid the ALTER.
        cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for name in TRIGGERS:
            cur.execute(f"ALTER TABLE articles_article DISABLE TRIGGER {name}")
    try:
        yield
    finally:
        with connection.cursor() as cur:
            cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for name in TRIGGERS:
                cur.execute(f"ALTER TABLE articles_article ENABLE TRIGGER {name}")
        rebuild()


def refresh_thread_stats(thread_ids: set[int]) -> None:
    """Article counts, first and last dates and role counts of threads, from the rollups.

    Reads a few rows per thread where a recount read every article of the
    thread, so a busy thread costs the tagging of each chunk nothing more.
    """
    if not thread_ids:
        return
    ids = sorted(thread_ids)
    with connection.cursor() as cur:
        cur.execute(
            """
            UPDATE articles_thread t SET
              article_count = coalesce(
                (SELECT n FROM articles_rollup_all r
                  WHERE r.kind = 'thread' AND r.key = t.id::varchar AND n > 0), 0),
              first_date = (SELECT min(day) FROM articles_rollup_day d
                             WHERE d.kind = 'thread' AND d.key = t.id::varchar AND d.n > 0),
              last_date = (SELECT max(day) FROM articles_rollup_day d
                            WHERE d.kind = 'thread' AND d.key = t.id::varchar AND d.n > 0),
              role_counts = jsonb_build_object(
                'parties', coalesce((SELECT jsonb_object_agg(actor, n)
                   FROM articles_rollup_thread_actor
                  WHERE thread_id = t.id AND role = 'party' AND n > 0), '{}'::jsonb),
                'mediators', coalesce((SELECT jsonb_object_agg(actor, n)
                   FROM articles_rollup_thread_actor
                  WHERE thread_id = t.id AND role = 'mediator' AND n > 0), '{}'::jsonb))
            WHERE t.id = ANY(%s)
            """,
            [ids],
        )
