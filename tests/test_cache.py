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
