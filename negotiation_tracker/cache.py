"""Django's Redis cache, with one client object per connection pool instead of one per call.

Django's client builds a new ``redis.Redis`` around the shared pool for
every operation; on a page that reads the session, the user and a few
cached aggregates, building them cost a third of the time the reads took.
A ``redis.Redis`` over a pool is safe to share between threads.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from redis.exceptions import RedisError

log = logging.getLogger(__name__)


class _SharedClient(RedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._client(connection_pool=self._get_connection_pool(write))
            self._clients[index] = client
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server: Any, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = _SharedClient


class TolerantRedisCache(RedisCache):
    """The Redis cache, where an unreachable Redis is a miss, not an error.

    The cache only ever saves work: sessions are kept in the database too
    (``cached_db``), the signed-in user and every aggregate can be read
    again. So with Redis down a page is built from the database instead of
    failing; reads answer the default, writes and deletes do nothing. After
    a failure the cache is skipped for ``RETRY_AFTER`` seconds, so a Redis
    that hangs costs one connection timeout, not one per key.
    """

    RETRY_AFTER = 5.0

    def __init__(self, server: Any, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._down_until = 0.0

    def _tolerate(self, default: Any, call: Any, *args: Any, **kwargs: Any) -> Any:
        if time.monotonic() < self._down_until:
            return default
        try:
            return call(*args, **kwargs)
        except RedisError as exc:
            self._down_until = time.monotonic() + self.RETRY_AFTER
            log.warning("cache unreachable, reading from the database: %s", exc)
            return default

    def get(self, key: Any, default: Any = None, version: Any = None) -> Any:
        return self._tolerate(default, super().get, key, default, version)

    def get_many(self, keys: Any, version: Any = None) -> dict[Any, Any]:
        return self._tolerate({}, super().get_many, keys, version)

    def has_key(self, key: Any, version: Any = None) -> bool:
        return self._tolerate(False, super().has_key, key, version)

    def add(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None
    ) -> bool:
        return self._tolerate(False, super().add, key, value, timeout, version)

    def set(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None
    ) -> None:
        self._tolerate(None, super().set, key, value, timeout, version)

    def set_many(self, data: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> list:
        return self._tolerate(list(data), super().set_many, data, timeout, version)

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> bool:
        return self._tolerate(False, super().touch, key, timeout, version)

    def delete(self, key: Any, version: Any = None) -> bool:
        return self._tolerate(False, super().delete, key, version)

    def delete_many(self, keys: Any, version: Any = None) -> None:
        self._tolerate(None, super().delete_many, keys, version)

    def clear(self) -> None:
        self._tolerate(None, super().clear)
