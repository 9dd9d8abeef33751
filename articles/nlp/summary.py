"""The most telling sentence of an article, shown on timeline cards."""

from __future__ import annotations

import bisect
import re

from articles.nlp.types import TagResult

_SENTENCE_END = re.compile(r"[.!?؟\n]+")
MAX_CHARS = 320
_FALLBACK_CHARS = 20_000  # where a lead sentence is looked for when no role-holder is named


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: up to and including its closing marks or line break."""
    bounds = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        bounds.append((start, m.end()))
        start = m.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


def key_sentence(text: str, result: TagResult) -> str:
    """The sentence naming most of the negotiation's parties and mediators.

    An analyst scanning a timeline wants the line that says who talks to
    whom; counting role-holders' mentions per sentence finds it without a
    model, and ties go to the earlier sentence, where news puts the lead.
    """
    wanted = set(result.parties) | set(result.mediators)
    # Mentions only exist in the analysed part of the text; sentences past
    # it can never win, and a 10 MB body must not cost more than that part.
    cut = max((m.end for m in result.mentions), default=0)
    close = _SENTENCE_END.search(text, max(cut, _FALLBACK_CHARS))
    bounds = sentence_bounds(text[: close.end()] if close else text)
    starts = [s for s, _ in bounds]
    # One pass over the mentions (each placed in its sentence by bisection):
    # linear in the text, where scoring every sentence against every
    # mention was quadratic.
    hits: dict[int, list[str]] = {}
    for m in result.mentions:
        if m.actor in wanted:
            i = bisect.bisect_right(starts, m.start) - 1
            if i >= 0:
                hits.setdefault(i, []).append(m.actor)
    best, best_score = None, 0
    for i in sorted(hits):
        score = len(hits[i]) + 0.5 * len(set(hits[i]))
        if score > best_score:
            best, best_score = bounds[i], score
    if best is None:
        best = next(
            ((s, e) for s, e in bounds if len(text[s:e].strip()) > 40),
            bounds[0] if bounds else (0, 0),
        )
    sentence = " ".join(text[best[0] : best[1]].split())
    return sentence if len(sentence) <= MAX_CHARS else sentence[: MAX_CHARS - 1].rstrip() + "…"
