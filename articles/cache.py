"""The product's one cache: named lifetimes, versions bumped on write, a process memo.

Pages read counts from the rollups (``models.rollups``), which are exact
on write and need no cache; what is still cached here is what costs more
than a rollup read: sampled facets of combined filters, ranked search
matches, snippets, names by id, a timeline page. Every entry lives for a
named lifetime (``LIFETIMES``) and, when it depends on articles, carries
the version of its scope in its key: the services bump the version of
``ARTICLES`` and of each thread they wrote (``invalidate``, on commit), so
a correction or a re-tag shows on the next request, not after a lifetime.
Views never call this module and templates only through the
``page_body`` tag and the frame's tags (``templatetags.chrome``);
selectors do.
"""

from __future__ import annotations

import hashlib
import time
import weakref
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from django.core.cache import cache, caches
from django.db import transaction
from django.utils.translation import get_language

T = TypeVar("T")
K = TypeVar("K")

# How long each kind of entry lives, in seconds. Entries that depend on
# articles are also dropped by a version bump on write, so these bound what
# a bump cannot see (a lexicon edit renaming an actor, a queue draining).
LIFETIMES: dict[str, int] = {
    # Aggregates over many articles (sampled facets, a timeline page).
    "counts": 300,
    # Ranked search matches of a query and filter.
    "results": 120,
    # Snippets and highlighted titles, keyed by the text's own hash.
    "text": 600,
    # Names by id (actors, topics, outlets, threads).
    "labels": 300,
    # The processing queue's counts on the home page.
    "queue": 30,
    # The archive's articles per day (its first and last day, where the
    # newest articles of a list or search begin), read by every windowed
    # page: a new day shows within these seconds.
    "span": 5,
    # A page body that is the same for every reader of a URL (the home page,
    # a timeline window, an actor's page): rendered once, for the readers
    # that follow.
    "page": 30,
    # Per-process copies of names read on every page: a page does not fetch
    # and unpickle the same dictionaries from Redis several times.
    "local": 30,
    # The frame of every page (the header's links, its pieces per kind of
    # reader), the same until a deployment: built once per process.
    "chrome": 3600,
    # One reader's own figures on every page (the bell's unread alerts):
    # dropped when the services write that reader's rows (``forget_reader``);
    # the lifetime bounds a write that names no reader (a user deleted whole).
    "reader": 30,
}
DEFAULT_TTL = LIFETIMES["counts"]
LOCAL_TTL = LIFETIMES["local"]

# Scopes of versions: every article, and one thread's articles.
ARTICLES = "articles"

# Figures kept per reader (``for_reader``): the bell's unread alerts.
UNREAD_ALERTS = "unread-alerts"


def thread_scope(thread_id: int) -> str:
    return f"thread:{thread_id}"


def _version_key(scope: str) -> str:
    return f"ver:{scope}"


def version(scope: str) -> int:
    """The current version of a scope (0 until its first bump)."""
    return cache.get(_version_key(scope)) or 0


# This process's own writes per scope, counted at once (``invalidate``).
_touched: dict[str, int] = {}


def stamp(scope: str) -> str:
    """What a value memoised in the process for ``scope`` is keyed by: the shared
    version, which the other processes see move when the write commits, and this
    process's own count of writes, which moves at once, so the writer's next read
    (an admin's redirect after adding a milestone) sees its write."""
    return f"{version(scope)}.{_touched.get(scope, 0)}"


def invalidate(scopes: Iterable[str]) -> None:
    """Bump the versions of ``scopes`` once the current transaction commits.

    On commit, not at once: a request in between would cache the old rows
    under the new version. Outside a transaction the bump is immediate.
    This process's own count (``stamp``) moves at once.
    """
    scopes = sorted({ARTICLES, *scopes})
    for scope in scopes:
        _touched[scope] = _touched.get(scope, 0) + 1

    def bump() -> None:
        for scope in scopes:
            key = _version_key(scope)
            try:
                cache.incr(key)
            except ValueError:
                cache.add(key, 1, None)

    transaction.on_commit(bump)


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


def forget_local() -> None:
    """Empty this process's memo.

    Writes drop memoised values only as their seconds run out; a process
    whose archive is replaced whole at once (a test's rolled-back data, a
    restored dump) would otherwise read the old archive's span for those
    seconds.
    """
    _memos.clear()


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


def cached(
    namespace: str,
    state: str,
    compute: Callable[[], T],
    lifetime: str = "counts",
    *,
    scope: str | None = None,
) -> T:
    """Return the cached value of ``compute()`` for this state, computing it once on a miss.

    With a ``scope`` the key carries the scope's version, so a write that
    bumps it makes the next read compute anew.
    """
    ttl = LIFETIMES[lifetime]
    if scope is not None:
        state = f"{state}|v{version(scope)}"
    key = key_for(namespace, state)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, ttl)
    return value


def local(name: str, compute: Callable[[], T], ttl: float | str = LOCAL_TTL) -> T:
    """``compute()`` memoised in this process for ``ttl`` seconds.

    Only for small, slowly changing lookups (names by id) and values keyed
    by their own content; anything that must be consistent across workers
    goes through :func:`cached`.
    """
    if isinstance(ttl, str):
        ttl = LIFETIMES[ttl]
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
    lifetime: str = "text",
) -> dict[K, T]:
    """Values for many items at once, each cached under its own state.

    ``states`` names each item's cache state; an item whose state changes
    (an edited text) simply misses. ``compute`` gets the missing items.
    """
    keys = {item: key_for(namespace, state) for item, state in states.items()}
    return _two_level(keys, compute, LIFETIMES[lifetime], LIFETIMES["local"])


def _reader_key(name: str, user_id: int) -> str:
    return f"reader:{name}:{user_id}"


def for_reader(name: str, user_id: int, compute: Callable[[], T]) -> T:
    """One reader's ``compute()``, cached until that reader's rows are written.

    For a small figure every page shows (the bell): one cache read instead
    of a statement. The services call :func:`forget_reader` for every
    reader whose rows they write.
    """
    key = _reader_key(name, user_id)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, LIFETIMES["reader"])
    return value


def forget_reader(name: str, user_ids: Iterable[int]) -> None:
    """Drop these readers' ``name`` now and again once the current transaction commits.

    Now, so the writing request's own reader sees the new figure in that
    transaction; on commit too, as :func:`invalidate`: another reader's
    request in between would cache the old figure again.
    """
    keys = [_reader_key(name, u) for u in sorted(set(user_ids))]
    if keys:
        cache.delete_many(keys)
        transaction.on_commit(lambda: cache.delete_many(keys))


def page_body(name: str, state: str, render: Callable[[], str]) -> str:
    """A rendered page body for ``state`` in the reader's language, rendered once on a miss.

    For the bodies that are the same for every reader of a URL and cost
    more to render than to fetch (a timeline window, the home page): the
    selector that builds the page's data gives ``state`` with the versions
    it depends on, so a write shows on the next request, not after the
    ``page`` lifetime.
    """
    return cached(f"body:{name}", f"{get_language()}|{state}", render, "page")


def chrome(name: str, build: Callable[[], T], lifetime: str = "chrome") -> T:
    """A piece of the pages' frame in the reader's language, built once per process.

    The frame (the header's links and its pieces per kind of reader,
    ``templatetags.chrome``) depends on no article and changes only with a
    deployment, which starts new processes: nothing to invalidate. A part
    built from data read for a shorter lifetime (the correction form's menus,
    ``templatetags.article_forms``) names that data's version in ``name``
    and lives as long as it.
    """
    return local(f"chrome:{get_language()}:{name}", build, lifetime)
