"""Rebuild the stored search terms when the rules that make them change.

Each article's ``search_text`` is written once, when it is processed, by
``articles.nlp.search.search_document``. When those rules move (a new
clitic rule, a new word list), ``articles.nlp.search.version()`` moves with
them and the stored terms are stale: a query built by the new rules would
miss articles indexed by the old ones. ``rebuild`` walks the archive by id
in chunks, recomputes the terms, and rewrites only the rows whose terms
changed, one ``UPDATE`` per chunk; the chunk's last id is recorded in the
same transaction, so a rebuild that is stopped resumes where it stopped.
Articles stored after the rebuild starts are processed with the new rules
already and are not visited.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.db.models import Max

from articles.models import Article, SearchIndexState
from articles.nlp import search
from articles.services.rows import update_articles


def state() -> SearchIndexState:
    return SearchIndexState.objects.get_or_create(id=1)[0]


def is_current() -> bool:
    """True when every stored article's terms follow the current rules."""
    return state().version == search.version()


def rebuild(
    *,
    chunk: int = 2000,
    force: bool = False,
    progress: Callable[[int, int], None] | None = None,
    document: Callable[[str, str], str] = search.search_document,
) -> int:
    """Bring stored terms up to the current rules; returns how many rows were rewritten.

    ``progress(done_through, last_id)`` is called after each chunk.
    ``force`` walks the archive even when the recorded version is current.
    ``document`` builds the terms (the benchmark passes one that changes
    every row, to time a rebuild in which every row changes).
    """
    target = search.version()
    st = state()
    if st.version == target and not force:
        return 0
    start = st.done_through if st.target == target and not force else 0
    last = Article.objects.aggregate(m=Max("id"))["m"] or 0
    SearchIndexState.objects.filter(id=1).update(target=target, done_through=start)
    written = 0
    cursor = start
    while cursor < last:
        rows = list(
            Article.objects.filter(id__gt=cursor, id__lte=last)
            .exclude(status=Article.Status.PENDING)
            .order_by("id")
            .only("id", "title", "text", "search_text")[:chunk]
        )
        if not rows:
            break
        changed = []
        for a in rows:
            terms = document(a.title, a.text)
            if terms != a.search_text:
                a.search_text = terms
                changed.append(a)
        cursor = rows[-1].id
        with transaction.atomic():
            written += update_articles(changed, ["search_text"])
            SearchIndexState.objects.filter(id=1).update(done_through=cursor)
        if progress:
            progress(cursor, last)
    SearchIndexState.objects.filter(id=1).update(version=target, done_through=last)
    return written
