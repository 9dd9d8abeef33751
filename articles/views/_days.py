"""Days as the pages print them: «5 ديسمبر 2026» in the interface's language, ISO in ``<time>``.

Django's ``date`` filter builds a formatter and looks the format up for
every value: a thread page's table of days and its lanes print a few
hundred, a few milliseconds of a page that otherwise costs ten. These
give the same text as ``|date:"j N Y"`` and ``|date:"Y-m-d"``.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.dates import MONTHS_AP


def _day(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return (timezone.localtime(value) if timezone.is_aware(value) else value).date()
    return value if isinstance(value, dt.date) else None


def day_label(value: object) -> str:
    """``j N Y``: the day, the month's short name, the year; empty for no date."""
    day = _day(value)
    return "" if day is None else f"{day.day} {MONTHS_AP[day.month]} {day.year:04d}"


def iso_day(value: object) -> str:
    """``Y-m-d``, for a ``<time datetime>``; empty for no date."""
    day = _day(value)
    return "" if day is None else f"{day.year:04d}-{day.month:02d}-{day.day:02d}"
