"""Date parameters as the filter reads them, windows, and the midnight of a day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils import timezone

DATE_PARAMS = ("date_from", "date_to")
# A subquery's (``m``) publication time as an expression no index holds:
# ordered or bounded by it, a statement finds its rows through the tag or
# word indexes and sorts them, where the planner, misjudging how many
# match, would walk the date index through the whole archive for them.
UNINDEXED_TIME = "(m.published_at + interval '0 seconds')"


_DATE_FIELD = forms.DateField(
    required=False
)  # the filter's own field type: the same accepted formats


def date_param(params: QueryDict | dict[str, Any], name: str) -> dt.date | None:
    """One date parameter as the filter reads it, or None when absent or not a date."""
    try:
        return _DATE_FIELD.clean(params.get(name) or None)
    except forms.ValidationError:
        return None


def date_window(params: QueryDict | dict[str, Any]) -> tuple[dt.date, dt.date] | None:
    """Both ends of a valid date range in the parameters, oldest first, else None."""
    first, last = (date_param(params, k) for k in DATE_PARAMS)
    if not first or not last:
        return None
    return (first, last) if first <= last else (last, first)


def without(params: QueryDict | dict[str, Any], names: Iterable[str]) -> QueryDict:
    out = params.copy() if isinstance(params, QueryDict) else _as_querydict(params)
    for name in names:
        out.pop(name, None)
    return out


def _as_querydict(params: Mapping[str, Any]) -> QueryDict:
    out = QueryDict(mutable=True)
    for key, value in params.items():
        if isinstance(value, list | tuple):
            out.setlist(key, [str(v) for v in value])
        elif value is not None:
            out[key] = str(value)
    return out


def start_of(day: dt.date, plus_days: int = 0) -> dt.datetime:
    """Midnight of ``day`` (plus some days), the calendar's last day at most."""
    try:
        day = day + dt.timedelta(days=plus_days)
    except OverflowError:
        day = dt.date.max if plus_days > 0 else dt.date.min
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))
