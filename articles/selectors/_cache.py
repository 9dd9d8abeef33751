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
K = TypeVar("K")

# Long enough to absorb 20 analysts opening the same timeline, short enough
# that a correction shows up in the counts within a minute or two.
DEFAULT_TTL = 90
# Names read on every page (actors, topics, outlets, threads) are also kept
# in the worker process this long, so a page does not fetch and unpickle
# the same dictionaries from Redis several times.
LOCAL_TTL = 30

# Per-day values (see ``by_day``) are also kept in the process for a few
# seconds: a window of three months is a hundred keys, and the same days
# come back request after request. Short enough that every worker sees a
# new count or result within seconds of the shared cache.
DAY_LOCAL_TTL = 15
# Every this many writes the process memo drops what has expired; at
# ``LOCAL_MAX`` live entries it is cleared whole.
SWEEP_EVERY = 500
LOCAL_MAX = 20_000
_writes = [0]
_MISSING = object()

# One memo per cache backend object: a test that swaps the cache (or a
# worker that reconnects) starts with an empty memo instead of stale names.
_memos: weakref.WeakKeyDictionary[Any, dict[str, tuple[float, Any]]] = weakref.WeakKeyDictionary()


def _memo() -> dict[str, tuple[float, Any]]:
    return _memos.setdefault(caches["default"], {})


def _recall(memo: dict[str, tuple[float, Any]], name: str, now: float) -> Any:
    """The live value memoised under ``name``, else ``_MISSING``."""
    hit = memo.get(name)
    return hit[1] if hit is not None and hit[0] > now else _MISSING


def _remember(memo: dict[str, tuple[float, Any]], name: str, value: Any, ttl: float) -> None:
    now = time.monotonic()
    _writes[0] += 1
    if _writes[0] % SWEEP_EVERY == 0 or len(memo) >= LOCAL_MAX:
        # Expired entries are dropped every so often, not only when the memo
        # is full: a day's ids can weigh a hundred kilobytes, and a worker
        # must not keep thousands of them past their seconds of life. A
        # memo still full of live entries is cleared whole.
        for key in [k for k, (until, _) in memo.items() if until <= now]:
            del memo[key]
        if len(memo) >= LOCAL_MAX:
            memo.clear()
    memo[name] = (now + ttl, value)


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

    Only for small, slowly changing lookups (names by id) and values keyed
    by their own content; anything that must be consistent across workers
    goes through :func:`cached`.
    """
    memo = _memo()
    value = _recall(memo, name, time.monotonic())
    if value is _MISSING:
        value = compute()
        _remember(memo, name, value, ttl)
    return value


def _two_level(
    keys: Mapping[K, str],
    compute: Callable[[list[K]], Mapping[K, T]],
    ttl: int,
    local_ttl: float,
) -> dict[K, T]:
    """Values of many cache keys: this process's memo, then one Redis read, then
    one ``compute(missing items)`` for the rest, stored in both."""
    memo, now = _memo(), time.monotonic()
    values = {
        item: v for item, key in keys.items() if (v := _recall(memo, key, now)) is not _MISSING
    }
    wanted = [key for item, key in keys.items() if item not in values]
    found = cache.get_many(wanted) if wanted else {}
    fresh = {item: found[key] for item, key in keys.items() if item not in values and key in found}
    missing = [item for item in keys if item not in values and item not in fresh]
    if missing:
        computed = {item: v for item, v in compute(missing).items() if item in keys}
        cache.set_many({keys[item]: v for item, v in computed.items()}, ttl)
        fresh.update(computed)
    for item, v in fresh.items():
        _remember(memo, keys[item], v, local_ttl)
    values.update(fresh)
    return values


def cached_many(
    namespace: str,
    states: Mapping[K, str],
    compute: Callable[[list[K]], Mapping[K, T]],
    ttl: int = DEFAULT_TTL,
    local_ttl: float = DAY_LOCAL_TTL,
) -> dict[K, T]:
    """Values for many items at once, each cached under its own state.

    ``states`` names each item's cache state; an item whose state changes
    (an edited text) simply misses. ``compute`` gets the missing items.
    """
    keys = {item: key_for(namespace, state) for item, state in states.items()}
    return _two_level(keys, compute, ttl, local_ttl)


def empty_days(first: dt.date, last: dt.date) -> dict[dt.date, list]:
    """An empty list for every day from ``first`` to ``last``: a computed span's days
    with no match are results too, and are cached as such."""
    return {first + dt.timedelta(days=i): [] for i in range((last - first).days + 1)}


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
    base = key_for(namespace, state)  # hashed once; the day is appended in clear
    keys = {day: f"{base}:{day.isoformat()}" for day in days}
    stopped: dt.date | None = None

    def compute_span(missing: list[dt.date]) -> dict[dt.date, T]:
        nonlocal stopped
        computed, stopped = compute(missing[-1], missing[0])
        return computed

    values = _two_level(keys, compute_span, ttl, DAY_LOCAL_TTL)
    out: dict[dt.date, T] = {}
    for day in days:  # newest first: stop at the first day we could not complete
        if day not in values:
            return out, day + dt.timedelta(days=1)
        out[day] = values[day]
    return out, stopped
