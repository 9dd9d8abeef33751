"""What is on the table: topic terms weighed by how close they sit to the talks.

A topic word in a war report or a column («الأسرى», «الحدود», «النووي») is
not a negotiated subject. Each mention of a topic term scores by its
context, times the term's strength (core, ordinary or weak, see
``data/topics.yaml``):

- bound: a negotiation word other than the term itself stands within a
  few words in the same sentence («الاتفاق على إقرار القوة العربية
  المشتركة», «لبحث الملف النووي»), or, in a sentence about talks, a
  content word a little before it introduces what the deal holds («ينص
  المقترح على … مقابل أسرى فلسطينيين … وإعادة إعمار القطاع»): 1.0;
- in a sentence that carries negotiation vocabulary: 0.5;
- right after such a sentence: 0.3; anywhere else in the story: 0.15;
- a side of the talks named in the same clause, a few words away, adds 0.5
  (0.25 to an ordinary term far from any talks sentence).

A weak term counts only half of its context and gets the side's bonus
only when it is also bound, so «النووي» needs «اتفاق … برنامج طهران
النووي» and not a passing «المفاوضات النووية» beside other business.
A topic needs a total of 1.0: one bound ordinary mention, one core
mention in a talks sentence, or several looser ones. Terms inside an
actor's name («التحالف العربي», «مجلس الأمن») do not count, and the title
counts as a bound mention.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable

from articles.nlp.actors import Ref
from articles.nlp.cues import TOPIC_CORE, TOPIC_WEAK, Cue
from articles.nlp.text import Sentences

_MIN_SCORE = 1.0
_BOUND_WORDS = 6  # words between a topic term and a negotiation word that binds it
_BOUND = 1.0
_IN_SENTENCE = 0.5
_AFTER_SENTENCE = 0.3
_ELSEWHERE = 0.15
_SIDE_BONUS = 0.5
_CONTENT_WORDS = 12  # words a content word («تشمل», «مقابل») reaches forward
_SIDE_WORDS = 10
_CLAUSE_MARKS = ("،", ",", ";", "؛", ".", "\n")
_CONTEXT_MIN = 1.0  # negotiation weight (the term's own excluded) of a talks sentence


def detect(
    cues: list[Cue],
    sentences: Sentences,
    neg_sentences: dict[int, float],
    title_cues: list[Cue],
    refs: Iterable[Ref] = (),
    parties: Iterable[str] = (),
    norm: str = "",
    title_refs: Iterable[Ref] = (),
) -> dict[str, float]:
    """Topic id → score for topics discussed in negotiation context."""
    scores: dict[str, float] = defaultdict(float)
    title_names = [(r.start, r.end) for r in title_refs if r.kind != "person"]
    for c in title_cues:
        if c.cat.startswith("topic:") and not _inside(c, title_names):
            scores[c.cat[6:]] += c.weight
    topic_cues = [c for c in cues if c.cat.startswith("topic:")]
    if topic_cues:
        _score_body(topic_cues, cues, sentences, neg_sentences, refs, set(parties), norm, scores)
    return {t: round(s, 3) for t, s in scores.items() if s >= _MIN_SCORE}


def _score_body(
    topic_cues: list[Cue],
    cues: list[Cue],
    sentences: Sentences,
    neg_sentences: dict[int, float],
    refs: Iterable[Ref],
    parties: set[str],
    norm: str,
    scores: dict[str, float],
) -> None:
    neg = [c for c in cues if c.cat == "neg"]
    neg_starts = [c.start for c in neg]
    content = [c for c in cues if c.cat == "content"]
    name_spans = [(r.start, r.end) for r in refs if r.kind != "person"]
    sides = [r for r in refs if r.agentive and r.kind != "place" and r.actor in parties]
    for c in topic_cues:
        if _inside(c, name_spans):
            continue
        si = sentences.index(c.start)
        own = sum(n.weight for n in neg if n.start < c.end and c.start < n.end)
        talks = neg_sentences.get(si, 0.0) - own >= _CONTEXT_MIN
        if _bound(c, neg, neg_starts, sentences, si, norm) or (
            talks and _introduced(c, content, norm)
        ):
            ctx = _BOUND
        elif talks:
            ctx = _IN_SENTENCE
        elif neg_sentences.get(si - 1, 0.0) >= _CONTEXT_MIN:
            ctx = _AFTER_SENTENCE
        else:
            ctx = _ELSEWHERE
        side = any(_near(c, r, norm) for r in sides)
        if c.weight <= TOPIC_WEAK:
            value = TOPIC_WEAK * ctx * (2.0 if side and ctx == _BOUND else 1.0)
        else:
            full = ctx > _ELSEWHERE or c.weight >= TOPIC_CORE
            bonus = (_SIDE_BONUS if full else _SIDE_BONUS / 2) if side else 0.0
            value = c.weight * min(1.0, ctx + bonus)
        scores[c.cat[6:]] += value


def _near(c: Cue, r: Ref, norm: str) -> bool:
    """A side named in the same clause, a few words from the term."""
    a, b = (r.end, c.start) if r.end <= c.start else (c.end, r.start)
    if b - a > 120:
        return False
    gap = norm[a:b]
    return gap.count(" ") <= _SIDE_WORDS and not any(m in gap for m in _CLAUSE_MARKS)


def _introduced(c: Cue, content: list[Cue], norm: str) -> bool:
    """A content word («تشمل», «مقابل», "in exchange for") shortly before the term."""
    for m in content:
        if m.end > c.start:
            break
        gap = norm[m.end : c.start]
        if "\n" not in gap and "." not in gap and gap.count(" ") <= _CONTENT_WORDS:
            return True
    return False


def _inside(c: Cue, spans: list[tuple[int, int]]) -> bool:
    return any(s <= c.start and c.end <= e for s, e in spans)


def _bound(
    c: Cue, neg: list[Cue], neg_starts: list[int], sentences: Sentences, si: int, norm: str
) -> bool:
    """A negotiation word (weight ≥ 1, not the term itself) within a few words."""
    s_start, s_end = sentences.spans[si] if sentences.spans else (0, len(norm))
    lo = bisect.bisect_left(neg_starts, s_start)
    hi = bisect.bisect_left(neg_starts, s_end)
    for n in neg[lo:hi]:
        if n.weight < 1.0 or (n.start < c.end and c.start < n.end):
            continue
        a, b = (n.end, c.start) if n.end <= c.start else (c.end, n.start)
        if norm.count(" ", a, b) <= _BOUND_WORDS:
            return True
    return False
