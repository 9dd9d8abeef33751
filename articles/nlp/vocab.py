"""Cue words and topics, read once from ``data/cues.yaml`` and ``data/topics.yaml``.

Word lists are data that grow with the news (a new word for a truce, a new
way of saying "mediated by"); the code only says how each family is used.
Every word is normalised here once, so the matcher, the role frames and the
topic scorer compare the same forms. A family named in code but missing
from the file is an error at first use, not an empty set that silently
switches a frame off.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from articles.nlp.normalize import normalize

DATA_DIR = Path(__file__).resolve().parent / "data"
CUES_PATH = DATA_DIR / "cues.yaml"
TOPICS_PATH = DATA_DIR / "topics.yaml"
CONTEXT_PATH = DATA_DIR / "context_names.yaml"

# Topic term strengths (see topics.yaml): the cue's weight.
TOPIC_TIERS: dict[str, float] = {"core": 2.0, "normal": 1.0, "weak": 0.5}


@dataclass(frozen=True)
class TopicDef:
    id: str
    name_ar: str
    name_en: str
    terms: dict[float, tuple[str, ...]]  # strength → normalised terms
    # Normal terms of more than one sense («ضمانات» of a loan or of a border):
    # they name the topic only beside one of its ``sense`` words.
    ambiguous: frozenset[str] = frozenset()
    sense: tuple[str, ...] = ()
    # Words that make a term a lever on a side rather than a subject of the
    # talks («فرضت عقوبات», "or face tariffs").
    pressure: tuple[str, ...] = ()
    # Topics whose terms inside one of this topic's longer terms do not count
    # ("trade truce" is no ceasefire, "debt relief" no aid).
    over: frozenset[str] = frozenset()
    # Phrases in which a term of the topic means something else ("trade
    # accusations", "trade fire"): a term inside one names no topic.
    idioms: tuple[str, ...] = ()


def _norm(word: Any) -> str:
    return " ".join(normalize(str(word)).split())


@cache
def _cue_data() -> dict[str, dict[str, Any]]:
    with CUES_PATH.open(encoding="utf-8") as f:
        raw = yaml.safe_load(f) or {}
    out: dict[str, dict[str, Any]] = {}
    for name, spec in raw.items():
        spec = spec or {}
        entry: dict[str, Any] = {"about": str(spec.get("about") or "").strip()}
        if "weights" in spec:
            weights: dict[str, float] = {}
            for w, words in (spec.get("weights") or {}).items():
                for word in words or ():
                    weights.setdefault(_norm(word), float(w))
            entry["weights"] = weights
            entry["terms"] = tuple(weights)
        else:
            seen: dict[str, None] = {}
            for word in spec.get("terms") or ():
                if _norm(word):
                    seen.setdefault(_norm(word))
            entry["terms"] = tuple(seen)
        out[str(name)] = entry
    return out


def families() -> list[str]:
    return list(_cue_data())


def about(family: str) -> str:
    return _family(family)["about"]


def _family(family: str) -> dict[str, Any]:
    try:
        return _cue_data()[family]
    except KeyError:
        raise KeyError(f"cue family {family!r} is not in {CUES_PATH.name}") from None


def ordered(family: str) -> tuple[str, ...]:
    """The family's normalised words in file order, duplicates dropped."""
    return _family(family)["terms"]


@cache
def terms(*names: str) -> frozenset[str]:
    """The normalised words of one or more families."""
    return frozenset(w for name in names for w in ordered(name))


def weights(family: str) -> dict[str, float]:
    """Word → weight of a weighted family."""
    found = _family(family).get("weights")
    if found is None:
        raise KeyError(f"cue family {family!r} has no weights")
    return dict(found)


