"""One Aho-Corasick pass finds every lexicon surface in an article.

All surfaces (actor names, adjectives, metonyms, people, outlets) with their
clitic forms go into one automaton built once per Tagger. A hit counts only
when it covers whole words, so «بغداد» never yields «غداد» and «مصريين»
inside a longer word is ignored; overlapping hits keep the longest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any, NamedTuple

import ahocorasick

from articles.nlp.clitics import proclitic_forms
from articles.nlp.normalize import normalize

# Every non-word character but the plain space (already what it becomes):
# most non-word characters of a text are spaces, and leaving them out of
# the pattern makes the substitution about twice as fast. The underscore,
# a word character to ``re`` but not to us, is replaced apart: a pattern
# that is one character class lets the engine skip from one candidate to
# the next instead of trying a match at every position. The Arabic letters
# and the lower-case ASCII letters and digits, most of any normalised text,
# are word characters listed before ``\w``: the engine settles them with a
# table look-up, not a query of the Unicode database (the set is the same).
_NON_WORD_RE = re.compile(r"[^\u0621-\u064aa-z0-9 \w]")


def _blank_non_words(text: str) -> str:
    text = _NON_WORD_RE.sub(" ", text)
    return text.replace("_", " ") if "_" in text else text


def spaced(norm: str) -> str:
    """``norm`` with every non-word character a space, padded by one space each side.

    Surfaces are stored the same way (« قطر »), so every automaton hit is a
    whole-word match and offsets shift by exactly one: no per-hit boundary
    checks in Python.
    """
    return " " + _blank_non_words(norm) + " "


def spaced_key(form: str) -> str:
    return " " + _blank_non_words(form) + " "


def automaton(keys: Mapping[str, Any]) -> ahocorasick.Automaton:
    """An Aho-Corasick automaton over ``keys`` (key → the value a hit yields)."""
    found = ahocorasick.Automaton()
    for key, value in keys.items():
        found.add_word(key, value)
    found.make_automaton()
    return found


class OnePass:
    """Several tables of spaced keys read in one Aho-Corasick pass.

    What a pass costs is the automaton's walk over the text, not the number
    of keys, and the tagger reads every article for lexicon names and for
    cue words: one automaton over both tables walks it once (a quarter less
    time than two passes).
    """

    def __init__(self, *tables: Mapping[str, Any]) -> None:
        merged: dict[str, list[Any]] = {}
        for i, table in enumerate(tables):
            for key, value in table.items():
                merged.setdefault(key, [None] * len(tables))[i] = value
        self._tables = len(tables)
        self._automaton = automaton({key: tuple(values) for key, values in merged.items()})

    def find(self, padded: str) -> list[list[tuple[int, Any]]]:
        """For each table, its hits in ``padded`` as (end, value): the key ends at ``end``."""
        found = list(self._automaton.iter(padded))
        return [
            [(end, values[i]) for end, values in found if values[i] is not None]
            for i in range(self._tables)
        ]


@dataclass(frozen=True)
class Target:
    """What a surface stands for: an actor, a person or an outlet."""

    type: str  # 'actor' | 'person' | 'outlet'
    ids: tuple[str, ...]  # actor ids (several when ambiguous) or an index
    kind: str  # alias kind: 'name' | 'demonym' | 'metonym'
    lang: str
    surface: str  # the normalised alias (without clitics)
    caps: bool = False  # English acronym: must be upper case in the text


class Hit(NamedTuple):
    start: int  # normalised-text offsets of the whole word(s), clitic included
    end: int
    name_start: int  # where the name itself begins (after a proclitic)
    targets: tuple[Target, ...]
    prefix: str  # the proclitic, '' when none


def spelling_variants(surface: str) -> set[str]:
    """Spacing variants writers use interchangeably: «عبد العزيز»/«عبدالعزيز», «أبو ظبي»/«أبوظبي»."""
    out = {surface}
    for joined, spaced in (("عبدال", "عبد ال"), ("ابو", "ابو ")):
        for s in list(out):
            if spaced in s:
                out.add(s.replace(spaced, joined))
            if joined in s and spaced not in s:
                out.add(s.replace(joined, spaced, 1))
    return out


class Matcher:
    def __init__(self, entries: Iterable[tuple[str, Target]]) -> None:
        table: dict[str, tuple[int, list[Target]]] = {}
        for raw, target in entries:
            surface = " ".join(normalize(raw).split())
            if len(surface) < 2:
                continue
            if target.lang == "ar":
                forms = [
                    f
                    for v in spelling_variants(surface)
                    for f in proclitic_forms(v, add_definite=target.kind == "demonym")
                ]
            else:
                forms = [(surface, 0)]
            for form, plen in forms:
                slot = table.setdefault(form, (plen, []))
                if slot[0] != plen:
                    # The same string read two ways (a name vs clitic + name):
                    # the reading without a clitic wins.
                    if plen > slot[0]:
                        continue
                    slot = table[form] = (plen, [])
                if target not in slot[1]:
                    slot[1].append(target)
        # Spaced key → (its length, clitic length, targets, exact form or None).
        self.keys: dict[str, tuple[int, int, tuple[Target, ...], str | None]] = {}
        for form, (plen, targets) in table.items():
            key = spaced_key(form)
            # «5+1» must not match a score «5-1»: such forms are checked exactly.
            exact = form if key.strip() != form else None
            held = self.keys.get(key)
            if held is not None and (exact is not None or held[3] is None):
                # «بان كي-مون» and «بان كي مون» share a key: the form without
                # marks reads every spelling, the marked one only its own.
                continue
            self.keys[key] = (len(key), plen, tuple(targets), exact)
        self.size = len(table)

    @cached_property
    def _automaton(self) -> ahocorasick.Automaton:
        return automaton(self.keys)

    def find(self, norm: str, padded: str | None = None) -> list[Hit]:
        """Whole-word, longest, non-overlapping hits in normalised text.

        ``padded`` is ``spaced(norm)`` when the caller already has it.
        """
        if padded is None:
            padded = spaced(norm)
        return self.read(norm, self._automaton.iter(padded))

    def read(self, norm: str, found: Iterable[tuple[int, Any]]) -> list[Hit]:
        """``find``'s hits from the automaton's (end, value) pairs over ``spaced(norm)``."""
        # A key « w » ending at padded[e] spans norm[e - len + 1 : e - 1].
        found = [
            (e - length + 1, e - 1, plen, targets)
            for e, (length, plen, targets, exact) in found
            if exact is None or norm[e - length + 1 : e - 1] == exact
        ]
        if not found:
            return []
        found.sort(key=lambda h: (h[0], h[0] - h[1]))
        hits: list[Hit] = []
        last_end = -1
        for start, end, plen, targets in found:
            if start < last_end:
                continue
            hits.append(Hit(start, end, start + plen, targets, norm[start : start + plen]))
            last_end = end
        return hits
