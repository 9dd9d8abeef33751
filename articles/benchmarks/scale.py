"""Benchmark 'scale': fill PostgreSQL with N tagged articles, fast, to measure pages at volume.

The SaudiNewsNet corpus (31,030 real Arabic articles over three weeks of
2015) is replicated: replica ``k`` is the whole corpus moved back ``k`` × 3
weeks, so a million rows spread over about two years and every date filter
has realistic selectivity. Tags come from already-tagged articles of the
same URL when the database has them, otherwise from a small fixed set of
threads, actors and topics picked by keywords of the text, so an actor or
topic filter selects a plausible share of rows.

Rows go in with PostgreSQL ``COPY`` (psycopg 3 ``cursor.copy``) after the
secondary indexes of the article table are dropped; they are rebuilt in one
pass each afterwards and the table is analysed. ``search_vector`` is a
generated column, so ``COPY`` computes it: that and TOAST compression of
the texts are most of the cost. ``--replica-text lead`` keeps only the
first paragraph of each replica's text (the originals stay whole) when
that cost matters more than realistic row widths.

Benchmark rows carry ``external_id`` ``bench:…`` and are replaced on every
run, so ``N`` is the number of benchmark articles after the run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import time
import zipfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from articles.models import Actor, Article, ArticleBand, Source, Thread, Topic, columns
from articles.nlp.search import search_document
from articles.services import rollups
from articles.services.lexicon import load_lexicon

TAGGER_VERSION = "bench-scale"
EXTERNAL_PREFIX = "bench:"
SHIFT = dt.timedelta(weeks=3)

# Actor references by a plain substring of the text. Deliberately small:
# the point is filter selectivity, not tagging quality.
ACTOR_WORDS: dict[str, str] = {
    "السعودية": "SAU",
    "الرياض": "SAU",
    "أمريكا": "USA",
    "الأمريكي": "USA",
    "واشنطن": "USA",
    "إيران": "IRN",
    "الإيراني": "IRN",
    "طهران": "IRN",
    "اليمن": "YEM",
    "الحوثي": "houthis",
    "مصر": "EGY",
    "القاهرة": "EGY",
    "قطر": "QAT",
    "الدوحة": "QAT",
    "سوريا": "SYR",
    "الأسد": "SYR",
    "المعارضة السورية": "syrian_opposition",
    "روسيا": "RUS",
    "موسكو": "RUS",
    "تركيا": "TUR",
    "الإمارات": "ARE",
    "العراق": "IRQ",
    "ليبيا": "LBY",
    "الأمم المتحدة": "un",
    "مجلس الأمن": "un",
    "إسرائيل": "ISR",
    "حماس": "hamas",
    "سلطنة عمان": "OMN",
    "مسقط": "OMN",
    "الكويت": "KWT",
    "الأردن": "JOR",
    "لبنان": "LBN",
    "حزب الله": "hezbollah",
    "فرنسا": "FRA",
    "بريطانيا": "GBR",
    "ألمانيا": "DEU",
    "الاتحاد الأوروبي": "eu",
    "داعش": "isis",
    "التحالف العربي": "arab_coalition",
    "الدول الست": "p5plus1",
    "الوكالة الدولية للطاقة الذرية": "iaea",
}
TALK_WORDS = ("مفاوضات", "محادثات", "مباحثات", "وساطة", "هدنة", "اتفاق", "مشاورات")


@dataclass(frozen=True)
class ThreadSpec:
    key: str
    name_ar: str
    name_en: str
    parties: tuple[str, ...]
    mediators: tuple[str, ...]
    topics: tuple[str, ...]
    words: tuple[str, ...]


THREADS = (
    ThreadSpec(
        "iran-nuclear-p5plus1",
        "المفاوضات النووية مع إيران",
        "Iran nuclear talks",
        ("IRN", "USA", "p5plus1"),
        ("OMN", "eu"),
        ("nuclear", "sanctions", "un_resolution"),
        ("النووي", "طهران", "إيران"),
    ),
    ThreadSpec(
        "yemen-peace-talks",
        "محادثات السلام اليمنية",
        "Yemen peace talks",
        ("YEM", "houthis", "SAU", "arab_coalition"),
        ("un", "OMN", "KWT"),
        ("ceasefire", "humanitarian_aid", "withdrawal"),
        ("اليمن", "الحوثي", "صنعاء"),
    ),
    ThreadSpec(
        "syria-political-settlement",
        "مسار التسوية السورية",
        "Syria settlement track",
        ("SYR", "syrian_opposition"),
        ("un", "RUS"),
        ("ceasefire", "governance", "humanitarian_aid"),
        ("سوريا", "الأسد", "دمشق"),
    ),
    ThreadSpec(
        "libya-political-dialogue",
        "الحوار الليبي",
        "Libyan political dialogue",
        ("LBY",),
        ("un",),
        ("governance", "security_arrangements"),
        ("ليبيا", "طرابلس", "الصخيرات"),
    ),
    ThreadSpec(
        "gaza-2014-ceasefire",
        "التهدئة في غزة",
        "Gaza truce",
        ("ISR", "hamas"),
        ("EGY", "QAT"),
        ("ceasefire", "prisoners", "reconstruction"),
        ("غزة", "حماس", "إسرائيل"),
    ),
)


@dataclass
class Tags:
    is_negotiation: bool = False
    actors: list[str] = field(default_factory=list)
    parties: list[str] = field(default_factory=list)
    mediators: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    thread_id: int | None = None
    mentions: list[dict[str, Any]] = field(default_factory=list)
    cited_sources: list[str] = field(default_factory=list)


@dataclass
class Original:
    """One corpus article, prepared once and written once per replica."""

    n: int
    source_id: int
    url: str
    title: str
    text: str
    lead: str
    search_text: str
    lead_search_text: str
    byline: str
    published_at: dt.datetime
    tags: Tags


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("n", type=int, help="number of benchmark articles to load")
    parser.add_argument(
        "--corpus",
        default=str(Path(settings.BASE_DIR).parent / "shared" / "corpus" / "saudinewsnet"),
        help="folder of SaudiNewsNet daily ZIPs (default ../shared/corpus/saudinewsnet)",
    )
    parser.add_argument(
        "--replica-text",
        choices=["full", "lead"],
        default="full",
        help="replicas carry the whole text (default) or only its first paragraph",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="parallel COPY connections (PostgreSQL computes search vectors on each)",
    )


def run(options: dict[str, Any]) -> dict[str, Any]:
    n = options["n"]
    # A fresh database (a clone's first command) has no tables, actors or
    # threads yet; both steps change nothing on a prepared one.
    call_command("migrate", verbosity=0)
    load_lexicon()
    started = time.perf_counter()
    originals = _prepare(Path(options["corpus"]))
    prepared = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '1GB'")
        cursor.execute("SET max_parallel_maintenance_workers = 2")
    indexes = _secondary_indexes()
    # The rollup triggers are paused for the load and the rollups recounted
    # once afterwards: a million rows counted in one pass, not per COPY.
    with rollups.paused():
        try:
            # Autocommit between steps: the parallel COPY connections must see
            # the table without the indexes and without the previous rows.
            deleted = _delete_previous()  # before the drop: FK checks need the page_id index
            _drop(indexes)
            loaded_at = time.perf_counter()
            _parallel_copy(originals, n, options["replica_text"], options["jobs"])
            copied = time.perf_counter()
        finally:
            # Whatever happened, leave the table with every index it had.
            _create(indexes)
        indexed = time.perf_counter()
    counted = time.perf_counter()
    _analyze_and_count_threads()
    finished = time.perf_counter()
    copy_seconds = copied - loaded_at
    return {
        "benchmark": "scale",
        "rows": n,
        "corpus_articles": len(originals),
        "replicas": -(-n // len(originals)),
        "replica_text": options["replica_text"],
        "jobs": options["jobs"],
        "deleted_previous": deleted,
        "prepare_seconds": round(prepared - started, 1),
        "copy_seconds": round(copy_seconds, 1),
        "copy_rows_per_second": round(n / copy_seconds) if copy_seconds else None,
        "index_seconds": round(indexed - copied, 1),
        "rollup_seconds": round(counted - indexed, 1),
        "analyze_seconds": round(finished - counted, 1),
        "seconds": round(finished - started, 1),
        "rows_per_second": round(n / (finished - started)),
        "table_size": _table_size(),
        "articles_total": Article.objects.count(),
    }


def _prepare(corpus: Path) -> list[Original]:
    """Read the corpus once: sources, texts, search terms and tags per unique URL."""
    records: dict[str, dict[str, Any]] = {}
    for archive in sorted(corpus.glob("*.zip")):
        with zipfile.ZipFile(archive) as zf:
            for name in zf.namelist():
                for record in json.loads(zf.read(name)):
                    if record.get("content") and record.get("url"):
                        records.setdefault(record["url"], record)
    if not records:
        raise SystemExit(f"no articles found in {corpus}")
    sources = {
        name: Source.objects.get_or_create(name=name)[0].pk
        for name in {r["source"] or "unknown" for r in records.values()}
    }
    threads = _ensure_threads()
    known = _known_tags(list(records))
    originals = []
    for n, (url, record) in enumerate(records.items()):
        text = record["content"].strip()
        lead = text.split("\n", 1)[0][:600]
        stamp = dt.datetime.fromisoformat(record["date_extracted"]).replace(tzinfo=dt.UTC)
        originals.append(
            Original(
                n=n,
                source_id=sources[record["source"] or "unknown"],
                url=url,
                title=(record.get("title") or "").strip(),
                text=text,
                lead=lead,
                search_text=search_document(record.get("title") or "", text),
                lead_search_text=search_document(record.get("title") or "", lead),
                byline=(record.get("author") or "")[:300],
                published_at=stamp,
                tags=known.get(url) or _synthesise(text, threads),
            )
        )
    return originals


def _ensure_threads() -> dict[str, tuple[int, ThreadSpec]]:
    """The benchmark's threads, created with their parties, mediators and topics when absent."""
    actors = set(Actor.objects.values_list("pk", flat=True))
    topics = set(Topic.objects.values_list("pk", flat=True))
    out = {}
    for spec in THREADS:
        thread, created = Thread.objects.get_or_create(
            key=spec.key, defaults={"name_ar": spec.name_ar, "name_en": spec.name_en}
        )
        if created:
            thread.core_parties.set([a for a in spec.parties if a in actors])
            thread.mediators.set([a for a in spec.mediators if a in actors])
            thread.topics.set([t for t in spec.topics if t in topics])
        out[spec.key] = (thread.pk, spec)
    return out


