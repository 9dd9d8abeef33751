from __future__ import annotations

import pytest

from tests.live.server import LocalWeb


@pytest.fixture
def web():
    """The tests' own web server on 127.0.0.1 (a free port), stopped after the test."""
    server = LocalWeb().start()
    yield server
    server.stop()


@pytest.fixture
def lexicon(db):
    """The shipped lexicon, topics and threads, as ``make demo`` loads them."""
    from articles.services.lexicon import load_lexicon

    return load_lexicon()


@pytest.fixture(autouse=True)
def own_cache(private_cache) -> None:
    """Every live-source test has a cache of its own (``private_cache``)."""
