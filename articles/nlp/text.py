"""Cheap text structure over normalised text: language, sentences, boilerplate.

Sentences are spans between sentence marks and line breaks; that is crude
but it is one regex pass, and roles only need "the clause around a
mention". Boilerplate tag lists («كلمات دلالية: …», «سمات …») repeat names
already in the story and are dropped from matching.
"""

from __future__ import annotations

import bisect
import re
from typing import Protocol, TypeVar

# A full stop inside a Latin token ("u.s", "57.35", "u.s.-brokered") or
# closing a run of single letters ("u.s. envoy", "u.n. talks") ends no
# sentence: splitting there cut English frames ("held under U.S. auspices")
# in two. An Arabic stop with no space after it still ends one.
_INNER_STOP = r"(?<=[a-z0-9])\.(?=[a-z0-9-])|(?<=\.[a-z])\."
_SENT_RE = re.compile(r"(?:[^.!?؟؛\n]+|" + _INNER_STOP + r")+")
_TOKEN_RE = re.compile(r"\w+")
# Marks that end a clause inside a sentence (commas, semicolons) or the sentence.
CLAUSE_MARKS = ("،", ",", ";", "؛", ".", "\n")
_ARABIC_RE = re.compile("[\u0600-\u06ff]+")
_LATIN_RE = re.compile("[a-zA-Z]+")
_TAGLIST_LABELS = ("دلاليه", "وسوم", "tags")
# Tag-list paragraphs: the label, then everything up to the next blank line.
_TAGLIST_RE = re.compile(
    r"(?:كلمات دلاليه|الكلمات الدلاليه|وسوم|tags)\s*:[^\n]*(?:\n(?!\s*\n)[^\n]*)*"
)


def detect_lang(text: str) -> str:
    """'ar' when Arabic letters outnumber Latin ones in the first 2,000 chars."""
    sample = text[:2000]
    # Letters counted by runs (one match per word, not per letter): half the time.
    arabic = sum(map(len, _ARABIC_RE.findall(sample)))
    return "ar" if arabic >= sum(map(len, _LATIN_RE.findall(sample))) else "en"


def boilerplate_spans(norm: str) -> list[tuple[int, int]]:
    """Spans of tag lists to ignore when matching."""
    if not any(label in norm for label in _TAGLIST_LABELS):
        return []
    return [m.span() for m in _TAGLIST_RE.finditer(norm)]


# Longest "sentence" the role and topic frames read at once. A run of
# text with no sentence mark (a pasted list, a broken scrape) is cut at a
# space near this length, so the work per sentence, which compares the
# sentence's cues with its names, stays bounded and the article's linear.
MAX_SENTENCE = 1000


def _bounded(start: int, end: int, norm: str) -> list[tuple[int, int]]:
    out = []
    while end - start > MAX_SENTENCE:
        cut = norm.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        if cut <= start:
            cut = start + MAX_SENTENCE
        out.append((start, cut))
        start = cut
    out.append((start, end))
    return out


class Sentences:
    """Sentence spans of a normalised text with offset → index lookup."""

    def __init__(self, norm: str) -> None:
        self.spans = []
        for m in _SENT_RE.finditer(norm):
            s, e = m.span()
            if e - s > MAX_SENTENCE:
                self.spans += _bounded(s, e, norm)
            else:
                self.spans.append((s, e))
        self._starts = [s for s, _ in self.spans]

    def index(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self._starts, pos) - 1)

    def __len__(self) -> int:
        return len(self.spans)


def prev_word(norm: str, pos: int) -> str:
    """The word ending before ``pos``, skipping spaces and quote marks."""
    i = pos - 1
    while i >= 0 and not norm[i].isalnum():
        if norm[i] in ".،,؛;:\n!?؟()":
            return ""
        i -= 1
    j = i
    while j >= 0 and norm[j].isalnum():
        j -= 1
    return norm[j + 1 : i + 1]


def next_word(norm: str, pos: int) -> str:
    """The word starting after ``pos``, skipping spaces and quote marks."""
    n = len(norm)
    i = pos
    while i < n and not norm[i].isalnum():
        if norm[i] in ".،,؛;:\n!?؟()":
            return ""
        i += 1
    j = i
    while j < n and norm[j].isalnum():
        j += 1
    return norm[i:j]


def tokens(norm: str) -> list[str]:
    return _TOKEN_RE.findall(norm)


class _HasStart(Protocol):
    start: int


T = TypeVar("T", bound=_HasStart)


def outside(items: list[T], spans: list[tuple[int, int]]) -> list[T]:
    """``items`` (sorted by start) whose start falls in none of ``spans`` (sorted).

    One merge pass, so a page of many tag lists costs no more than one.
    """
    out: list[T] = []
    k = 0
    for item in items:
        while k < len(spans) and spans[k][1] <= item.start:
            k += 1
        if k < len(spans) and spans[k][0] <= item.start:
            continue
        out.append(item)
    return out
