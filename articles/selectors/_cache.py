"""Short-lived caching of shared aggregates, keyed by the canonical filter state."""

from __future__ import annotations

import datetime as dt
import hashlib
import time
import weakref
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from django.core.cache import cache, caches

T = TypeVar("T")

# Long enough to absorb 20 analysts opening the same timeline, short enough
# that a correction shows up in the counts within a minute or two.
DEFAULT_TTL = 90
# Names read on every page (actors, topics, outlets, threads) are also kept
# in the worker process this long, so a page does not fetch and unpickle
# the same dictionaries from Redis several times.
LOCAL_TTL = 30

# One memo per cache backend object: a test that swaps the cache (or a
# worker that reconnects) starts with an empty memo instead of stale names.
_memos: weakref.WeakKeyDictionary[Any, dict[str, tuple[float, Any]]] = weakref.WeakKeyDictionary()


# Per-day values are also kept in the process for a few seconds: a window
# of three months is a hundred keys, and the same days come back request
# after request. Short enough that every worker sees a new count or result
# within seconds of the shared cache.
DAY_LOCAL_TTL = 15
DAY_LOCAL_MAX = 50_000
_day_memos: weakref.WeakKeyDictionary[Any, dict[str, tuple[float, Any]]] = (
    weakref.WeakKeyDictionary()
)


def _day_memo() -> dict[str, tuple[float, Any]]:
    return _day_memos.setdefault(caches["default"], {})


def _remember(memo: dict[str, tuple[float, Any]], key: str, value: Any, now: float) -> None:
    if len(memo) >= DAY_LOCAL_MAX:
        memo.clear()
    memo[key] = (now + DAY_LOCAL_TTL, value)


def canonical(params: Mapping[str, Iterable[str]] | None, *, skip: Iterable[str] = ()) -> str:
    """A stable text for a filter state: sorted keys, sorted values, empties dropped."""
    if not params:
        return ""
    skip = set(skip)
    parts: list[str] = []
    for key in sorted(params):
        if key in skip:
            continue
        values = params.getlist(key) if hasattr(params, "getlist") else params[key]
        if isinstance(values, str):
            values = [values]
        for value in sorted(v for v in values if v not in ("", None)):
            parts.append(f"{key}={value}")
    return "&".join(parts)


def key_for(namespace: str, state: str) -> str:
    """The cache key of a namespace and state (hashed: states can be long URLs)."""
    return f"sel:{namespace}:" + hashlib.sha1(state.encode("utf-8")).hexdigest()


def cached(namespace: str, state: str, compute: Callable[[], T], ttl: int = DEFAULT_TTL) -> T:
    """Return the cached value of ``compute()`` for this state, computing it once on a miss."""
    key = key_for(namespace, state)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, ttl)
    return value


def local(name: str, compute: Callable[[], T], ttl: float = LOCAL_TTL) -> T:
    """``compute()`` memoised in this process for ``ttl`` seconds.

    Only for small, slowly changing lookups (names by id); anything that
    must be consistent across workers goes through :func:`cached`.
    """
    memo = _memos.setdefault(caches["default"], {})
    now = time.monotonic()
    hit = memo.get(name)
    if hit is not None and hit[0] > now:
        return hit[1]
    value = compute()
    memo[name] = (now + ttl, value)
    return value


def by_day(
    namespace: str,
    state: str,
    first: dt.date,
    last: dt.date,
    compute: Callable[[dt.date, dt.date], tuple[dict[dt.date, T], dt.date | None]],
    ttl: int = DEFAULT_TTL,
) -> tuple[dict[dt.date, T], dt.date | None]:
    """Per-day partial results for ``first``…``last``, from the cache where present.

    A date range is the union of its days, so a value that adds up over
    days (facet counts, ranked matches) is cached per day and any range,
    however it is drawn, reuses the days already computed. ``compute(a, b)``
    is called once for the span of the missing days, newest first; it may
    stop early under its budget, returning the values of the days it
    finished and the oldest of them (``None`` when it finished them all).
    Returns the values of the complete days, newest first without gaps, and
    the oldest complete day when the range could not be finished.
    """
    days = [last - dt.timedelta(days=i) for i in range((last - first).days + 1)]
    keys = {day: key_for(namespace, f"{state}|{day.isoformat()}") for day in days}
    memo = _day_memo()
    now = time.monotonic()
    values: dict[dt.date, T] = {}
    for day, key in keys.items():
        hit = memo.get(key)
        if hit is not None and hit[0] > now:
            values[day] = hit[1]
    wanted = [keys[day] for day in days if day not in values]
    found = cache.get_many(wanted) if wanted else {}
    for day in days:
        if day not in values and keys[day] in found:
            values[day] = found[keys[day]]
            _remember(memo, keys[day], values[day], now)
    missing = [day for day in days if day not in values]
    stopped: dt.date | None = None
    if missing:
        computed, stopped = compute(missing[-1], missing[0])
        cache.set_many({keys[day]: v for day, v in computed.items() if day in keys}, ttl)
        for day, v in computed.items():
            if day in keys:
                _remember(memo, keys[day], v, now)
        values.update(computed)
    out: dict[dt.date, T] = {}
    for day in days:  # newest first: stop at the first day we could not complete
        if day not in values:
            return out, day + dt.timedelta(days=1)
        out[day] = values[day]
    return out, stopped
