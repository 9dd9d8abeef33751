"""The most telling sentence of an article, shown on timeline cards."""

from __future__ import annotations

import re

from articles.nlp.types import TagResult

_SENTENCE_END = re.compile(r"[.!?؟\n]+")
MAX_CHARS = 320


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
    bounds = sentence_bounds(text)
    best, best_score = None, 0
    for s, e in bounds:
        score = sum(1 for m in result.mentions if s <= m.start < e and m.actor in wanted)
        score += 0.5 * len(
            {m.actor for m in result.mentions if s <= m.start < e and m.actor in wanted}
        )
        if score > best_score:
            best, best_score = (s, e), score
    if best is None:
        best = next(
            ((s, e) for s, e in bounds if len(text[s:e].strip()) > 40),
            bounds[0] if bounds else (0, 0),
        )
    sentence = " ".join(text[best[0] : best[1]].split())
    return sentence if len(sentence) <= MAX_CHARS else sentence[: MAX_CHARS - 1].rstrip() + "…"
