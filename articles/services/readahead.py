"""Run a generator one step ahead in a thread, so its CPU work overlaps the caller's waits.

Bulk ingest alternates between work in Python (reading files, cleaning,
fingerprinting a chunk) and waiting for PostgreSQL to store it. Done in
turn, the two add up; with the preparation of the next chunk running in a
thread while the database stores the current one, the slower of the two
sets the pace. The socket wait releases the GIL, so the thread gets the
interpreter exactly when the caller has nothing to do.

The generator must not touch the database: Django connections belong to
the thread that opened them.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")

_DONE = object()


class _Failure:
    def __init__(self, exc: BaseException) -> None:
        self.exc = exc


def read_ahead(items: Iterable[T], depth: int = 2) -> Iterator[T]:
    """Yield ``items`` in order while a thread produces up to ``depth`` of them in advance.

    An exception in the producer is raised here, at the point the failed
    item would have been yielded; leaving the loop early (an exception in
    the caller, or ``break``) stops the producer at its next item.
    """
    buffer: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def put(value: object) -> bool:
        while not stop.is_set():
            try:
                buffer.put(value, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in items:
                if not put(item):
                    return
        except BaseException as exc:  # handed over to the consumer, raised there
            put(_Failure(exc))
            return
        put(_DONE)

    worker = threading.Thread(target=produce, name="read-ahead", daemon=True)
    worker.start()
    try:
        while True:
            value = buffer.get()
            if value is _DONE:
                return
            if isinstance(value, _Failure):
                raise value.exc
            yield value
    finally:
        stop.set()
        worker.join(timeout=5)
