"""Vocabulary that signals negotiation, mediation, sport, markets and topics.

Every cue is a (category, weight) pair found by one Aho-Corasick pass, with
the same whole-word and clitic rules as the actor matcher. Categories:

- ``neg``: talks, deals, proposals, truces (weight = how unambiguous);
- ``med``: mediation, hosting, sponsoring (the actor nearby mediates);
- ``envoy``: an envoy, whose sender mediates when it is an organisation;
- ``sport`` / ``market``: vocabulary of football and of trading, which
  borrows «مفاوضات» and «وساطة» for transfers and brokerage;
- ``corporate``: company deals and labour disputes (mergers, buyouts,
  strikes), negotiated between boards and unions rather than states;
- ``inst``: nouns that make an adjective an agent («الوفد القطري»);
- ``pair``: nouns for the two sides of a story («البلدين», "the two sides");
- ``content``: words that introduce what a deal holds («تشمل», «مقابل»);
- ``topic:<id>``: terms of one spec topic;
- ``sense:<id>``: words that give a topic's ambiguous terms its sense;
- ``pressure:<id>``: words that make a topic's term a lever, not a subject;
- ``idiom:<id>``: phrases in which a topic's term means something else.

The words themselves are data (``data/cues.yaml``, ``data/topics.yaml``,
read by ``vocab``); this module only builds the automaton.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property
from typing import Any, NamedTuple

import ahocorasick

from articles.nlp import vocab
from articles.nlp.clitics import enclitic_forms, proclitic_forms
from articles.nlp.matcher import automaton, spaced, spaced_key

# Topic term strengths: a cue's weight (see data/topics.yaml).
TOPIC_CORE = vocab.TOPIC_TIERS["core"]
TOPIC_NORMAL = vocab.TOPIC_TIERS["normal"]
TOPIC_WEAK = vocab.TOPIC_TIERS["weak"]

# The families whose union is the ``med`` category; roles.py reads the
# frame of each word from the family it is in.
MEDIATION_FAMILIES = (
    "mediation_nouns",
    "mediation_nouns_either",
    "mediation_verbs",
    "mediation_passive",
    "hosting_nouns",
    "hosting_verbs",
    "hosting_passive",
)
# Cue category → the families it is made of (data/cues.yaml). Every article
# is read for these (with the negotiation words and the topics).
CATEGORIES: dict[str, tuple[str, ...]] = {
    "med": MEDIATION_FAMILIES,
    "envoy": ("envoy",),
    "sport": ("sport",),
    "market": ("market",),
    "corporate": ("corporate",),
    "content": ("content",),
    "pair": ("pair",),
    "fate": ("deal_fate",),
    "routine": ("routine_relations",),
}
# Categories only the role frames read, looked for only in articles that
# may report a negotiation: they are common words («قال», «بحث», «دور»).
FRAME_CATEGORIES: dict[str, tuple[str, ...]] = {
    "effort": ("effort_nouns",),
    "meeting": ("meeting_verbs",),
    "stance": ("stance_verbs",),
}


# Categories whose words also take an enclitic pronoun («وساطتها», «وفدهما»):
# the pronoun points back to an actor named before.
_WITH_PRONOUN = frozenset({"neg", "med", "envoy"})


class Cue(NamedTuple):
    """One cue word in the text (a named tuple: articles hold thousands of them)."""

    start: int
    end: int
    cat: str
    weight: float
    term: str
    pronoun: str = ""  # the enclitic pronoun the word carries, '' when none


class CueMatcher:
    """Finds all cue words of an article in one pass over normalised text."""

    def __init__(self, categories: dict[str, tuple[str, ...]] | None = None) -> None:
        """``categories``: the cue categories to find (by default ``CATEGORIES``
        with the negotiation words and the topics); given, only those."""
        # form → (clitic length, [(category, weight, term, pronoun)]): a form
        # that is itself a listed word is read as that word, not as clitics
        # around another one.
        table: dict[str, tuple[int, list[tuple[str, float, str, str]]]] = {}

        def add(words, cat: str, weight: float = 1.0, weights: dict | None = None) -> None:
            for term in words:
                w = weights[term] if weights else weight
                if term.isascii():
                    forms = [(term, 0, "")]
                else:
                    forms = [(f, n, "") for f, n in proclitic_forms(term)]
                    if cat in _WITH_PRONOUN:
                        forms += [
                            (f, n + len(p), p)
                            for base, p in enclitic_forms(term)
                            for f, n in proclitic_forms(base)
                        ]
                for form, clitics, pronoun in forms:
                    slot = table.setdefault(form, (clitics, []))
                    if slot[0] != clitics:
                        if clitics > slot[0]:
                            continue
                        slot = table[form] = (clitics, [])
                    if (cat, w, term, pronoun) not in slot[1]:
                        slot[1].append((cat, w, term, pronoun))

        if categories is None:
            neg = vocab.weights("negotiation")
            add(neg, "neg", weights=neg)
            for topic in vocab.topics():
                for strength, words in topic.terms.items():
                    add(words, "topic:" + topic.id, strength)
                if topic.sense:
                    add(topic.sense, "sense:" + topic.id)
                if topic.pressure:
                    add(topic.pressure, "pressure:" + topic.id)
                if topic.idioms:
                    add(topic.idioms, "idiom:" + topic.id)
        for cat, names in (CATEGORIES if categories is None else categories).items():
            add([t for name in names for t in vocab.ordered(name)], cat)
        # Spaced key → (its length, the cues it is).
        self.keys: dict[str, tuple[int, tuple[tuple[str, float, str, str], ...]]] = {}
        for form, (_, cats) in table.items():
            key = spaced_key(form)
            self.keys[key] = (len(key), tuple(cats))

    @cached_property
    def _automaton(self) -> ahocorasick.Automaton:
        return automaton(self.keys)

    def find(self, norm: str, padded: str | None = None) -> list[Cue]:
        """Whole-word cue hits, all categories kept.

        Within one category overlapping hits collapse to the heaviest, so
        «وقف إطلاق النار» is not also counted as «وقف».
        """
        if padded is None:
            padded = spaced(norm)
        return self.read(self._automaton.iter(padded))

    def read(self, found: Iterable[tuple[int, Any]]) -> list[Cue]:
        """``find``'s cues from the automaton's (end, value) pairs over the spaced text."""
        out: list[Cue] = [
            Cue(e - length + 1, e - 1, cat, w, term, pronoun)
            for e, (length, cats) in found
            for cat, w, term, pronoun in cats
        ]
        out.sort(key=lambda c: (c.cat, c.start, -c.end))
        kept: list[Cue] = []
        for c in out:
            if kept and kept[-1].cat == c.cat and c.start < kept[-1].end:
                if c.weight > kept[-1].weight:
                    kept[-1] = Cue(
                        kept[-1].start,
                        max(c.end, kept[-1].end),
                        c.cat,
                        c.weight,
                        c.term,
                        c.pronoun,
                    )
                continue
            kept.append(c)
        kept.sort(key=lambda c: c.start)
        return kept
