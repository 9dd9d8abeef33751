"""Arabic letter normalisation shared by search, matching and de-duplication.

camel-tools defines what counts as a diacritic and which alef, alef maksura
and teh marbuta forms fold together; we compile those definitions into one
``str.translate`` table because running its regular expressions one after
another costs four passes over every article, and the tagger has to keep
pace with bulk ingest. ``tests/nlp/test_normalize.py`` checks that the table
agrees with camel-tools' own functions.

Every character maps to at most one character, so an offset in normalised
text can always be taken back to the original text (mentions are
highlighted in the text as published, not in this form).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from camel_tools.utils import dediac as _dediac
from camel_tools.utils import normalize as _normalize

_TATWEEL = "\u0640"
# Quranic marks and small high letters that camel-tools' Arabic diacritic
# class leaves out but that appear in pasted religious quotations.
_EXTRA_MARKS = "".join(chr(c) for c in range(0x0610, 0x061B)) + "".join(
    chr(c) for c in range(0x06D6, 0x06ED)
)


def _chars_of(pattern: re.Pattern[str]) -> str:
    """The characters of a camel-tools ``[...]`` character-class pattern."""
    body = pattern.pattern
    assert body.startswith("[") and body.endswith("]"), body
    return body[1:-1].replace("\\", "")


DIACRITICS = _chars_of(_dediac._DIAC_RE_AR) + "\u0652" + _EXTRA_MARKS
ALEF_FORMS = _chars_of(_normalize._ALEF_NORMALIZE_AR_RE)

_TABLE: dict[int, int | None] = {ord(c): None for c in DIACRITICS + _TATWEEL}
_TABLE.update({ord(c): ord("\u0627") for c in ALEF_FORMS})
_TABLE.update(
    {
        ord("\u0649"): ord("\u064a"),  # alef maksura -> yeh
        ord("\u0629"): ord("\u0647"),  # teh marbuta -> heh
        # Persian and Urdu letters that Arabic keyboards and scrapers mix in.
        ord("\u06cc"): ord("\u064a"),  # farsi yeh
        ord("\u06a9"): ord("\u0643"),  # keheh
        ord("\u06c0"): ord("\u0647"),  # heh with yeh above
        ord("\u06c1"): ord("\u0647"),  # heh goal
        # Arabic-Indic digits read as ASCII digits.
        **{0x0660 + i: ord("0") + i for i in range(10)},
        **{0x06F0 + i: ord("0") + i for i in range(10)},
        # Typographic quotes and dashes fold to their ASCII forms.
        ord("\u201c"): ord('"'),
        ord("\u201d"): ord('"'),
        ord("\u00ab"): ord('"'),
        ord("\u00bb"): ord('"'),
        ord("\u2019"): ord("'"),
        ord("\u2018"): ord("'"),
        ord("\u2013"): ord("-"),
        ord("\u2014"): ord("-"),
        ord("\u00a0"): ord(" "),
        ord("\u200f"): None,  # right-to-left mark
        ord("\u200e"): None,  # left-to-right mark
        ord("\u200c"): None,  # zero-width non-joiner
        ord("\u200b"): None,  # zero-width space
    }
)
_TABLE.update({ord(c): ord(c.lower()) for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"})
# What normalisation removes (marks, tatweel, direction and zero-width
# characters), and for each character what else becomes it: a pattern that
# finds a normalised word in raw text accepts these (``selectors.search``).
DROPPED = frozenset(chr(k) for k, v in _TABLE.items() if v is None)
FORMS: dict[str, frozenset[str]] = {
    chr(v): frozenset(chr(k) for k, w in _TABLE.items() if w == v)
    for v in {v for v in _TABLE.values() if v is not None}
}
_DROP_RE = re.compile("[" + re.escape("".join(sorted(DROPPED))) + "]")
# ``str.translate`` looks every character up in a dict; for Arabic text a
# handful of ``str.replace`` scans (skipped when the letter is absent) is
# about four times faster, and normalisation runs on every article.
_REPLACEMENTS = tuple((chr(k), chr(v)) for k, v in _TABLE.items() if v is not None)
# No character maps to one that is mapped in turn, so one ``translate`` pass
# and the removals and replacements below agree on every text. Translating
# costs a dictionary look-up per character and the replacements one fast
# scan per entry: below about 60 characters (the start of a line that
# cleaning reads, a word, a title) the single pass is the cheaper one.
_TRANSLATE_MAX = 60


def normalize(text: str) -> str:
    """Fold ``text`` to the form used for search, matching and hashing.

    Removes diacritics and tatweel, unifies alef forms, alef maksura and teh
    marbuta, maps Persian letters and Arabic-Indic digits, lower-cases ASCII.
    """
    if len(text) <= _TRANSLATE_MAX:
        return text.translate(_TABLE)
    text = _DROP_RE.sub("", text)
    for old, new in _REPLACEMENTS:
        if old in text:
            text = text.replace(old, new)
    return text


class Offsets:
    """Where each normalised character came from, without a list per character.

    Only removed characters (diacritics, tatweel, direction marks) shift
    positions, and they are few, so we keep their positions and answer a
    lookup with a binary search: normalised index ``i`` sits at original
    index ``i + (number of removals at or before it)``.
    """

    __slots__ = ("_shifts",)

    def __init__(self, text: str) -> None:
        # For the k-th removed character at original position p, the
        # normalised position it would have had is p - k.
        self._shifts = [m.start() - k for k, m in enumerate(_DROP_RE.finditer(text))]

    def __getitem__(self, i: int) -> int:
        return i + bisect_right(self._shifts, i)


def normalize_with_offsets(text: str) -> tuple[str, Offsets | None]:
    """Normalise and say where each normalised character came from.

    Returns ``(normalised, offsets)`` where ``offsets[i]`` is the index in
    ``text`` of normalised character ``i`` (and ``offsets[len(normalised)]``
    is ``len(text)``, so an end offset maps too). ``offsets`` is ``None``
    when nothing was removed, meaning the two texts line up one to one; most
    news text carries no diacritics, so the common case costs nothing.
    """
    norm = normalize(text)
    if len(norm) == len(text):
        return norm, None
    return norm, Offsets(text)


def to_original(offsets: Offsets | None, start: int, end: int) -> tuple[int, int]:
    """Map a ``[start, end)`` span of normalised text back to the original.

    The end runs up to the next kept character, so a word's trailing
    diacritics stay inside its highlighted span.
    """
    if offsets is None:
        return start, end
    return offsets[start], offsets[end] if end > start else offsets[start]