def _known_tags(urls: list[str]) -> dict[str, Tags]:
    """Tags of corpus articles the tagger already processed, by URL."""
    rows = (
        Article.objects.filter(tagged_at__isnull=False, url__in=urls)
        .exclude(external_id__startswith=EXTERNAL_PREFIX)
        .values_list(
            "url",
            "is_negotiation",
            "actors",
            "parties",
            "mediators",
            "topics",
            "thread_id",
            "mentions",
            "cited_sources",
        )
    )
    return {row[0]: Tags(bool(row[1]), *row[2:]) for row in rows.iterator(chunk_size=5000)}


def _synthesise(text: str, threads: dict[str, tuple[int, ThreadSpec]]) -> Tags:
    """Plausible tags from keywords: actors everywhere, a thread where talks are mentioned."""
    mentions = []
    for word, actor in ACTOR_WORDS.items():
        start = text.find(word)
        hits = 0
        while start >= 0 and hits < 5:
            mentions.append({"actor": actor, "start": start, "end": start + len(word)})
            hits += 1
            start = text.find(word, start + len(word))
    mentions.sort(key=lambda m: m["start"])
    actors = sorted({m["actor"] for m in mentions})
    tags = Tags(actors=actors, mentions=mentions)
    if not any(w in text for w in TALK_WORDS):
        return tags
    best = max(threads.values(), key=lambda t: sum(text.count(w) for w in t[1].words))
    thread_id, spec = best
    if not any(w in text for w in spec.words):
        return tags
    digest = int(hashlib.sha1(text.encode()).hexdigest()[:8], 16)
    tags.is_negotiation = True
    tags.thread_id = thread_id
    tags.parties = sorted(set(spec.parties) & set(actors)) or sorted(spec.parties[:2])
    tags.mediators = sorted(set(spec.mediators) & set(actors))
    tags.topics = sorted(spec.topics[: 1 + digest % len(spec.topics)])
    tags.actors = sorted(set(actors) | set(tags.parties) | set(tags.mediators))
    return tags


