"""What happens to an article after it is stored: search terms, near duplicates, tags.

Exact duplicates never reach the table (the content hash is unique). Near
duplicates (the same wire story with a changed sentence or headline) are
found with MinHash/LSH: ingest stores each article's signature and its
band keys in an indexed table,
articles sharing a band key are candidates, and candidates whose estimated
Jaccard similarity passes the threshold join one story cluster.

Everything a worker learns about a chunk of articles is written back in
one ``UPDATE``: each rewrite of a row re-indexes it, so doing it once per
chunk rather than once per step keeps the index work down.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Q
from django.utils import timezone

from articles.models import Article, IngestBatch, StoryCluster, TaskAttempt, columns
from articles.nlp import dedup
from articles.nlp.search import search_document, search_documents
from articles.services import attempts, queue
from articles.services.outbox import try_send
from articles.services.rows import update_articles

_FIELDS = list(columns.PROCESSED)
_CLUSTER_LOCK = 7_340_001  # any constant; names the advisory lock of the clustering step


def process_articles(ids: list[int], *, tag: bool | None = None) -> int:
    """Process the pending articles among ``ids`` (and tag them); returns how many.

    Failures stay with their article: one that the code or the database
    refuses is marked failed with the reason, and a chunk that killed its
    worker is redone one article at a time (``attempts.run_isolated``).
    """
    return attempts.run_isolated(
        "process", ids, lambda part: _process(part, tag), lambda part, why: give_up(part, why)
    )


def preload() -> None:
    """Load what processing reads, in a worker's parent process.

    Called before the pool forks its processes (``negotiation_tracker.celery``),
    so the word list, the folding table and the terms of the commonest
    words are made once and shared, instead of once by each process.
    """
    from articles.nlp import search

    search.preload()


def give_up(ids: list[int], reason: str) -> None:
    """Fail the unfinished articles among ``ids`` with ``reason``."""
    Article.objects.filter(pk__in=ids).exclude(tagged_at__isnull=False).exclude(
        status=Article.Status.FAILED
    ).update(status=Article.Status.FAILED, error=reason, processed_at=timezone.now())


def _process(ids: list[int], tag: bool | None) -> int:
    tag = settings.TAG_AFTER_PROCESS if tag is None else tag
    if tag:  # the tagger and its models are loaded by the workers that tag
        from articles.services import tagging
    articles = list(
        Article.objects.filter(pk__in=ids, status=Article.Status.PENDING)
        .select_related("source")
        .only(
            "id",
            "title",
            "text",
            "minhash",
            "cluster_id",
            "published_at",
            "lang",
            "source__name",
            "tagged_at",
            "thread_id",
        )  # fmt: skip
        .order_by("id")
    )
    if not articles:
        return 0
    now = timezone.now()
    ok = _search_terms(articles)
    for a in articles:
        a.processed_at = now
    fields = [*_FIELDS, "cluster_id"]
    if tag:
        fields += tagging.compute_tags(ok)
        searched = {a.pk for a in ok}
        for a in articles:
            if a.pk not in searched:
                tagging.clear_tags(a)
        ok = [a for a in ok if a.status == Article.Status.PROCESSED]
    # Band keys were committed at ingest, so a worker sees every candidate
    # stored before it. Clustering and the write of the chunk run under one
    # lock and in one transaction: two workers never open two clusters for
    # one story, and each article row is rewritten once (cluster, search
    # text and status together), not once per step.
    with transaction.atomic():
        if tag and ok:
            tagging.before_lock(ok)
        _lock_clusters()
        touched = _cluster(ok)
        update_articles(articles, fields)
        _resize(touched)
        if tag and ok:
            tagging.after_write(ok)
    return len(ok)


def _search_terms(articles: list[Article]) -> list[Article]:
    """Set each article's search terms and status; returns those that succeeded.

    The chunk's terms are computed in one pass; should that fail, each
    article is tried on its own, so a bad article fails alone and the
    chunk goes on.
    """
    try:
        terms = search_documents((a.title, a.text) for a in articles)
    except Exception:  # the article at fault is found one by one below
        terms = None
    ok: list[Article] = []
    for i, a in enumerate(articles):
        try:
            a.search_text = terms[i] if terms is not None else search_document(a.title, a.text)
            a.status, a.error = Article.Status.PROCESSED, ""
            ok.append(a)
        except Exception as exc:  # a bad article fails alone, the chunk goes on
            a.status, a.error = Article.Status.FAILED, f"{type(exc).__name__}: {exc}"[:2000]
            a.search_text = ""
    return ok


def _lock_clusters() -> None:
    with connection.cursor() as cur:
        cur.execute("SELECT pg_advisory_xact_lock(%s)", [_CLUSTER_LOCK])


def _cluster(articles: list[Article]) -> set[int]:
    """Join each article to the cluster of its near duplicates, creating or merging clusters.

    The chunk's own articles get their ``cluster_id`` set in memory (the
    caller writes it with the rest of the row); articles stored earlier and
    the clusters themselves are written here, a handful of statements for
    the whole chunk. Articles and clusters go into one union-find, so two
    clusters that a new article bridges become one. Returns the clusters
    whose membership changed.
    """
    if not articles:
        return set()
    by_id = {a.pk: a for a in articles}
    with connection.cursor() as cur:
        # One index probe per band key of the chunk. Written as a plain join,
        # the planner prefers hashing the chunk's keys and scanning the whole
        # band table in parallel (16 rows per stored article), which costs
        # each chunk more CPU the larger the archive; ``OFFSET 0`` keeps the
        # lateral subquery a parameterised index scan.
        cur.execute(
            """
            SELECT DISTINCT b1.article_id, b2.article_id
            FROM articles_articleband b1
            CROSS JOIN LATERAL (
              SELECT b2.article_id FROM articles_articleband b2
              WHERE b2.band = b1.band AND b2.key = b1.key AND b2.article_id <> b1.article_id
              OFFSET 0
            ) b2
            WHERE b1.article_id = ANY(%s)
            """,
            [list(by_id)],
        )
        pairs = cur.fetchall()
    if not pairs:
        return set()
    others = {
        a.pk: a
        for a in Article.objects.filter(pk__in={b for _, b in pairs} - by_id.keys()).only(
            "id", "minhash", "cluster_id"
        )
    }
    known = {**others, **by_id}
    parent: dict[int, int] = {}  # articles by id, clusters by minus their id

    def find(x: int) -> int:
        while parent.get(x, x) != x:
            parent[x] = x = parent.get(parent[x], parent[x])
        return x

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    linked: set[int] = set()
    for a, b in pairs:
        if b in known and _similar(known[a].minhash, known[b].minhash):
            union(a, b)
            linked.update((a, b))
    for x in linked:
        if known[x].cluster_id:
            union(x, -known[x].cluster_id)
    groups: dict[int, set[int]] = {}
    for x in linked:
        groups.setdefault(find(x), set()).add(x)
    return _write_clusters(groups.values(), known, by_id)


def _write_clusters(
    groups: Iterable[set[int]], known: dict[int, Article], chunk: dict[int, Article]
) -> set[int]:
    """Point every group at one cluster: the oldest it touches, or a new one."""
    plans: list[tuple[set[int], set[int]]] = []  # (article ids, cluster ids it touches)
    for members in groups:
        clusters = {known[m].cluster_id for m in members if known[m].cluster_id}
        plans.append((members, clusters))
    fresh = iter(
        StoryCluster.objects.bulk_create([StoryCluster() for _, clusters in plans if not clusters])
    )
    moved: list[Article] = []  # stored earlier; the chunk's own are written by the caller
    merged: dict[int, int] = {}  # cluster folded into another -> that one
    targets: set[int] = set()
    for members, clusters in plans:
        target = min(clusters) if clusters else next(fresh).pk
        targets.add(target)
        merged.update({c: target for c in clusters - {target}})
        for m in members:
            if known[m].cluster_id != target:
                known[m].cluster_id = target
                if m not in chunk:
                    moved.append(known[m])
    if merged:
        with connection.cursor() as cur:
            cur.execute(
                """
                UPDATE articles_article a SET cluster_id = v.target
                FROM unnest(%s::bigint[], %s::bigint[]) AS v(old, target)
                WHERE a.cluster_id = v.old
                """,
                [list(merged), list(merged.values())],
            )
            cur.execute("DELETE FROM articles_storycluster WHERE id = ANY(%s)", [list(merged)])
    update_articles(moved, ["cluster_id"])
    return targets


def _resize(clusters: set[int]) -> None:
    """Store the member count of each cluster (after the chunk's rows are written)."""
    if not clusters:
        return
    with connection.cursor() as cur:
        cur.execute(
            """
            UPDATE articles_storycluster s SET size = c.n
            FROM (
              SELECT cluster_id, count(*) AS n FROM articles_article
              WHERE cluster_id = ANY(%s) GROUP BY cluster_id
            ) c
            WHERE s.id = c.cluster_id
            """,
            [list(clusters)],
        )


def _similar(a: bytes | None, b: bytes | None) -> bool:
    if not a or not b:
        return False
    sig_a, sig_b = dedup.signature_from_bytes(bytes(a)), dedup.signature_from_bytes(bytes(b))
    return dedup.jaccard_estimate(sig_a, sig_b) >= dedup.THRESHOLD


def requeue_pending(older_than: timedelta | None = None) -> int:
    """Send again what was left: batches and articles never queued, or queued and lost.

    Never sent (the broker was down when they came): sent now. Sent longer
    than the lease ago (``QUEUE_LEASE_SECONDS``, or ``older_than``) and
    still not done: the message was lost with a worker or a broker restart,
    so sent again. Sent more recently: still queued, left alone. A running
    batch whose worker stopped reporting (``BATCH_STALE_SECONDS``) goes to
    another worker. Running twice is safe: batches are claimed, articles
    are processed only while pending. Returns how many batches and
    articles were sent.
    """
    from articles.services.ingest import queue_articles

    lease = (
        older_than if older_than is not None else timedelta(seconds=settings.QUEUE_LEASE_SECONDS)
    )
    cutoff = timezone.now() - lease
    # Starts counted for a chunk whose ids the sweep later regrouped are
    # never finished; a day on, they count for nothing.
    TaskAttempt.objects.filter(updated_at__lt=timezone.now() - timedelta(days=1)).delete()
    sent = _requeue_batches(cutoff)
    size = settings.PROCESS_CHUNK_SIZE
    pending = list(
        Article.objects.filter(status=Article.Status.PENDING)
        .filter(Q(queued_at__isnull=True) | Q(queued_at__lte=cutoff))
        .order_by("id")
        .values_list("id", flat=True)
    )
    if pending:
        Article.objects.filter(pk__in=pending).update(queued_at=timezone.now())
        unsent = queue_articles(pending)
        sent += len(pending) - unsent
        if unsent:
            return sent
    untagged = list(
        Article.objects.filter(
            status=Article.Status.PROCESSED, tagged_at__isnull=True, processed_at__lte=cutoff
        )
        .order_by("id")
        .values_list("id", flat=True)
    )
    for i in range(0, len(untagged), size):
        part = untagged[i : i + size]
        if try_send(lambda part=part: queue.enqueue(queue.TAG, part)) is None:
            break
        sent += len(part)
    return sent


def _requeue_batches(cutoff) -> int:
    """Send batches never sent, sent a lease ago and never started, or started and lost.

    A running batch whose heartbeat stopped goes back to queued first, so
    it is sent once here and claimed by whichever worker takes it.
    """
    from articles.services.ingest import fail_batch
    from articles.services.uploads import send_batch

    stale = timezone.now() - timedelta(seconds=settings.BATCH_STALE_SECONDS)
    silent = IngestBatch.objects.filter(status=IngestBatch.Status.RUNNING, heartbeat_at__lte=stale)
    # A command's or a live poll's batch has no file to read again: its
    # process is gone, so the batch ends failed, keeping what it stored.
    for batch in silent.filter(upload=""):
        fail_batch(batch, "interrupted: the process reading it stopped reporting")
    silent.exclude(upload="").update(status=IngestBatch.Status.QUEUED, task_id="")
    lost = (
        IngestBatch.objects.exclude(upload="")
        .filter(
            Q(status=IngestBatch.Status.QUEUED)
            & (Q(task_id="") | Q(heartbeat_at__lte=cutoff) | Q(heartbeat_at__isnull=True))
        )
        .order_by("id")
        .values_list("id", flat=True)
    )
    sent = 0
    for batch_id in lost:
        if not send_batch(batch_id, force=True):
            break
        sent += 1
    return sent


def queue_state() -> dict[str, int]:
    """Counts by processing status, for the home page and the admin."""
    return Article.objects.aggregate(
        pending=Count("id", filter=Q(status=Article.Status.PENDING)),
        failed=Count("id", filter=Q(status=Article.Status.FAILED)),
        untagged=Count("id", filter=Q(status=Article.Status.PROCESSED, tagged_at__isnull=True)),
    )
