"""Arabic-aware ranked search with highlighted snippets taken from the text as published.

The query goes through the same ``search_terms`` that built ``search_text``
(normalised letters, clitics and the article stripped), so «والمفاوضات» finds
«المفاوضات». Matching uses the whole ``search_vector``; ranking uses the
small ``title_vector`` kept in the row (headline matches first, then the
newest), over the newest ``CANDIDATES`` matches only, so ranking a common
word among a million articles reads no out-of-line data.

Snippets cannot use ``ts_headline`` (it would compare stems with surface
words), so they are built here: each word of the original text is reduced
with ``search_terms`` and compared with the query's stems. The text is
escaped piece by piece and only our own ``<mark>`` tags are added, so
nothing a text or a query contains can turn into markup.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.contrib.postgres.search import SearchQuery
from django.db.models import QuerySet
from django.db.models.functions import Substr
from django.http import QueryDict
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.cache import ARTICLES, cached, cached_many, canonical
from articles.filters import search_query
from articles.models import Article
from articles.nlp.normalize import DROPPED, FORMS

from . import rollups, tag_months
from .cards import Card, card_rows_by_id, to_cards
from .dates import DATE_PARAMS, date_window, without
from .filtering import article_filter, base_queryset
from .newest_matches import newest_matches

CANDIDATES = 200  # ten pages of newest matches ranked by their headline
PER_PAGE = 20
SNIPPET_SCAN = 20_000  # characters of a text searched for a snippet
SNIPPET_BEFORE = 90
SNIPPET_LENGTH = 280

# A word: letters and digits plus the Arabic marks and tatweel that sit inside words.
WORD_RE = re.compile(r"[\w\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]+")


def query_stems(q: str) -> frozenset[str]:
    """The light stems a query searches for."""
    from articles.nlp.search import search_terms

    return frozenset((search_terms(q or "") or "").split())


@lru_cache(maxsize=100_000)
def _word_stems(word: str) -> frozenset[str]:
    from articles.nlp.search import search_terms

    return frozenset((search_terms(word) or "").split())


# Characters inside a word that normalisation drops (marks, tatweel, zero-width).
_MARKERS = {"\u0647": ("\u06c3",)}  # the tagger's ta marbuta marker stands for heh
_MARKS = "[" + re.escape("".join(sorted(DROPPED))) + "]*"


@lru_cache(maxsize=256)
def _keys_re(stems: frozenset[str]) -> re.Pattern[str] | None:
    """The "keys" of ``stems``: what a word must hold to reduce to one of them.

    Stemming a word costs tens of microseconds the first time it is seen,
    and a text's first paragraphs hold hundreds of words never seen
    before; only the few that can match are stemmed. A term is its word
    with clitics taken off and at most its last letter changed or added
    (``nlp.search.term``), so a word reduces to a stem only if its
    normalised form contains the stem without its last letter: that
    "key", written in any letter form that normalises to it and with any
    marks in between, is what the pattern looks for. It may find words
    that do not match (they are then stemmed and dropped), never miss one.
    None when a stem is too short to give a key (every word is a candidate).
    """
    keys = []
    for stem in stems:
        key = stem[:-1] if len(stem) >= 3 else stem
        if not key:
            return None
        letters = []
        for ch in key:
            forms = {ch, *FORMS.get(ch, ()), *_MARKERS.get(ch, ())}
            letters.append("[" + "".join(re.escape(f) for f in sorted(forms)) + "]")
        keys.append(_MARKS.join(letters))
    return re.compile(f"(?:{'|'.join(keys)})")


# One character of a word (``WORD_RE`` without its "+").
_WORD_CHAR_RE = re.compile(WORD_RE.pattern[:-1])


def _candidates(
    text: str, keys: re.Pattern[str], start: int, end: int
) -> Iterator[tuple[int, int]]:
    """The words of ``text[start:end]`` holding a key, as the pattern ``word* key word*``
    would find them left to right, found key first.

    That pattern tried every position of every word and, at each, every
    split of the word before a key: most of a search page's snippet time.
    Here the keys are found first; a hit's word is taken from the start of
    its run of word characters, and its end is where that pattern ends:
    after the rightmost key that starts within the run (a key may run
    over a mark the word class lacks) and the word characters that follow.
    """
    pos = start
    while (hit := keys.search(text, pos, end)) is not None:
        first = hit.start()
        while first > pos and _WORD_CHAR_RE.match(text, first - 1):
            first -= 1
        run = WORD_RE.match(text, first, end)
        # The rightmost key starting in the run: the hit itself at the latest.
        at = run.end() - 1 if run is not None else hit.start()
        while (last := keys.match(text, at, end)) is None:
            at -= 1
        stop = last.end()
        tail = WORD_RE.match(text, stop, end)
        stop = tail.end() if tail is not None else stop
        yield first, stop
        pos = stop


def _word_matches(
    text: str, stems: frozenset[str], start: int = 0, end: int | None = None
) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of the words in ``text[start:end]`` whose stem is one of ``stems``,
    in order."""
    end = len(text) if end is None else end
    keys = _keys_re(stems)
    if keys is None:
        words: Iterable[tuple[int, int]] = (m.span() for m in WORD_RE.finditer(text, start, end))
    else:
        words = _candidates(text, keys, start, end)
    return ((a, b) for a, b in words if _word_stems(text[a:b]) & stems)


