"""Named features of an article, of an (article, actor) pair and of an (article, topic) pair.

Every feature is something a reader could point at in the text: a rule
frame that fired («بوساطة X», «بين X و Y», "brokered by"), how far an
actor stands from the mediation or talk words, where in the story it first
appears, whether the title names it, what kind of actor it is, and what the
thread the article most likely belongs to says about it. Values are flags,
shares, or counts through ``log1p``, so one model weight means the same on
a short brief and on a long report.

No feature names a particular actor, thread or word: a model trained on
these can only learn kinds of evidence, which is what carries over to news
it has never seen.
"""

from __future__ import annotations

import bisect
import math
from collections import defaultdict
from collections.abc import Mapping

from articles.nlp import vocab
from articles.nlp.analysis import Analysis
from articles.nlp.cues import Cue
from articles.nlp.topics import TopicEvidence

# Organisations of the contract that are international bodies (they mediate,
# host and send envoys far more than they negotiate for themselves).
INTERNATIONAL = vocab.context_names().international
_FAR = 40  # words: "not near"
_STRONG_TALK = 3.0  # weight of a negotiation word that names talks by itself
_TALK_SENTENCE = 2.0  # talk weight of a sentence on talks (``in_talks``)
# An article with no negotiation word in a sentence that names an actor, nor
# in its title, reports no negotiation: the tagger asks the model only about
# the others (four articles in five of a day's news never reach it). The
# model is trained on all labelled articles all the same.
NEGOTIATION_GATE = 1.0


def may_negotiate(a: Analysis) -> bool:
    return a.negotiation.raw >= NEGOTIATION_GATE


_DEAL_WORDS = vocab.terms("deal")
# Side frames (``roles``) that bind an actor by more than position.
_FIRM_SIDE_FRAMES = frozenset(
    {"between", "delegation", "urged", "agree", "trigger", "decide", "envoy_visit"}
)


_LOG_INT = [round(math.log1p(i), 4) for i in range(256)]


def _log(x: float) -> float:
    """log1p, rounded so that a feature reads the same on every machine."""
    if x <= 0:
        return 0.0
    if x < 256 and x == int(x):
        return _LOG_INT[int(x)]
    return round(math.log1p(x), 4)


def _near(distance: int | None) -> float:
    return 0.0 if distance is None else round(1.0 / (1.0 + distance), 4)


# --- is it a negotiation? -----------------------------------------------------


def _deal_fate(a: Analysis) -> int:
    """Words of a deal's fate within a few words of a deal word, in one sentence."""
    deals = [c for c in a.cues if c.cat == "neg" and c.term in _DEAL_WORDS]
    if not deals:
        return 0
    fates = [c for c in a.cues if c.cat == "fate"]
    starts = [c.start for c in deals]
    n = 0
    for c in fates:
        i = bisect.bisect_left(starts, c.start - 80)
        for d in deals[i : bisect.bisect_right(starts, c.end + 80)]:
            x, y = (d.end, c.start) if d.end <= c.start else (c.end, d.start)
            if y - x <= 80 and a.norm.count(" ", x, y) <= 6 and "." not in a.norm[x:y]:
                n += 1
                break
    return n


