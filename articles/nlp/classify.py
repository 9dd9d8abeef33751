"""Is the article about diplomatic negotiation at all?

A keyword list fails both ways: «مفاوضات» is in every transfer story and
«الوساطة» is stock brokerage. Instead negotiation vocabulary only counts in
sentences that also name an actor, the title counts extra, and sport and
market vocabulary pull the score down in proportion to how much of it the
article holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from articles.nlp.actors import Ref
from articles.nlp.cues import Cue
from articles.nlp.text import Sentences

THRESHOLD = 5.0
# A cabinet or parliament approving a signed agreement («قرر مجلس الوزراء
# الموافقة على اتفاقية …») is a decree list, not a report of talks: the
# agreement words of those sentences do not count.
_APPROVAL_RE = re.compile(
    r"(?:الموافقه|بالموافقه|اقرار|المصادقه) علي (?:مشروع |مشروعي )?"
    r"(?:اتفاقيه|اتفاق|مذكره تفاهم|مذكرتي تفاهم|مذكرات تفاهم|بروتوكول|برنامج)"
)
# Every match of the pattern holds one of these: a cheap test before the scan
# («علي» alone is in nearly every Arabic text).
_APPROVAL_HINTS = ("الموافقه علي", "اقرار علي", "المصادقه علي")
_SENTENCE_CAP = 6.0
_DECISIVE = 3.0


@dataclass
class Evidence:
    score: float = 0.0
    raw: float = 0.0
    sport: int = 0
    market: int = 0
    neg_sentences: dict[int, float] = field(default_factory=dict)
    is_negotiation: bool = False


def assess(
    refs: list[Ref],
    cues: list[Cue],
    sentences: Sentences,
    title_cues: list[Cue],
    title_has_actor: bool,
    norm: str = "",
) -> Evidence:
    ev = Evidence()
    approvals = (
        {sentences.index(m.start()) for m in _APPROVAL_RE.finditer(norm)}
        if any(w in norm for w in _APPROVAL_HINTS)
        else set()
    )
    actor_sents = {sentences.index(r.start) for r in refs if r.kind != "place"}
    # «واتفق وفدا البلدين …», "the two sides agreed": the sides, unnamed.
    if refs:
        actor_sents |= {sentences.index(c.start) for c in cues if c.cat == "pair"}
    per_sent: dict[int, float] = {}
    for c in cues:
        if c.cat == "neg":
            si = sentences.index(c.start)
            if si in approvals:
                continue
            per_sent[si] = per_sent.get(si, 0.0) + c.weight
        elif c.cat == "sport":
            ev.sport += 1
        elif c.cat == "market":
            ev.market += 1
    ev.neg_sentences = per_sent
    raw = sum(min(w, _SENTENCE_CAP) for si, w in per_sent.items() if si in actor_sents)
    title = sum(c.weight for c in title_cues if c.cat == "neg")
    raw += (2 if title_has_actor else 1) * min(title, _SENTENCE_CAP)
    title_sport = sum(1 for c in title_cues if c.cat == "sport")
    ev.sport += 3 * title_sport
    ev.raw = raw
    penalty = 1.0 * ev.sport + 0.5 * ev.market
    ev.score = raw - penalty
    # A short brief can hold a single decisive sentence: strong talk
    # vocabulary with two sides named in it.
    actors_per_sent: dict[int, set[str]] = {}
    for r in refs:
        if r.kind != "place":
            actors_per_sent.setdefault(sentences.index(r.start), set()).add(r.actor)
    decisive = any(
        w >= _DECISIVE and len(actors_per_sent.get(si, ())) >= 2 for si, w in per_sent.items()
    )
    ev.is_negotiation = ev.score >= THRESHOLD or (decisive and ev.score >= THRESHOLD / 2)
    return ev
