"""What a query string may hold, checked once for every page and API endpoint.

Each view reads its own parameters, but the ways a hostile or broken URL
hurts are shared: a NUL character PostgreSQL refuses in text, a number
past the 64-bit range of an id, a date window of ten thousand years that
makes every per-day cache and chart walk millions of days, a search of a
megabyte of text. This middleware answers 400 to those before any view
runs, so the views and selectors only ever see bounded values. Parameters
it does not know pass through untouched; views still validate their own.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest

# The archive's dates: nothing before or after is a real publication date.
MIN_DATE = dt.date(1900, 1, 1)
MAX_DATE = dt.date(2100, 12, 31)
DATE_PAIRS = (("date_from", "date_to"), ("start_from", "start_to"), ("since", "until"))
DATE_NAMES = frozenset({name for pair in DATE_PAIRS for name in pair} | {"day", "when"})
# Numbers that end up compared with a bigint column.
ID_NAMES = frozenset({"source", "before", "watchlist", "page", "batches", "article", "thread_id"})
MAX_ID = 2**63 - 1
MAX_QUERY_CHARS = 500  # ``q``: several sentences, never a document
MAX_VALUE_CHARS = 2000
MAX_REPEATS = 50  # values of one parameter (``?actor=A&actor=B…``)

# The admin's date drill-down (``published_at__year=2015``): a year past the
# calendar's overflows the C integer Python's dates are built from.
DATE_PARTS = {"year": (MIN_DATE.year, MAX_DATE.year), "month": (1, 12), "day": (1, 31)}

_ISO_DATE = re.compile(r"^\s*(-?\d+)-(\d{1,2})-(\d{1,2})\s*$")
_DIGITS = re.compile(r"\d+")


def problem(params) -> str | None:
    """Why this query string is refused, or None when it may go on."""
    for name, values in params.lists():
        if "\x00" in name or len(name) > 100:
            return "bad parameter name"
        if len(values) > MAX_REPEATS:
            return f"too many values for {name}"
        limit = MAX_QUERY_CHARS if name == "q" else MAX_VALUE_CHARS
        for value in values:
            if "\x00" in value:
                return f"NUL character in {name}"
            if len(value) > limit:
                return f"{name} is longer than {limit} characters"
            if name in ID_NAMES and any(int(n) > MAX_ID for n in _DIGITS.findall(value)):
                return f"{name} is out of range"
            if name in DATE_NAMES and not _date_in_bounds(value):
                return f"{name} must be a date between {MIN_DATE} and {MAX_DATE}"
            part = name.rpartition("__")[2]
            if part in DATE_PARTS and not _part_in_bounds(value, *DATE_PARTS[part]):
                return f"{name} is out of range"
    for first, last in DATE_PAIRS:
        start, end = _date(params.get(first)), _date(params.get(last))
        if start and end and start > end:
            return f"{first} is after {last}"
    return None


def _date(value: str | None) -> dt.date | None:
    match = _ISO_DATE.match(value or "")
    if not match:
        return None
    try:
        return dt.date(*(int(g) for g in match.groups()))
    except (ValueError, OverflowError):
        return None


def _part_in_bounds(value: str, low: int, high: int) -> bool:
    """A year, month or day that ``int()`` reads (a sign, spaces, any script's digits)
    must lie in its range; other text is the view's to refuse."""
    try:
        number = int(value)  # a value is at most MAX_VALUE_CHARS: past 4,300 digits, ValueError
    except ValueError:
        return True
    return low <= number <= high


def _date_in_bounds(value: str) -> bool:
    """A value that looks like a date must be a real one inside the archive's range."""
    match = _ISO_DATE.match(value)
    if not match:
        return True  # not a date at all: the view's own form says so
    day = _date(value)
    return day is not None and MIN_DATE <= day <= MAX_DATE


class QueryLimits:
    """400 for a query string outside :func:`problem`'s bounds, before any view runs."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        reason = "NUL character in the path" if "\x00" in request.path else problem(request.GET)
        if reason is not None:
            return HttpResponseBadRequest(reason, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