def negotiation(a: Analysis) -> dict[str, float]:
    ev = a.negotiation
    cats: dict[str, int] = defaultdict(int)
    core_topics = 0
    for c in a.cues:
        if c.cat[0] == "t" and c.cat.startswith("topic:"):
            core_topics += c.weight >= 2.0
        else:
            cats[c.cat] += 1
    title_neg = 0.0
    title_talks = title_med = False
    for c in a.tcues:
        if c.cat == "neg":
            title_neg += c.weight
            title_talks = title_talks or c.weight >= _STRONG_TALK
        elif c.cat == "med":
            title_med = True
    weights = ev.neg_sentences.values()
    strong_sents = sum(1 for w in weights if w >= _STRONG_TALK)
    agents = {r.actor for r in a.refs if r.agentive and r.kind != "place"}
    f = {
        "raw": _log(ev.raw),
        "score": round(max(-2.0, min(3.0, ev.score / 10.0)), 4),
        "rule_yes": float(ev.is_negotiation),
        "title_neg": _log(title_neg),
        "title_actor": float(any(r.kind != "place" for r in a.trefs)),
        "title_med": float(title_med),
        "sport": _log(ev.sport),
        "market": _log(ev.market),
        "corporate": _log(cats["corporate"]),
        "talk_sentences": _LOG_INT[min(strong_sents, 255)],
        "talk_share": round(len(ev.neg_sentences) / max(1, len(a.sentences)), 4),
        "max_sentence": round(min(6.0, max(weights, default=0.0)) / 6.0, 4),
        "med_cues": _log(cats["med"]),
        "envoy_cues": _log(cats["envoy"]),
        "pair_cues": _log(cats["pair"]),
        "content_cues": _log(cats["content"]),
        "topic_core": _log(core_topics),
        "deal_fate": _log(_deal_fate(a)) if cats["fate"] else 0.0,
        "routine": _log(cats["routine"]),
        "title_talks": float(title_talks),
        "actors": _log(len(agents)),
        "length": round(math.log10(10 + len(a.norm)), 4),
    }
    title_actors = {r.actor for r in a.trefs if r.kind != "place"}
    if title_actors:
        # The share of the title's actors the body never names in a sentence
        # on talks: a story about them (a bilateral visit, a leader's speech)
        # that mentions a deal of others in passing. A title with no actor
        # (a news roundup) says nothing either way and leaves it at 0.
        talked = {
            r.actor
            for r in a.refs
            if r.actor in title_actors
            and ev.neg_sentences.get(a.sentences.index(r.start), 0.0) >= _TALK_SENTENCE
        }
        f["title_off_talks"] = round(1.0 - len(talked) / len(title_actors), 4)
    if a.body_roles is not None:
        # Sides a firm frame binds («بين X و Y», «توصلت X إلى اتفاق مع Y», a
        # delegation): a report of talks names who sits at the table, a story
        # that mentions a deal in passing (an opinion column, a visit on other
        # business) seldom binds anyone to it.
        firm = {
            x
            for x, frames in a.body_roles.frames.items()
            if a.body_roles.strong.get(x, 0.0) > 0 and not _FIRM_SIDE_FRAMES.isdisjoint(frames)
        }
        f["firm_sides"] = _log(len(firm))
        f["two_firm_sides"] = float(len(firm) >= 2)
    return {k: v for k, v in f.items() if v}


# --- each actor's role --------------------------------------------------------


class _Positions:
    """Cue positions per kind, for distance lookups inside a sentence."""

    def __init__(self, cues: list[Cue], keep) -> None:
        self.cues = [c for c in cues if keep(c)]
        self.starts = [c.start for c in self.cues]

    def distance(self, a: Analysis, start: int, end: int) -> int | None:
        """Words between [start, end) and the nearest such cue in its sentence."""
        si = a.sentences.index(start)
        s0, s1 = a.sentences.spans[si] if a.sentences.spans else (0, len(a.norm))
        lo = bisect.bisect_left(self.starts, s0)
        hi = bisect.bisect_left(self.starts, s1)
        best: int | None = None
        for c in self.cues[lo:hi]:
            x, y = (c.end, start) if c.end <= start else (end, c.start)
            d = a.norm.count(" ", x, y) if y > x else 0
            if best is None or d < best:
                best = d
        return best


def _long_lists(a: Analysis) -> set[str]:
    """Actors named in a list of four or more («الولايات المتحدة وروسيا والصين
    وبريطانيا…»): lists enumerate members or attendees more often than sides."""
    out: set[str] = set()
    run: list[str] = []
    last_end = -100
    for r in a.refs:
        if r.kind == "place":
            continue
        gap = a.norm[last_end : r.start] if r.start >= last_end else ""
        if last_end >= 0 and len(gap) <= 4 and gap.strip() in ("", "و", "،", ",", "and", ", and"):
            run.append(r.actor)
        else:
            if len(set(run)) >= 4:
                out |= set(run)
            run = [r.actor]
        last_end = r.end
    if len(set(run)) >= 4:
        out |= set(run)
    return out


