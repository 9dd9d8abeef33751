"""Readers per format: bytes in, ``Record``/``RowError`` out.

One entry point, ``read_bytes``, picks the reader from the file name's
extension (or from the content when there is none), so a ZIP member goes
through exactly the same path as an uploaded file. Readers are generators:
an upload of thirty thousand articles streams into the store service in
batches instead of being held in memory as model objects.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from .archives import read_zip
from .decoding import decode
from .limits import Budget, Limits, human_size
from .records import TEXT_FIELDS, Record, RowError, canonical_key, record_from_fields

# Article bodies are long; the csv module's default of 128 KB per field
# rejects some of them. The limit on the file as a whole still applies.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

FORMATS: dict[str, str] = {
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".jsonlines": "jsonl",
    ".csv": "csv",
    ".tsv": "tsv",
    ".txt": "txt",
    ".text": "txt",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".zip": "zip",
}
# Containers that hold a list of articles under one key of a JSON object.
_JSON_LIST_KEYS = ("articles", "items", "records", "data", "results", "documents")


def read_file(path: Path, limits: Limits | None = None) -> Iterator[Record | RowError]:
    """Records from one file on disk; the size is checked before reading it."""
    limits = limits or Limits()
    name = path.name
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        yield RowError(str(path), None, "no such file")
        return
    except OSError as exc:
        yield RowError(str(path), None, f"cannot read the file: {exc.strerror or exc}")
        return
    if path.is_dir():
        yield RowError(str(path), None, "is a folder, not a file")
        return
    if size > limits.max_file_bytes:
        yield RowError(name, None, _too_big(size, limits))
        return
    if _format_of(name) is None and Path(name).suffix:
        yield RowError(name, None, _unknown_type(name))
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield RowError(name, None, f"cannot read the file: {exc.strerror or exc}")
        return
    yield from read_bytes(name, data, limits)


def read_stored(
    name: str, size: int, load: Callable[[int], bytes], limits: Limits | None = None
) -> Iterator[Record | RowError]:
    """Records from a file kept in storage (perhaps an object store on another host).

    The size, known before reading, is checked first, so an object over the
    limit is never fetched; ``load(n)`` returns the file's first ``n`` bytes.
    """
    limits = limits or Limits()
    if size > limits.max_file_bytes:
        yield RowError(name, None, _too_big(size, limits))
        return
    yield from read_bytes(name, load(limits.max_file_bytes + 1), limits)


def read_bytes(name: str, data: bytes, limits: Limits | None = None) -> Iterator[Record | RowError]:
    """Records from an uploaded file's bytes; ``name`` picks the format."""
    yield from _read(name, data, Budget(limits or Limits()), 0)


def _read(name: str, data: bytes, budget: Budget, depth: int) -> Iterator[Record | RowError]:
    limits = budget.limits
    if len(data) > limits.max_file_bytes:
        yield RowError(name, None, _too_big(len(data), limits))
        return
    fmt = _format_of(name)
    if fmt is None:
        if Path(name).suffix:
            yield RowError(name, None, _unknown_type(name))
            return
        fmt = _sniff(data)
    if not data or data.isspace():
        yield RowError(name, None, "file is empty")
        return
    if fmt == "zip":
        yield from read_zip(name, data, budget, depth, _read)
        return
    text = decode(data)
    if not text.strip():
        yield RowError(name, None, "file is empty")
        return
    if fmt == "json":
        yield from _read_json(name, text)
    elif fmt == "jsonl":
        yield from _read_jsonl(name, text)
    elif fmt in ("csv", "tsv"):
        yield from _read_csv(name, text, "\t" if fmt == "tsv" else None)
    elif fmt == "html":
        yield from _read_html(name, text)
    else:
        yield from _read_txt(name, text)


def _format_of(name: str) -> str | None:
    return FORMATS.get(Path(name).suffix.lower())


def _sniff(data: bytes) -> str:
    """Format of a file without extension, from its first bytes."""
    if data.startswith(b"PK\x03\x04"):
        return "zip"
    head = decode(data[:2048]).lstrip().lower()
    if head.startswith("["):
        return "json"
    if head.startswith("{"):
        return "jsonl"
    if head.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in head:
        return "html"
    return "txt"


def _too_big(size: int, limits: Limits) -> str:
    return f"file is {human_size(size)}, over the {human_size(limits.max_file_bytes)} limit"


