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


def try_send(send: Callable[[], T]) -> T | None:
    """``send()``, or ``None`` when the broker cannot be reached (logged, never raised)."""
    try:
        return send()
    except BROKER_ERRORS as exc:
        log.warning("%s (%s); the sweep will send the work when it is back", UNREACHABLE, exc)
        return None