# Hint frames that, like strong evidence, say an actor sits at the table
# (across from a counterpart, in a leaders' meeting, stating terms).
_SIDE_HINTS = ("counterpart", "meeting", "stance")
# Hints that tie an actor to the mediation: «جهود قطر», an envoy it sent,
# the subject of a mediation verb.
_MEDIATION_HINTS = ("efforts_of", "envoy_of_state", "envoy_person_of_state", "mediation_subject")
# Features only the side model reads (``components.train_roles``).
SIDE_ONLY = frozenset({"with_sides", "text_side", "both_frames", "international_body"})
# Features only the mediator model reads: the side model reads an
# international body apart from a bloc (``international_body``).
MEDIATOR_ONLY = frozenset({"international"})


# Frames too loose to say by themselves that an actor sits at the table.
_LOOSE_FRAMES = frozenset({"frame:weak", "frame:described"})
# Side frames that bind a partner by position alone: «مع X» after a talk noun
# (often the partner of a side talk the story mentions in passing) and
# «الطرفان» resolved to the actors close by.
_POSITIONAL_FRAMES = _LOOSE_FRAMES | {"frame:with", "frame:with_inner", "frame:pair"}


def _firm_frame(f: Mapping[str, float]) -> bool:
    """Whether a frame other than a positional one binds the actor."""
    return any(k.startswith("frame:") and k not in _POSITIONAL_FRAMES for k in f)


def outsider(f: Mapping[str, float]) -> bool:
    """An outsider on the weak frame: the likeliest thread lists the actor in
    no role and no frame binds it but the weak one (an agent near talk
    words) or a positional one, the way a state reacting to a deal, visiting
    a side or holding a side talk of its own is named."""
    return "thread_stranger" in f and not _firm_frame(f)


def firm_text_side(f: Mapping[str, float]) -> bool:
    """A text side (``text_side``) that a frame other than a positional one
    binds: «بين X و Y», an agreement, a delegation, a stance, a counterpart."""
    return "text_side" in f and _firm_frame(f)


def side_without_mediation(f: Mapping[str, float]) -> bool:
    """A side frame of its own binds the actor («اتفقت حكومتا X و Y», «بين X
    و Y») and no mediation frame does, in the body or the title: what would
    make it a mediator is the thread's prior alone, which the text overrules."""
    return (
        firm_side(f)
        and not f.get("title_mediator")
        and not any(("frame:" + x) in f for x in _MEDIATION_HINTS)
    )


def firm_side(f: Mapping[str, float]) -> bool:
    """A side frame other than a positional one binds the actor, and no
    mediation frame does, whatever the thread lists it as."""
    return bool(f.get("side_evidence") and not f.get("mediator_evidence") and _firm_frame(f))


_ONE_MENTION = _log(1)


def prior_only_mediator(f: Mapping[str, float]) -> bool:
    """A mediator the thread's prior alone would make: named once, in no
    sentence on talks and far from every talk word, with no mediation word
    near it or in the headline (the co-chairs of a dormant format welcoming a
    deal, a state named for its members of parliament visiting Crimea). The
    prior weighs evidence the text gives; here the text gives none."""
    return (
        f.get("mentions", 0.0) <= _ONE_MENTION
        and bool(f.get("far_from_talks"))
        and not f.get("in_talks")
        and not f.get("mediator_evidence")
        and not f.get("in_mediation")
        and not f.get("near_mediation")
        and not f.get("title_mediator")
    )


def mediator_beside_sides(f: Mapping[str, float], firm_others: int) -> bool:
    """The thread's mediator, bound by no firm side frame of its own, in a story
    whose text binds another side firmly («أعلن رئيس الوزراء القطري التوصل إلى
    اتفاق … بين إسرائيل وحماس», "a Hamas delegation arrived in Cairo for talks
    with Egyptian officials"): announcing the deal or receiving a side is the
    mediator's part; the sides are those the text binds."""
    return bool(f.get("thread_mediator")) and not _firm_frame(f) and firm_others >= 1


def role_candidates(a: Analysis) -> set[str]:
    """Actors whose role is decided: those the article names, and mediators
    the frames bound through a place («محادثات الدوحة»)."""
    out = set(a.actors) | set(a.rule_mediators)
    for ev in (a.body_roles, a.title_roles):
        if ev is not None:
            out |= {x for x, frames in ev.frames.items() if frames}
    out.discard("")
    return out