COLUMNS = (
    *columns.STORED,
    "search_text",
    "status",
    "error",
    "created_at",
    "processed_at",
    *columns.TAGS,
)


def _rows(
    originals: list[Original], n: int, replica_text: str, job: int = 0, jobs: int = 1
) -> Iterator[tuple[Any, ...]]:
    """Rows ``job``, ``job + jobs``, … of the ``n`` to load, in ``COLUMNS`` order."""
    now = timezone.now()
    size = len(originals)
    for i in range(job, n, jobs):
        k, j = divmod(i, size)
        o = originals[j]
        whole = k == 0 or replica_text == "full"
        text = o.text if whole else o.lead
        tags = o.tags
        mentions = tags.mentions if whole else [m for m in tags.mentions if m["end"] <= len(text)]
        yield (
            # columns.STORED
            o.title,
            text if k == 0 else "",  # raw text as received: only the originals have one
            text,
            "ar",
            o.url if k == 0 else f"{o.url}#r{k}",
            f"{EXTERNAL_PREFIX}{k}:{j}",
            o.published_at - k * SHIFT,
            hashlib.sha1(f"{EXTERNAL_PREFIX}{k}:{j}".encode()).hexdigest(),
            o.source_id,
            "",
            o.byline,
            0,
            # search_text, status, error, created_at, processed_at
            o.search_text if whole else o.lead_search_text,
            Article.Status.PROCESSED,
            "",
            now,
            now,
            # columns.TAGS
            tags.is_negotiation,
            tags.actors,
            tags.parties,
            tags.mediators,
            tags.topics,
            tags.thread_id,
            "{}",
            json.dumps(mentions, ensure_ascii=False),
            "[]",
            tags.cited_sources,
            "",
            TAGGER_VERSION,
            now,
        )


