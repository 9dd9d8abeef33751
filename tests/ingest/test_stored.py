"""Files read from storage (perhaps an object store on another host): the size is checked first."""

from __future__ import annotations

from articles.ingest import Limits, Record, RowError, read_stored


def test_a_stored_file_over_the_limit_is_never_fetched() -> None:
    def load(n: int) -> bytes:
        raise AssertionError("fetched a file over the limit")

    items = list(read_stored("day.zip", 2_000_001, load, Limits(max_file_bytes=2_000_000)))
    assert len(items) == 1 and isinstance(items[0], RowError)
    assert items[0].origin == "day.zip" and "over the" in items[0].reason


def test_a_stored_file_is_fetched_once_up_to_one_byte_past_the_limit() -> None:
    asked: list[int] = []
    data = b'{"title": "a", "text": "b"}\n'

    def load(n: int) -> bytes:
        asked.append(n)
        return data[:n]

    items = list(read_stored("batch.jsonl", len(data), load, Limits(max_file_bytes=1000)))
    assert asked == [1001]
    assert [i.title for i in items if isinstance(i, Record)] == ["a"]