def match_spans(
    text: str, stems: frozenset[str], *, limit: int | None = None
) -> list[tuple[int, int]]:
    """Offsets of the words in ``text`` whose stem is one of ``stems``."""
    if not stems or not text:
        return []
    scope = text if limit is None else text[:limit]
    return list(_word_matches(scope, stems))


def mark_spans(text: str, spans: list[tuple[int, int]]) -> SafeString:
    """Escape ``text`` and wrap the given spans in ``<mark>``: the only markup added is ours."""
    out: list[str] = []
    pos = 0
    for start, end in sorted(spans):
        if start < pos or end <= start or end > len(text):
            continue
        out.append(escape(text[pos:start]))
        out.append("<mark>" + escape(text[start:end]) + "</mark>")
        pos = end
    out.append(escape(text[pos:]))
    return mark_safe("".join(out))  # every piece of user text above went through escape()


def highlight(text: str, q: str) -> SafeString:
    """The whole text, escaped, with the query's words marked."""
    return mark_spans(text, match_spans(text, query_stems(q)))


def snippet(text: str, stems: frozenset[str], *, length: int = SNIPPET_LENGTH) -> SafeString:
    """A short passage around the first match, escaped, with matches marked.

    Words are stemmed only up to the first match and then inside the
    passage: a long article costs what its first paragraphs cost.
    """
    first = None
    if stems and text:
        found = next(_word_matches(text, stems, 0, min(len(text), SNIPPET_SCAN)), None)
        first = found[0] if found is not None else None
    if first is None:
        cut = text[:length]
        return mark_spans(cut + ("…" if len(text) > length else ""), [])
    start = max(0, first - SNIPPET_BEFORE)
    if start:
        space = text.rfind(" ", 0, start + 1)
        start = space + 1 if space >= 0 and first - space < SNIPPET_BEFORE * 2 else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.find(" ", end)
        end = space if 0 <= space < end + 40 else end
    window = [(a - start, b - start) for a, b in _word_matches(text, stems, start, end)]
    body = mark_spans(text[start:end], window)
    return mark_safe(("… " if start else "") + body + (" …" if end < len(text) else ""))


def _highlights(
    rows: list[dict[str, Any]], stems: frozenset[str]
) -> dict[int, tuple[SafeString, SafeString]]:
    """``{id: (snippet, highlighted title)}`` for card rows, cached by text and query.

    Reading the head of a text is most of a search page's database time
    (the rows of a result page lie scattered over the table and its TOAST),
    so the highlights are kept, shared by the workers, under the article's
    id, its text's hash (``content_hash``), its title and the stems; only
    the rows not found read their head, in one statement.
    """
    by_id = {row["id"]: row for row in rows}
    query = " ".join(sorted(stems))
    states = {pk: f"{pk}|{row['content_hash']}|{row['title']}|{query}" for pk, row in by_id.items()}

    def compute(ids: list[int]) -> dict[int, tuple[SafeString, SafeString]]:
        heads = dict(
            Article.objects.filter(id__in=ids)
            .annotate(head=Substr("text", 1, SNIPPET_SCAN))
            .values_list("id", "head")
        )
        return {
            pk: (
                snippet(heads.get(pk, ""), stems),
                mark_spans(by_id[pk]["title"], match_spans(by_id[pk]["title"], stems)),
            )
            for pk in ids
        }

    return cached_many("highlights", states, compute, "text")


def _order(pk: int, at: float | None, rank: float) -> tuple[float, float, int]:
    """Result order as an ascending key: best rank, then newest (undated first), then highest id.

    ``at`` is the publication time in seconds since the epoch, as the probes
    read it: a float costs nothing to load, where a few hundred timestamps
    per search were a millisecond of parsing.
    """
    return (-rank, -(at if at is not None else float("inf")), -pk)


