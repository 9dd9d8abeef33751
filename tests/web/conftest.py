from __future__ import annotations

import uuid

import pytest


@pytest.fixture(autouse=True)
def private_cache(settings) -> None:
    """Each test gets its own in-memory cache, so cached facets never leak between tests."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"web-{uuid.uuid4()}",
        }
    }
