"""Plain value types passed between the tagger and its callers.

The Django side builds ``ArticleInput`` from rows and stores what
``TagResult`` holds; nothing here knows about either side's storage.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ROLES = ("party", "mediator", "mentioned")


@dataclass(frozen=True)
class ArticleInput:
    id: str
    title: str
    text: str
    published_at: str | None = None
    source: str | None = None
    lang: str | None = None

    @classmethod
    def from_dict(cls, row: dict[str, Any]) -> ArticleInput:
        """Read the spec's input form, tolerating nulls and missing keys."""
        return cls(
            id=str(row.get("id", "")),
            title=row.get("title") or "",
            text=row.get("text") or "",
            published_at=row.get("published_at") or None,
            source=row.get("source") or None,
            lang=row.get("lang") or None,
        )


@dataclass(frozen=True)
class Mention:
    """One actor reference; offsets index the original ``text`` (or title)."""

    actor: str
    start: int
    end: int
    surface: str


@dataclass(frozen=True)
class Person:
    name: str
    affiliation: str | None


@dataclass(frozen=True)
class ActorTag:
    actor: str
    role: str
    confidence: float


@dataclass(frozen=True)
class Candidate:
    """An unknown name after a title, offered to analysts for the lexicon.

    ``affiliation`` is the actor id the title names («وزير الخارجية
    الصومالي» → SOM), or None.
    """

    name: str
    title: str
    context: str
    affiliation: str | None = None


@dataclass(frozen=True)
class EventTag:
    """One move an article reports (spec/events.md).

    ``when`` is an ISO date or None; ``start``/``end`` index the sentence in
    the article's ``text``. ``confidence`` is the product's own (0..1) and is
    not part of the contract's JSON form.
    """

    type: str
    actors: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    via: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    when: str | None = None
    attributed_to: str | None = None
    start: int = 0
    end: int = 0
    confidence: float = 1.0

    def to_spec(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "actors": _sorted_unique(self.actors),
            "targets": _sorted_unique(self.targets),
            "via": _sorted_unique(self.via),
            "topics": _sorted_unique(self.topics),
            "when": self.when,
            "attributed_to": self.attributed_to,
            "start": self.start,
            "end": self.end,
        }


def _sorted_unique(items: Any) -> list[Any]:
    return sorted(set(items))


@dataclass
class TagResult:
    id: str
    is_negotiation: bool
    actors: list[str] = field(default_factory=list)
    parties: list[str] = field(default_factory=list)
    mediators: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    thread: str | None = None
    persons: list[Person] = field(default_factory=list)
    cited_sources: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    title_mentions: list[Mention] = field(default_factory=list)
    actor_tags: list[ActorTag] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    events: list[EventTag] = field(default_factory=list)
    thread_score: float = 0.0
    negotiation_score: float = 0.0

    def to_spec(self) -> dict[str, Any]:
        """The exact output form of spec/tagging.md.

        Role lists, topics and thread are emptied when the article is not a
        negotiation, so consumers never see a party of a non-negotiation.
        """
        neg = bool(self.is_negotiation)
        persons = sorted(
            {(p.name, p.affiliation) for p in self.persons},
            key=lambda p: (p[0], p[1] or ""),
        )
        # By place, then id: a phrase for a group («الترويكا الأوروبية») names
        # its members at one span, and the output must not depend on set order.
        mentions = sorted(
            {(m.actor, m.start, m.end) for m in self.mentions}, key=lambda m: (m[1], m[2], m[0])
        )
        return {
            "id": self.id,
            "is_negotiation": neg,
            "actors": _sorted_unique(self.actors),
            "parties": _sorted_unique(self.parties) if neg else [],
            "mediators": _sorted_unique(self.mediators) if neg else [],
            "topics": _sorted_unique(self.topics) if neg else [],
            "thread": self.thread if neg else None,
            "persons": [{"name": n, "affiliation": a} for n, a in persons],
            "cited_sources": _sorted_unique(self.cited_sources),
            "mentions": [{"actor": a, "start": s, "end": e} for a, s, e in mentions],
            "events": [e.to_spec() for e in self.events] if neg else [],
        }