def _parallel_copy(originals: list[Original], n: int, replica_text: str, jobs: int) -> None:
    """COPY on ``jobs`` connections at once, each its own share of the rows.

    One COPY keeps one server process busy computing search vectors and
    compressing texts; with one connection per core the load scales until
    the disk is the limit. psycopg releases the GIL while it sends, so
    threads are enough on the client side.
    """
    params = connection.get_connection_params()
    sql = f"COPY {Article._meta.db_table} ({', '.join(COLUMNS)}) FROM STDIN"

    def load(job: int) -> None:
        with psycopg.connect(**params) as conn:
            conn.execute("SET synchronous_commit = off")
            with conn.cursor() as cursor, cursor.copy(sql) as copy:
                for row in _rows(originals, n, replica_text, job, jobs):
                    copy.write_row(row)

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for future in [pool.submit(load, job) for job in range(jobs)]:
            future.result()


def _secondary_indexes() -> list[tuple[str, str]]:
    """(name, CREATE statement) of the article table's indexes that back no constraint."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT i.indexname, i.indexdef
              FROM pg_indexes i
             WHERE i.tablename = %s
               AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
            """,
            [Article._meta.db_table],
        )
        return list(cursor.fetchall())


def _drop(indexes: list[tuple[str, str]]) -> None:
    with connection.cursor() as cursor:
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX IF EXISTS "{name}"')


def _create(indexes: list[tuple[str, str]]) -> None:
    with connection.cursor() as cursor:
        for _, definition in indexes:
            cursor.execute(definition.replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS", 1))


def _delete_previous() -> int:
    # Band rows have no foreign key the database enforces (``ArticleBand``):
    # a deletion in SQL takes them with their articles itself.
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {ArticleBand._meta.db_table} b USING {Article._meta.db_table} a "
            "WHERE b.article_id = a.id AND a.external_id LIKE %s",
            [EXTERNAL_PREFIX + "%"],
        )
        cursor.execute(
            f"DELETE FROM {Article._meta.db_table} WHERE external_id LIKE %s",
            [EXTERNAL_PREFIX + "%"],
        )
        return cursor.rowcount


def _analyze_and_count_threads() -> None:
    """Planner statistics for the new rows, and threads' counts and dates to match them."""
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM ANALYZE {Article._meta.db_table}")
        for table in ("all", "month", "day", "thread_actor"):
            cursor.execute(f"VACUUM ANALYZE articles_rollup_{table}")
    rollups.refresh_thread_stats(set(Thread.objects.values_list("pk", flat=True)))


def _table_size() -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_size_pretty(pg_total_relation_size(%s))", [Article._meta.db_table]
        )
        return cursor.fetchone()[0]
