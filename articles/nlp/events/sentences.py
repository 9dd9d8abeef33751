"""Sentences for events, Arabic and English, on the normalised text.

An event's offsets are those of the sentence that reports it, so the split
must not cut inside a sentence where the tagger's coarse clause split does:
a full stop ends a sentence only before white space or a quote, or between
two Arabic letters as the tagger's split has it (not in "U.S." or "2.5",
nor after a one-letter initial), «؟ ! ؛» and line breaks always do. Long
runs with no mark are cut at a space, so each sentence is bounded and the
whole split is one linear pass.

A line that opens with «اقرأ أيضاً» / "read also" points to another story:
it is left out (the headline it carries is not reported by this article).
So is a sentence that opens with «رابط الخبر» ("link to the story", the
trailer some outlets end on: «رابط الخبر بصحيفة …: <the headline again>»):
it repeats the headline, no move of its own.
"""

from __future__ import annotations

import re

from articles.nlp.normalize import normalize
from articles.nlp.text import MAX_SENTENCE

# A full stop between two Arabic letters ends a sentence too: the press often
# drops the space after it («عليها.وفي ظل…»); Arabic has no dotted
# abbreviations inside a word, and a one-letter one («د.») is an initial.
_END_RE = re.compile(r"[!?؟؛\n]|\.(?=[\s\"')\]]|$)|(?<=[\u0621-\u064a])\.(?=[\u0621-\u064a])")
_READ_ALSO_RE = re.compile(
    "|".join(
        re.escape(normalize(m))
        for m in ("اقرأ أيضا", "إقرأ أيضا", "اقرأ ايضا", "اقرأ كذلك", "read also", "also read")
    )
)

# «رابط الخبر بصحيفة الوئام: كيري يلتقي…»: the story's link and headline again.
_LINK_RE = re.compile("|".join(re.escape(normalize(m)) for m in ("رابط الخبر", "رابط المقال")))


def _initial(norm: str, dot: int) -> bool:
    """A dot after a one-letter word ("J. Biden", "U.S") is no sentence end."""
    return dot >= 1 and norm[dot - 1].isalpha() and (dot < 2 or not norm[dot - 2].isalnum())


def split(norm: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) of ``norm``, outer white space trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    skip_line = False
    for m in _END_RE.finditer(norm):
        end = m.start()
        if m.group() == "." and _initial(norm, end):
            continue
        _add(norm, start, end + (m.group() != "\n"), spans, skip_line)
        if m.group() == "\n":
            skip_line = False
        start = m.end()
        skip_line = skip_line or _opens_read_also(norm, start)
    _add(norm, start, len(norm), spans, skip_line)
    return spans


def _opens_read_also(norm: str, pos: int) -> bool:
    if pos > 0 and norm[pos - 1] != "\n":
        return False
    return bool(_READ_ALSO_RE.match(norm, pos, min(len(norm), pos + 20)))


def _add(norm: str, s: int, e: int, out: list[tuple[int, int]], skip: bool) -> None:
    while s < e and norm[s].isspace():
        s += 1
    while e > s and norm[e - 1].isspace():
        e -= 1
    if e - s < 3:
        return
    if skip or ((s == 0 or norm[s - 1] == "\n") and _READ_ALSO_RE.match(norm, s, min(e, s + 20))):
        return
    if _LINK_RE.match(norm, s, min(e, s + 12)):
        return
    while e - s > MAX_SENTENCE:
        cut = norm.rfind(" ", s + MAX_SENTENCE // 2, s + MAX_SENTENCE)
        if cut <= s:
            cut = s + MAX_SENTENCE
        out.append((s, cut))
        s = cut + 1
    out.append((s, e))