def _ranked(
    matches: QuerySet[Article],
    query: SearchQuery,
    window: tuple[dt.date, dt.date] | None,
    limit: int,
    tags: dict[str, Any] | None = None,
    untagged: QuerySet[Article] | None = None,
) -> dict[str, Any]:
    """The newest ``limit`` matches, best first: ``{"ranked": [(id, rank)], "total", "capped"}``.

    The matches are found newest first, a span of days at a time, and the
    search stops as soon as ``limit`` are found (``newest_matches``): a
    common word reads a few thousand articles, not its hundreds of
    thousands of matches. The candidates are then ranked by their headline
    (``title_vector``, read in the same scan), the newest first among
    equals.
    """
    if window is not None:
        window, undated = rollups.clip(*window), False
    else:
        window, undated = rollups.data_span(), True
    found = newest_matches(
        matches, limit, window=window, undated=undated, query=query, tags=tags, untagged=untagged
    )
    ranked = sorted(_order(*row) for row in found[:limit])
    return {
        "ranked": [(-pk, -rank) for rank, _, pk in ranked],
        "total": len(ranked),
        "capped": len(found) > limit,
    }


def _ranked_for(
    params: QueryDict | dict[str, Any], query: SearchQuery, limit: int
) -> dict[str, Any]:
    """``_ranked`` for the query under the other filters of ``params``.

    Built only when the ranking is not cached: a repeated search reads
    its ids and never assembles the filtered query it would run.
    """
    rest = params.copy()
    rest.pop("q", None)
    window = date_window(rest)
    if window is not None:
        rest = without(rest, DATE_PARAMS)
    tags: dict[str, Any] | None = None
    untagged: QuerySet[Article] | None = None
    if any(any(values) for key, values in rest.lists() if key not in ("page", "after")):
        rest_filter = article_filter(rest)
        qs = rest_filter.qs if rest_filter.is_valid() else base_queryset()
        if rest_filter.is_valid() and tag_months.groups(rest_filter.form.cleaned_data):
            tags = rest_filter.form.cleaned_data
            others = without(rest, (*tag_months.TAG_PARAMS, "page", "after"))
            if not any(any(values) for _, values in others.lists()):
                untagged = base_queryset().filter(search_vector=query)
            elif (other_filter := article_filter(others)).is_valid():
                untagged = other_filter.qs.filter(search_vector=query)
    else:  # a plain search (with or without dates): no second FilterSet to build
        qs = base_queryset()
    return _ranked(qs.filter(search_vector=query), query, window, limit, tags, untagged)


@dataclass
class SearchResults:
    q: str
    filter: Any
    cards: list[Card] = field(default_factory=list)
    total: int = 0
    capped: bool = False
    page: int = 1
    has_next: bool = False


def search(params: QueryDict | dict[str, Any] | None, *, page: int = 1) -> SearchResults:
    """Ranked results for ``q`` under the other list filters, with snippets.

    The ranked ids of a query are cached for a minute, so paging and repeat
    searches by other analysts read twenty rows by primary key.
    """
    params = params.copy() if params is not None else QueryDict(mutable=True)
    q = (params.get("q") or "").strip()[:300]
    flt = article_filter(params)
    flt.is_valid()
    query = search_query(q) if q else None
    if query is None:
        return SearchResults(q=q, filter=flt)

    page = max(1, page)
    limit = max(CANDIDATES, page * PER_PAGE)
    data = cached(
        "search:v3",
        f"{canonical(params, skip=('page', 'after'))}|{limit}",
        lambda: _ranked_for(params, query, limit),
        "results",
        scope=ARTICLES,
    )
    ranked: list[tuple[int, float]] = data["ranked"]
    chunk = ranked[(page - 1) * PER_PAGE : page * PER_PAGE]
    ranks = dict(chunk)
    ordered = card_rows_by_id(list(ranks), extra=("content_hash",))
    for row in ordered:
        row["rank"] = ranks[row["id"]]
    cards = to_cards(ordered)
    highlights = _highlights(ordered, query_stems(q))
    for card in cards:
        card.snippet, card.title_html = highlights[card.id]
    return SearchResults(
        q=q,
        filter=flt,
        cards=cards,
        total=data["total"],
        capped=data["capped"],
        page=page,
        has_next=len(ranked) > page * PER_PAGE,
    )
