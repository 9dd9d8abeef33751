"""What the rule layer reads in one article, before anything is decided.

The tagger reads an article once (names, cue words, sentences, role frames,
topic mentions) and keeps it all here; the decisions (is it a negotiation,
who are the sides and mediators, what is on the table) are taken from this
record by the learned models or, without them, by the rules. Training reads
the same record, so a model always sees exactly what the tagger will show
it at run time.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from articles.nlp import classify, roles
from articles.nlp.actors import Ref
from articles.nlp.cues import Cue
from articles.nlp.matcher import Hit
from articles.nlp.normalize import Offsets
from articles.nlp.text import Sentences
from articles.nlp.threads import ThreadDef
from articles.nlp.topics import TopicEvidence
from articles.nlp.types import ArticleInput


@dataclass
class Analysis:
    article: ArticleInput
    text: str  # the body as read (capped at the tagger's limit)
    title: str
    norm: str
    offsets: Offsets | None
    tnorm: str
    toffsets: Offsets | None
    padded: str  # ``matcher.spaced(norm)``: the form every automaton reads
    tpadded: str
    hits: list[Hit]
    thits: list[Hit]
    refs: list[Ref]  # body references, places included
    trefs: list[Ref]
    cues: list[Cue]
    tcues: list[Cue]
    sentences: Sentences
    tsentences: Sentences
    skip: list[tuple[int, int]]  # boilerplate spans of the body
    negotiation: classify.Evidence
    actors: set[str]
    lang: str
    # Filled on demand (only for articles that may be negotiations):
    body_roles: roles.Evidence | None = None
    title_roles: roles.Evidence | None = None
    rule_parties: dict[str, float] = field(default_factory=dict)
    rule_mediators: dict[str, float] = field(default_factory=dict)
    topics: dict[str, TopicEvidence] | None = None
    thread_guess: ThreadDef | None = None
    keyword_counts: dict[str, int] | None = None  # thread key → keywords found

    @property
    def body_refs(self) -> list[Ref]:
        return [r for r in self.refs if r.kind != "place"]
