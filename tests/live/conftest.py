from __future__ import annotations

import pytest

from tests.live.server import LocalWeb


@pytest.fixture
def web():
    """The tests' own web server on 127.0.0.1 (a free port), stopped after the test."""
    server = LocalWeb().start()
    yield server
    server.stop()
