"""Texts as numpy arrays of code points, folded through a table of ``normalize``.

Near-duplicate fingerprints (``dedup``) and a worker's search terms
(``search``) read whole batches of texts, where a Python step per word or
per character would cost more than the rest of the work. Both fold a
batch as one array through a per-code-point table derived from
``normalize`` itself (not copied from it), so they follow any change to
the normalisation rules, and both then drop the code points it removes.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from articles.nlp.normalize import normalize

DELETED = 0x110000  # beyond Unicode: the code point is removed


def normalized(char: str) -> int:
    """The code point ``normalize`` makes of one character, ``DELETED`` if it drops it."""
    folded = normalize(char)
    if len(folded) > 1:  # a table maps one character to at most one
        raise ValueError(f"normalize maps U+{ord(char):04X} to several characters")
    return ord(folded) if folded else DELETED


@cache
def normalized_table() -> np.ndarray:
    """What ``normalize`` makes of each code point (``DELETED`` if it drops it), indexed
    by code point up to ``DELETED`` itself; code points past the Basic Multilingual
    Plane, which it leaves alone, map to themselves."""
    table = np.arange(DELETED + 1, dtype=np.uint32)
    for code in range(0x10000):
        if 0xD800 <= code < 0xE000:
            continue
        table[code] = normalized(chr(code))
    return table


def codes(text: str) -> np.ndarray:
    """The code points of ``text``, one array element each."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")


def text_of(folded: np.ndarray) -> str:
    """The string of an array of code points (none of them ``DELETED``)."""
    return folded.astype("<u4", copy=False).tobytes().decode("utf-32-le", "surrogatepass")


def without_deleted(folded: np.ndarray, bounds: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``folded`` without its ``DELETED`` code points, and ``bounds`` (positions in it,
    ascending) moved to the same places in what is left."""
    dropped = np.flatnonzero(folded == DELETED)  # few: marks, tatweel, direction marks
    if not len(dropped):
        return folded, bounds
    return np.delete(folded, dropped), bounds - np.searchsorted(dropped, bounds)
