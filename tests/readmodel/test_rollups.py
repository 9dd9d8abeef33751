"""The rollups and the facet rows equal a full recount after every kind of write the product makes.

A generated archive (many actors, talk words, outlets, dates, undated and
English articles) goes through ingest and tagging; then re-tags,
corrections of every kind, a merge, a split, date edits and deletes. After
each step every rollup row is compared with a count made here, in Python,
from the article rows themselves.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.cache import forget_local
from articles.ingest import Record
from articles.models import Article, Correction, Thread
from articles.models.rollups import RollupDay, RollupMonth
from articles.selectors import rollups as read_rollups
from articles.services import rollups, threads
from articles.services.corrections import record_correction
from articles.services.tagging import tag_articles

pytestmark = pytest.mark.django_db

NAMES = [
    "قطر", "مصر", "إسرائيل", "حركة حماس", "الولايات المتحدة", "إيران", "سلطنة عمان",
    "الأمم المتحدة", "الحوثيين", "السعودية", "روسيا", "أوكرانيا", "تركيا", "السودان",
]  # fmt: skip
FRAMES = [
    "استضافت الدوحة جولة جديدة من المفاوضات بين {a} و{b} بوساطة {c}، لبحث وقف إطلاق النار.",
    "قال مسؤول إن {a} قدمت مقترحا جديدا إلى {b} في المحادثات التي ترعاها {c} بشأن الأسرى.",
    "زار وزير خارجية {a} عاصمة {b} لبحث العلاقات الثنائية والتعاون الاقتصادي.",
    "أعلنت {a} أن الاتفاق مع {b} بشأن البرنامج النووي بات قريبا بعد وساطة {c}.",
    "هدنة إنسانية في غزة بين {a} و{b} بجهود {c} لإدخال المساعدات وتبادل الرهائن.",
]
ENGLISH = "Talks between {a} and {b} resumed in Geneva, mediated by {c}, on a ceasefire."
ENGLISH_NAMES = ["Qatar", "Egypt", "Israel", "Hamas", "Iran", "Oman", "the United Nations"]


def generated_archive(n: int, seed: int = 12) -> list[Record]:
    rng = random.Random(seed)
    start = dt.datetime(2024, 11, 20, 8, tzinfo=dt.UTC)
    out = []
    for i in range(n):
        english = rng.random() < 0.1
        names = rng.sample(ENGLISH_NAMES if english else NAMES, 3)
        frame = ENGLISH if english else rng.choice(FRAMES)
        text = " ".join(
            frame.format(a=names[0], b=names[1], c=names[2]) for _ in range(rng.randint(1, 3))
        )
        when = None if rng.random() < 0.05 else start + dt.timedelta(hours=rng.randint(0, 24 * 90))
        out.append(
            Record(
                title=f"{names[0]} {i}",
                text=f"{text} ({i})",
                published_at=when,
                source=rng.choice(["الجزيرة", "العربية", "الشرق الأوسط", ""]),
                lang="en" if english else "",
            )
        )
    return out


def recount() -> dict[str, Counter]:
    """Every rollup as Python counts it from the article rows."""
    out = {"all": Counter(), "month": Counter(), "day": Counter(), "thread_actor": Counter()}
    rows = Article.objects.values_list(
        "published_at", "actors", "parties", "mediators", "topics", "thread_id", "source_id", "lang"
    )
    for at, actors, parties, mediators, topics, thread, source, lang in rows:
        facts = [("total", "")]
        facts += [("actor", x) for x in actors] + [("party", x) for x in parties]
        facts += [("mediator", x) for x in mediators] + [("topic", x) for x in topics]
        facts += [("thread", str(thread))] if thread else []
        facts += [("source", str(source))] if source else []
        facts += [("lang", lang)] if lang else []
        day = at.astimezone(dt.UTC).date() if at else None
        for kind, key in facts:
            out["all"][kind, key] += 1
            if day:
                out["month"][kind, key, day.replace(day=1)] += 1
                out["day"][kind, key, day] += 1
        if thread:
            for role, values in (("actor", actors), ("party", parties), ("mediator", mediators)):
                for x in values:
                    out["thread_actor"][thread, role, x] += 1
    return out


def stored() -> dict[str, Counter]:
    """Every rollup row with a count, as stored."""
    queries = {
        "all": "SELECT kind, key, n FROM articles_rollup_all",
        "month": "SELECT kind, key, month, n FROM articles_rollup_month",
        "day": "SELECT kind, key, day, n FROM articles_rollup_day",
        "thread_actor": "SELECT thread_id, role, actor, n FROM articles_rollup_thread_actor",
    }
    out = {}
    with connection.cursor() as cur:
        for name, sql in queries.items():
            cur.execute(sql)
            out[name] = Counter({row[:-1]: row[-1] for row in cur.fetchall() if row[-1]})
    return out


def facet_rows_recounted() -> dict[int, tuple]:
    """Every article's facet row as Python writes it from the article's columns."""
    out = {}
    rows = Article.objects.values_list(
        "id", "published_at", "actors", "parties", "mediators", "topics", "thread_id",
        "source_id", "lang",
    )  # fmt: skip
    for pk, at, actors, parties, mediators, topics, thread, source, lang in rows:
        tags = [f"a:{x}" for x in actors] + [f"p:{x}" for x in parties]
        tags += [f"m:{x}" for x in mediators] + [f"t:{x}" for x in topics]
        month = f"{at.astimezone(dt.UTC):%Y%m}" if at else ""
        keys = tags + ([f"h:{thread}"] if thread else []) + ([f"s:{source}"] if source else [])
        keys += [f"l:{lang}"] if lang else []
        out[pk] = (at, sorted(f"{t}:{month}" for t in tags), sorted(keys))
    return out


def facet_rows_stored() -> dict[int, tuple]:
    with connection.cursor() as cur:
        cur.execute("SELECT article_id, published_at, months, keys FROM articles_facetrow")
        return {pk: (at, sorted(months), sorted(keys)) for pk, at, months, keys in cur.fetchall()}


def assert_exact(step: str, *, threads_too: bool = True) -> None:
    expected, found = recount(), stored()
    for table in expected:
        assert found[table] == expected[table], f"{table} differs from a recount after {step}"
    assert facet_rows_stored() == facet_rows_recounted(), f"facet rows differ after {step}"
    # A timeline's note of its undated articles comes from the rollups alone.
    for t in Thread.objects.all():
        undated = Article.objects.filter(thread=t, published_at__isnull=True).count()
        assert read_rollups.undated("thread", str(t.pk)) == undated, step
    if not threads_too:
        return
    # The services refresh threads' counters, dates and roles from the rollups.
    for t in Thread.objects.filter(merged_into__isnull=True, article_count__gt=0):
        mine = Article.objects.filter(thread=t)
        assert t.article_count == mine.count(), step
        parties = Counter(x for p in mine.values_list("parties", flat=True) for x in p)
        assert t.role_counts.get("parties", {}) == dict(parties), step


@pytest.fixture
def archive(processed_archive):
    return processed_archive(seed=12)


def test_rollups_equal_a_recount_through_every_write(archive):
    assert Article.objects.filter(thread__isnull=False).count() >= 10, "archive too plain"
    assert Article.objects.filter(published_at__isnull=True).exists()
    assert Article.objects.filter(thread__isnull=False, published_at__isnull=True).exists()
    assert Article.objects.filter(lang="en").exists()
    assert_exact("ingest and tagging")

    tag_articles([a.pk for a in archive], force=True)
    assert_exact("a forced re-tag")

    rng = random.Random(3)
    picked = rng.sample(archive, 12)
    other = Thread.objects.exclude(articles=None).order_by("-article_count").first()
    A = Correction.Action
    record_correction(picked[0], action=A.ADD_ACTOR, actor_id="USA", role="mediator")
    record_correction(picked[1], action=A.REMOVE_ACTOR, actor_id="QAT", role="mentioned")
    record_correction(picked[2], action=A.ADD_TOPIC, topic_id="ceasefire")
    record_correction(picked[3], action=A.REMOVE_TOPIC, topic_id="ceasefire")
    record_correction(picked[4], action=A.SET_THREAD, thread_id=other.pk)
    record_correction(picked[5], action=A.SET_NEGOTIATION, value=False)
    record_correction(picked[6], action=A.ADD_ACTOR, actor_id="EGY", role="party")
    assert_exact("corrections")

    tag_articles([a.pk for a in archive], force=True)
    assert_exact("a re-tag over corrections")

    busy = list(Thread.objects.filter(article_count__gt=0).order_by("-article_count")[:3])
    assert len(busy) >= 2
    target = threads.merge(busy)
    assert_exact("a merge")
    assert Thread.objects.get(pk=target.pk).article_count == target.articles.count()

    moved = list(target.articles.values_list("id", flat=True)[:4])
    threads.split(moved)
    assert_exact("a split")

    Article.objects.filter(pk__in=[a.pk for a in picked[7:9]]).update(
        published_at=dt.datetime(2025, 3, 1, 23, 30, tzinfo=dt.UTC)
    )
    Article.objects.filter(pk=picked[9].pk).update(published_at=None)
    assert_exact("date edits", threads_too=False)

    Article.objects.filter(pk__in=[a.pk for a in picked[10:]]).delete()
    Thread.objects.filter(pk=other.pk).delete()  # its articles lose their thread
    assert_exact("deletes", threads_too=False)

    rollups.rebuild()
    assert_exact("a rebuild", threads_too=False)


def test_a_write_that_changes_no_counted_column_moves_no_rollup(archive):
    with connection.cursor() as cur:
        cur.execute("SELECT sum(xmin::text::bigint) FROM articles_rollup_day")
        before = cur.fetchone()[0]
        Article.objects.update(error="", key_sentence="")
        cur.execute("SELECT sum(xmin::text::bigint) FROM articles_rollup_day")
        assert cur.fetchone()[0] == before


def test_paused_triggers_recount_afterwards(archive):
    with rollups.paused():
        Article.objects.filter(pk=archive[0].pk).update(actors=["USA", "ZZZ"])
        assert stored() != recount()
        assert facet_rows_stored() != facet_rows_recounted()
    assert_exact("a paused bulk write", threads_too=False)


def test_newest_days_of_several_values_read_each_value_newest_first(db) -> None:
    """The first day back from ``last`` by which each value has ``articles`` articles;
    days after ``last`` and empty days count for nothing; a value that never gets
    there, or has no rows, has none."""
    day = dt.date(2024, 3, 1)
    rows = [
        ("actor", "QAT", day, 3),
        ("actor", "QAT", day - dt.timedelta(days=1), 0),
        ("actor", "QAT", day - dt.timedelta(days=2), 2),
        ("actor", "QAT", day - dt.timedelta(days=5), 4),
        ("actor", "QAT", day + dt.timedelta(days=1), 50),  # after ``last``
        ("topic", "aid", day - dt.timedelta(days=3), 1),
        ("actor", "EGY", day - dt.timedelta(days=4), 9),
    ]
    RollupDay.objects.bulk_create(RollupDay(kind=k, key=v, day=d, n=n) for k, v, d, n in rows)
    values = [("actor", "QAT"), ("topic", "aid"), ("actor", "EGY"), ("actor", "none")]
    assert read_rollups.newest_days_many(values, day, 5) == {
        ("actor", "QAT"): day - dt.timedelta(days=2),
        ("topic", "aid"): None,
        ("actor", "EGY"): day - dt.timedelta(days=4),
        ("actor", "none"): None,
    }
    assert read_rollups.newest_days_many(values, day, 6)[("actor", "QAT")] == day - dt.timedelta(
        days=5
    )
    for value in values:
        assert read_rollups.newest_days_many([value], day, 5)[value] == read_rollups.newest_days(
            *value, day, 5
        )


def test_the_archives_newest_days_from_the_process_copy_are_those_the_rollups_give(db) -> None:
    """The archive's own days (``total``) are answered from the process's copy of its
    rows: the same day as the statement for any end, start and number of articles."""
    rng = random.Random(7)
    start = dt.date(2024, 1, 1)
    rows = [(start + dt.timedelta(days=i), rng.choice([0, 0, 1, 2, 5, 40])) for i in range(90)]
    RollupDay.objects.bulk_create(
        RollupDay(kind="total", key="", day=d, n=n) for d, n in rows if n or rng.random() < 0.5
    )
    forget_local()
    for _ in range(400):
        last = start + dt.timedelta(days=rng.randrange(-5, 100))
        first = rng.choice([None, start + dt.timedelta(days=rng.randrange(-5, 100))])
        articles = rng.choice([1, 2, 5, 30, 100, 500, 5000])
        assert read_rollups.newest_days("total", "", last, articles, first) == (
            read_rollups._newest_days_read("total", "", last, articles, first)
        ), (last, articles, first)
    with CaptureQueriesContext(connection) as queries:
        read_rollups.newest_days("total", "", start + dt.timedelta(days=60), 50)
    assert len(queries) == 0


def test_the_archives_count_in_a_window_from_the_process_copy_is_the_rollups(db) -> None:
    """The archive's articles in a window (``total``) are summed from the process's copy
    of its days: the same count as the statement over its months and edge days."""
    rng = random.Random(11)
    start = dt.date(2024, 1, 1)
    rows = [(start + dt.timedelta(days=i), rng.choice([0, 0, 1, 3, 40])) for i in range(120)]
    RollupDay.objects.bulk_create(RollupDay(kind="total", key="", day=d, n=n) for d, n in rows if n)
    months = Counter()
    for d, n in rows:
        months[d.replace(day=1)] += n
    RollupMonth.objects.bulk_create(
        RollupMonth(kind="total", key="", month=m, n=n) for m, n in months.items() if n
    )
    forget_local()
    for _ in range(400):
        first = start + dt.timedelta(days=rng.randrange(-10, 130))
        last = first + dt.timedelta(days=rng.randrange(0, 100))
        statement = read_rollups.counts_of([("total", "")], first, last)[("total", "")]
        assert read_rollups.count("total", "", first, last) == statement, (first, last)
    with CaptureQueriesContext(connection) as queries:
        read_rollups.count("total", "", start, start + dt.timedelta(days=75))
    assert len(queries) == 0
