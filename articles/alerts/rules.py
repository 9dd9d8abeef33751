"""Watchlist criteria as in-memory rules, and the index that finds the rules an article may match.

A rule mirrors ``ArticleFilter.filter_queryset``:

- ``actors`` with ``role`` and ``actor_mode``: the role picks the tag array
  (party → ``parties``, mediator → ``mediators``, else ``actors``), the mode
  picks overlap (any) or containment (all);
- ``topics``: overlap; ``event_types``: the article reports a move of
  one of the types (overlap with the types of its events); ``thread``:
  the thread with that key; ``source`` and ``lang``: equality;
- ``date_from``/``date_to``: ``published_at`` in ``[from, to)`` (the
  compiled criteria carry the instants, the whole last day included);
- ``terms``: every lexeme of the words' tsquery is among the article's
  search terms (the query is ANDed, as ``plainto_tsquery`` does).

The index keys a rule by one term every matching article must carry — the
thread, else an actor as party or mediator (each actor when any one will
do), else the longest word, else a topic, else an event type, else an
actor merely mentioned, else the outlet, else the language — so a
chunk of articles is tested against the rules filed under its articles'
terms instead of against every rule.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

ROLE_FIELDS = {"party": "parties", "mediator": "mediators", "mentioned": "actors"}
_ALWAYS = ("always",)


@dataclass
class Facts:
    """What the matcher reads of one article."""

    id: int
    thread_id: int | None = None
    actors: frozenset[str] = frozenset()
    parties: frozenset[str] = frozenset()
    mediators: frozenset[str] = frozenset()
    topics: frozenset[str] = frozenset()
    source_id: int | None = None
    lang: str = ""
    published_at: datetime | None = None
    terms: frozenset[str] | None = None  # None: not read (no rule asks for words)
    events: frozenset[str] | None = None  # the types of its moves; None: not read


@dataclass
class Rule:
    """One watchlist's filters, ready to test articles."""

    watchlist_id: int
    owner_id: int = 0
    actors: frozenset[str] = frozenset()
    role_field: str = "actors"
    all_actors: bool = False
    topics: frozenset[str] = frozenset()
    thread_id: int | None = None
    thread_missing: bool = False  # a thread key that names no thread: matches nothing
    source_id: int | None = None
    lang: str = ""
    start: datetime | None = None
    end: datetime | None = None
    terms: frozenset[str] = frozenset()
    events: frozenset[str] = frozenset()
    # Watchlists with the very same filters share one rule: (watchlist id, owner id) pairs.
    members: list[tuple[int, int]] = field(default_factory=list)
    position: int = -1  # where the holder of the rules keeps it

    def __post_init__(self) -> None:
        if not self.members:
            self.members = [(self.watchlist_id, self.owner_id)]

    @classmethod
    def from_criteria(
        cls,
        watchlist_id: int,
        criteria: Mapping[str, Any],
        *,
        owner_id: int = 0,
        thread_ids: Mapping[str, int] | None = None,
        members: list[tuple[int, int]] | None = None,
    ) -> Rule:
        thread_key = criteria.get("thread") or ""
        thread_id = (thread_ids or {}).get(thread_key) if thread_key else None
        return cls(
            watchlist_id=watchlist_id,
            owner_id=owner_id,
            actors=frozenset(criteria.get("actors") or ()),
            role_field=ROLE_FIELDS.get(criteria.get("role") or "mentioned", "actors"),
            all_actors=criteria.get("actor_mode") == "all",
            topics=frozenset(criteria.get("topics") or ()),
            thread_id=thread_id,
            thread_missing=bool(thread_key) and thread_id is None,
            source_id=criteria.get("source"),
            lang=criteria.get("lang") or "",
            start=_instant(criteria.get("start")),
            end=_instant(criteria.get("end")),
            terms=frozenset(criteria.get("terms") or ()),
            events=frozenset(criteria.get("event_types") or ()),
            members=list(members or ()),
        )

    @property
    def uses_words(self) -> bool:
        return bool(self.terms)

    @property
    def uses_events(self) -> bool:
        return bool(self.events)

    def matches(self, a: Facts) -> bool:
        if self.thread_missing:
            return False
        if self.thread_id is not None and a.thread_id != self.thread_id:
            return False
        if self.source_id is not None and a.source_id != self.source_id:
            return False
        if self.lang and a.lang != self.lang:
            return False
        if self.actors:
            have = getattr(a, self.role_field)
            if self.all_actors:
                if not self.actors <= have:
                    return False
            elif self.actors.isdisjoint(have):
                return False
        if self.topics and self.topics.isdisjoint(a.topics):
            return False
        if self.events and (a.events is None or self.events.isdisjoint(a.events)):
            return False
        if self.start is not None and (a.published_at is None or a.published_at < self.start):
            return False
        if self.end is not None and (a.published_at is None or a.published_at >= self.end):
            return False
        return not self.terms or (a.terms is not None and self.terms <= a.terms)

    def only_condition(self) -> tuple | None:
        """The single term this rule asks for, when it asks for nothing else (else None)."""
        asked = [
            self.thread_missing,
            self.thread_id is not None,
            self.source_id is not None,
            bool(self.lang),
            bool(self.actors),
            bool(self.topics),
            bool(self.events),
            self.start is not None,
            self.end is not None,
            bool(self.terms),
        ]
        if sum(asked) != 1:
            return None if sum(asked) else _ALWAYS
        if self.thread_id is not None:
            return ("thread", self.thread_id)
        if self.source_id is not None:
            return ("source", self.source_id)
        if self.lang:
            return ("lang", self.lang)
        if self.actors and len(self.actors) == 1:
            return (self.role_field, next(iter(self.actors)))
        if self.topics and len(self.topics) == 1:
            return ("topics", next(iter(self.topics)))
        if self.events and len(self.events) == 1:
            return ("event", next(iter(self.events)))
        if self.terms and len(self.terms) == 1:
            return ("word", next(iter(self.terms)))
        return None

    def index_terms(self) -> list[tuple]:
        """The index terms to file this rule under (any matching article carries one of them).

        Most selective first: a thread, an actor as party or mediator, a
        word, a topic, an event type, an actor merely mentioned, an outlet,
        a language.
        """
        if self.thread_missing:
            return []
        if self.thread_id is not None:
            return [("thread", self.thread_id)]
        if self.actors and self.role_field != "actors":
            return self._actor_terms()
        if self.terms:
            return [("word", max(sorted(self.terms), key=len))]
        if self.topics and (not self.actors or len(self.topics) < len(self.actors)):
            return [("topics", t) for t in sorted(self.topics)]
        if self.events and (not self.actors or len(self.events) < len(self.actors)):
            return [("event", t) for t in sorted(self.events)]
        if self.actors:
            return self._actor_terms()
        if self.source_id is not None:
            return [("source", self.source_id)]
        if self.lang:
            return [("lang", self.lang)]
        return [_ALWAYS]

    def _actor_terms(self) -> list[tuple]:
        chosen = sorted(self.actors)[:1] if self.all_actors else sorted(self.actors)
        return [(self.role_field, x) for x in chosen]