def roles(a: Analysis) -> dict[str, dict[str, float]]:
    """Features of every candidate actor of a negotiation article."""
    candidates = role_candidates(a)
    if not candidates:
        return {}
    med = _Positions(a.cues, lambda c: c.cat in ("med", "envoy"))
    talk = _Positions(a.cues, lambda c: c.cat == "neg" and c.weight >= _STRONG_TALK)
    neg_w = a.negotiation.neg_sentences
    med_sents = {a.sentences.index(c.start) for c in med.cues}
    n_text = max(1, len(a.norm))

    stats: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    # Sentences naming an actor the frames hold for a side: an actor named
    # beside a side, sentence after sentence, is more often across the table.
    strong_sides = {x for x, w in (a.body_roles.strong.items() if a.body_roles else ()) if w > 0}
    side_sents: dict[int, set[str]] = defaultdict(set)
    for r in a.refs:
        if r.kind != "place" and r.actor in strong_sides:
            side_sents[a.sentences.index(r.start)].add(r.actor)
    med_d: dict[str, int] = {}
    talk_d: dict[str, int] = {}
    for r in a.refs:
        s = stats[r.actor]
        if r.kind == "place":
            s["place"] += 1
            continue
        si = a.sentences.index(r.start)
        s["mentions"] += 1
        s["agentive"] += r.agentive
        s["kind:" + ("contextual" if r.kind.startswith("contextual") else r.kind)] = 1.0
        if "first" not in s:
            s["first"] = r.start / n_text
        if si == 0:
            s["first_sentence"] = 1.0
        if neg_w.get(si, 0.0) >= _TALK_SENTENCE:
            s["in_talks"] += 1
        if si in med_sents:
            s["in_mediation"] += 1
        if side_sents.get(si, set()) - {r.actor}:
            s["with_sides"] += 1
        d = med.distance(a, r.start, r.end)
        if d is not None and d < med_d.get(r.actor, _FAR):
            med_d[r.actor] = d
        d = talk.distance(a, r.start, r.end)
        if d is not None and d < talk_d.get(r.actor, _FAR):
            talk_d[r.actor] = d
    for r in a.trefs:
        if r.kind != "place":
            stats[r.actor]["title"] = 1.0
    most = max((s["mentions"] for s in stats.values()), default=1.0) or 1.0
    ranked = sorted(stats, key=lambda x: -stats[x]["mentions"])
    rank = {x: i for i, x in enumerate(ranked)}

    blocs = vocab.context_names().blocs
    in_lists = _long_lists(a)
    body, title = a.body_roles, a.title_roles
    thread = a.thread_guess
    strong_actors = sum(1 for w in (body.strong.values() if body else ()) if w > 0)
    most_side = max((w for w in (body.strong.values() if body else ())), default=0.0) or 1.0
    article = {
        "candidates": _log(len(candidates)),
        "strong_actors": _log(strong_actors),
        "loose_mediation": _log(body.med_words if body else 0),
        "english": float(a.lang == "en"),
    }
    out: dict[str, dict[str, float]] = {}
    for actor in sorted(candidates):
        s = stats.get(actor, {})
        f: dict[str, float] = dict(article)
        f["mentions"] = _log(s.get("mentions", 0))
        f["share"] = round(s.get("mentions", 0) / most, 4)
        f["agentive"] = _log(s.get("agentive", 0))
        f["place_only"] = float(not s.get("mentions") and bool(s.get("place")))
        f["place"] = _log(s.get("place", 0))
        f["title"] = s.get("title", 0.0)
        f["first_sentence"] = s.get("first_sentence", 0.0)
        f["early"] = round(1.0 - s["first"], 4) if "first" in s else 0.0
        f["in_talks"] = _log(s.get("in_talks", 0))
        if s.get("mentions"):
            f["talk_share"] = round(s.get("in_talks", 0) / s["mentions"], 4)
            f["top_two"] = float(rank.get(actor, 99) < 2)
        f["far_from_talks"] = float(talk_d.get(actor, _FAR) >= 15)
        f["in_mediation"] = _log(s.get("in_mediation", 0))
        f["near_mediation"] = _near(med_d.get(actor))
        f["near_talks"] = _near(talk_d.get(actor))
        for k, v in s.items():
            if k.startswith("kind:"):
                f[k] = v
        f["state"] = float(actor.isupper())
        if any(actor in members and bloc in candidates for bloc, members in blocs.items()):
            f["bloc_member"] = 1.0
        if actor in blocs and candidates & blocs[actor]:
            f["bloc_with_members"] = 1.0
        if actor in in_lists:
            f["in_long_list"] = 1.0
        if s.get("mentions"):
            f["with_sides"] = round(s.get("with_sides", 0) / s["mentions"], 4)
        f["international"] = float(actor in INTERNATIONAL)
        # A bloc of states (the GCC, the EU) negotiates for its members far
        # more often than a body such as the UN or the Arab League does.
        f["international_body"] = float(actor in INTERNATIONAL and actor not in blocs)
        f["movement"] = float(actor.islower() and actor not in INTERNATIONAL)
        if body is not None:
            for frame, w in body.frames.get(actor, {}).items():
                f["frame:" + frame] = _log(w)
            f["described"] = float(actor in body.described)
            f["side_evidence"] = _log(body.strong.get(actor, 0.0))
            f["side_share"] = round(body.strong.get(actor, 0.0) / most_side, 4)
            f["weak_evidence"] = round(body.weak.get(actor, 0.0), 4)
            f["mediator_evidence"] = _log(body.mediator.get(actor, 0.0))
            f["proposer_evidence"] = _log(body.proposer.get(actor, 0.0))
        if title is not None:
            f["title_side"] = _log(title.strong.get(actor, 0.0) + title.proposer.get(actor, 0.0))
            f["title_mediator"] = _log(title.mediator.get(actor, 0.0))
        f["rule_party"] = float(actor in a.rule_parties)
        f["rule_mediator"] = float(actor in a.rule_mediators)
        if thread is not None:
            f["thread_known"] = 1.0
            listed = False
            if actor in thread.parties or actor in thread.seen_parties:
                f["thread_party"] = 1.0
                listed = True
            if actor in thread.mediators or actor in thread.seen_mediators:
                f["thread_mediator"] = 1.0
                listed = True
            if actor in thread.core:
                f["thread_core"] = 1.0
            if not listed:
                f["thread_stranger"] = 1.0
        if (
            "thread_party" not in f
            and "thread_mediator" not in f
            and (f.get("side_evidence") or any(("frame:" + x) in f for x in _SIDE_HINTS))
            and not f.get("mediator_evidence")
        ):
            # The text alone calls it a side: a side frame binds an actor the
            # thread lists in no role, and no mediation frame binds it. Sides
            # the thread prior does not know are otherwise held down by it.
            f["text_side"] = 1.0
        if f.get("side_evidence") and f.get("mediator_evidence"):
            # Side and mediation frames both bind it: mostly a go-between some
            # side frame also catches (a host stating a stance, a mediator
            # named in «بين»), now and then a mediator's direct channel. The
            # side model sums the two kinds of evidence; the flag lets it
            # weigh the combination on its own (it learns to hold it down).
            f["both_frames"] = 1.0
        out[actor] = {k: v for k, v in f.items() if v}
    return out


