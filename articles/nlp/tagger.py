"""The tagging pipeline: one article in, one TagResult out.

Per article: one normalisation pass, one Aho-Corasick pass for lexicon
surfaces and one for cue words; everything after works on those hit lists
and sentence indices, and the role, topic and thread work only runs when
the article reports a negotiation. Automata are built once per Tagger.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from articles.nlp import actors as actor_refs
from articles.nlp import candidates, classify, roles, sources, topics
from articles.nlp.cues import CueMatcher
from articles.nlp.lexicon import Lexicon
from articles.nlp.matcher import Hit, Matcher, Target, spaced
from articles.nlp.normalize import normalize, normalize_with_offsets, to_original
from articles.nlp.text import Sentences, boilerplate_spans
from articles.nlp.threads import (
    ThreadDef,
    assign_thread,
    load_thread_defs,
    parse_published,
    proposed_key,
)
from articles.nlp.types import ActorTag, ArticleInput, Mention, Person, TagResult

_ENVOY_TITLE_WORDS = ("envoy", "representative", "mediator")
# Geographic phrases that contain a state's name but do not refer to it;
# listing them lets the longest-match rule swallow the inner name.
NON_ACTOR_PHRASES = (
    "المغرب العربي",
    "دول المغرب العربي",
    "صلاة المغرب",
    "خليج المكسيك",
    "أمريكا اللاتينية",
    "أمريكا الجنوبية",
    "أمريكا الشمالية",
    "أمريكا الوسطى",
    "أميركا اللاتينية",
    "أميركا الجنوبية",
    "أميركا الشمالية",
    "Latin America",
    "South America",
    "North America",
    "Gulf of Mexico",
    "New Mexico",
    "New Jersey",
)


# Phrases that name an actor only next to another one: "the world powers"
# are the P5+1 in a story about Iran, and nobody in particular elsewhere.
# The second item is the actor that must be named in the same sentence.
CONTEXTUAL_ALIASES: dict[str, tuple[tuple[str, ...], str]] = {
    "p5plus1": (
        (
            "القوى الكبرى",
            "القوى العالمية",
            "القوى العالمية الست",
            "الدول الكبرى",
            "القوى الدولية",
            "القوى الغربية",
            "world powers",
            "major powers",
        ),
        "IRN",
    ),
}


# Nouns a story uses for a group it has already named: «الحركة» for Hamas,
# «الميليشيات» or «الانقلابيين» for the Houthis, "the group". Each stands
# for the one candidate the story names elsewhere, and for nobody when it
# names none or several (actors.apply_context).
COREFERENT_NOUNS: dict[tuple[str, ...], tuple[str, ...]] = {
    ("الحركة",): ("hamas", "pij", "fatah", "taliban"),
    ("الجماعة",): ("houthis",),
    ("الحزب",): ("hezbollah", "pkk"),
    (
        "الميليشيات",
        "الميليشيا",
        "المليشيات",
        "المليشيا",
        "ميليشيات",
        "مليشيات",
        "الانقلابيين",
        "الانقلابيون",
        "المتمردين",
        "المتمردون",
    ): ("houthis", "rsf"),
    ("the group", "the movement", "the militant group"): (
        "hamas",
        "pij",
        "houthis",
        "hezbollah",
        "taliban",
        "rsf",
    ),
}


# Bare «عمان» is Oman or Amman; actors.resolve picks one from context.
AMBIGUOUS_NAMES = {"عمان": ("OMN", "JOR")}


def _lexicon_entries(lexicon: Lexicon) -> Iterator[tuple[str, Target]]:
    for phrase, ids in AMBIGUOUS_NAMES.items():
        yield phrase, Target("actor", ids, "ambiguous", "ar", normalize(phrase))
    for actor_id, (phrases, anchor) in CONTEXTUAL_ALIASES.items():
        for phrase in phrases:
            lang = "en" if phrase.isascii() else "ar"
            yield (
                phrase,
                Target("actor", (actor_id,), "contextual:" + anchor, lang, normalize(phrase)),
            )
    for phrases, antecedents in COREFERENT_NOUNS.items():
        for phrase in phrases:
            lang = "en" if phrase.isascii() else "ar"
            target = Target("actor", antecedents, "coref", lang, normalize(phrase))
            yield phrase, target
    for phrase in NON_ACTOR_PHRASES:
        lang = "en" if phrase.isascii() else "ar"
        yield phrase, Target("block", (), "name", lang, normalize(phrase))
    for a in lexicon.actors:
        for al in a.aliases:
            caps = al.lang == "en" and al.text.replace(".", "").isupper() and len(al.text) <= 5
            yield al.text, Target("actor", (a.id,), al.kind, al.lang, normalize(al.text), caps)
    for i, p in enumerate(lexicon.persons):
        for al in p.aliases:
            yield al.text, Target("person", (str(i),), "name", al.lang, normalize(al.text))
    for i, o in enumerate(lexicon.outlets):
        for al in o.aliases:
            caps = al.lang == "en" and al.text.isupper() and len(al.text) <= 5
            yield al.text, Target("outlet", (str(i),), "name", al.lang, normalize(al.text), caps)


class Tagger:
    def __init__(self, lexicon: Lexicon, threads: list[ThreadDef] | None = None) -> None:
        self.lexicon = lexicon
        self.threads = load_thread_defs() if threads is None else threads
        self.matcher = Matcher(_lexicon_entries(lexicon))
        self.cues = CueMatcher()
        self._affiliation = [p.affiliation for p in lexicon.persons]
        # Envoys of an organisation make it a mediator («غروندبرغ» → un);
        # people whose title says they mediate do so for their state.
        self._envoys = {
            i
            for i, p in enumerate(lexicon.persons)
            if p.affiliation
            and p.affiliation.islower()
            and any(w in p.title_en.lower() for w in _ENVOY_TITLE_WORDS)
        }
        self._mediator_persons = {
            i
            for i, p in enumerate(lexicon.persons)
            if p.affiliation and "mediator" in p.title_en.lower()
        }
        self._outlet_names = [o.name_ar or o.name_en for o in lexicon.outlets]

    def tag_many(self, articles: Iterable[ArticleInput]) -> Iterator[TagResult]:
        for article in articles:
            yield self.tag(article)

    def _hits(
        self, norm: str, original: str, offsets: list[int] | None, padded: str | None = None
    ) -> list[Hit]:
        hits = self.matcher.find(norm, padded)
        skip = boilerplate_spans(norm)
        out = []
        for h in hits:
            if skip and any(s <= h.start < e for s, e in skip):
                continue
            t = h.targets[0]
            if t.caps:
                s, e = to_original(offsets, h.name_start, h.end)
                if not original[s:e].replace(".", "").isupper():
                    continue
            out.append(h)
        return out

    def tag(self, article: ArticleInput) -> TagResult:
        text = article.text or ""
        title = article.title or ""
        norm, offsets = normalize_with_offsets(text)
        tnorm, toffsets = normalize_with_offsets(title)

        padded, tpadded = spaced(norm), spaced(tnorm)
        hits = self._hits(norm, text, offsets, padded)
        thits = self._hits(tnorm, title, toffsets, tpadded) if title else []
        sentences = Sentences(norm)
        refs = actor_refs.resolve(
            [h for h in hits if h.targets[0].type != "block"], norm, self._affiliation
        )
        trefs = actor_refs.resolve(
            [h for h in thits if h.targets[0].type != "block"], tnorm, self._affiliation
        )
        cues = self.cues.find(norm, padded)
        tcues = self.cues.find(tnorm, tpadded) if title else []

        refs = actor_refs.apply_context(refs, sentences)
        trefs = actor_refs.apply_context(
            trefs, Sentences(tnorm), {r.actor for r in refs if r.kind != "coref"}
        )
        body_refs = [r for r in refs if r.kind != "place"]
        actors = {r.actor for r in body_refs} | {r.actor for r in trefs if r.kind != "place"}
        ev = classify.assess(
            refs, cues, sentences, tcues, any(r.kind != "place" for r in trefs), norm
        )

        result = TagResult(id=article.id, is_negotiation=ev.is_negotiation)
        result.negotiation_score = ev.score
        result.mentions = self._mentions(body_refs, text, offsets)
        result.title_mentions = self._mentions(
            [r for r in trefs if r.kind != "place"], title, toffsets
        )
        result.persons = self._persons(refs + trefs)

        def to_orig(s: int, e: int) -> tuple[int, int]:
            return to_original(offsets, s, e)

        outlet_hits = [
            Hit(
                h.start,
                h.end,
                h.name_start,
                tuple(t for t in h.targets if t.type == "outlet"),
                h.prefix,
            )
            for h in hits
            if any(t.type == "outlet" for t in h.targets)
        ]
        result.cited_sources = sources.cited_sources(
            norm, text, to_orig, outlet_hits, self._outlet_names
        )

        parties: dict[str, float] = {}
        mediators: dict[str, float] = {}
        if ev.is_negotiation:
            body_ev = roles.collect(
                refs, cues, sentences, norm, self._envoys, self._mediator_persons
            )
            title_ev = (
                roles.collect(
                    trefs, tcues, Sentences(tnorm), tnorm, self._envoys, self._mediator_persons
                )
                if trefs
                else None
            )
            parties, mediators = roles.decide(body_ev, title_ev)
            actors |= set(mediators)
            skip = boilerplate_spans(norm)
            topic_scores = topics.detect(
                [c for c in cues if not any(s <= c.start < e for s, e in skip)] if skip else cues,
                sentences,
                ev.neg_sentences,
                tcues,
                refs=refs,
                parties=parties,
                norm=norm,
                title_refs=trefs,
            )
            result.topics = sorted(topic_scores)
            result.parties = sorted(parties)
            result.mediators = sorted(mediators)
            key, score = assign_thread(
                parties,
                mediators,
                topic_scores,
                parse_published(article.published_at),
                norm + "\n" + tnorm,
                self.threads,
                actors=actors,
                salience=self._salience(body_refs),
            )
            if key is None:
                key = proposed_key(parties, topic_scores, parties)
            result.thread = key
            result.thread_score = score
            result.candidates = candidates.find(norm, text, to_orig, hits)
        result.actors = sorted(actors)
        result.actor_tags = self._actor_tags(actors, parties, mediators)
        return result

    @staticmethod
    def _salience(refs: list[actor_refs.Ref]) -> dict[str, float]:
        counts: dict[str, int] = {}
        for r in refs:
            counts[r.actor] = counts.get(r.actor, 0) + 1
        total = sum(counts.values()) or 1
        return {a: 4.0 * c / total for a, c in counts.items()}

    @staticmethod
    def _mentions(
        refs: list[actor_refs.Ref], original: str, offsets: list[int] | None
    ) -> list[Mention]:
        out = []
        for r in refs:
            s, e = to_original(offsets, r.start, r.end)
            out.append(Mention(r.actor, s, e, original[s:e]))
        return out

    def _persons(self, refs: list[actor_refs.Ref]) -> list[Person]:
        seen: dict[int, Person] = {}
        for r in refs:
            if r.person is not None and r.person not in seen:
                p = self.lexicon.persons[r.person]
                seen[r.person] = Person(p.name_ar or p.name_en, p.affiliation)
        return list(seen.values())

    @staticmethod
    def _actor_tags(
        actors: set[str], parties: dict[str, float], mediators: dict[str, float]
    ) -> list[ActorTag]:
        tags = []
        for a in sorted(actors):
            if a in parties:
                tags.append(ActorTag(a, "party", round(min(1.0, 0.5 + parties[a] / 2), 3)))
            if a in mediators:
                tags.append(ActorTag(a, "mediator", round(min(1.0, 0.5 + mediators[a] / 2), 3)))
            if a not in parties and a not in mediators:
                tags.append(ActorTag(a, "mentioned", 1.0))
        return tags
