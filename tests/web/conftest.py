from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def own_cache(private_cache) -> None:
    """Every web test has a cache of its own (``private_cache``)."""
