"""``data/events.yaml``, read and normalised once per process.

The event cue families, modifiers, attribution words and date words are
data that grow with the news; this module only normalises them, so every
other module of the package compares normalised forms.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from articles.nlp.normalize import normalize

EVENTS_PATH = Path(__file__).resolve().parent.parent / "data" / "events.yaml"

EVENT_TYPES = (
    "talks_held",
    "talks_planned",
    "proposal",
    "acceptance",
    "rejection",
    "agreement",
    "implementation",
    "suspension",
    "accusation",
    "mediation_offer",
    "denial",
    "resolution",
)


def norm(word: Any) -> str:
    return " ".join(normalize(str(word)).split())


@dataclass(frozen=True)
class EventData:
    cues: dict[str, dict[str, float]]  # type → normalised cue (``*`` kept) → weight
    modifiers: dict[str, frozenset[str]]  # future / negation / hope → words
    citing: frozenset[str]
    source_nouns: frozenset[str]
    source_stop: frozenset[str]
    source_company: frozenset[str]  # «مع», "with": a source noun after them is a party met
    weekdays: dict[str, int]  # normalised word → 0 (Monday) .. 6
    months: dict[str, int]  # normalised word → 1 .. 12
    day_offsets: dict[str, int]
    this_month: tuple[str, ...]
    next_month: tuple[str, ...]
    month_ahead: tuple[str, ...]  # «سبتمبر المقبل»: the named month's next coming
    day_ordinals: dict[str, int]  # «الثاني عشر» (من أبريل) → 12
    not_days_after: tuple[str, ...]  # «النصف», «بعد»: an ordinal after them is no day
    round_ordinals: dict[str, int]  # «الجولة الثالثة», "third round" → 3
    month_past: tuple[str, ...]  # «يوليو الماضي»: its last gone
    subject_heads: frozenset[str]
    first_verbs: frozenset[str]  # «اتهم», «أعلن»: a verb whose subject follows it
    purpose_nouns: tuple[str, ...]  # «عقد», «بحث»: with «ل» on them, what a step is for
    chain_heads: frozenset[str]  # "US and Ukrainian officials met": heads after a joined subject
    object_pronouns: frozenset[str]
    telling: frozenset[str]  # verbs of saying with an addressee («أبلغت», "told")
    passive_verbs: frozenset[str]  # verbs that put a move off in the passive («تأجلت»)
    conduits: frozenset[str]  # actor ids that only carry a step out (the Red Cross)
    outsiders: frozenset[str]  # actor ids at no table: never a side, a maker or a target
    anaphors: frozenset[str]
    participles: frozenset[str]
    finite_blame: tuple[str, ...]  # prefixes of finite accusing verbs («اتهمت», «تتهم»)
    misconduct: frozenset[str]  # verbs whose subject is the one blamed
    joint_endings: tuple[str, ...]  # «قبولهما», «وافقا»: a move word made by two or more
    object_endings: tuple[str, ...]  # «رفضته»: a verb carrying its object, subject after it
    relatives: frozenset[str]  # «ما», «الذي»: before a verb with a pronoun, subject after it
    relative_endings: tuple[str, ...]  # «ما رفضه»: the pronoun such a verb carries
    agreed_starts: frozenset[str]  # «اتفقا على بدء مفاوضات»: words between «على» and talks
    prepositions: frozenset[str]
    titles: frozenset[str]  # words of a person's title between a preposition and the name
    needs_object: frozenset[str]  # types that need a talks object in the sentence
    objects: tuple[str, ...]  # normalised, ``*`` kept
    needs_vote: frozenset[str]
    resolution_bodies: frozenset[str]  # actor ids whose votes and vetoes are resolutions
    votes: tuple[str, ...]
    # type → cues that only name the thing («اتفاق», "deal"): a sentence whose
    # cues of the type are all of these mentions it and tells no move
    names: dict[str, frozenset[str]]
    # suspension cues whose subject is the talks themselves: the sides' stall
    stalls: frozenset[str]
    breaches: frozenset[str]
    # acceptance cues made by both sides at once («وافقتا»): of a truce, a deal reached
    by_both: frozenset[str]
    absences: frozenset[str]  # staying-away words: a refusal only of talks named nearby
    stances: frozenset[str]  # «التدخل» after a refusal: a stance, no answer
    charges: frozenset[str]  # «الاتهامات», "allegation": a refusal of one is a denial
    was_planned: frozenset[str]  # «كانت مقررة»: a meeting that had been set, when put off
    refused_signings: tuple[str, ...]  # «توقيع»: a signing word a refusal may refuse
    ended_timing: frozenset[str]  # «بعد» (انتهاء الهدنة): a truce's end told as a time
    reports: tuple[str, ...]  # «التقارير», English charges: what a denial may bear on alone
    signings: frozenset[str]  # «وقع»: signs only with a deal named nearby
    views: frozenset[str]  # «أهمية» after «اتفقا على»: a view shared, no deal
    agreed_to: frozenset[str]  # "agreed to the proposal": what makes "agreed" an acceptance
    bodies: frozenset[str]  # «لجنة»: the proposal word after it names a body
    not_put: frozenset[str]  # «الثقة» after «طرح»: a vote, no proposal
    made_before: frozenset[str]  # «الهدنة التي أعلنها»: an offer made before
    proposal_nouns: tuple[str, ...]  # «المقترح», «اقتراح»: how a proposal noun begins
    demands: frozenset[str]  # «طالب»: a proposal only with the talks or a deal named
    conditional: frozenset[str]  # «مرهون»: a condition only of a deal or talks named before
    aims: frozenset[str]  # «لعرقلة»: blocking told as an aim, no one blamed
    admits: frozenset[str]  # «أقر»: with a «بـ» word next, an admission, not an approval
    still_approves: frozenset[str]  # «بالإجماع», «بنود»: «بـ» words after «أقر» that approve
    recalls: frozenset[str]  # «استدعى», "recall*": a stall only of a team named after
    comments: frozenset[str]  # «علق»: "suspended", or "commented" before «على»
    short_of: frozenset[str]  # «دون التوصل»: a stall only where talks held are told
    teams: frozenset[str]
    another_meeting: frozenset[str]  # «الاجتماع الثالث»: after the noun, another meeting


@cache
def load() -> EventData:
    with EVENTS_PATH.open(encoding="utf-8") as f:
        raw = yaml.safe_load(f) or {}
    types = raw.get("types") or {}
    unknown = set(types) - set(EVENT_TYPES)
    if unknown:
        raise ValueError(f"{EVENTS_PATH.name}: unknown event types {sorted(unknown)}")
    cues: dict[str, dict[str, float]] = {}
    for etype in EVENT_TYPES:
        spec = types.get(etype) or {}
        table: dict[str, float] = {}
        for weight, words in (spec.get("cues") or {}).items():
            for word in words or ():
                if norm(word):
                    table.setdefault(norm(word), float(weight))
        cues[etype] = table
    mods = {
        name: frozenset(norm(w) for w in (spec or {}).get("words") or ())
        for name, spec in (raw.get("modifiers") or {}).items()
    }
    att = raw.get("attribution") or {}
    dates = raw.get("dates") or {}

    def of_type(etype: str, key: str) -> frozenset[str]:
        """A word list kept under one event type («of_the_talks», «charges»…)."""
        return frozenset(norm(w) for w in (types.get(etype) or {}).get(key) or ())

    return EventData(
        cues=cues,
        modifiers=mods,
        citing=frozenset(norm(w) for w in att.get("citing") or ()),
        source_nouns=frozenset(norm(w) for w in att.get("source_nouns") or ()),
        source_stop=frozenset(norm(w) for w in att.get("stop") or ()),
        source_company=frozenset(norm(w) for w in att.get("company") or ()),
        weekdays={norm(w): i for i, ws in enumerate(dates.get("weekdays") or ()) for w in ws},
        months={norm(w): i + 1 for i, ws in enumerate(dates.get("months") or ()) for w in ws},
        day_offsets={norm(k): int(v) for k, v in (dates.get("offsets") or {}).items()},
        this_month=tuple(norm(w) for w in dates.get("this_month") or ()),
        next_month=tuple(norm(w) for w in dates.get("next_month") or ()),
        month_ahead=tuple(norm(w) for w in dates.get("month_ahead") or ()),
        day_ordinals={
            norm(w): i + 1 for i, ws in enumerate(dates.get("day_ordinals") or ()) for w in ws
        },
        not_days_after=tuple(norm(w) for w in dates.get("not_days_after") or ()),
        round_ordinals={
            norm(w): i + 1 for i, ws in enumerate(raw.get("round_ordinals") or ()) for w in ws
        },
        month_past=tuple(norm(w) for w in dates.get("month_past") or ()),
        subject_heads=frozenset(norm(w) for w in raw.get("subject_heads") or ()),
        first_verbs=frozenset(norm(w) for w in raw.get("first_verbs") or ()),
        purpose_nouns=tuple(norm(w) for w in raw.get("purpose_nouns") or ()),
        chain_heads=frozenset(norm(w) for w in raw.get("chain_heads") or ()),
        object_pronouns=frozenset(norm(w) for w in raw.get("object_pronouns") or ()),
        telling=frozenset(norm(w) for w in raw.get("telling") or ()),
        passive_verbs=frozenset(norm(w) for w in raw.get("passive_verbs") or ()),
        conduits=frozenset(str(a) for a in raw.get("conduits") or ()),
        outsiders=frozenset(str(a) for a in raw.get("outsiders") or ()),
        anaphors=frozenset(norm(w) for w in raw.get("anaphors") or ()),
        participles=frozenset(norm(w) for w in raw.get("participles") or ()),
        finite_blame=tuple(norm(w) for w in raw.get("finite_blame") or ()),
        misconduct=frozenset(norm(w) for w in raw.get("misconduct") or ()),
        joint_endings=tuple(norm(w) for w in raw.get("joint_endings") or ()),
        object_endings=tuple(norm(w) for w in raw.get("object_endings") or ()),
        relatives=frozenset(norm(w) for w in raw.get("relatives") or ()),
        relative_endings=tuple(norm(w) for w in raw.get("relative_endings") or ()),
        agreed_starts=frozenset(norm(w) for w in raw.get("agreed_starts") or ()),
        prepositions=frozenset(norm(w) for w in raw.get("prepositions") or ()),
        titles=frozenset(norm(w) for w in raw.get("titles") or ()),
        needs_object=frozenset(t for t in EVENT_TYPES if (types.get(t) or {}).get("needs_object")),
        objects=tuple(norm(w) for w in raw.get("objects") or ()),
        needs_vote=frozenset(t for t in EVENT_TYPES if (types.get(t) or {}).get("needs_vote")),
        votes=tuple(norm(w) for w in raw.get("votes") or ()),
        resolution_bodies=frozenset((types.get("resolution") or {}).get("bodies") or ()),
        names={t: of_type(t, "names") for t in EVENT_TYPES if (types.get(t) or {}).get("names")},
        stalls=of_type("suspension", "of_the_talks"),
        breaches=of_type("accusation", "of_a_deal"),
        by_both=of_type("acceptance", "by_both"),
        absences=of_type("rejection", "of_the_talks"),
        stances=of_type("rejection", "stances"),
        recalls=of_type("suspension", "recalls"),
        comments=of_type("suspension", "comments"),
        short_of=of_type("suspension", "short_of"),
        teams=of_type("suspension", "teams"),
        agreed_to=of_type("acceptance", "agreed_to"),
        bodies=of_type("proposal", "bodies"),
        not_put=of_type("proposal", "not_put"),
        made_before=of_type("proposal", "made_before"),
        proposal_nouns=tuple(
            norm(w) for w in (types.get("proposal") or {}).get("noun_starts") or ()
        ),
        demands=of_type("proposal", "demands"),
        conditional=of_type("proposal", "conditional"),
        aims=of_type("accusation", "aims"),
        admits=of_type("acceptance", "admits"),
        still_approves=of_type("acceptance", "still_approves"),
        signings=of_type("agreement", "with_a_deal"),
        views=of_type("agreement", "views"),
        # A denial may bear on a press report with no talks named in its
        # sentence, and in English on a charge ("dismissed the charge as
        # baseless"); an Arabic charge denied («نفى المزاعم», «الاتهامات») is
        # as often of conduct in a war, so it needs the talks named.
        reports=tuple(
            sorted(
                of_type("denial", "reports")
                | {w for w in of_type("denial", "charges") if w.isascii()}
            )
        ),
        charges=of_type("denial", "charges"),
        was_planned=of_type("talks_planned", "was_planned"),
        refused_signings=tuple(of_type("agreement", "refused_signings")),
        another_meeting=frozenset(
            norm(w) for w in ((raw.get("modifiers") or {}).get("retold") or {}).get("another") or ()
        ),
        ended_timing=frozenset(
            norm(w) for w in ((raw.get("modifiers") or {}).get("ended") or {}).get("timing") or ()
        ),
    )


@cache
def fingerprint() -> str:
    """A short hash of the event data, part of the tagger's version."""
    return hashlib.sha1(EVENTS_PATH.read_bytes()).hexdigest()[:10]