@cache
def topics() -> tuple[TopicDef, ...]:
    """The spec's topics in naming priority, with their terms by strength."""
    with TOPICS_PATH.open(encoding="utf-8") as f:
        rows = yaml.safe_load(f) or []

    def words(row: dict[str, Any], key: str) -> tuple[str, ...]:
        """A topic's list under ``key``, normalised, duplicates dropped, in order."""
        return tuple(dict.fromkeys(_norm(w) for w in row.get(key) or () if _norm(w)))

    out = []
    for row in rows:
        tiers = {
            strength: words(row, tier) for tier, strength in TOPIC_TIERS.items() if row.get(tier)
        }
        # An ambiguous term keeps the strength of the tier it is listed in, or
        # is an ordinary term when it is listed only as ambiguous.
        ambiguous = words(row, "ambiguous")
        listed = {w for words in tiers.values() for w in words}
        unlisted = tuple(w for w in ambiguous if w not in listed)
        if unlisted:
            normal = TOPIC_TIERS["normal"]
            tiers[normal] = tuple(dict.fromkeys(tiers.get(normal, ()) + unlisted))
        out.append(
            TopicDef(
                str(row["id"]),
                row["name_ar"],
                row["name_en"],
                tiers,
                frozenset(ambiguous),
                words(row, "sense"),
                words(row, "pressure"),
                frozenset(str(x) for x in row.get("over") or ()),
                words(row, "idioms"),
            )
        )
    return tuple(out)


def topic_ids() -> tuple[str, ...]:
    return tuple(t.id for t in topics())


@dataclass(frozen=True)
class ContextNames:
    non_actor_phrases: tuple[str, ...]
    contextual: dict[str, tuple[str, tuple[str, ...]]]  # actor → (anchor, phrases)
    coreferent: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]  # (nouns, candidates)
    ambiguous: dict[str, tuple[str, ...]]
    blocs: dict[str, frozenset[str]]  # bloc id → member states
    international: frozenset[str] = frozenset()  # bodies that convene more than negotiate
    # home state → (its publishers, the normalised names of its bodies)
    home_press: dict[str, tuple[frozenset[str], tuple[str, ...]]] = field(default_factory=dict)
    # normalised words of language: a feminine adjective beside one is a language
    language_words: frozenset[str] = frozenset()
    headed_adjectives: frozenset[str] = frozenset()  # actors whose adjective needs a head
    adjective_heads: frozenset[str] = frozenset()  # normalised heads beside the institutions
    # normalised surnames that are also ordinary words («البرهان», "the proof")
    bare_surnames: frozenset[str] = frozenset()


@cache
def context_names() -> ContextNames:
    """Names whose reading depends on the story (``data/context_names.yaml``)."""
    with CONTEXT_PATH.open(encoding="utf-8") as f:
        raw = yaml.safe_load(f) or {}
    return ContextNames(
        non_actor_phrases=tuple(raw.get("non_actor_phrases") or ()),
        contextual={
            str(actor): (str(spec["anchor"]), tuple(spec.get("phrases") or ()))
            for actor, spec in (raw.get("contextual") or {}).items()
        },
        coreferent=tuple(
            (tuple(row["nouns"]), tuple(row["candidates"])) for row in raw.get("coreferent") or ()
        ),
        ambiguous={str(k): tuple(v) for k, v in (raw.get("ambiguous") or {}).items()},
        blocs={str(k): frozenset(v) for k, v in (raw.get("blocs") or {}).items()},
        international=frozenset(str(x) for x in raw.get("international") or ()),
        home_press={
            str(state): (
                frozenset(str(x) for x in spec.get("publishers") or ()),
                tuple(normalize(str(x)) for x in spec.get("bodies") or ()),
            )
            for state, spec in (raw.get("home_press") or {}).items()
        },
        language_words=frozenset(normalize(str(x)) for x in raw.get("language_words") or ()),
        headed_adjectives=frozenset(
            str(x) for x in (raw.get("headed_adjectives") or {}).get("actors") or ()
        ),
        adjective_heads=frozenset(
            normalize(str(x)) for x in (raw.get("headed_adjectives") or {}).get("heads") or ()
        ),
        bare_surnames=frozenset(normalize(str(x)) for x in raw.get("bare_surnames") or ()),
    )


@cache
def fingerprint() -> str:
    """A short hash of the vocabulary files, part of the tagger's version."""
    h = hashlib.sha1()
    for path in (CUES_PATH, TOPICS_PATH, CONTEXT_PATH):
        h.update(path.read_bytes())
    return h.hexdigest()[:10]
