"""The date terms of a span of days, as ``search_vector`` holds them.

Every article's ``search_vector`` carries the day and the month it was
published (UTC) as terms no word can give: ``~d20250314``, ``~m202503``,
or ``~u`` when it has no date (``article_search_dates``, migration 0025).
A search probe ORs the terms of its span beside the words, so the GIN
index drives the scan by the span's entries and skips through a common
word's entry instead of decoding all of it and intersecting it with the
date index. The terms only narrow the candidates: the probe keeps its
own date condition, so a span given in another time zone stays exact.
"""

from __future__ import annotations

import datetime as dt

# A span naming more terms than this (years of edge days) is read without them.
MOST_TERMS = 64
# A words filter's window of more days than this is read through the date
# index alone: the list knows no counts, and half a year of a million
# articles still read faster through the terms (``selectors.search``).
MOST_WINDOW_DAYS = 184
UNDATED = "'~u'"


def matching(column: str) -> str:
    """SQL that ``column`` (a search vector) holds one of the terms given as its parameter."""
    return f"{column} @@ %s::tsquery"


def _month_end(day: dt.date) -> dt.date:
    following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def day_terms(first: dt.date, last: dt.date) -> list[str] | None:
    """The terms of the days ``first``…``last``: a whole month as its month's term,
    the days of a month cut by an end one by one; None when that is more
    than ``MOST_TERMS`` or the span is empty. Raises OverflowError at the
    calendar's end."""
    if last < first:
        return None
    terms: list[str] = []
    day = first
    while day <= last:
        end = _month_end(day)
        if day.day == 1 and end <= last:
            terms.append(f"~m{day:%Y%m}")
            day = end + dt.timedelta(days=1)
        else:
            stop = min(end, last)
            while day <= stop:
                terms.append(f"~d{day:%Y%m%d}")
                day += dt.timedelta(days=1)
        if len(terms) > MOST_TERMS:
            return None
    return terms


def span_query(start: dt.datetime, end: dt.datetime) -> str | None:
    """tsquery text matching every article published in [``start``, ``end``), and a
    few either side when the ends are not midnights UTC; None when the
    span has too many terms to be worth naming."""
    try:
        first = start.astimezone(dt.UTC).date()
        last = (end - dt.timedelta(microseconds=1)).astimezone(dt.UTC).date()
        terms = day_terms(first, last)
    except OverflowError:  # a span that reaches the calendar's end
        return None
    if not terms:
        return None
    return " | ".join(f"'{t}'" for t in terms)
