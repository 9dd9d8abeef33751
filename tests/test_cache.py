"""The shared cache is the real Redis, read through one client per pool."""

from __future__ import annotations

from django.core.cache import caches

from negotiation_tracker.cache import RedisCache


def test_the_cache_round_trips_through_redis_with_one_client() -> None:
    cache = caches["default"]
    assert isinstance(cache, RedisCache)
    cache.set("cache-test", {"ids": [3, 2, 1]}, 30)
    assert cache.get("cache-test") == {"ids": [3, 2, 1]}
    assert cache.get_many(["cache-test", "cache-test-absent"]) == {"cache-test": {"ids": [3, 2, 1]}}
    client = cache._cache.get_client()
    assert cache._cache.get_client() is client
    assert cache._cache.get_client(write=True) is client  # one server: reads and writes share it
    cache.delete("cache-test")
    assert cache.get("cache-test") is None


def test_the_process_memo_drops_expired_values_as_it_goes(monkeypatch) -> None:
    from articles import cache as _cache

    memo = _cache._memo()
    memo.clear()
    monkeypatch.setattr(_cache, "SWEEP_EVERY", 10)
    _cache._writes[0] = 0
    for i in range(9):
        _cache._remember(memo, f"old-{i}", i, ttl=-1)  # already expired
    assert len(memo) == 9
    _cache._remember(memo, "fresh", "v", ttl=60)  # the tenth write sweeps
    assert list(memo) == ["fresh"]
    assert _cache.local("fresh", lambda: "recomputed") == "v"


def test_the_process_memo_is_cleared_when_full_of_live_values(monkeypatch) -> None:
    from articles import cache as _cache

    memo = _cache._memo()
    memo.clear()
    monkeypatch.setattr(_cache, "LOCAL_MAX", 5)
    for i in range(5):
        _cache._remember(memo, f"live-{i}", i, ttl=60)
    _cache._remember(memo, "one-more", 1, ttl=60)
    assert list(memo) == ["one-more"]


def test_forgetting_the_process_memo_recomputes_live_values() -> None:
    from articles import cache as _cache

    assert _cache.local("answer", lambda: 1, ttl=60) == 1
    assert _cache.local("answer", lambda: 2, ttl=60) == 1
    _cache.forget_local()
    assert _cache.local("answer", lambda: 3, ttl=60) == 3
