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
A term of more than one sense (``ambiguous`` in ``data/topics.yaml``:
«ضمانات» of a loan or of a border, «المراقبين» the pundits or the
monitors) counts only with one of its topic's ``sense`` words in the same
sentence. A term a few words after one of its topic's ``pressure`` words
(«فرضت واشنطن عقوبات», "or face tariffs") is a lever on a side, not a
subject on the table: it counts as a passing mention. A topic needs a
total of 1.0: one bound ordinary mention, one core
mention in a talks sentence, or several looser ones. Terms inside an
actor's name («التحالف العربي», «مجلس الأمن») do not count, and the title
counts as a bound mention.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from articles.nlp import vocab
from articles.nlp.actors import Ref
from articles.nlp.cues import TOPIC_CORE, TOPIC_WEAK, Cue
from articles.nlp.text import CLAUSE_MARKS, Sentences

MIN_SCORE = 1.0
_BOUND_WORDS = 6  # words between a topic term and a negotiation word that binds it
_BOUND = 1.0
_IN_SENTENCE = 0.5
_AFTER_SENTENCE = 0.3
_ELSEWHERE = 0.15
_SIDE_BONUS = 0.5
_CONTENT_WORDS = 12  # words a content word («تشمل», «مقابل») reaches forward
_SIDE_WORDS = 10
_LEVER_WORDS = 4  # words between a pressure word and the term it frames
_CONTEXT_MIN = 1.0  # negotiation weight (the term's own excluded) of a talks sentence
# topic → its terms of more than one sense, read only beside a sense word
_AMBIGUOUS = {t.id: t.ambiguous for t in vocab.topics() if t.ambiguous}
# topic → the topics its longer terms take words from (``over`` in topics.yaml)
_OVER = {t.id: t.over for t in vocab.topics() if t.over}


@dataclass
class TopicEvidence:
    """How one topic is spoken of in one article: the rule score and its parts."""

    score: float = 0.0
    title: float = 0.0  # strength of the topic's terms in the title
    # mentions by context: bound / in a talks sentence / after one / elsewhere
    bound: float = 0.0
    in_talks: float = 0.0
    after_talks: float = 0.0
    elsewhere: float = 0.0
    core: int = 0
    normal: int = 0
    weak: int = 0
    near_side: int = 0
    introduced: int = 0
    pressure: int = 0  # mentions framed as a lever on a side («فرضت عقوبات»)
    strong: int = 0  # core mentions bound or in a talks sentence


def evidence(
    cues: list[Cue],
    sentences: Sentences,
    neg_sentences: dict[int, float],
    title_cues: list[Cue],
    refs: Iterable[Ref] = (),
    parties: Iterable[str] = (),
    norm: str = "",
    title_refs: Iterable[Ref] = (),
    title_norm: str = "",
) -> dict[str, TopicEvidence]:
    """Every topic the article names, with the evidence the rules and the model read.

    The rules' topics are those scoring ``MIN_SCORE`` or more.
    """
    found: dict[str, TopicEvidence] = defaultdict(TopicEvidence)
    title_names = _Spans([(r.start, r.end) for r in title_refs if r.kind != "person"])
    title_senses = {
        c.cat[6:] for c in title_cues if c.cat.startswith("sense:") and not title_names.covers(c)
    }
    title_levers = _by_topic(title_cues, "pressure:")
    title_topics = _outermost(_literal(title_cues))
    for c in title_topics:
        if not title_names.covers(c):
            topic = c.cat[6:]
            if c.term in _AMBIGUOUS.get(topic, ()) and topic not in title_senses:
                continue
            ev = found[topic]
            if _lever(c, title_levers[topic], title_norm):
                ev.pressure += 1
                continue
            ev.score += c.weight
            ev.title += c.weight
    topic_cues = _outermost(_literal(cues))
    if topic_cues:
        _score_body(
            topic_cues, cues, sentences, neg_sentences, list(refs), set(parties), norm, found
        )
    return dict(found)