def _instant(value: Any) -> datetime | None:
    if not value:
        return None
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


class RuleIndex:
    """Rules filed by their most selective term; ``match`` pairs articles with the rules they meet.

    A rule filed under one term and asking nothing else (an actor in a
    role, a thread, a topic, an outlet, one word, a language) matches every
    article that carries the term: it is paired without a test. Only the
    rules with more to check are tested, and only against the articles
    that carry their term.
    """

    def __init__(self, rules: Iterable[Rule]) -> None:
        self.rules: list[Rule] = list(rules)
        exact: dict[tuple, list[Rule]] = defaultdict(list)
        checked: dict[tuple, list[Rule]] = defaultdict(list)
        for rule in self.rules:
            terms = rule.index_terms()
            for key in terms:
                (exact if len(terms) == 1 and rule.only_condition() == key else checked)[
                    key
                ].append(rule)
        self._exact = dict(exact)
        self._checked = dict(checked)
        self.words = frozenset(
            k[1] for k in (*self._exact, *self._checked) if k[0] == "word"
        ) | frozenset(t for r in self.rules for t in r.terms)
        self.needs_events = any(r.events for r in self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    @property
    def needs_terms(self) -> bool:
        """Whether any rule asks for words (then articles' search terms must be read)."""
        return bool(self.words)

    @staticmethod
    def article_keys(a: Facts) -> list[tuple]:
        keys: list[tuple] = [
            _ALWAYS,
            ("thread", a.thread_id),
            ("source", a.source_id),
            ("lang", a.lang),
        ]
        keys += [("actors", x) for x in a.actors]
        keys += [("parties", x) for x in a.parties]
        keys += [("mediators", x) for x in a.mediators]
        keys += [("topics", x) for x in a.topics]
        if a.terms:
            keys += [("word", w) for w in a.terms]
        if a.events:
            keys += [("event", t) for t in a.events]
        return keys

    def candidates(self, a: Facts) -> list[Rule]:
        """The rules worth testing against ``a`` (every rule that can match it is among them)."""
        found: dict[int, Rule] = {}
        for key in self.article_keys(a):
            for rule in self._exact.get(key, ()):
                found[id(rule)] = rule
            for rule in self._checked.get(key, ()):
                found[id(rule)] = rule
        return list(found.values())

    def match(self, articles: Iterable[Facts]) -> list[tuple[Rule, Facts]]:
        """Every (rule, article) pair where the article meets the rule, each pair once."""
        exact, checked = self._exact, self._checked
        out: list[tuple[Rule, Facts]] = []
        for a in articles:
            tested: set[int] = set()
            for key in self.article_keys(a):
                rules = exact.get(key)
                if rules:
                    out += [(r, a) for r in rules]
                rules = checked.get(key)
                if rules:
                    for r in rules:
                        if id(r) not in tested:
                            tested.add(id(r))
                            if r.matches(a):
                                out.append((r, a))
        return out