def _unknown_type(name: str) -> str:
    known = ", ".join(sorted(FORMATS))
    return f"unknown file type '{Path(name).suffix.lower()}' (readable: {known})"


def _json_problem(exc: json.JSONDecodeError, with_line: bool) -> str:
    where = f"line {exc.lineno} column {exc.colno}" if with_line else f"column {exc.colno}"
    return f"not valid JSON: {exc.msg} at {where}"


# What ``json`` raises on hostile input besides JSONDecodeError: an integer
# of more than 4,300 digits is a ValueError, arrays nested a few thousand
# deep a RecursionError. Both are one bad row, never the end of the file.
_JSON_FAILURES = (ValueError, RecursionError)


def _unreadable(exc: BaseException, with_line: bool = True) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return _json_problem(exc, with_line)
    if isinstance(exc, RecursionError):
        return "not valid JSON: nested too deeply"
    if "digits" in str(exc):
        return "not valid JSON: a number has too many digits"
    return f"not valid JSON: {exc}"


def _from_item(name: str, item: Any, where: str, index: int) -> Record | RowError:
    if not isinstance(item, dict):
        kind = type(item).__name__.replace("str", "string").replace("dict", "object")
        return RowError(name, index, f"{where}: expected an object, got a {kind}")
    try:
        return record_from_fields(item, f"{name}:{index}", where, index)
    except RecursionError:
        return RowError(name, index, f"{where}: not valid JSON: nested too deeply")


def _read_json(name: str, text: str) -> Iterator[Record | RowError]:
    """A JSON array of articles, an object holding one, or one article object.

    ``.json`` files that are really JSON Lines (one object per line) are
    read as such. A broken array is read item by item up to the damage, so
    the articles before it are kept.
    """
    stripped = text.lstrip()
    if stripped.startswith("{"):
        first_line = stripped.split("\n", 1)[0]
        try:
            json.loads(first_line)
        except _JSON_FAILURES:
            pass
        else:
            if "\n" in stripped.strip():
                yield from _read_jsonl(name, text)
                return
    try:
        value = json.loads(text)
    except _JSON_FAILURES as exc:
        if stripped.startswith("["):
            yield from _salvage_array(name, text)
        else:
            yield RowError(name, getattr(exc, "lineno", None), _unreadable(exc))
        return
    if isinstance(value, dict):
        for key in _JSON_LIST_KEYS:
            if isinstance(value.get(key), list) and not any(
                canonical_key(k) in TEXT_FIELDS for k in value
            ):
                value = value[key]
                break
        else:
            yield _from_item(name, value, "the object", 1)
            return
    if not isinstance(value, list):
        yield RowError(name, None, "expected a JSON array of articles or an article object")
        return
    for index, item in enumerate(value, 1):
        yield _from_item(name, item, f"item {index}", index)


def _salvage_array(name: str, text: str) -> Iterator[Record | RowError]:
    """Items of a damaged JSON array, each bad item reported and stepped over.

    An item that does not parse is skipped to the comma that ends it (found
    by bracket and string matching), so the items after it are still read;
    only damage that hides where the item ends stops the reading.
    """
    decoder = json.JSONDecoder()
    pos = text.index("[") + 1
    index = 0
    length = len(text)
    while True:
        while pos < length and text[pos] in " \t\n\r":
            pos += 1
        if pos < length and text[pos] == "]":
            return
        if pos >= length:
            yield RowError(name, text.count("\n") + 1, "not valid JSON: the array is not closed")
            return
        index += 1
        start = pos
        try:
            item, pos = decoder.raw_decode(text, pos)
        except _JSON_FAILURES as exc:
            line = text.count("\n", 0, start) + 1
            end = _value_end(text, start)
            if end is None:
                # Brackets that never close: go on at the next line that
                # opens an object, as one-item-per-line exports have it.
                resume = _NEXT_OBJECT_LINE.search(text, start + 1)
                if resume is None:
                    yield RowError(
                        name,
                        line,
                        f"item {index}: {_unreadable(exc)}; the items after it were not read",
                    )
                    return
                yield RowError(name, line, f"item {index}: {_unreadable(exc)}")
                pos = resume.start(1)
                continue
            yield RowError(name, line, f"item {index}: {_unreadable(exc)}")
            pos = end
        else:
            yield _from_item(name, item, f"item {index}", index)
        while pos < length and text[pos] in " \t\n\r":
            pos += 1
        if pos < length and text[pos] == ",":
            pos += 1
        elif pos >= length or text[pos] != "]":
            line = text.count("\n", 0, pos) + 1
            yield RowError(
                name,
                line,
                f"item {index}: not valid JSON: expected ',' or ']' after it at line {line}; "
                "the items after it were not read",
            )
            return


