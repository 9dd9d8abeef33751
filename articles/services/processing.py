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

from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Q
from django.utils import timezone

from articles.models import Article, StoryCluster
from articles.nlp import dedup
from articles.nlp.search import search_document
from articles.services.rows import update_articles

_FIELDS = ["status", "error", "processed_at", "search_text"]
_CLUSTER_LOCK = 7_340_001  # any constant; names the advisory lock of the clustering step


def process_articles(ids: list[int], *, tag: bool | None = None) -> int:
    """Process the pending articles among ``ids`` (and tag them); returns how many."""
    from articles.services import tagging

    tag = settings.TAG_AFTER_PROCESS if tag is None else tag
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
        )  # fmt: skip
        .order_by("id")
    )
    if not articles:
        return 0
    now = timezone.now()
    ok: list[Article] = []
    for a in articles:
        try:
            a.search_text = search_document(a.title, a.text)
            a.status, a.error = Article.Status.PROCESSED, ""
            ok.append(a)
        except Exception as exc:  # a bad article fails alone, the chunk goes on
            a.status, a.error = Article.Status.FAILED, f"{type(exc).__name__}: {exc}"
        a.processed_at = now
    fields = list(_FIELDS)
    # Band keys were committed at ingest, so a worker sees every candidate
    # stored before it; clustering runs under a lock so that two workers
    # never open two clusters for one story.
    if tag and ok:
        fields += tagging.compute_tags(ok)
    with transaction.atomic():
        _lock_clusters()
        _cluster(ok)
    with transaction.atomic():
        update_articles(articles, fields)
        if tag and ok:
            tagging.after_write(ok)
    return len(ok)


def _lock_clusters() -> None:
    with connection.cursor() as cur:
        cur.execute("SELECT pg_advisory_xact_lock(%s)", [_CLUSTER_LOCK])


def _cluster(articles: list[Article]) -> None:
    """Join each article to the cluster of its near duplicates, creating or merging clusters."""
    if not articles:
        return
    by_id = {a.pk: a for a in articles}
    with connection.cursor() as cur:
        cur.execute(
            """
            SELECT DISTINCT b1.article_id, b2.article_id
            FROM articles_articleband b1
            JOIN articles_articleband b2
              ON b2.band = b1.band AND b2.key = b1.key AND b2.article_id <> b1.article_id
            WHERE b1.article_id = ANY(%s)
            """,
            [list(by_id)],
        )
        pairs = cur.fetchall()
    if not pairs:
        return
    others = {
        a.pk: a
        for a in Article.objects.filter(pk__in={b for _, b in pairs} - by_id.keys()).only(
            "id", "minhash", "cluster_id"
        )
    }
    known = {**others, **by_id}
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for a, b in pairs:
        if b in known and _similar(known[a].minhash, known[b].minhash):
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, set[int]] = {}
    for x in parent:
        groups.setdefault(find(x), set()).add(x)
    for root, members in groups.items():
        members.add(root)
        clusters = {known[m].cluster_id for m in members if known[m].cluster_id}
        target = min(clusters) if clusters else StoryCluster.objects.create().pk
        Article.objects.filter(Q(pk__in=members) | Q(cluster_id__in=clusters - {target})).exclude(
            cluster_id=target
        ).update(cluster_id=target)
        StoryCluster.objects.filter(pk__in=clusters - {target}).delete()
        StoryCluster.objects.filter(pk=target).update(
            size=Article.objects.filter(cluster_id=target).count()
        )


def _similar(a: bytes | None, b: bytes | None) -> bool:
    if not a or not b:
        return False
    sig_a, sig_b = dedup.signature_from_bytes(bytes(a)), dedup.signature_from_bytes(bytes(b))
    return dedup.jaccard_estimate(sig_a, sig_b) >= dedup.THRESHOLD


def requeue_pending(older_than: timedelta = timedelta(minutes=5)) -> int:
    """Queue again what a lost worker left: pending articles and processed-but-untagged ones."""
    from articles.tasks import process_articles as process_task
    from articles.tasks import tag_articles as tag_task

    cutoff = timezone.now() - older_than
    size = settings.PROCESS_CHUNK_SIZE
    pending = list(
        Article.objects.filter(status=Article.Status.PENDING, created_at__lte=cutoff)
        .order_by("id")
        .values_list("id", flat=True)
    )
    untagged = list(
        Article.objects.filter(
            status=Article.Status.PROCESSED, tagged_at__isnull=True, processed_at__lte=cutoff
        )
        .order_by("id")
        .values_list("id", flat=True)
    )
    for i in range(0, len(pending), size):
        process_task.delay(pending[i : i + size])
    for i in range(0, len(untagged), size):
        tag_task.delay(untagged[i : i + size])
    return len(pending) + len(untagged)


def queue_state() -> dict[str, int]:
    """Counts by processing status, for the home page and the admin."""
    return Article.objects.aggregate(
        pending=Count("id", filter=Q(status=Article.Status.PENDING)),
        failed=Count("id", filter=Q(status=Article.Status.FAILED)),
        untagged=Count("id", filter=Q(status=Article.Status.PROCESSED, tagged_at__isnull=True)),
    )
