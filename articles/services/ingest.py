"""Store what an admin brings in: records become stories, stories become articles.

Reading (``articles.ingest``) yields records and row errors; this service
cleans each record into its stories, drops exact duplicates, stores the rest
as pending articles in bulk and queues them for the workers. It keeps the
batch's report so that ``read = created + duplicates + rejected`` holds.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from articles import cache
from articles.ingest import Limits, Record, RowError, detect_lang, read_file
from articles.ingest.records import http_url
from articles.models import Article, Carriage, IngestBatch, Source, columns
from articles.nlp import dedup
from articles.nlp.cleaning import split_stories
from articles.services import queue
from articles.services.outbox import UNREACHABLE, try_send
from articles.services.readahead import read_ahead

# Errors kept on the batch row; a broken 100,000-line file should not make
# the report itself unreadable. The count stays exact beyond the cap.
MAX_ERRORS_KEPT = 1000
FINGERPRINT_SLICE = 200

Progress = Callable[[IngestBatch], None]


def limits_from_settings() -> Limits:
    return Limits(
        max_file_bytes=settings.INGEST_MAX_FILE_BYTES,
        max_archive_members=settings.INGEST_MAX_ARCHIVE_MEMBERS,
        max_archive_total_bytes=settings.INGEST_MAX_ARCHIVE_BYTES,
    )


def create_batch(*, kind: str, filename: str = "", user=None, upload=None) -> IngestBatch:
    return IngestBatch.objects.create(
        kind=kind, filename=filename[:1000], created_by=user, upload=upload or ""
    )


def ingest_paths(
    batch: IngestBatch,
    paths: Iterable[Path],
    *,
    progress: Progress | None = None,
    queue: bool = True,
) -> IngestBatch:
    """Read every file under ``paths`` into ``batch``."""
    limits = limits_from_settings()

    def items() -> Iterable[Record | RowError]:
        for path in paths:
            yield from read_file(Path(path), limits)

    return ingest_items(batch, items(), progress=progress, queue=queue)


def ingest_items(
    batch: IngestBatch,
    items: Iterable[Record | RowError],
    *,
    progress: Progress | None = None,
    queue: bool = True,
    retryable: bool = False,
) -> IngestBatch:
    """Store ``items`` in chunks, updating the batch's counts after each chunk.

    Each chunk commits on its own, so a crash loses at most the chunk in
    hand, and re-running the same files stores nothing new (exact
    duplicates are found by content hash against what is already stored).
    Reading and preparing the next chunk (cleaning, story split,
    fingerprints) runs in a thread while the current one is written.

    Any failure ends the batch as failed with its reason, except a
    database error when ``retryable`` (a worker's task, which runs the
    batch again): that one is raised with the batch left running.
    """
    batch.status = IngestBatch.Status.RUNNING
    batch.heartbeat_at = timezone.now()
    batch.save(update_fields=["status", "heartbeat_at"])
    batch.unqueued = 0
    sources: dict[str, Source] = {}
    try:
        for step in read_ahead(_prepared_chunks(items)):
            if isinstance(step, RowError):
                _reject(batch, step.origin, step.line, step.reason)
                continue
            _store_chunk(batch, step, sources, queue)
            if progress:
                progress(batch)
    except BaseException as exc:  # Ctrl-C on the command too: the batch says it stopped
        if retryable and isinstance(exc, DatabaseError):
            raise
        reason = "interrupted" if isinstance(exc, KeyboardInterrupt) else f"{exc}"
        fail_batch(batch, f"{type(exc).__name__}: {reason}")
        raise
    _count_from_rows(batch)
    if batch.unqueued:
        batch.message = (
            f"{UNREACHABLE}: {batch.unqueued} articles wait for it and are queued when it is back"
        )
    batch.status = IngestBatch.Status.DONE
    batch.finished_at = timezone.now()
    batch.save()
    if progress:
        progress(batch)
    return batch


def fail_batch(batch: IngestBatch, reason: str) -> None:
    """End ``batch`` as failed with ``reason``; what it stored is kept and counted."""
    batch.created_count = Article.objects.filter(batch=batch).count()
    batch.status = IngestBatch.Status.FAILED
    batch.message = reason[:2000]
    batch.finished_at = timezone.now()
    batch.save()


def _count_from_rows(batch: IngestBatch) -> None:
    """Created = the batch's article rows; duplicates = the rest of what was read.

    A redelivered task reads the file again from the start; counting what
    it stored by the rows (not by adding up each run's inserts) keeps the
    report true however many runs it took.
    """
    batch.created_count = Article.objects.filter(batch=batch).count()
    batch.duplicate_count = max(0, batch.read_count - batch.rejected_count - batch.created_count)
    batch.read_count = batch.created_count + batch.duplicate_count + batch.rejected_count


def _prepared_chunks(items: Iterable[Record | RowError]) -> Iterator[RowError | _Chunk]:
    """Row errors as they come, and every ``INGEST_CHUNK_SIZE`` records one prepared chunk.

    Pure computation (no database), so it can run ahead in a thread.
    """
    size = settings.INGEST_CHUNK_SIZE
    chunk: list[Record] = []
    for item in items:
        if isinstance(item, RowError):
            yield item
            continue
        chunk.append(item)
        if len(chunk) >= size:
            yield _prepare(chunk)
            chunk = []
    if chunk:
        yield _prepare(chunk)


def _reject(batch: IngestBatch, origin: str, line: int | None, reason: str) -> None:
    batch.read_count += 1
    batch.rejected_count += 1
    if line is not None and origin.endswith(f":{line}"):
        origin = origin[: -len(f":{line}")]  # the report shows the line in a column of its own
    if len(batch.errors) < MAX_ERRORS_KEPT:
        batch.errors.append({"file": origin, "line": line, "reason": reason})


@dataclasses.dataclass
class _Story:
    """A story ready to insert, with the record it came from."""

    record_no: int
    index: int
    title: str
    text: str
    raw: str
    lang: str
    publisher: str
    byline: str
    record: Record
    digest: str = ""
    minhash: bytes = b""
    bands: list[int] = dataclasses.field(default_factory=list)


# The columns COPY fills; everything else is written by the INSERT below.
_STAGE_COLUMNS = ("n", *columns.STORED, "minhash", "bands")
# Article columns filled from the stage (everything but the stage's own
# position ``n`` and the band keys, which go to their own table).
_ARTICLE_COLUMNS = _STAGE_COLUMNS[1:-1]  # fmt: skip


@dataclasses.dataclass
class _Chunk:
    """Records cleaned into stories and fingerprinted, ready to write."""

    stories: list[_Story]
    empty: list[Record]  # records whose body was empty after cleaning


def _prepare(records: list[Record]) -> _Chunk:
    """Clean records into stories and fingerprint them (no database access).

    Fingerprints (content hash and MinHash signature) are computed for a
    slice of stories in one vectorised call; slices of a few hundred keep
    that call's working memory under 100 MB.
    """
    stories: list[_Story] = []
    empty: list[Record] = []
    for n, record in enumerate(records):
        split = split_stories(record.title or "", record.text or "")
        if not split:
            empty.append(record)
            continue
        lang = record.lang or detect_lang(record.text)
        for index, story in enumerate(split):
            title = story.title or (record.title if index == 0 else "")
            stories.append(
                _Story(
                    n,
                    index,
                    title,
                    story.text,
                    record.text,
                    lang,
                    story.publisher,
                    story.byline,
                    record,
                )  # fmt: skip
            )
    for i in range(0, len(stories), FINGERPRINT_SLICE):
        part = stories[i : i + FINGERPRINT_SLICE]
        for story, (digest, sig) in zip(
            part, dedup.fingerprints([s.text for s in part]), strict=True
        ):
            story.digest = digest
            story.minhash = dedup.signature_to_bytes(sig)
            story.bands = dedup.lsh_bands(sig)
    return _Chunk(stories, empty)


def _store_chunk(
    batch: IngestBatch, chunk: _Chunk, sources: dict[str, Source], queue: bool
) -> None:
    """Store one prepared chunk: drop duplicates, insert, count.

    Rows go in by ``COPY`` into a temporary table and one ``INSERT … ON
    CONFLICT DO NOTHING``, so a story that another upload stored a moment
    ago is counted as a duplicate instead of failing the chunk.
    """
    for record in chunk.empty:
        _reject(batch, record.origin, record.line, "empty body")
    _note(batch, chunk)
    stories = chunk.stories
    batch.read_count += len(stories)
    unique: dict[str, _Story] = {}
    for story in stories:
        unique.setdefault(story.digest, story)
    existing = set(
        Article.objects.filter(content_hash__in=list(unique)).values_list("content_hash", flat=True)
    )
    fresh = [st for d, st in unique.items() if d not in existing]
    with transaction.atomic():
        created = _insert(batch, fresh, sources, queued=queue)
        _link_pages(fresh, created)
        if len(created) < len(stories):
            _carry(batch, stories, sources)
        batch.created_count += len(created)
        batch.duplicate_count += len(stories) - len(created)
        batch.heartbeat_at = timezone.now()
        batch.save()
        if queue and created:
            ids = sorted(created.values())
            transaction.on_commit(lambda: _send(batch, ids))


def _send(batch: IngestBatch, ids: list[int]) -> None:
    batch.unqueued = getattr(batch, "unqueued", 0) + queue_articles(ids)


def _note(batch: IngestBatch, chunk: _Chunk) -> None:
    """Problems of rows that were stored all the same (a link dropped, NUL removed)."""
    seen: set[int] = set()
    for st in chunk.stories:
        record = st.record
        if record.notes and id(record) not in seen:
            seen.add(id(record))
            for reason in record.notes:
                if len(batch.errors) < MAX_ERRORS_KEPT:
                    batch.errors.append(
                        {"file": _file_of(record), "line": record.line, "reason": reason,
                         "stored": True}
                    )  # fmt: skip


def _file_of(record: Record) -> str:
    origin = record.origin
    if record.line is not None and origin.endswith(f":{record.line}"):
        return origin[: -len(f":{record.line}")]
    return origin


def _carry(batch: IngestBatch, stories: list[_Story], sources: dict[str, Source]) -> None:
    """A carriage row for each outlet that brought a text already stored under another.

    The article keeps its first outlet; a second outlet's copy adds its
    link, date and headline here instead of being dropped unrecorded.
    """
    owners = {
        h: (pk, src)
        for h, pk, src in Article.objects.filter(
            content_hash__in={st.digest for st in stories}
        ).values_list("content_hash", "id", "source_id")
    }
    rows: dict[tuple[int, int], Carriage] = {}
    for st in stories:
        source = _source(sources, st.record.source)
        owner = owners.get(st.digest)
        if source is None or owner is None or owner[1] == source.pk:
            continue
        rows.setdefault(
            (owner[0], source.pk),
            Carriage(
                article_id=owner[0], source=source, url=_link(st.record),
                published_at=st.record.published_at, title=st.title[:1000], batch=batch,
            ),
        )  # fmt: skip
    if rows:
        Carriage.objects.bulk_create(rows.values(), ignore_conflicts=True)
        cache.invalidate(())  # outlet counts include carriages


def _insert(
    batch: IngestBatch, fresh: list[_Story], sources: dict[str, Source], *, queued: bool
) -> dict[int, int]:
    """Insert stories; returns {position in ``fresh``: new article id} for those stored."""
    if not fresh:
        return {}
    rows = []
    for n, st in enumerate(fresh):
        source = _source(sources, st.record.source)
        rows.append(
            (
                n, st.title, st.raw, st.text, st.lang, _link(st.record),
                (st.record.external_id or "")[:200], st.record.published_at, st.digest,
                source.pk if source else None, st.publisher[:300], st.byline[:300],
                st.index, st.minhash, _bigint_array(st.bands),
            )
        )  # fmt: skip
    cols = ", ".join(_ARTICLE_COLUMNS)
    with connection.cursor() as cur:
        cur.execute(
            """
            CREATE TEMP TABLE IF NOT EXISTS ingest_stage (
              n int, title text, raw_text text, text text, lang varchar(2), url varchar(2000),
              external_id varchar(200), published_at timestamptz, content_hash varchar(40),
              source_id bigint, publisher varchar(300), byline varchar(300),
              story_index smallint, minhash bytea, bands bigint[]
            ) ON COMMIT DELETE ROWS
            """
        )
        with cur.cursor.copy(f"COPY ingest_stage ({', '.join(_STAGE_COLUMNS)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        cur.execute(
            f"""
            WITH ins AS (
              INSERT INTO articles_article (
                {cols}, batch_id, search_text, status, error, created_at, queued_at,
                actors, parties, mediators, topics, confidence, mentions, persons,
                cited_sources, key_sentence, tagger_version
              )
              SELECT {cols}, %s, '', 'pending', '', now(), CASE WHEN %s THEN now() END,
                     '{{}}', '{{}}', '{{}}', '{{}}', '{{}}', '[]', '[]', '{{}}', '', ''
              FROM ingest_stage ORDER BY n
              ON CONFLICT (content_hash) DO NOTHING
              RETURNING id, content_hash
            ),
            stored AS (
              SELECT s.n, ins.id, s.bands FROM ins JOIN ingest_stage s USING (content_hash)
            ),
            keys AS (
              -- Band keys go in with the article, so a worker clustering
              -- any chunk sees every candidate stored before it.
              INSERT INTO articles_articleband (article_id, band, key)
              SELECT stored.id, b.ord - 1, b.key
              FROM stored, unnest(stored.bands) WITH ORDINALITY AS b(key, ord)
            )
            SELECT n, id FROM stored
            """,
            [batch.pk, queued],
        )
        stored = dict(cur.fetchall())
    if stored:  # the lists and their counts have new rows
        cache.invalidate(())
    return stored


def _bigint_array(values: list[int]) -> str:
    """``values`` as a PostgreSQL array literal for ``COPY``.

    psycopg dumps a list element by element in Python: half a second of
    the ingest's CPU for SaudiNewsNet's 30,000 stories of sixteen keys,
    where joining them into this text takes a tenth of that.
    """
    return "{" + ",".join(map(str, values)) + "}"


def _link_pages(fresh: list[_Story], created: dict[int, int]) -> None:
    """Point each later story of a page at the page's first story."""
    first: dict[int, int] = {}
    links: list[tuple[int, int]] = []
    for n, st in enumerate(fresh):
        if n not in created:
            continue
        if st.index == 0:
            first[st.record_no] = created[n]
        elif st.record_no in first:
            links.append((created[n], first[st.record_no]))
    if links:
        with connection.cursor() as cur:
            cur.executemany("UPDATE articles_article SET page_id = %s WHERE id = %s",
                            [(page, art) for art, page in links])  # fmt: skip


def _link(record: Record) -> str:
    """The record's link if it is http(s), else nothing: whatever made the record.

    Readers already drop and report other links; records built elsewhere
    (live sources, scripts) pass through here too, and a stored link is
    rendered as ``href``.
    """
    return http_url(record.url or "") or ""


def _source(cache: dict[str, Source], name: str) -> Source | None:
    name = (name or "").strip()[:200]
    if not name:
        return None
    if name not in cache:
        cache[name], _ = Source.objects.get_or_create(name=name)
    return cache[name]


def queue_articles(ids: list[int]) -> int:
    """Send ``ids`` to the processing workers; returns how many could not be sent.

    Articles are stored with ``queued_at`` set in the hope the send works;
    those the broker did not take get it cleared, so the sweep sends them
    first thing when the broker is back.
    """
    size = settings.PROCESS_CHUNK_SIZE
    unsent: list[int] = []
    for i in range(0, len(ids), size):
        part = ids[i : i + size]
        if unsent or try_send(lambda part=part: queue.enqueue(queue.PROCESS, part)) is None:
            unsent.extend(part)  # once the broker failed, do not wait on it for every chunk
    if unsent:
        Article.objects.filter(pk__in=unsent).update(queued_at=None)
    return len(unsent)
