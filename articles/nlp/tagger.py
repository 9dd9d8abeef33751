"""The tagging pipeline: one article in, one TagResult out.

Per article: one normalisation pass, one Aho-Corasick pass for lexicon
surfaces and one for cue words; everything after works on those hit lists
and sentence indices (``analyse``). The calls are then taken from that
reading (``tag``): whether the article reports a negotiation, each actor's
role and each topic are decided by the learned models of ``models/`` (see
``learn``) from the rule frames' evidence, or by the rules alone when a
model is missing. The role, topic and thread work only runs when the
article may report a negotiation. Automata are built once per Tagger.

Work per article is linear in its length, and bounded: the tagger reads
at most ``MAX_TEXT_CHARS`` of the body and ``MAX_TITLE_CHARS`` of the title
(an article longer than that is a pasted dump, not a news story), and long
runs without a sentence mark are cut into bounded sentences (``text``).
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from articles.nlp import actors as actor_refs
from articles.nlp import candidates, classify, enumerations, roles, sources, topics, vocab
from articles.nlp import events as event_reading
from articles.nlp.analysis import Analysis
from articles.nlp.cues import FRAME_CATEGORIES, Cue, CueMatcher
from articles.nlp.learn import bloc_sides, features, registry
from articles.nlp.learn.linear import LinearModel
from articles.nlp.lexicon import Lexicon
from articles.nlp.matcher import Hit, Matcher, OnePass, Target, spaced
from articles.nlp.normalize import Offsets, normalize, normalize_with_offsets, to_original
from articles.nlp.text import Sentences, boilerplate_spans, detect_lang, outside
from articles.nlp.threads import (
    KeywordIndex,
    ThreadDef,
    assign_thread,
    load_thread_defs,
    parse_published,
    proposed_key,
)
from articles.nlp.types import ActorTag, ArticleInput, EventTag, Mention, Person, TagResult

_ENVOY_TITLE_WORDS = ("envoy", "representative", "mediator")


def _lexicon_entries(lexicon: Lexicon) -> Iterator[tuple[str, Target]]:
    """Every surface the matcher looks for: lexicon names and the context-dependent ones
    of ``data/context_names.yaml`` (ambiguous words, "the world powers", «الحركة»)."""
    names = vocab.context_names()
    for phrase, ids in names.ambiguous.items():
        yield phrase, Target("actor", ids, "ambiguous", "ar", normalize(phrase))
    for actor_id, (anchor, phrases) in names.contextual.items():
        for phrase in phrases:
            lang = "en" if phrase.isascii() else "ar"
            yield (
                phrase,
                Target("actor", (actor_id,), "contextual:" + anchor, lang, normalize(phrase)),
            )
    for phrases, antecedents in names.coreferent:
        for phrase in phrases:
            lang = "en" if phrase.isascii() else "ar"
            target = Target("actor", antecedents, "coref", lang, normalize(phrase))
            yield phrase, target
    for phrase in names.non_actor_phrases:
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


MAX_TEXT_CHARS = 100_000
MAX_TITLE_CHARS = 1_000
# Code version of the decisions (3: events are read); with the models' and the cue files'
# fingerprints it makes ``Tagger.version``, which the product stores with
# every tagged article so a re-tag knows what is stale.
_CODE_VERSION = "7"
_BOTH_ROLES = 0.85  # probability both role models need for an actor to take both
# A brief of a few lines holds little of the evidence the negotiation model
# weighs (its length, its count of talk sentences), and the labelled set has
# almost no briefs to learn that from. When the rules call a brief a
# negotiation, the model's lower bar stands; when they do not, a higher one
# (still under the model's own) does (docs/model_card.md).
_BRIEF_CHARS = 900
_BRIEF_BAR = 0.3
_BRIEF_BAR_NO_RULES = 0.4


class Tagger:
    def __init__(
        self,
        lexicon: Lexicon,
        threads: list[ThreadDef] | None = None,
        models: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> None:
        """``models``: component name → model (``learn.registry.load_models()``
        when None; ``{}`` for the rules alone)."""
        self.lexicon = lexicon
        self.threads = load_thread_defs() if threads is None else threads
        self._keywords = KeywordIndex(self.threads)
        self._defs = {d.key: d for d in self.threads}
        self.matcher = Matcher(_lexicon_entries(lexicon))
        self.cues = CueMatcher()
        self.frame_cues = CueMatcher(FRAME_CATEGORIES)
        # Every article is read for both: one automaton walks it once.
        self._names_and_cues = OnePass(self.matcher.keys, self.cues.keys)
        self._affiliation = [p.affiliation for p in lexicon.persons]
        # Each person's own name words, spaces dropped («عبداللهالثني»), so a
        # surname after a given name that is not theirs is someone else's.
        self._own_names = [
            "".join(normalize(a.text).replace(" ", "") for a in p.aliases if a.lang == "ar")
            + normalize(p.name_ar).replace(" ", "")
            for p in lexicon.persons
        ]
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
        self._state_envoys = frozenset(
            i
            for i, p in enumerate(lexicon.persons)
            if p.affiliation and p.affiliation.isupper() and "envoy" in p.title_en.lower()
        )
        self._negotiators = frozenset(
            i
            for i, p in enumerate(lexicon.persons)
            if p.affiliation and "negotiator" in p.title_en.lower()
        )
        # The people whose titles the role frames read, in ``roles.collect``'s order.
        self._people = (self._envoys, self._mediator_persons, self._state_envoys, self._negotiators)
        self._outlet_names = [o.name_ar or o.name_en for o in lexicon.outlets]
        self.events: event_reading.EventReader | None = event_reading.EventReader()
        self._load_models(registry.load_models() if models is None else models)

    def tag_many(self, articles: Iterable[ArticleInput]) -> Iterator[TagResult]:
        for article in articles:
            yield self.tag(article)

    def _hits(
        self,
        norm: str,
        original: str,
        offsets: Offsets | None,
        found: Iterable[tuple[int, Any]],
        skip: list[tuple[int, int]] | None = None,
    ) -> list[Hit]:
        """The lexicon hits of the matcher's raw pairs ``found``, outside boilerplate
        and, for an English acronym, in upper case in the text."""
        hits = self.matcher.read(norm, found)
        if skip is None:
            skip = boilerplate_spans(norm)
        if skip:
            hits = outside(hits, skip)
        out = []
        for h in hits:
            t = h.targets[0]
            if t.type == "person" and actor_refs.someone_else(
                norm, h, original, offsets, self._own_names
            ):
                continue
            if t.caps:
                s, e = to_original(offsets, h.name_start, h.end)
                if not original[s:e].replace(".", "").isupper():
                    continue
            out.append(h)
        return out

    # --- reading ---------------------------------------------------------------

    def analyse(self, article: ArticleInput) -> Analysis:
        """Everything the rules read in ``article``; no decision is taken here."""
        text = (article.text or "")[:MAX_TEXT_CHARS]
        title = (article.title or "")[:MAX_TITLE_CHARS]
        norm, offsets = normalize_with_offsets(text)
        tnorm, toffsets = normalize_with_offsets(title)

        padded, tpadded = spaced(norm), spaced(tnorm)
        names, cue_words = self._names_and_cues.find(padded)
        tnames, tcue_words = self._names_and_cues.find(tpadded) if title else ([], [])
        skip = boilerplate_spans(norm)
        hits = self._hits(norm, text, offsets, names, skip)
        thits = self._hits(tnorm, title, toffsets, tnames) if title else []
        sentences = Sentences(norm)
        tsentences = Sentences(tnorm)
        refs = actor_refs.resolve(
            [h for h in hits if h.targets[0].type != "block"], norm, self._affiliation
        )
        trefs = actor_refs.resolve(
            [h for h in thits if h.targets[0].type != "block"],
            tnorm,
            self._affiliation,
            body=False,
        )
        cues = self.cues.read(cue_words)
        tcues = self.cues.read(tcue_words) if title else []

        refs = actor_refs.apply_context(refs, sentences)
        trefs = actor_refs.apply_context(
            trefs, tsentences, {r.actor for r in refs if r.kind != "coref"}
        )
        actors = {r.actor for r in refs if r.kind != "place"} | {
            r.actor for r in trefs if r.kind != "place"
        }
        ev = classify.assess(
            refs, cues, sentences, tcues, any(r.kind != "place" for r in trefs), norm
        )
        lang = article.lang or detect_lang(text[:2000] or title)
        return Analysis(
            article=article,
            text=text,
            title=title,
            norm=norm,
            offsets=offsets,
            tnorm=tnorm,
            toffsets=toffsets,
            padded=padded,
            tpadded=tpadded,
            hits=hits,
            thits=thits,
            refs=refs,
            trefs=trefs,
            cues=cues,
            tcues=tcues,
            sentences=sentences,
            tsentences=tsentences,
            skip=skip,
            negotiation=ev,
            actors=actors,
            lang=lang,
        )

    def read_body_roles(self, a: Analysis) -> roles.Evidence:
        """The role frames of ``a``'s body (in place): the negotiation call reads
        how many sides they bind, the role models read the rest."""
        if a.body_roles is None:
            body_cues = _merged(a.cues, self.frame_cues.find(a.norm, a.padded))
            a.body_roles = roles.collect(a.refs, body_cues, a.sentences, a.norm, *self._people)
        return a.body_roles

    def read_roles_and_topics(self, a: Analysis) -> Analysis:
        """The role frames, topic mentions and likeliest thread of ``a`` (in place)."""
        if a.topics is not None:
            return a
        title_cues = (
            _merged(a.tcues, self.frame_cues.find(a.tnorm, a.tpadded)) if a.tnorm else a.tcues
        )
        self.read_body_roles(a)
        a.title_roles = (
            roles.collect(a.trefs, title_cues, a.tsentences, a.tnorm, *self._people)
            if a.trefs
            else None
        )
        a.rule_parties, a.rule_mediators = roles.decide(a.body_roles, a.title_roles)
        cues = outside(a.cues, a.skip) if a.skip else a.cues
        a.topics = topics.evidence(
            cues,
            a.sentences,
            a.negotiation.neg_sentences,
            a.tcues,
            refs=a.refs,
            parties=a.rule_parties,
            norm=a.norm,
            title_refs=a.trefs,
            title_norm=a.tnorm,
        )
        rule_topics = {t for t, e in a.topics.items() if e.score >= topics.MIN_SCORE}
        guess, _ = assign_thread(
            a.rule_parties,
            a.rule_mediators,
            rule_topics,
            parse_published(a.article.published_at),
            a.norm + "\n" + a.tnorm,
            self.threads,
            actors=a.actors | set(a.rule_mediators),
            salience=self._salience(a.body_refs),
            keyword_counts=self._keyword_counts(a),
            decided=False,
        )
        a.thread_guess = self._defs.get(guess) if guess else None
        return a

    def _title_counts(self, a: Analysis) -> dict[str, int] | None:
        """Each track's words in the headline, but for a word that is only an
        actor's name: a headline that names the Houthis says who is in the
        news, not which of their negotiations it is about."""
        if not a.tnorm:
            return None
        return self._keywords.counts(a.tnorm, [(r.start, r.end) for r in a.trefs])

    def _keyword_counts(self, a: Analysis) -> dict[str, int]:
        if a.keyword_counts is None:
            a.keyword_counts = self._keywords.counts(a.norm + "\n" + a.tnorm)
        return a.keyword_counts

    # --- deciding --------------------------------------------------------------

    def with_models(self, models: Mapping[str, Mapping[str, Any]]) -> Tagger:
        """This tagger's lexicon and automata with other models (for out-of-fold runs)."""
        other = copy.copy(self)
        other._load_models(models)
        return other

    def with_history(
        self, history: Mapping[str, tuple[int, Mapping[str, int], Mapping[str, int]]]
    ) -> Tagger:
        """This tagger with each thread's record of roles (key → (articles, side
        counts, mediator counts)) as evidence: an actor that is a side or a
        mediator in at least half of a thread's (three or more) articles counts
        like one its definition lists. The text still decides."""
        if not history:
            return self
        other = copy.copy(self)
        other.threads = [_with_seen(d, history.get(d.key)) for d in self.threads]
        other._defs = {d.key: d for d in other.threads}
        return other

    def _load_models(self, models: Mapping[str, Mapping[str, Any]]) -> None:
        self.models = dict(models)
        neg = self.models.get("negotiation")
        self._neg_model = LinearModel(neg["model"]) if neg else None
        role = self.models.get("roles")
        self._party_model = LinearModel(role["party"]) if role else None
        self._mediator_model = LinearModel(role["mediator"]) if role else None
        self._bloc_member_min = float(role.get("bloc_member_min", 0.0)) if role else 0.0
        self._outsider_min = float(role.get("outsider_min", 0.0)) if role else 0.0
        self._text_side_min = float(role.get("text_side_min", 0.0)) if role else 0.0
        top = self.models.get("topics")
        self._topic_model = LinearModel(top["model"]) if top else None
        self.version = _version(self.models)

    def tag(self, article: ArticleInput) -> TagResult:
        return self.decide(self.analyse(article))

    def decide(self, a: Analysis) -> TagResult:
        """The tags of an analysed article."""
        article = a.article
        is_negotiation, confidence = self.decide_negotiation(a)
        result = TagResult(id=article.id, is_negotiation=is_negotiation)
        result.negotiation_score = confidence
        body_refs = a.body_refs
        result.mentions = self._mentions(body_refs, a.text, a.offsets)
        result.title_mentions = self._mentions(
            [r for r in a.trefs if r.kind != "place"], a.title, a.toffsets
        )
        result.persons = self._persons(a.refs + a.trefs)

        def to_orig(s: int, e: int) -> tuple[int, int]:
            return to_original(a.offsets, s, e)

        outlet_hits = [
            Hit(
                h.start,
                h.end,
                h.name_start,
                tuple(t for t in h.targets if t.type == "outlet"),
                h.prefix,
            )
            for h in a.hits
            if any(t.type == "outlet" for t in h.targets)
        ]
        result.cited_sources = sources.cited_sources(
            a.norm, a.text, to_orig, outlet_hits, self._outlet_names
        )

        actors = set(a.actors)
        parties: dict[str, float] = {}
        mediators: dict[str, float] = {}
        if is_negotiation:
            self.read_roles_and_topics(a)
            parties, mediators = self.decide_roles(a)
            parties = enumerations.share_roles(
                enumerations.groups(
                    a.norm,
                    a.body_refs,
                    lambda at: a.sentences.index(at) in a.negotiation.neg_sentences,
                ),
                parties,
                mediators,
            )
            actors |= set(mediators)
            topic_scores = self.decide_topics(a)
            result.topics = sorted(topic_scores)
            result.parties = sorted(parties)
            result.mediators = sorted(mediators)
            key, score = assign_thread(
                parties,
                mediators,
                topic_scores,
                parse_published(article.published_at),
                a.norm + "\n" + a.tnorm,
                self.threads,
                actors=actors,
                salience=self._salience(body_refs),
                keyword_counts=self._keyword_counts(a),
                title_counts=self._title_counts(a),
            )
            if key is None:
                key = proposed_key(parties, topic_scores, parties)
            result.thread = key
            result.thread_score = score
            result.candidates = candidates.find(a.norm, a.text, to_orig, a.hits)
            result.events = self.decide_events(a, parties, mediators, result.topics)
        home = actor_refs.home_state(article.source, a.norm, actors)
        if home is not None:
            # A home paper's story of its state's bodies names no state: the
            # home state is an actor (mentioned at the first body), no side.
            state, start, end = home
            s, e = to_original(a.offsets, start, end)
            actors.add(state)
            result.mentions = sorted(
                [*result.mentions, Mention(state, s, e, a.text[s:e])], key=lambda m: m.start
            )
        result.actors = sorted(actors)
        result.actor_tags = self._actor_tags(actors, parties, mediators)
        return result

    def decide_negotiation(self, a: Analysis) -> tuple[bool, float]:
        """Whether ``a`` reports a negotiation, and how sure (0..1)."""
        if self._neg_model is None:
            ev = a.negotiation
            return ev.is_negotiation, min(1.0, max(0.0, ev.score / (2 * classify.THRESHOLD)))
        if not features.may_negotiate(a):
            return False, 0.0
        self.read_body_roles(a)
        decided, p = self._neg_model.decide(features.negotiation(a))
        if not decided and len(a.norm) < _BRIEF_CHARS:
            decided = p >= (_BRIEF_BAR if a.negotiation.is_negotiation else _BRIEF_BAR_NO_RULES)
        return decided, p

    def decide_roles(self, a: Analysis) -> tuple[dict[str, float], dict[str, float]]:
        """Sides and mediators (actor → confidence) of a negotiation article."""
        if self._party_model is None or self._mediator_model is None:
            return dict(a.rule_parties), dict(a.rule_mediators)
        parties: dict[str, float] = {}
        mediators: dict[str, float] = {}
        table = features.roles(a)
        firm = {actor for actor, f in table.items() if features.firm_side(f)}
        own: set[str] = set()
        for actor, f in table.items():
            p = self._party_model.probability(f)
            is_mediator, m = self._mediator_model.decide(f)
            # A stranger to the thread bound by the weak frame (or by position)
            # alone is a state reacting to the deal far more often than a side
            # of it; one a firm side frame binds is a side more often than the
            # thread prior allows (``bloc_sides``).
            is_party = bloc_sides.is_side(
                p,
                self._party_model.threshold,
                features.outsider(f),
                self._outsider_min,
                features.firm_text_side(f),
                self._text_side_min,
            )
            # The contract's own exclusions: the UN, the Red Cross and ISIS
            # never negotiate for themselves, and ISIS mediates nothing.
            is_party = is_party and actor not in roles.NEVER_PARTY
            is_mediator = is_mediator and actor not in roles.NEVER_MEDIATOR
            is_mediator = is_mediator and not features.side_without_mediation(f)
            is_mediator = is_mediator and not features.prior_only_mediator(f)
            if is_mediator and features.mediator_beside_sides(f, len(firm - {actor})):
                is_party = False
            if is_party and is_mediator and min(p, m) < _BOTH_ROLES:
                # One actor in two roles is rare (a side in one talk, a go-between
                # in another): it takes both only when both calls are sure.
                is_party, is_mediator = p > m, m >= p
            if is_party:
                parties[actor] = p
                if features.firm_text_side(f):
                    # Bound across the table by the text itself: a bloc's
                    # member negotiating in its own right keeps its seat.
                    own.add(actor)
            if is_mediator:
                mediators[actor] = m
        return bloc_sides.drop_weak_members(parties, self._bloc_member_min, own), mediators

    def decide_topics(self, a: Analysis) -> dict[str, float]:
        """Topic id → confidence for the topics on the table."""
        found = a.topics or {}
        if self._topic_model is None:
            return {t: round(e.score, 3) for t, e in found.items() if e.score >= topics.MIN_SCORE}
        out = {}
        for topic, f in features.topics(a).items():
            on_table, p = self._topic_model.decide(f)
            if on_table:
                out[topic] = round(p, 3)
        return out

    def decide_events(
        self,
        a: Analysis,
        parties: Mapping[str, float],
        mediators: Mapping[str, float],
        topic_ids: list[str],
    ) -> list[EventTag]:
        """The moves a negotiation article reports (``events``); none when the
        tagger was built without event reading (``events`` set to None)."""
        if self.events is None:
            return []
        return self.events.read(a, parties, mediators, topic_ids, self._outlet_names)

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


def _merged(cues: list[Cue], more: list[Cue]) -> list[Cue]:
    return sorted(cues + more, key=lambda c: c.start) if more else cues


_SEEN_SHARE = 0.5
_SEEN_MIN_ARTICLES = 3


def _with_seen(
    d: ThreadDef, record: tuple[int, Mapping[str, int], Mapping[str, int]] | None
) -> ThreadDef:
    if not record or record[0] < _SEEN_MIN_ARTICLES:
        return d
    n, parties, mediators = record
    return dataclasses.replace(
        d,
        seen_parties=frozenset(a for a, c in parties.items() if c / n >= _SEEN_SHARE),
        seen_mediators=frozenset(a for a, c in mediators.items() if c / n >= _SEEN_SHARE),
    )


def _version(models: Mapping[str, Any]) -> str:
    """A short fingerprint of the decisions: code, cue files and models."""
    h = hashlib.sha1(_CODE_VERSION.encode())
    h.update(vocab.fingerprint().encode())
    h.update(event_reading.fingerprint().encode())
    h.update(json.dumps(models, sort_keys=True).encode())
    return h.hexdigest()[:10]