_STRUCTURE = re.compile(r'["\\\[\]{},]')
_NEXT_OBJECT_LINE = re.compile(r"\n[ \t]*(\{)")


def _value_end(text: str, pos: int) -> int | None:
    """Where the JSON value starting at ``pos`` ends: the ``,`` or ``]`` after it.

    Counts brackets outside strings, jumping from one structural character
    to the next, so a megabyte of nesting is skipped in one pass. ``None``
    when the brackets never balance.
    """
    depth = 0
    in_string = False
    skip_to = pos  # the character after a backslash is never structural
    for m in _STRUCTURE.finditer(text, pos):
        if m.start() < skip_to:
            continue
        c = m.group()
        if in_string:
            if c == "\\":
                skip_to = m.end() + 1
            elif c == '"':
                in_string = False
            continue
        if c == '"':
            in_string = True
        elif c in "[{":
            depth += 1
        elif c in "]}":
            if depth == 0:
                return m.start() if c == "]" else None
            depth -= 1
        elif c == "," and depth == 0:
            return m.start()
    return None


def _read_jsonl(name: str, text: str) -> Iterator[Record | RowError]:
    """One JSON object per line; a broken line is reported and skipped."""
    loads = json.loads
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        where = f"line {number}"
        try:
            item = loads(line)
        except _JSON_FAILURES as exc:
            yield RowError(name, number, f"{where}: {_unreadable(exc, False)}")
            continue
        yield _from_item(name, item, where, number)


def _delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _read_csv(name: str, text: str, delimiter: str | None) -> Iterator[Record | RowError]:
    """CSV with a header row; rows are numbered as a spreadsheet shows them.

    Row numbers count records, not physical lines (a quoted body spans many
    lines), with the header as row 1, so "row 4" is row 4 in Excel.
    """
    delimiter = delimiter or _delimiter(text.split("\n", 1)[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        yield RowError(name, 1, f"row 1: no readable header: {exc}")
        return
    keys = [canonical_key(h) for h in header]
    if not any(k in TEXT_FIELDS for k in keys):
        yield RowError(
            name,
            1,
            "row 1: the header has no text column (expected text, content or body); "
            f"found: {', '.join(h.strip() for h in header)}",
        )
        return
    row_number = 1
    failures = 0
    while True:
        row_number += 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            failures += 1
            yield RowError(name, row_number, f"row {row_number}: not valid CSV: {exc}")
            if failures > 100:
                yield RowError(name, None, "too many broken rows; the rest was not read")
                return
            continue
        if not any(cell.strip() for cell in row):
            continue
        where = f"row {row_number}"
        if len(row) != len(keys):
            yield RowError(
                name,
                row_number,
                f"{where}: {len(row)} fields, but the header has {len(keys)}",
            )
            continue
        yield record_from_fields(
            dict(zip(keys, row, strict=True)), f"{name}:{row_number}", where, row_number
        )


def _read_txt(name: str, text: str) -> Iterator[Record | RowError]:
    """Plain text: the first non-empty line is the title, the rest the body."""
    body = text.lstrip()
    title, _, rest = body.partition("\n")
    if not rest.strip():
        yield RowError(name, None, "empty body (the first line is the title)")
        return
    yield record_from_fields({"title": title, "text": rest.strip("\n")}, name, "the file", None)


def _read_html(name: str, text: str) -> Iterator[Record | RowError]:
    """The main text of a saved web page, without navigation or comments.

    trafilatura is imported here because it costs half a second to import
    and most uploads hold no HTML. It only parses the string it is given;
    nothing is fetched.
    """
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            text, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception as exc:  # the parser's failures have no common base class
        yield RowError(name, None, f"cannot read the HTML: {exc}")
        return
    if doc is None or not (doc.text or "").strip():
        yield RowError(name, None, "empty body (no main text found in the page)")
        return
    title = (doc.title or "").strip()
    body = doc.text
    first, _, rest = body.partition("\n")
    if title and first.strip() == title and rest.strip():
        body = rest
    yield record_from_fields(
        {
            "title": title,
            "text": body,
            "url": doc.url or "",
            "date": doc.date or "",
            "source": doc.sitename or "",
            "author": doc.author or "",
            "lang": doc.language or "",
        },
        name,
        "the page",
        None,
    )