# --- each topic ---------------------------------------------------------------


def _near_talks(e: TopicEvidence) -> float:
    return e.title + e.bound + e.in_talks


def topics(a: Analysis) -> dict[str, dict[str, float]]:
    """Features of every topic the negotiation article names at all."""
    found = a.topics or {}
    article = {"named_topics": _log(len(found)), "english": float(a.lang == "en")}
    top = max((_near_talks(e) for e in found.values()), default=0.0)
    out: dict[str, dict[str, float]] = {}
    for topic, e in sorted(found.items()):
        f: dict[str, float] = dict(article)
        f["share"] = _near_talks(e) / top if top else 0.0
        f["topic:" + topic] = 1.0
        f["score"] = _log(e.score)
        f["rule_yes"] = float(e.score >= 1.0)
        f["title"] = _log(e.title)
        f["bound"] = _log(e.bound)
        f["in_talks"] = _log(e.in_talks)
        f["after_talks"] = _log(e.after_talks)
        f["elsewhere"] = _log(e.elsewhere)
        f["core"] = _log(e.core)
        f["normal"] = _log(e.normal)
        f["weak"] = _log(e.weak)
        f["near_side"] = _log(e.near_side)
        f["introduced"] = _log(e.introduced)
        f["strong"] = _log(e.strong)
        out[topic] = {k: v for k, v in f.items() if v}
    return out
