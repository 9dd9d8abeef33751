"""The actor page: names and aliases, threads by role, coverage over time, company kept.

An actor such as ``USA`` can appear in half of all articles, so whole-table
aggregates are bounded: coverage is the actor's monthly rollup rows over
the last ``COVERAGE_MONTHS``, and co-occurring actors and article-level
roles are counted over the newest ``SAMPLE`` articles naming the actor,
cached until the next write of tags.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection
from django.db.models.expressions import RawSQL
from django.utils import timezone

from articles.cache import ARTICLES, cached, version
from articles.models import Actor, ActorAlias, Article, Person, Thread

from . import facet_rows, labels, rollups, tag_months
from .cards import card_rows_by_id, to_cards
from .threads import latest_date

COVERAGE_MONTHS = 24
SAMPLE = 5000
TOP_PEERS = 15

# The sample's rows hold every value an article is counted under (``FacetRow``).
# Grouped first and filtered after: a filter before the grouping makes
# PostgreSQL expect few keys and sort them rather than hash them.
PEERS_SQL = """
WITH sub AS MATERIALIZED ({inner})
SELECT 'peer', substr(k, 3), n FROM (
  SELECT k, count(*) AS n FROM (SELECT unnest(keys) AS k FROM sub) u GROUP BY k
) g WHERE left(k, 2) = 'a:' AND k <> %s
UNION ALL SELECT 'party', NULL, count(*) FROM sub WHERE %s = ANY(sub.keys)
UNION ALL SELECT 'mediator', NULL, count(*) FROM sub WHERE %s = ANY(sub.keys)
UNION ALL SELECT 'total', NULL, count(*) FROM sub
"""
# The same keys from the article table (migration ``0024_readmodel_facet_rows``),
# for an archive of more months than the rows read.
_KEYS = "article_facet_keys(actors, parties, mediators, topics, thread_id, source_id, lang)"


def _select(model: type[Any], where: str, tail: str = "") -> str:
    """A statement reading every column of ``model``'s rows, written once: the page's
    small lookups cost more to compile as querysets than to run."""
    columns = ", ".join(f'"{f.column}"' for f in model._meta.concrete_fields)
    return f'SELECT {columns} FROM "{model._meta.db_table}" WHERE {where} {tail}'.rstrip()


_ACTOR_SQL = _select(Actor, f'"{Actor._meta.pk.column}" = %s')
_ALIASES_SQL = _select(ActorAlias, '"actor_id" = %s')
_PERSONS_SQL = _select(Person, '"affiliation_id" = %s', 'ORDER BY "name_ar", "id" LIMIT %s')


def get_actor(actor_id: str) -> Actor | None:
    """The actor's row; its aliases and persons are read by ``aliases`` and ``persons``."""
    return next(iter(Actor.objects.raw(_ACTOR_SQL, [actor_id])), None)


def actor_name(actor_id: str) -> str | None:
    """The actor's name in the reader's language, or None for an id the lexicon lacks.

    Read from the names every page keeps (``labels.actor_names``), so a page
    whose body is already rendered reads no actor row; an actor added since
    those names were read is looked up.
    """
    names = labels.actor_names()
    if actor_id in names:
        return names[actor_id]
    actor = get_actor(actor_id)
    if actor is None:
        return None
    return labels.names_of(actor.pk, actor.name_ar, actor.name_en)[0 if labels.arabic() else 1]


def actor_body_state(actor_id: str) -> str:
    """What an actor page's body depends on: the actor and the articles' version
    (a new article, a re-tag or a correction shows on the next request)."""
    return f"{actor_id}|{version(ARTICLES)}"


def aliases(actor_id: str) -> list[ActorAlias]:
    """The actor's aliases by kind, then text.

    Plain queries rather than ``prefetch_related``: the page needs no
    more, and the prefetch machinery costs it more than the queries.
    """
    return sorted(ActorAlias.objects.raw(_ALIASES_SQL, [actor_id]), key=lambda a: (a.kind, a.text))


def persons(actor_id: str, limit: int = 30) -> list[Person]:
    """The first ``limit`` persons affiliated with the actor, by Arabic name."""
    return list(Person.objects.raw(_PERSONS_SQL, [actor_id, limit]))


_THREAD = Thread._meta.db_table
_PARTIES = Thread.core_parties.through._meta.db_table
_MEDIATORS = Thread.mediators.through._meta.db_table
_THREADS_SQL = f"""
SELECT t.*, r.party, r.mediator FROM {_THREAD} t JOIN (
  SELECT thread_id, bool_or(party) AS party, bool_or(NOT party) AS mediator FROM (
    SELECT thread_id, true AS party FROM {_PARTIES} WHERE actor_id = %s
    UNION ALL SELECT thread_id, false FROM {_MEDIATORS} WHERE actor_id = %s
  ) x GROUP BY thread_id
) r ON r.thread_id = t.id
WHERE t.merged_into_id IS NULL
"""


