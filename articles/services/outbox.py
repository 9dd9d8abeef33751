"""Handing work to the broker when the broker may be down.

The database is the record of what is to be done (a batch's status, an
article's ``queued_at``); a message on the broker is only a nudge. So a
message that cannot be sent is not an error for the person who uploaded
a file or ran ``ingest``: the work stays recorded as not yet queued, and
the sweep (``services.sweep``) sends it as soon as the broker answers
again. Nobody has to re-run anything.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TypeVar

from kombu.exceptions import OperationalError
from redis.exceptions import RedisError

log = logging.getLogger(__name__)

T = TypeVar("T")

# What publishing raises when Redis is down or unreachable (kombu wraps
# most of them, the result backend some of its own).
BROKER_ERRORS: tuple[type[BaseException], ...] = (OperationalError, RedisError, OSError)

UNREACHABLE = "the task queue is unreachable"
# After a failed send, further sends in this process give up at once for
# this long: a 30-chunk ingest with the broker down waits once, not 30 times.
RETRY_AFTER_SECONDS = 10.0
_down_until = 0.0


def try_send(send: Callable[[], T]) -> T | None:
    """``send()``, or ``None`` when the broker cannot be reached (logged, never raised)."""
    global _down_until
    if time.monotonic() < _down_until:
        return None
    try:
        return send()
    except BROKER_ERRORS as exc:
        _down_until = time.monotonic() + RETRY_AFTER_SECONDS
        log.info("%s (%s); the sweep will send the work when it is back", UNREACHABLE, exc)
        return None
