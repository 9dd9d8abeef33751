"""From raw lexicon hits to actor references.

Decides which hits really refer to an actor: a capital after «في» or
«إلى» is a place, not a government; a word shared by two states (عمان:
Oman or Amman) goes to the one the rest of the article supports; an
adjective counts as an agent only after an institution noun («الوفد
القطري») — otherwise «32 ألف فلسطيني» would make Palestine a negotiator.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass

from articles.nlp import candidates, vocab
from articles.nlp.matcher import Hit
from articles.nlp.normalize import Offsets, normalize, to_original
from articles.nlp.text import Sentences, next_word, prev_word

_INST_WORDS = vocab.ordered("institution")
_INST = (
    frozenset(_INST_WORDS)
    | frozenset(p + w for w in _INST_WORDS for p in ("و", "ف", "ل", "ب") if not w.startswith("ال"))
    | frozenset("و" + w for w in _INST_WORDS)
    | frozenset("لل" + w[2:] for w in _INST_WORDS if w.startswith("ال"))
)
_PLACE_AR = vocab.ordered("place")
_PLACE = frozenset(_PLACE_AR) | frozenset("و" + w for w in _PLACE_AR) | vocab.terms("place_en")
# Words that start with «ال» but modify nothing: «الحركة إلى», «الحزب الذي».
_AL_FUNCTION_WORDS = vocab.terms("function_words_al")
_COREF_OBJECTS = vocab.terms("coref_objects")
_LOCATIVE = vocab.terms("locative")
# Metonyms whose first word names an institution, never a location.
_INSTITUTION_HEADS = vocab.terms("institution_heads")
_EN_AGENT_NOUNS = vocab.terms("agent_nouns_en")
# home state → (publishers, a pattern of its bodies' names, with a proclitic)
_HOME_PRESS = {
    state: (
        publishers,
        re.compile(
            r"(?<!\w)[وفبل]?(?P<body>"
            + "|".join(re.escape(b) for b in sorted(bodies, key=len, reverse=True))
            + r")(?!\w)"
        ),
    )
    for state, (publishers, bodies) in vocab.context_names().home_press.items()
    if bodies
}
_LANGUAGE = vocab.context_names().language_words
# The agency in brackets between a dateline's place and its dash
# («الرياض (واس) -», "CAIRO (Reuters) -").
_AGENCY_DASH = re.compile(r"\s*\([^()\n]{1,30}\)\s*[-–]")
# Words that join a given name to a father's: «عادل بن أحمد الجبير».
_PATRONYMIC = frozenset({"بن", "ابن", "بنت"})
_KUNYA = frozenset({"ابو", "ابي", "ابا", "ام"})
# «الأندية الأوروبية» is no Union: these adjectives count only after a head.
_HEADED = vocab.context_names().headed_adjectives
_BARE_SURNAMES = vocab.context_names().bare_surnames
_HEADS = vocab.context_names().adjective_heads


@dataclass
class Ref:
    """One actor reference in normalised-text offsets."""

    actor: str
    start: int  # the name, without a proclitic
    end: int
    kind: str  # 'name' | 'demonym' | 'metonym' | 'person' | 'place' (not an actor)
    agentive: bool
    surface: str
    person: int | None = None  # index into Lexicon.persons


def _is_place(norm: str, hit: Hit, body: bool = True) -> bool:
    """A capital used as a location: «في الدوحة», «بموسكو», «إلى طهران», datelines.

    A story's text may open on its datelines («باريس - دمشق - التقى…»); a
    title that opens «طهران - واشنطن» names two sides, so ``body`` says which.
    """
    first = normalize(hit.targets[0].surface.split(" ")[0])
    if first in _INSTITUTION_HEADS:
        return False
    if hit.prefix.endswith("ب"):
        return True
    pw = prev_word(norm, hit.start)
    if pw in _PLACE:
        return True
    # Dateline: «عين اليوم – لندن» at the top of the story.
    if not body:
        return False
    before = norm[max(0, hit.start - 4) : hit.start]
    if not norm[: hit.start].strip() and (
        norm[hit.end : hit.end + 3].strip()[:1] in "-–" or _AGENCY_DASH.match(norm, hit.end)
    ):
        return True
    return hit.start < 60 and ("-" in before or ":" in before)


def _agentive_demonym(norm: str, hit: Hit, prev_agentive: tuple[int, bool]) -> bool:
    pw = prev_word(norm, hit.start)
    if pw in _INST:
        return True
    if hit.targets[0].lang == "en":
        return next_word(norm, hit.end) in _EN_AGENT_NOUNS
    # «الوسطاء القطريين والمصريين»: a demonym joined to an agentive one.
    last_end, last_agentive = prev_agentive
    if last_agentive and hit.start - last_end <= 3 and hit.prefix.startswith("و"):
        return True
    # «وزير الخارجية القطري»: the adjective closes a two-word title.
    pw_pos = norm.rfind(pw, 0, hit.start) if pw else -1
    return pw_pos > 0 and prev_word(norm, pw_pos) in _INST


def _language(norm: str, hit: Hit) -> bool:
    """«باللغة الفرنسية», «العربية والفرنسية»: a feminine adjective beside a
    word of language is a language."""
    if hit.targets[0].lang != "ar" or not norm.startswith("ال", hit.name_start):
        return False
    if not norm.endswith("يه", 0, hit.end):
        return False
    before = prev_word(norm, hit.start)
    after = next_word(norm, hit.end)
    return any(
        w in _LANGUAGE or (w[:1] == "و" and w[1:] in _LANGUAGE) for w in (before, after) if w
    )


def someone_else(
    norm: str, hit: Hit, original: str, offsets: Offsets | None, own_names: list[str]
) -> bool:
    """An Arabic surname alias after another given name: «إبراهيم الزبيدي»
    is not «عيدروس الزبيدي», «ياسين صالحي» not «علي أكبر صالحي».

    A patronymic chain is read back to its first name: «عادل بن أحمد
    الجبير» is the minister, «علي بن سليمان العطية» is not «خالد العطية»;
    so is a father's name without «بن» («عادل أحمد الجبير»). ``own_names``:
    each person's name words run together, by person index.
    """
    t = hit.targets[0]
    if t.lang != "ar" or hit.prefix or " " in t.surface:
        return False
    pos = hit.start
    given = prev_word(norm, pos)
    while True:
        pos = norm.rfind(given, 0, pos)
        before = prev_word(norm, pos) if given and pos > 0 else ""
        if before not in _PATRONYMIC:
            break
        pos = norm.rfind(before, 0, pos)
        given = prev_word(norm, pos) if pos > 0 else ""
    first = prev_word(norm, pos) if pos > 0 else ""
    if given[:1] in ("و", "ف") and candidates.is_given_name(given[1:]):
        given, pos, first = given[1:], pos + 1, ""
    elif not candidates.is_given_name(given):
        return False
    # «على» folds into «علي»: the preposition, not the name.
    s, e = to_original(offsets, pos, pos + len(given))
    if original[s:e].endswith("ى"):
        return False
    names = [given] + ([first] if len(first) > 2 else [])
    own = [own_names[int(x.ids[0])] for x in hit.targets]
    return not any(n in person for n in names for person in own)


def _family_name(norm: str, hit: Hit) -> bool:
    """A definite adjective after a given name is a family name: «كريم العراقي»
    the poet, «أيمن المغربي» the surgeon.

    Not after a kunya («أبو حمزة المصري»: the Egyptian, by origin), nor after
    «علي», which is also «على» once normalised.
    """
    t = hit.targets[0]
    if t.lang != "ar" or hit.prefix or not norm.startswith("ال", hit.name_start):
        return False
    given = prev_word(norm, hit.start)
    if given == "علي" or not candidates.is_given_name(given):
        return False
    kunya = prev_word(norm, norm.rfind(given, 0, hit.start))
    return kunya not in _KUNYA and not (kunya[:1] in ("و", "ف") and kunya[1:] in _KUNYA)


def resolve(
    hits: list[Hit], norm: str, person_affiliation: list[str | None], body: bool = True
) -> list[Ref]:
    """Turn actor and person hits into references, dropping places.

    ``body``: ``norm`` is a story's text, which may open on datelines.
    """
    refs: list[Ref] = []
    ambiguous: list[Hit] = []
    last = (-10, False)
    for hit in hits:
        surface = norm[hit.name_start : hit.end]
        actor_targets = [t for t in hit.targets if t.type == "actor"]
        if not actor_targets:
            for target in hit.targets:
                if target.type == "person":
                    idx = int(target.ids[0])
                    aff = person_affiliation[idx]
                    refs.append(
                        Ref(aff or "", hit.name_start, hit.end, "person", True, surface, idx)
                    )
            continue
        if len(actor_targets) != len(hit.targets):
            hit = Hit(hit.start, hit.end, hit.name_start, tuple(actor_targets), hit.prefix)
        t = actor_targets[0]
        ids = {i for target in actor_targets for i in target.ids}
        if t.kind.startswith("contextual:"):
            refs.append(Ref(next(iter(ids)), hit.name_start, hit.end, t.kind, True, surface))
            continue
        if t.kind == "coref":
            # «الحركة الإسلامية», «المتمردين الأكراد»: a modified noun is someone else.
            nxt = next_word(norm, hit.end)
            if (
                t.lang == "ar"
                and nxt.startswith("ال")
                and nxt not in _AL_FUNCTION_WORDS
                and nxt not in _COREF_OBJECTS
            ):
                continue
            located = prev_word(norm, hit.start) in _LOCATIVE
            refs.append(
                Ref("+".join(t.ids), hit.name_start, hit.end, "coref", not located, surface)
            )
            continue
        if t.kind == "metonym" and _is_place(norm, hit, body):
            if len(ids) == 1:
                refs.append(Ref(next(iter(ids)), hit.name_start, hit.end, "place", False, surface))
            continue
        if len(ids) > 1:
            ambiguous.append(hit)
            continue
        if t.kind == "demonym":
            if _family_name(norm, hit) or _language(norm, hit):
                continue
            agentive = _agentive_demonym(norm, hit, last)
        else:
            # «في سوريا», «من قطر», «بقطر»: a state named as a location is not a side.
            located = prev_word(norm, hit.start) in _LOCATIVE or (
                hit.prefix.endswith("ب") and " " not in t.surface
            )
            agentive = t.lang != "ar" or not located
        if t.kind == "demonym":
            last = (hit.end, agentive)
            if not agentive and ids & _HEADED and prev_word(norm, hit.start) not in _HEADS:
                continue
        refs.append(Ref(next(iter(ids)), hit.name_start, hit.end, t.kind, agentive, surface))
    if ambiguous:
        support = Counter(r.actor for r in refs)
        metonyms = [r for r in refs if r.kind == "metonym"]
        metonym_starts = [r.start for r in metonyms]
        for hit in ambiguous:
            ids = sorted({i for target in hit.targets for i in target.ids})
            best = max(ids, key=lambda i: (support[i], -ids.index(i)))
            kind = hit.targets[0].kind
            if kind == "ambiguous":
                # «عمان»: Amman when listed with other capitals or when the
                # story is Jordanian, otherwise Oman.
                state, capital = hit.targets[0].ids
                lo = bisect.bisect_left(metonym_starts, hit.start - 80)
                hi = bisect.bisect_right(metonym_starts, hit.end + 12)
                listed = any(
                    0 <= r.start - hit.end < 12 or 0 <= hit.start - r.end < 8
                    for r in metonyms[lo:hi]
                )
                jordan = listed or support[capital] > support[state]
                best = capital if jordan else state
                kind = "metonym" if jordan else "name"
            if kind == "metonym" and _is_place(norm, hit, body):
                continue
            refs.append(
                Ref(
                    best,
                    hit.name_start,
                    hit.end,
                    kind,
                    kind != "demonym",
                    norm[hit.name_start : hit.end],
                )
            )
        refs.sort(key=lambda r: r.start)
    return [r for r in refs if r.actor]


def _bare(r: Ref) -> bool:
    """A person named by a surname alone that is also an ordinary word."""
    return r.kind == "person" and r.surface in _BARE_SURNAMES


def apply_context(
    refs: list[Ref], sentences: Sentences, named: set[str] | None = None
) -> list[Ref]:
    """Resolve references that depend on the rest of the story.

    A contextual reference («القوى الكبرى») stays only when its anchor actor
    is named in its sentence or the one before; a coreferent noun («الحركة», «الميليشيات») becomes
    the one candidate the story names (``named`` adds actors named in the
    body to a title's), and is dropped when it names none or several.
    """
    if not any(r.kind.startswith("contextual:") or r.kind == "coref" or _bare(r) for r in refs):
        return refs
    present: set[tuple[int, str]] = {
        (sentences.index(r.start), r.actor)
        for r in refs
        if not r.kind.startswith("contextual:") and r.kind != "coref" and not _bare(r)
    }
    in_story = {a for _, a in present} | (named or set())
    out = []
    for r in refs:
        if _bare(r) and r.actor not in in_story:
            continue  # «البحث عن البرهان»: the word, not the general
        if r.kind == "coref":
            found = [a for a in r.actor.split("+") if a in in_story]
            if len(found) != 1:
                continue
            out.append(Ref(found[0], r.start, r.end, "coref", r.agentive, r.surface))
            continue
        if r.kind.startswith("contextual:"):
            anchor = r.kind.split(":", 1)[1]
            si = sentences.index(r.start)
            if (si, anchor) not in present and (si - 1, anchor) not in present:
                continue
            # A phrase for a fixed group («الترويكا الأوروبية») names each member.
            out.extend(Ref(a, r.start, r.end, "name", True, r.surface) for a in r.actor.split("+"))
            continue
        out.append(r)
    return out


def home_state(source: str | None, norm: str, actors: set[str]) -> tuple[str, int, int] | None:
    """The state a home publisher's story refers to through its bodies alone.

    A Saudi paper's story of «شرطة جازان» or «وزير الصحة» names no state,
    yet its state is Saudi Arabia; a story that names any state (its own or
    another's) is left to those names. Returns the state and the span of
    the first body named (normalised-text offsets).
    """
    if not source or any(a.isupper() for a in actors):
        return None
    for state, (publishers, bodies) in _HOME_PRESS.items():
        if source in publishers:
            m = bodies.search(norm)
            if m:
                return state, m.start("body"), m.end("body")
    return None
