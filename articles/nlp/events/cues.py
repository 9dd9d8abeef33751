"""One Aho-Corasick pass finds every event cue and modifier of an article.

Cues follow the tagger's matching rules (whole words on the spaced form of
the normalised text, Arabic proclitics expanded once at build time), with
one addition: a cue written with a final ``*`` matches the beginning of a
word, so one entry covers a verb's conjugations (رفضت، رفضوا، رفضها).
"""

from __future__ import annotations

from typing import NamedTuple

import ahocorasick

from articles.nlp.clitics import proclitic_forms
from articles.nlp.events.data import EVENT_TYPES, load
from articles.nlp.matcher import spaced, spaced_key

# Modifiers read from the word before a cue (``extract``), not searched for:
# negations are among the commonest words of any text.
WORD_MODIFIERS = frozenset(
    {
        "negation",
        "frame",
        "led_by",
        "nameless",
        "any",
        "purpose",
        "judged",
        "to_be",
        "ended",
        "again",
        "two_states",
    }
)
# The future prefix of verbs comes on top of the tagger's proclitics.
_FUTURE_PREFIXES = ("س", "وس", "فس")


class EventCue(NamedTuple):
    start: int  # normalised-text offsets of the whole word(s)
    end: int
    kind: str  # an event type, or "mod:<modifier>"
    weight: float
    term: str


def _forms(term: str) -> list[str]:
    if term.isascii():
        return [term]
    forms = [f for f, _ in proclitic_forms(term)]
    if not term.startswith("ال") and " " not in term:
        forms += [p + term for p in _FUTURE_PREFIXES]
    return forms


class EventCueMatcher:
    def __init__(self) -> None:
        data = load()
        table: dict[tuple[str, bool], list[tuple[str, float, str]]] = {}

        def add(term: str, kind: str, weight: float) -> None:
            stem = term.endswith("*")
            base = term.rstrip("*")
            for form in _forms(base):
                slot = table.setdefault((form, stem), [])
                if (kind, weight, term) not in slot:
                    slot.append((kind, weight, term))

        for etype in EVENT_TYPES:
            for term, weight in data.cues[etype].items():
                add(term, etype, weight)
        for name, words in data.modifiers.items():
            if name in WORD_MODIFIERS:
                continue
            for term in words:
                add(term, "mod:" + name, 1.0)
        for term in data.objects:
            add(term, "mod:object", 1.0)
        for term in data.votes:
            add(term, "mod:vote", 1.0)
        for term in data.reports:
            add(term, "mod:report", 1.0)
        self._automaton = ahocorasick.Automaton()
        for (form, stem), entries in table.items():
            # The text is searched in its spaced form (``spaced``: every non-word
            # character a space), so a cue is keyed the same way: "non-starter"
            # and "won't accept" match as the words they are.
            key = spaced_key(form)[:-1] if stem else spaced_key(form)
            self._automaton.add_word(key, (len(key), stem, tuple(entries)))
        self._automaton.make_automaton()

    def find(self, norm: str, padded: str | None = None) -> list[EventCue]:
        """Cue and modifier hits sorted by start; within one kind, overlaps keep the first."""
        if padded is None:
            padded = spaced(norm)
        found: list[EventCue] = []
        for e, (length, stem, entries) in self._automaton.iter(padded):
            start = e - length + 1
            if stem:
                end = padded.find(" ", e + 1) - 1
                if end < 0:
                    end = len(norm)
            else:
                end = e - 1
            for kind, weight, term in entries:
                found.append(EventCue(start, end, kind, weight, term))
        found.sort(key=lambda c: (c.kind, c.start, -c.end))
        kept: list[EventCue] = []
        for c in found:
            if kept and kept[-1].kind == c.kind and c.start < kept[-1].end:
                continue
            kept.append(c)
        kept.sort(key=lambda c: c.start)
        return kept
