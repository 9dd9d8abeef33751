"""Which negotiation track an article belongs to.

A track is defined by its core parties, its subjects, a time window and
words only its coverage uses (data/threads.yaml). An article is scored
against each definition; the best one above a floor wins. Articles that fit
none get a deterministic proposed key from their core parties and main
topic ("proposed:IRN+USA:nuclear"), so the product can group them into
candidate tracks for an analyst to name.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import ahocorasick
import yaml

from articles.nlp import vocab
from articles.nlp.normalize import normalize

DEFAULT_THREADS_PATH = Path(__file__).resolve().parent / "data" / "threads.yaml"
MIN_SCORE = 3.0
# An article that uses this many of a track's own words, and twice as many
# as the best-scoring track's, is about that track.
WORDS_LEAD = 4
_NAMES = vocab.context_names()
_ONLOOKERS = _NAMES.international - set(_NAMES.blocs)


@dataclass(frozen=True)
class ThreadDef:
    key: str
    name_ar: str
    name_en: str
    parties: frozenset[str]
    mediators: frozenset[str]
    topics: frozenset[str]
    start: date | None
    end: date | None
    keywords: tuple[str, ...]  # normalised
    core: frozenset[str] = frozenset()  # any one of these must be present
    # The one subject a track is about, when it has one (the nuclear file):
    # an article that uses none of the track's words must be on it.
    subject: str | None = None
    # Roles the thread's stored articles show (filled by the product from its
    # database): evidence for a new article's roles like the listed ones.
    seen_parties: frozenset[str] = frozenset()
    seen_mediators: frozenset[str] = frozenset()


def _to_date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def thread_def_from_dict(raw: dict[str, Any]) -> ThreadDef:
    return ThreadDef(
        key=str(raw["key"]),
        name_ar=raw.get("name_ar") or "",
        name_en=raw.get("name_en") or "",
        parties=frozenset(raw.get("parties") or ()),
        mediators=frozenset(raw.get("mediators") or ()),
        topics=frozenset(raw.get("topics") or ()),
        start=_to_date(raw.get("start")),
        end=_to_date(raw.get("end")),
        keywords=tuple(
            " ".join(normalize(str(k)).split()) for k in raw.get("keywords") or () if str(k).strip()
        ),
        core=frozenset(raw.get("core") or raw.get("parties") or ()),
        subject=raw.get("subject") or None,
    )


def load_thread_defs(path: Path = DEFAULT_THREADS_PATH) -> list[ThreadDef]:
    with Path(path).open(encoding="utf-8") as f:
        rows = yaml.safe_load(f) or []
    return [thread_def_from_dict(r) for r in rows]


def parse_published(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def main_sides(parties: Iterable[str], weights: Mapping[str, float] | None = None) -> list[str]:
    """The two sides an article is most about: highest confidence, then id.

    ``parties`` may itself map each side to its confidence."""
    if weights is None and isinstance(parties, Mapping):
        weights = parties
    return sorted(set(parties), key=lambda x: (-(weights or {}).get(x, 0.0), x))[:2]


class KeywordIndex:
    """Every track's keywords in one automaton: one pass over a text counts, per
    track, how many of its keywords the text holds."""

    def __init__(self, defs: list[ThreadDef]) -> None:
        self._automaton = ahocorasick.Automaton()
        owners: dict[str, list[str]] = {}
        for d in defs:
            for k in d.keywords:
                if k and d.key not in owners.setdefault(k, []):
                    owners[k].append(d.key)
        for k, keys in owners.items():
            self._automaton.add_word(k, (k, tuple(keys)))
        self._empty = not owners
        if not self._empty:
            self._automaton.make_automaton()

    def counts(self, text_norm: str, names: Iterable[tuple[int, int]] = ()) -> dict[str, int]:
        """Per track, how many of its keywords ``text_norm`` holds; a keyword
        wholly inside one of the ``names`` spans (an actor's name: «الحوثيين»
        holds «الحوثي») does not count."""
        if self._empty:
            return {}
        spans = list(names)
        seen: set[str] = set()
        out: dict[str, int] = {}
        for end, (k, keys) in self._automaton.iter(text_norm):
            if k in seen:
                continue
            start = end - len(k) + 1
            if any(s <= start and end < e for s, e in spans):
                continue
            seen.add(k)
            for key in keys:
                out[key] = out.get(key, 0) + 1
        return out


def score_def(
    d: ThreadDef,
    parties: set[str],
    mediators: set[str],
    topics: set[str],
    published: date | None,
    text_norm: str,
    actors: set[str],
    salience: dict[str, float] | None = None,
    weights: Mapping[str, float] | None = None,
    keyword_counts: Mapping[str, int] | None = None,
    decided: bool = True,
    title_kw: int = 0,
) -> float:
    """How well an article fits a track; 0 when it cannot be on it.

    A track is one negotiation: the article must have one of the track's
    core actors among its sides (or, when it names no side, among the
    actors it is mostly about), neither of its two main sides may be a
    stranger to the track (unless it uses the track's own words), and when
    both have topics, they must share one
    or the article must use one of the track's own words. Sharing an actor
    is not enough: Ethiopia's talks with Somalia are not the Nile dam talks.
    The track's own words (keywords) vouch for a stranger side and for a
    subject the track does not list. ``decided`` says the sides are the
    tagger's final reading, not the rules' draft (which often makes a
    mediator a side): only final sides may outweigh a topic mismatch.
    ``title_kw`` counts the track's words in the headline: a track the
    headline names may take an article whose sides we read from its other
    story, when the track's core actor is one the article keeps returning to.
    """
    if published is not None and (
        (d.start and published < d.start) or (d.end and published > d.end)
    ):
        return 0.0
    known = d.parties | d.mediators | d.seen_parties | d.seen_mediators
    if keyword_counts is not None:
        kw = keyword_counts.get(d.key, 0)
    else:
        kw = sum(1 for k in d.keywords if k in text_norm)
    focus = {a for a in actors if (salience or {}).get(a, 0.0) >= 0.5}
    if parties:
        if not d.core & parties and not (title_kw and d.core & focus):
            return 0.0
        # A main side the track does not know is another negotiation, unless
        # the article speaks of this track in its own words (a state's talks
        # about the Iran deal are on the Iran deal's timeline). An
        # international body that is no bloc (the UN, the Arab League) is
        # no stranger to any track: it welcomes, convenes and calls on sides.
        if not kw and any(
            x not in known and x not in _ONLOOKERS for x in main_sides(parties, weights)
        ):
            return 0.0
    else:
        if not d.core & focus:
            return 0.0
    # Another subject needs more of the track's words than a passing mention,
    # unless the article's two main sides are the track's own and it uses one
    # of its words (a follow-up meeting of the same two states on the same
    # deal, whatever subject we read in it). An article that names none of
    # the words must at least be on the track's one subject when it has one
    # (arms sales to Iran are not the nuclear talks).
    if (
        d.topics
        and topics
        and not topics & d.topics
        and kw < 2
        and not (decided and _same_sides(d, parties, weights, kw))
    ):
        return 0.0
    if not kw and d.subject and topics and d.subject not in topics:
        return 0.0
    sides = d.parties | d.seen_parties
    score = 2.0 * len(parties & sides) + 1.0 * len(parties & d.core)
    # The track whose core is what the article is mainly about comes first.
    score += 2.0 * len(d.core & set(main_sides(parties, weights)))
    score += 0.5 * len((actors - parties) & sides)
    if salience:
        # The actors the article keeps returning to say most about the track.
        score += sum(salience.get(a, 0.0) for a in d.core)
    score -= 0.5 * len(parties - known)
    score += 0.75 * len(mediators & known)
    score += 1.0 * len(topics & d.topics)
    score += min(kw, 3) * 1.0
    if published is not None:
        score += 0.5
    return score


def _same_sides(
    d: ThreadDef, parties: set[str], weights: Mapping[str, float] | None, kw: int
) -> bool:
    """Whether the article's two main sides are both core to ``d`` and it uses
    at least one of the track's words."""
    ms = set(main_sides(parties, weights))
    return kw >= 1 and len(ms) == 2 and ms <= d.core


def assign_thread(
    parties: Iterable[str],
    mediators: Iterable[str],
    topics: Iterable[str],
    published: date | None,
    text_norm: str,
    defs: list[ThreadDef],
    actors: Iterable[str] = (),
    salience: dict[str, float] | None = None,
    keyword_counts: Mapping[str, int] | None = None,
    decided: bool = True,
    title_counts: Mapping[str, int] | None = None,
) -> tuple[str | None, float]:
    """Best-matching track key and its score, or ``(None, best score)``.

    ``parties`` may map each side to its confidence: the two likeliest are
    the article's main sides. ``salience`` (actor → share of the article's
    mentions) lets the actors an article is mostly about outweigh those it
    names in passing; ``keyword_counts`` (from ``KeywordIndex``) spares a
    scan of the text per track. ``decided`` is false for the rules' draft
    of the sides, too rough to tell a mediator acting as a side.
    ``title_counts`` (track → its words in the headline) makes the track the
    headline names come first when the article covers two negotiations.
    """
    weights = parties if isinstance(parties, Mapping) else None
    p, m, t, a = set(parties), set(mediators), set(topics), set(actors)
    scored: list[tuple[float, ThreadDef]] = []
    best = 0.0
    for d in defs:
        tk = (title_counts or {}).get(d.key, 0)
        s = score_def(
            d, p, m, t, published, text_norm, a, salience, weights, keyword_counts, decided, tk
        )
        best = max(best, s)
        if s >= MIN_SCORE:
            scored.append((s, d))
    if not scored:
        return None, best
    # A track's mediator that the article makes a side is in a negotiation of
    # its own with the same main side: the track that holds it as a side (the
    # US talking to Hamas directly) comes before the one it mediates (the
    # Gaza truce talks).
    main = set(main_sides(p, weights))
    own = [x for x in scored if not any(_mediates_only(x[1], y[1], p, main) for y in scored)]
    if not decided:
        own = scored
    # An article that covers two negotiations is on the one its headline names.
    pool = own or scored
    named = [x for x in pool if (title_counts or {}).get(x[1].key)]
    if not named and decided:
        # Failing that, on the one its text speaks of in that track's own words.
        if keyword_counts is None:
            keyword_counts = {d.key: sum(1 for k in d.keywords if k in text_norm) for _, d in pool}
        named = _words_lead(pool, keyword_counts)
    s, d = max(named or pool, key=lambda x: x[0])
    return d.key, s


def _words_lead(
    pool: list[tuple[float, ThreadDef]], counts: Mapping[str, int]
) -> list[tuple[float, ThreadDef]]:
    """The tracks whose words the article uses far more than the leader's."""
    top = counts.get(max(pool, key=lambda x: x[0])[1].key, 0)
    return [x for x in pool if counts.get(x[1].key, 0) >= max(WORDS_LEAD, 2 * top)]


def _mediates_only(d: ThreadDef, other: ThreadDef, parties: set[str], main: set[str]) -> bool:
    """Whether ``d`` knows one of the article's sides only as a mediator
    while ``other`` knows it only as a side (an actor both mediates and
    negotiates in says nothing about which of the two it is on), and both
    tracks are about one of the article's main sides (the US as a side of
    the Iran talks says nothing about its mediation between Israelis and
    Palestinians)."""
    return bool(d.core & other.core & main) and bool(
        parties & _only_mediator(d) & _only_side(other)
    )


def _only_mediator(d: ThreadDef) -> frozenset[str]:
    return (d.mediators | d.seen_mediators) - d.parties - d.seen_parties


def _only_side(d: ThreadDef) -> frozenset[str]:
    return (d.parties | d.seen_parties) - d.mediators - d.seen_mediators


def proposed_key(
    parties: Iterable[str], topics: Iterable[str] = (), weights: dict[str, float] | None = None
) -> str | None:
    """A stable key for a negotiation nobody has defined yet: its two main sides.

    Named after the sides, not the topic, so that articles of one
    negotiation that stress different subjects still gather in one thread
    ("proposed:ETH+SOM").
    """
    ps = main_sides(parties, weights)
    if not ps:
        return None
    return "proposed:" + "+".join(sorted(ps))