def _literal(cues: list[Cue]) -> list[Cue]:
    """The topic cues not inside one of their topic's idioms ("trade
    accusations" is no trade)."""
    idioms = [c for c in cues if c.cat[0] == "i" and c.cat.startswith("idiom:")]
    return [
        c
        for c in cues
        if c.cat.startswith("topic:")
        and not any(
            d.cat[6:] == c.cat[6:] and d.start <= c.start and c.end <= d.end for d in idioms
        )
    ]


def _outermost(topic_cues: list[Cue]) -> list[Cue]:
    """Topic cues not inside a longer term of a topic that takes their words
    (``over``): "trade truce" is trade and no ceasefire, "debt relief" no aid."""
    # Only a term of several words holds another one.
    overs = [d for d in topic_cues if d.cat[6:] in _OVER and " " in d.term]
    if not overs:
        return topic_cues
    return [
        c
        for c in topic_cues
        if not any(
            c.cat[6:] in _OVER[d.cat[6:]]
            and d.start <= c.start
            and c.end <= d.end
            and d.end - d.start > c.end - c.start
            for d in overs
        )
    ]


class _Spans:
    """Sorted, non-overlapping spans (matched names) with a log-time cover test."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self._spans = sorted(spans)
        self._starts = [s for s, _ in self._spans]

    def covers(self, c: Cue) -> bool:
        # Matched names never overlap, so only the last one starting at or
        # before the cue can hold it.
        i = bisect.bisect_right(self._starts, c.start) - 1
        return i >= 0 and self._spans[i][1] >= c.end


def _score_body(
    topic_cues: list[Cue],
    cues: list[Cue],
    sentences: Sentences,
    neg_sentences: dict[int, float],
    refs: list[Ref],
    parties: set[str],
    norm: str,
    found: dict[str, TopicEvidence],
) -> None:
    neg = [c for c in cues if c.cat == "neg"]
    neg_starts = [c.start for c in neg]
    content_ends = [c.end for c in cues if c.cat == "content"]
    names = _Spans([(r.start, r.end) for r in refs if r.kind != "person"])
    # A sense word inside a name («مجلس التعاون») gives no sense.
    senses = _by_topic((c for c in cues if not names.covers(c)), "sense:")
    levers = _by_topic(cues, "pressure:")
    sides = [r for r in refs if r.agentive and r.kind != "place" and r.actor in parties]
    side_starts = [r.start for r in sides]
    for c in topic_cues:
        if names.covers(c):
            continue
        topic = c.cat[6:]
        si = sentences.index(c.start)
        if c.term in _AMBIGUOUS.get(topic, ()) and not _in_sense(c, senses[topic], sentences, si):
            continue
        ev = found[topic]
        lo = bisect.bisect_left(neg_starts, c.start - 100)
        own = sum(
            n.weight
            for n in neg[lo : bisect.bisect_left(neg_starts, c.end)]
            if n.start < c.end and c.start < n.end
        )
        talks = neg_sentences.get(si, 0.0) - own >= _CONTEXT_MIN
        # A content word shortly before («يتضمن الإطار … مقابل أسرى»): read
        # for the model everywhere, bound for the rules in a talks sentence.
        introduced = _introduced(c, content_ends, norm)
        if _lever(c, levers[topic], norm):
            # A lever on a side («فرضت واشنطن عقوبات», "or face tariffs"):
            # read as a passing mention, whatever talks are near.
            ctx = _ELSEWHERE
            ev.elsewhere += c.weight
            ev.pressure += 1
        elif _bound(c, neg, neg_starts, sentences, si, norm) or (talks and introduced):
            ctx = _BOUND
            ev.bound += c.weight
        elif talks:
            ctx = _IN_SENTENCE
            ev.in_talks += c.weight
        elif neg_sentences.get(si - 1, 0.0) >= _CONTEXT_MIN:
            ctx = _AFTER_SENTENCE
            ev.after_talks += c.weight
        else:
            ctx = _ELSEWHERE
            ev.elsewhere += c.weight
        ev.introduced += bool(introduced)
        k0 = bisect.bisect_left(side_starts, c.start - 130)
        k1 = bisect.bisect_right(side_starts, c.end + 130)
        side = any(_near(c, r, norm) for r in sides[k0:k1])
        ev.near_side += side
        if c.weight <= TOPIC_WEAK:
            ev.weak += 1
            value = TOPIC_WEAK * ctx * (2.0 if side and ctx == _BOUND else 1.0)
        else:
            if c.weight >= TOPIC_CORE:
                ev.core += 1
                ev.strong += ctx >= _IN_SENTENCE
            else:
                ev.normal += 1
            full = ctx > _ELSEWHERE or c.weight >= TOPIC_CORE
            bonus = (_SIDE_BONUS if full else _SIDE_BONUS / 2) if side else 0.0
            value = c.weight * min(1.0, ctx + bonus)
        ev.score += value


def _by_topic(cues: Iterable[Cue], prefix: str) -> dict[str, list[Cue]]:
    """Cues of a per-topic category (``sense:``, ``pressure:``) by topic."""
    out: dict[str, list[Cue]] = defaultdict(list)
    for c in cues:
        if c.cat.startswith(prefix):
            out[c.cat[len(prefix) :]].append(c)
    return out


def _lever(c: Cue, levers: list[Cue], norm: str) -> bool:
    """A pressure word a few words before the term, in the same clause."""
    for w in levers:
        if w.end > c.start or c.start - w.end > 80:
            continue
        gap = norm[w.end : c.start]
        # Commas may set off a time or a place («فرضت واشنطن، الخميس، عقوبات»).
        if gap.count(" ") <= _LEVER_WORDS and "." not in gap and "\n" not in gap:
            return True
    return False


def _in_sense(c: Cue, sense: list[Cue], sentences: Sentences, si: int) -> bool:
    """A sense word of the topic in the term's sentence, other than the term itself."""
    s_start, s_end = sentences.spans[si] if sentences.spans else (0, c.end)
    return any(
        s_start <= w.start and w.end <= s_end and not (w.start < c.end and c.start < w.end)
        for w in sense
    )


