from __future__ import annotations

import uuid

import pytest


@pytest.fixture(autouse=True)
def private_cache(settings) -> None:
    """Each test its own cache: what a page here caches (the latest date…) must not reach other tests."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"alerts-{uuid.uuid4()}",
        }
    }
