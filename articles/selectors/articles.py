"""The filtered article list: one page of cards, newest first, by a walk of the date index.

The ``article_published_idx`` b-tree is entered at the cursor and walked
for one page; it carries the tag, thread, outlet and language columns, so
the walk is index-only. Facets come in a request of their own
(``selectors.facets``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils import timezone

from articles.cache import ARTICLES, cached, canonical
from articles.models import Article

from . import rollups, tag_months
from .cards import CARD_FIELDS, CARD_SQL_COLUMNS, Card, card_rows_by_id, to_cards
from .cursors import after_cursor, decode_cursor, encode_cursor
from .dates import UNINDEXED_TIME, start_of, without
from .facets import facets
from .filtering import filtered_articles
from .newest_matches import newest_matches

PAGE_SIZE = 25


# Articles of a date window walked for a page, in growing stretches, before
# asking the tag indexes: the walk is index-only, a few thousand entries a
# millisecond, so even the longer stretch costs less than a bitmap plan.
PROBES = (1500, 20_000)
# A filter the rollups say can match at most this many of the window's
# articles is read through the tag indexes and sorted, never by a walk of
# the date index: the planner, guessing a thousand matches where there
# are none, would walk the whole archive for them (a party no article
# names: 150 ms for an empty page).
FEW_MATCHES = 5000


@dataclass
class Page:
    cards: list[Card]
    next_cursor: str | None
    is_first: bool


def article_page(
    qs: QuerySet[Article],
    *,
    cursor: str | None = None,
    size: int | None = None,
    window: tuple[dt.date | None, dt.date | None] = (None, None),
    data: dict[str, Any] | None = None,
    untagged: QuerySet[Article] | None = None,
) -> Page:
    """One page of the list, newest first, and the cursor of the next page.

    ``window`` repeats the date bounds already in ``qs``, ``data`` the valid
    filter's ``cleaned_data`` it was built from (optional); the page is
    looked for among the newest ``PROBES`` articles of the window first
    (see :func:`_newest_rows`), so its cost depends on the page, not the
    window. A words filter (``q``) is read a span of days at a time
    (:func:`_newest_word_rows`); ``untagged`` is then ``qs`` without its
    tag filters, for the spans that read the "value × month" index instead.
    """
    size = size or PAGE_SIZE
    data = data or {}
    position = decode_cursor(cursor)
    walked = after_cursor(qs, position) if position is not None else qs
    if data.get("q"):
        if untagged is not None and position is not None:
            untagged = after_cursor(untagged, position)
        rows = _newest_word_rows(walked, size + 1, window, position, data, untagged)
    else:
        rows = _newest_rows(walked, size + 1, window, position, data)
    more = len(rows) > size
    rows = rows[:size]
    return Page(
        cards=to_cards(rows),
        next_cursor=encode_cursor(rows[-1]) if more and rows else None,
        is_first=position is None,
    )


_TABLE = Article._meta.db_table
MONTH = dt.timedelta(days=31)  # past the archive's last day: an article of a day not yet counted
_NEWEST_FIRST = "ORDER BY published_at DESC, id DESC"


def _newest_rows(
    qs: QuerySet[Article],
    n: int,
    window: tuple[dt.date | None, dt.date | None],
    position: tuple[dt.datetime | None, int] | None,
    data: dict[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """The card rows of the first ``n`` articles of ``qs``, newest first.

    Tag filters often go together (an actor and the topics it negotiates),
    and the planner, multiplying their selectivities as if independent,
    then prefers combining the GIN indexes and sorting every match over
    walking the date index: tens of milliseconds where a walk of a few
    hundred rows would do. So the walk is tried first, over the newest
    ``PROBES[0]`` and then ``PROBES[1]`` articles of the window (the
    rollups' articles per day give each stretch's first day,
    ``_stretch_start``; the longer stretch is walked with bitmap scans
    off, the short one needs no persuading); only a filter too rare to fill
    a page in either falls back to the planner's choice, which suits rare
    ones. The walk reads ids only:
    ``article_published_idx`` carries the
    tag, thread, outlet and language columns, so it is an index-only scan
    that visits no table row that does not match; the same statement then
    reads the card columns of the page's rows.

    When the short stretch does not hold the page, the rollups say at most
    how many of the window's articles the filter's values (tags, thread,
    outlet, language) can match (``rollups.fewest_matches``, one
    statement): the long stretch is not walked when it could not hold the
    page at that share. When the walks do not
    fill the page and the window spans at most ``tag_months.MAX_MONTHS``, the
    last statement also reads the "value × month" index, whose posting
    lists of the window's months are what a rare combination needs, where
    the per-column indexes hand over every article naming a value at any
    date (two actors and a topic over three weeks: 9 ms to 0.5). Where the
    rollups bound the matches at none, the walks' rows are the answer;
    at ``FEW_MATCHES`` or fewer, that statement sorts the matches instead
    of letting the planner walk the date index for them.

    The filter is compiled to SQL once and the statements are written
    around it: building and compiling a queryset per statement cost more
    than running them.
    """
    data = data or {}
    archive = rollups.data_span()
    # An open end is the archive's; a month more covers an article of a new month.
    span = (
        (window[0] or archive[0], window[1] or archive[1] + MONTH)
        if archive is not None and (window[0] or archive[0]) <= (window[1] or archive[1])
        else None
    )
    matches, params = qs.order_by().values("id", "published_at").query.sql_with_params()
    first, last = window
    # The newest day the stretches are counted back from: the window's end, the
    # cursor's day, or the archive's last day.
    top = last or (archive[1] if archive is not None else None)
    if position is not None and position[0] is not None:
        cursor_day = timezone.localdate(position[0])
        top = min(top, cursor_day) if top is not None else cursor_day
    rows: list[dict[str, Any]] = []
    if not first and (position is None or position[0] is None):
        # Undated rows sort first; they are few, and an OR in the walk's
        # index condition would spoil it, so they are read on their own.
        rows = _card_rows_of(
            f"SELECT m.id FROM ({matches}) m WHERE m.published_at IS NULL", params, n
        )
        if len(rows) >= n:
            return rows
    dated = f"SELECT m.id FROM ({matches}) m WHERE m.published_at IS NOT NULL"
    fewest = None
    for stretch in PROBES:
        if stretch != PROBES[0] and span is not None:
            # The short stretch did not hold the page: are the values too rare for the long one?
            bound = rollups.fewest_matches(rollups.value_groups(data), *span)
            if bound is not None:
                fewest, total = bound
                if fewest * stretch < (n - len(rows)) * total:
                    break
        edge = _stretch_start(top, stretch, first)
        probe = f"{dated} AND m.published_at >= %s" if edge else dated
        probe_params = (*params, edge) if edge else params
        if stretch == PROBES[0]:
            # So short a stretch is walked by the planner's own choice.
            found = _card_rows_of(probe, probe_params, n - len(rows))
        else:
            found = _card_rows_of(probe, probe_params, n - len(rows), walk=True)
        if len(rows) + len(found) >= n or not edge:  # a full page, or the whole window was walked
            return rows + found
    if fewest == 0:
        return rows  # the rollups count no dated article of the window with these values
    condition = tag_months.condition(data, *span, walk=0) if span is not None else None
    if condition is not None:
        indexed, params = (
            qs.filter(condition).order_by().values("id", "published_at").query.sql_with_params()
        )
        dated = f"SELECT m.id FROM ({indexed}) m WHERE m.published_at IS NOT NULL"
    sort = fewest is not None and fewest <= FEW_MATCHES
    return rows + _card_rows_of(dated, params, n - len(rows), sort=sort)


def _stretch_start(top: dt.date | None, stretch: int, first: dt.date | None) -> dt.datetime | None:
    """Where a walk of the newest ``stretch`` articles up to ``top`` starts: the start of
    the day from which the rollups count that many (``rollups.newest_days``, one
    row per day read newest first), or None when the stretch reaches back past the
    window's ``first`` day or the archive's start: the walk is then the whole window.

    A bound, not a count: articles of ``top`` newer than a cursor, or not yet
    counted, only make the stretch a little shorter or longer than ``stretch``.
    """
    if top is None:
        return None
    day = rollups.newest_days("total", "", top, stretch, first)
    if day is None or (first is not None and day <= first):
        return None
    return start_of(day)


def _newest_word_rows(
    qs: QuerySet[Article],
    n: int,
    window: tuple[dt.date | None, dt.date | None],
    position: tuple[dt.datetime | None, int] | None,
    data: dict[str, Any],
    untagged: QuerySet[Article] | None,
) -> list[dict[str, Any]]:
    """The card rows of the first ``n`` articles of ``qs``, a words filter, newest first.

    The date index does not hold the words, so a walk of it would read
    each row's search vector from the table (a rare word: half a second),
    and the planner's own plan reads every match's row to sort them (a
    word in one article of a hundred: ten thousand rows). The matches are
    taken a span of days at a time instead, newest first, through the word
    index and the spans' date terms (``newest_matches``, as search does).
    An open end of the window is the archive's, a month wider: the
    archive's span is kept in the process for a few seconds, and an
    article of a day it has not seen yet is still in the window.
    """
    archive = rollups.data_span()
    first = window[0] or (archive[0] - MONTH if archive else None)
    last = window[1] or (archive[1] + MONTH if archive else None)
    if position is not None and position[0] is not None and last is not None:
        # Past the cursor: the walk starts from its day.
        last = min(last, timezone.localtime(position[0]).date())
    span = (first, last) if first is not None and last is not None and first <= last else None
    undated = not window[0] and (position is None or position[0] is None)
    found = newest_matches(qs, n - 1, window=span, undated=undated, tags=data, untagged=untagged)
    return card_rows_by_id([pk for pk, _, _ in found[:n]])


def _words_page(
    params: QueryDict | dict[str, Any],
    qs: QuerySet[Article],
    cursor: str | None,
    window: tuple[dt.date | None, dt.date | None],
    data: dict[str, Any],
) -> Page:
    """A page of a words filter, its ids kept as search keeps its ranking.

    The spans of days a words filter reads (``newest_matches``) cost
    several statements; the page's ids and next cursor are cached under
    the filter and cursor for the ``results`` lifetime and dropped by any
    write, so a repeated page reads its cards by primary key.
    """
    built: dict[str, Page] = {}

    def compute() -> dict[str, Any]:
        untagged = None
        if tag_months.groups(data):
            # The words' spans of a few months read the "value × month" index
            # in place of the tag filters (``newest_matches``).
            untagged = filtered_articles(without(params, tag_months.TAG_PARAMS))[0]
        page = built["page"] = article_page(
            qs, cursor=cursor, window=window, data=data, untagged=untagged
        )
        return {"ids": [card.id for card in page.cards], "next": page.next_cursor}

    found = cached(
        "words:v1",
        f"{canonical(params, skip=('after', 'facets'))}|{cursor or ''}",
        compute,
        "results",
        scope=ARTICLES,
    )
    if "page" in built:
        return built["page"]
    return Page(
        cards=to_cards(card_rows_by_id(found["ids"])),
        next_cursor=found["next"],
        is_first=decode_cursor(cursor) is None,  # a damaged cursor reads the first page
    )


# Bitmap scans off for one statement: sent with it in one message, the setting is
# the statement's implicit transaction's and goes with it (one round trip where a
# transaction of its own took four).
_WALK_ONLY = "SET LOCAL enable_bitmapscan = off; "


def _card_rows_of(
    ids_sql: str, params: Iterable[Any], n: int, *, sort: bool = False, walk: bool = False
) -> list[dict[str, Any]]:
    """Card rows of the newest ``n`` ids that ``ids_sql`` selects (as ``m.id``), newest first;
    with ``sort``, every match is read and sorted instead of walking the date index;
    with ``walk``, the date index is walked with bitmap scans off."""
    order = UNINDEXED_TIME if sort else "m.published_at"
    sql = (
        f"SELECT {CARD_SQL_COLUMNS} FROM {_TABLE} WHERE id IN "
        f"({ids_sql} ORDER BY {order} DESC NULLS FIRST, m.id DESC LIMIT %s) "
        f"{_NEWEST_FIRST} NULLS FIRST"
    )
    if walk and connection.settings_dict.get("OPTIONS", {}).get("server_side_binding"):
        # Parameters bound by the server allow one statement a message only.
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute("SET LOCAL enable_bitmapscan = off")
            return _card_rows_of(ids_sql, params, n, sort=sort)
    with connection.cursor() as cur:
        cur.execute(_WALK_ONLY + sql if walk else sql, (*params, n))
        if walk:
            cur.nextset()  # past the setting's empty result, to the rows
        return [dict(zip(CARD_FIELDS, row, strict=True)) for row in cur.fetchall()]


def article_list(
    params: QueryDict | dict[str, Any] | None,
    *,
    cursor: str | None = None,
    with_facets: bool = True,
) -> dict[str, Any]:
    """The list page's data: the bound filter, one page of cards and (unless deferred) facets.

    Facets cost several times what a page of cards costs on a large
    archive, so the page can leave them to a request of its own
    (``with_facets=False``; see :func:`facets`).
    """
    qs, flt = filtered_articles(params)
    data = getattr(flt.form, "cleaned_data", None) or {} if flt.is_valid() else {}
    window = (data.get("date_from"), data.get("date_to"))
    if window[0] and window[1] and rollups.clip(*sorted(window)) is None:
        # No article was published in the window: nothing to walk.
        page = Page(cards=[], next_cursor=None, is_first=True)
    elif data.get("q"):
        page = _words_page(params or {}, qs, cursor, window, data)
    else:
        page = article_page(qs, cursor=cursor, window=window, data=data)
    return {
        "filter": flt,
        "page": page,
        "facets": facets(params) if with_facets else None,
    }