def _near(c: Cue, r: Ref, norm: str) -> bool:
    """A side named in the same clause, a few words from the term."""
    a, b = (r.end, c.start) if r.end <= c.start else (c.end, r.start)
    if b - a > 120:
        return False
    gap = norm[a:b]
    return gap.count(" ") <= _SIDE_WORDS and not any(m in gap for m in CLAUSE_MARKS)


def _introduced(c: Cue, content_ends: list[int], norm: str) -> bool:
    """A content word («تشمل», «مقابل», "in exchange for") shortly before the term.

    Only the nearest one before can qualify: a farther one's gap holds the
    nearer one's.
    """
    i = bisect.bisect_right(content_ends, c.start) - 1
    if i < 0 or c.start - content_ends[i] > 200:
        return False
    gap = norm[content_ends[i] : c.start]
    return "\n" not in gap and "." not in gap and gap.count(" ") <= _CONTENT_WORDS


def _bound(
    c: Cue, neg: list[Cue], neg_starts: list[int], sentences: Sentences, si: int, norm: str
) -> bool:
    """A negotiation word (weight ≥ 1, not the term itself) within a few words."""
    s_start, s_end = sentences.spans[si] if sentences.spans else (0, len(norm))
    lo = bisect.bisect_left(neg_starts, max(s_start, c.start - 150))
    hi = bisect.bisect_left(neg_starts, min(s_end, c.end + 150))
    for n in neg[lo:hi]:
        if n.weight < 1.0 or (n.start < c.end and c.start < n.end):
            continue
        a, b = (n.end, c.start) if n.end <= c.start else (c.end, n.start)
        if b - a <= 150 and norm.count(" ", a, b) <= _BOUND_WORDS:
            return True
    return False