def actor_threads(actor: Actor) -> list[dict[str, Any]]:
    """Threads the actor takes part in, with its role there (party, mediator or both).

    One statement over both roles' link tables: two related-manager
    queries cost the page more to build than the database spends on them.
    """
    entries = [
        {
            "thread": thread,
            "name": labels.thread_name(thread),
            "roles": [
                role for role, on in (("party", thread.party), ("mediator", thread.mediator)) if on
            ],
        }
        for thread in Thread.objects.raw(_THREADS_SQL, [actor.pk, actor.pk])
    ]
    return sorted(
        entries,
        key=lambda e: (e["thread"].last_date or dt.date.min, e["thread"].pk),
        reverse=True,
    )


def coverage(actor_id: str, *, months: int = COVERAGE_MONTHS) -> list[dict[str, Any]]:
    """Articles naming the actor per month, over the months up to the newest article (rollups)."""
    end = latest_date() or timezone.localdate()
    start = (end.replace(day=1) - dt.timedelta(days=31 * (months - 1))).replace(day=1)

    counts = rollups.monthly("actor", actor_id, start, end)
    out, month = [], start
    while month <= end:
        out.append({"start": month, "count": counts.get(month, 0)})
        month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return out


def _sample_sql(actor_id: str) -> tuple[str, list[Any]]:
    """The newest ``SAMPLE`` articles naming the actor (undated first, as lists order them),
    as rows of ``keys`` (``FacetRow``: ``a:``/``p:``/``m:`` and the actor).

    The rollups give the first day of the span holding them, and the facet
    rows read that span's months of the actor only
    (``facet_rows.sample_sql``), or every month of the archive for an
    actor named fewer times.
    """
    span = rollups.data_span()
    if span is None:
        return "SELECT NULL::bigint AS article_id, NULL::text[] AS keys WHERE FALSE", []
    start = rollups.newest_days("actor", actor_id, span[1], SAMPLE)
    end = span[1] + dt.timedelta(days=31)  # a month more covers an article of a new month
    chosen = tag_months.month_keys(
        {"actor": [actor_id]}, start or span[0], end, most=facet_rows.MOST_MONTHS
    )
    if chosen is None:  # an archive of more months than the rows read
        plain = (
            Article.objects.filter(actors__contains=[actor_id])
            .order_by("-published_at", "-id")
            .annotate(keys=RawSQL(_KEYS, ()))
            .values("keys")[:SAMPLE]
        )
        sql, params = plain.query.sql_with_params()
        return sql, list(params)
    return facet_rows.sample_sql(chosen, start, None, SAMPLE, undated=True)


def company(actor_id: str) -> dict[str, Any]:
    """Actors most often named alongside this one, and how often it is a party or mediator."""

    def compute() -> dict[str, Any]:
        sql, params = _sample_sql(actor_id)
        out: dict[str, Any] = {"peers": [], "party": 0, "mediator": 0, "total": 0}
        with connection.cursor() as cur:
            cur.execute(
                PEERS_SQL.format(inner=sql),
                [*params, f"a:{actor_id}", f"p:{actor_id}", f"m:{actor_id}"],
            )
            for kind, value, n in cur.fetchall():
                if kind == "peer":
                    out["peers"].append((value, n))
                else:
                    out[kind] = n
        out["peers"].sort(key=lambda r: (-r[1], r[0]))
        out["peers"] = out["peers"][:TOP_PEERS]
        return out

    data = cached("actor-company", actor_id, compute, scope=ARTICLES)
    names = labels.actor_names()
    return {
        **data,
        "peers": [
            {"id": p, "name": names.get(p, p), "url": labels.link("actor", p), "count": n}
            for p, n in data["peers"]
        ],
        "sampled": data["total"] >= SAMPLE,
    }


def actor_page(actor_id: str) -> dict[str, Any] | None:
    """Everything the actor page shows, or None for an unknown id."""
    actor = get_actor(actor_id)
    if actor is None:
        return None
    arabic = labels.arabic()
    # Ids first: the date index carries the actors, so the walk to the newest
    # ten is index-only (a rare actor: 7,000 entries, 7.4 ms through the
    # table's rows, 1.6 through the index's), and ten rows are read by id.
    newest = (
        Article.objects.filter(actors__contains=[actor.pk])
        .order_by("-published_at", "-id")
        .values_list("id", flat=True)[:10]
    )
    recent = card_rows_by_id(list(newest))
    return {
        "actor": actor,
        "other_name": actor.name_en if arabic else actor.name_ar,
        "aliases": aliases(actor.pk),
        "persons": persons(actor.pk),
        "threads": actor_threads(actor),
        "coverage": coverage(actor.pk),
        "company": company(actor.pk),
        "recent": to_cards(recent),
    }
