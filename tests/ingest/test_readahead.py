"""The read-ahead used by bulk ingest: order, errors and early exits."""

from __future__ import annotations

import threading
import time

import pytest

from articles.services.readahead import read_ahead


def test_items_come_in_order_from_another_thread() -> None:
    threads: set[str] = set()

    def produce():
        for i in range(50):
            threads.add(threading.current_thread().name)
            yield i

    assert list(read_ahead(produce())) == list(range(50))
    assert threads == {"read-ahead"}


def test_a_producer_error_is_raised_after_the_items_before_it() -> None:
    def produce():
        yield 1
        yield 2
        raise ValueError("broken file")

    seen = []
    with pytest.raises(ValueError, match="broken file"):
        for item in read_ahead(produce()):
            seen.append(item)
    assert seen == [1, 2]


def test_leaving_early_stops_the_producer() -> None:
    produced = []

    def produce():
        for i in range(1000):
            produced.append(i)
            yield i

    for item in read_ahead(produce(), depth=2):
        if item == 3:
            break
    time.sleep(0.3)
    # Only the items in hand and the few buffered ahead were ever produced.
    assert len(produced) < 10
