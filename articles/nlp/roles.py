"""Who negotiates and who mediates, read from the words that bind each mention.

A sentence about talks names many actors; only some of them are sides.
Roles come from short syntactic frames around cue words, each binding the
actor(s) standing in a fixed slot:

- mediation nouns bind forwards: «بوساطة قطرية ومصرية», «الوسطاء
  القطريين والمصريين», «برعاية X»; hosting and mediation verbs bind their
  subject, after the verb (VSO: «استضافت الدوحة») or before it («قطر
  تتوسط», «سلطنة عمان الخيار الرئيسي لاحتضان…»);
- talks held «في» a capital (or «في العاصمة القطرية») make the host a
  mediator, unless it is a side of those talks;
- the UN envoy («المبعوث الأممي», a UN envoy by name) makes the UN a
  mediator when the clause is about talks;
- «بين X و Y» after a talk noun, «مع X» after one, «وفد X», the actor
  that accepts, rejects or answers a proposal («رفضت حماس المقترح»,
  «رد حماس») and both ends of a signed or reached agreement («وقعت X
  اتفاقية مع Y») are parties: strong evidence;
- any other agentive actor in a clause that carries negotiation words is
  weak evidence: it counts only for an actor not bound as a mediator, and
  not for one named only as a descriptor («التحالف الذي تقوده السعودية»);
- the author of a proposal («المقترح الأمريكي») that two other sides
  answer is a mediator, not a side.

Every frame stops at the clause edge (comma, semicolon) and a coordination
chain («قطر ومصر والولايات المتحدة») carries a binding over «و» and list
commas. Only sentences with negotiation or mediation vocabulary are read.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from articles.nlp import vocab
from articles.nlp.actors import Ref
from articles.nlp.cues import MEDIATION_FAMILIES, Cue
from articles.nlp.matcher import automaton
from articles.nlp.text import Sentences


def _alternation(family: str) -> str:
    """A family's words as one regex alternation, longest first."""
    return "|".join(map(re.escape, sorted(vocab.ordered(family), key=len, reverse=True)))


def _words_re(family: str, clitics: str) -> re.Pattern[str]:
    """A whole-word regex for a family's words, with an optional proclitic."""
    return re.compile(r"(?<!\w)(?:" + clitics + r")?(" + _alternation(family) + r")(?!\w)")


# The frame of each mediation word is the family it is listed in.
_MED_BACK_NOUN = vocab.terms("mediation_nouns_either")
_MED_VERB = vocab.terms("mediation_verbs", "hosting_verbs")
_MED_PASSIVE = vocab.terms("mediation_passive", "hosting_passive")
_HOST_TERMS = vocab.terms("hosting_nouns", "hosting_verbs", "hosting_passive")
_MED_PLURAL = vocab.terms("mediation_apposition")
_TALK_TERMS = vocab.terms("talk_nouns")
_ROUND = vocab.terms("round_nouns")
_DELEGATION = vocab.terms("delegation")
_PROPOSAL = vocab.terms("proposal")
_DEAL_TERMS = vocab.terms("deal")
_DECIDE_RE = _words_re("decide_verbs", "و|ف|ل|لل|ب")
_AGREE_RE = _words_re("agree_verbs", "و|ف")
_AGREE_WITH_WORDS = 6  # words between an agreement verb's subject and «مع»
_PROPOSE_RE = _words_re("propose_verbs", "و|ف")
_SELF_PROPOSING = vocab.terms("self_proposing_verbs")
_PROPOSE_WORDS = 14  # words a proposal noun may follow its verb
_URGE_RE = _words_re("urge_verbs", "و|ف")
_ACCEPT_RE = re.compile(
    r"\s*(?:الي|علي|to)\s+(?:ال)?(?:"
    + "|".join(map(re.escape, sorted(vocab.ordered("accept_nouns"), key=len, reverse=True)))
    + r")(?!\w)"
)
_VISIT_RE = _words_re("visit_verbs", "و|ف")
_VISIT_LIST = sorted(vocab.ordered("visit_list"), key=len, reverse=True)
_VISIT_SKIP = 4  # words an adverbial may take between a visit verb and its list
_PAIR_HEADS = _TALK_TERMS | _DEAL_TERMS | _ROUND
_TRIGGER_RE = _words_re("trigger_verbs", "و|ف")
_TRIGGER_OBJ_RE = _words_re("trigger_objects", "ب|ل|و")
_TRIGGER_REACH = 60  # chars after a trigger verb where its object must start
_TRIGGER_GAP = 3  # words (a day, an adverb) between a subject and the trigger verb
_BETWEEN_TERMS = ("بين", "between")
# «الوساطة المشتركة بين …»: the one word between a mediation noun and «بين»
# that makes the list its mediators.
_SHARED = vocab.terms("joint_adjectives")
_BETWEEN_RE = re.compile(r"(?<!\w)(?:و|ف)?(?:" + "|".join(_BETWEEN_TERMS) + r")(?!\w)")
_WITH_TERMS = ("مع", "with")
_WITH_RE = re.compile(r"(?<!\w)(?:و)?(?:" + "|".join(_WITH_TERMS) + r")(?!\w)")
# A clause ends at a comma-like mark or at a word that opens another clause;
# two patterns that each open with a character class, which the regex
# engine skips to, rather than one alternation tried at every position.
_CLAUSE_MARK_RE = re.compile(r"[،,؛;:]")
_CLAUSE_WORD_RE = re.compile(
    r"\s(?:"
    + "|".join(map(re.escape, sorted(vocab.ordered("clause_breaks"), key=len, reverse=True)))
    + r")\s"
)
_DESCRIPTOR = vocab.terms("descriptor")
_CHAIN_JOIN = vocab.terms("chain_join")
_EN_AUX = vocab.terms("aux_en")
_CHAIN_FILLER = vocab.terms("chain_filler")
_STOP_GAP = vocab.terms("stop_gap")
_SAYING = vocab.terms("stance_verbs")
_SAYING_WORDS = 4  # words from a name to the verb it is the subject of ("the ministry said")
_WORDS_RE = re.compile(r"\w+")  # bare words: ``_WORD_RE`` keeps a trailing stop ("said.")
_WORD_RE = re.compile(r"[^\s،,;؛:]+|[،,;؛:]")
_SPAN_WORDS = 14
# "brokered a year ago by", "hosted in Istanbul by": up to four words, no clause
# mark, between an English participle of mediation and its "by".
_LATE_BY_RE = re.compile(r"(?: [^\s,.;:]+){1,4}? by(?= )")
_SPAN_STOP = vocab.terms("span_stop")
_SPAN_PEOPLE = vocab.terms("span_people")
_SPAN_IN = ("في", "in")
_VERB_BACK_STOP = vocab.terms("verb_back_stop")
_REJECT_WORDS = vocab.terms("reject_words")
NEVER_PARTY = frozenset({"isis", "un", "icrc"})
NEVER_MEDIATOR = frozenset({"isis"})
_HOST_REACH = 70  # chars after a talk noun where «في <capital>» names the host
_HOST_WORDS = 6
_BETWEEN_REACH = 40  # chars a talk noun may stand before «بين»
_WITH_WORDS = 5  # words a talk noun may stand before «مع»
_WITH_NOUNS = vocab.terms("with_nouns")
_COUNTERPARTS = vocab.terms("counterpart_nouns")
_COUNTERPART_PREP = vocab.terms("counterpart_preps")
_COUNTERPART_RE = re.compile(
    r"(?<![^\s،,(«\"])(?:[وبل])?(?:"
    + "|".join(sorted(map(re.escape, _COUNTERPARTS), key=len, reverse=True))
    + r")(?![^\s،,.)»\"])"
)
_WEAK_CLAUSE = 2.0  # clause negotiation weight that makes its actors weak sides
_WEAK_MIN = 0.5
_WEAK_SUPPORTED = 1.0  # weak evidence that counts as a side answering a proposal
_WEAK_SENTENCE = 1.5  # sentence negotiation weight needed for weak sides
_WEAK_WORDS = 8  # words from a negotiation word that make an actor a weak side
_RELATIVE_REACH = 160  # chars a relative clause may run between a subject and its verb


class _Guard:
    """Which of some word-list patterns may match in a text, from one Aho-Corasick pass.

    The patterns open with a look-behind, so the regex engine tries a match
    at every position of the text it is given, and the role frames run
    eight of them over every sentence they read. Each match holds one of
    its pattern's words, so a pattern needs to run only on a text where one
    of them occurs as a substring, which one pass over it tells for all.
    """

    def __init__(self, patterns: dict[re.Pattern[str], Iterable[str]]) -> None:
        self.patterns = {pattern: tuple(words) for pattern, words in patterns.items()}
        owners: dict[str, set[re.Pattern[str]]] = defaultdict(set)
        for pattern, words in self.patterns.items():
            for word in words:
                owners[word].add(pattern)
        self._automaton = automaton({word: frozenset(p) for word, p in owners.items()})

    def scan(self, text: str) -> _Scanned:
        return _Scanned(text, {p for _, found in self._automaton.iter(text) for p in found})


class _Scanned:
    """A text and the guarded patterns whose words it holds."""

    def __init__(self, text: str, may_match: set[re.Pattern[str]]) -> None:
        self.text = text
        self._may_match = may_match

    def finditer(self, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """``pattern.finditer(text)``, skipped when none of its words occurs."""
        if pattern not in self._may_match:
            return iter(())
        return pattern.finditer(self.text)


# The patterns ``collect`` runs over a sentence, with the words they need.
_SENTENCE_PATTERNS = _Guard(
    {
        _COUNTERPART_RE: _COUNTERPARTS,
        _BETWEEN_RE: _BETWEEN_TERMS,
        _WITH_RE: _WITH_TERMS,
        _PROPOSE_RE: vocab.ordered("propose_verbs"),
        _URGE_RE: vocab.ordered("urge_verbs"),
        _AGREE_RE: vocab.ordered("agree_verbs"),
        _TRIGGER_RE: vocab.ordered("trigger_verbs"),
        _DECIDE_RE: vocab.ordered("decide_verbs"),
    }
)


@dataclass
class Evidence:
    """Role evidence of one text (body or title), actor → weight."""

    strong: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    weak: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    mediator: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    proposer: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    # Evidence only the model reads (an envoy's state, a leaders' meeting):
    # too loose for the rules to decide on.
    hint: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    described: set[str] = field(default_factory=set)
    med_words: int = 0  # mediation nouns bound to no actor («الوسطاء»)
    mentions: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    # actor → frame → weight: which frames gave the evidence, for the model.
    frames: dict[str, dict[str, float]] = field(default_factory=lambda: defaultdict(dict))

    def add(self, store: str, actor: str, weight: float, frame: str) -> None:
        """Record ``weight`` of ``store`` evidence ("strong", "weak", "mediator",
        "proposer", "hint") for ``actor``, found by ``frame``."""
        getattr(self, store)[actor] += weight
        seen = self.frames[actor]
        seen[frame] = seen.get(frame, 0.0) + weight

    def merge(self, other: Evidence, factor: float = 1.0) -> None:
        for mine, theirs in (
            (self.strong, other.strong),
            (self.weak, other.weak),
            (self.mediator, other.mediator),
            (self.proposer, other.proposer),
            (self.hint, other.hint),
        ):
            for a, w in theirs.items():
                mine[a] += w * factor


def _frame_of(c: Cue) -> str:
    """The frame name of a mediation cue: the family its word is listed in."""
    for family in MEDIATION_FAMILIES:
        if c.term in vocab.terms(family):
            return family
    return "mediation_nouns"


def _is_org(actor: str) -> bool:
    return actor.islower()


def _gap_words(norm: str, lo: int, hi: int) -> list[str]:
    """Words between two offsets; a clitic «و» glued to the next name counts as a word."""
    if hi <= lo:
        return []
    return norm[lo:hi].replace("،", " ، ").replace(",", " , ").split()


def _chain_after(pos: int, srefs: list[Ref], norm: str, first_gap: int = 2) -> list[Ref]:
    """Actors right after ``pos`` and the ones coordinated with them."""
    out: list[Ref] = []
    last = pos
    closed = False
    for r in srefs:
        if r.start < last:
            continue
        gap = _gap_words(norm, last, r.start)
        if not out:
            if any(w in _STOP_GAP for w in gap):
                return out
            if len([w for w in gap if w not in _CHAIN_FILLER]) > 0 or len(gap) > first_gap:
                return out
        else:
            rest = [w for w in gap if w not in _CHAIN_JOIN]
            if len(rest) > 1 or any(w not in _CHAIN_FILLER for w in rest) or len(gap) > 3:
                return out
            conj = any(w in ("و", "and", "&", "or", "او") for w in gap)
            # "Qatar, Egypt and the US, Hamas said": a list ends at its «و»,
            # and "Qatar and Egypt, and the group…" starts a new clause.
            if closed and (not conj or "," in gap or "،" in gap):
                return out
            if "," in gap and _says(norm, r.end):
                return out  # "mediated by the UAE, the Russian defence ministry said"
            closed = closed or conj
        out.append(r)
        last = r.end
    return out


def _says(norm: str, end: int) -> bool:
    """A verb of saying within a few words after ``end``: the name before it is
    the subject of an attribution, not the next item of a list. A list that
    goes on first ("Mexico, Norway and Venezuela, said") is the list's subject:
    the name is still one of its items."""
    for w in _WORDS_RE.findall(norm, end, end + 60)[:_SAYING_WORDS]:
        if w in _SAYING:
            return True
        if w in _LIST_GOES_ON:
            return False
    return False


_LIST_GOES_ON = frozenset({"and", "or"})


def _span_after(pos: int, srefs: list[Ref], norm: str, limit: int) -> list[Ref]:
    """Actors from ``pos`` up to the end of the noun phrase list that follows.

    «بين وزراء خارجية دول مجلس التعاون ووزير الخارجية الأمريكي جون كيري
    الذي…»: the list runs to a clause mark, a preposition or a relative
    pronoun, at most ``_SPAN_WORDS`` words. The people of the sides may take
    «في» before the states they come from («بين وزراء الري في السودان، مصر
    وإثيوبيا»), and a comma between two names before the list's «و» is the
    list's own («السودان، مصر وإثيوبيا»), not the clause's end.
    """
    n = min(limit, len(norm))
    end = n
    starts = {r.start for r in srefs if r.start >= pos}
    ends = {r.end for r in srefs if r.start >= pos}
    heads = True  # only the people of the sides so far: «بين وزراء الخارجية في …»
    joined = False  # the list's «و» (or "and") seen
    last_end = pos
    words = list(_WORD_RE.finditer(norm, pos, n))
    for count, m in enumerate(words):
        w = m.group()
        if heads and count and w in _SPAN_IN:
            continue
        heads = heads and w in _SPAN_PEOPLE
        if (
            w in ("،", ",")
            and not joined
            and last_end in ends
            and count + 1 < len(words)
            and words[count + 1].start() in starts
        ):
            continue
        if w in ("،", ",", ";", "؛", ":") or w in _SPAN_STOP or count >= _SPAN_WORDS:
            end = m.start()
            break
        joined = joined or w in ("و", "and") or (w.startswith("و") and m.start() + 1 in starts)
        last_end = m.end()
    return [r for r in srefs if pos <= r.start < end]


def _chain_before(
    pos: int, srefs: list[Ref], norm: str, max_gap: int = 0, stops: frozenset[str] | None = None
) -> list[Ref]:
    """Actors right before ``pos`` (within ``max_gap`` words) and their coordinates."""
    out: list[Ref] = []
    first = pos
    stops = _STOP_GAP if stops is None else stops
    for r in reversed(srefs):
        if r.end > first:
            continue
        gap = _gap_words(norm, r.end, first)
        if not out:
            # A colon ends a dateline or a heading («الصخيرات (المغرب): وقّع …»).
            if len(gap) > max_gap or any(
                w in stops or w in ("،", ",") or w == "بين" or ":" in w for w in gap
            ):
                return out
        else:
            rest = [w for w in gap if w not in _CHAIN_JOIN]
            # A «و» glued to the later name: the gap holds nothing.
            if rest:
                return out
        out.append(r)
        first = r.start
    return out


def _adjective_pair(c: Cue, agents: list[Ref], norm: str) -> list[Ref]:
    """Two or more actors named as the adjectives (Arabic, after) or the
    hyphenated compound (English, before) of a talk or deal noun.

    One adjective alone («المحادثات المصرية») may name the host, so only a
    pair counts; in English only a hyphen or a slash joins the compound, so
    "Qatar and Egypt talks" (a list before a noun) is not read.
    """
    after = _chain_after(c.end, [r for r in agents if r.kind == "demonym"], norm, first_gap=0)
    if len({r.actor for r in after}) >= 2:
        return after
    before: list[Ref] = []
    first = c.start
    for r in reversed(agents):
        if r.end > first:
            continue
        gap = norm[r.end : first]
        if not r.surface.isascii() or (before and gap.strip() not in ("-", "/")):
            break
        if not before and gap.strip():
            break
        before.append(r)
        first = r.start
    return before if len({r.actor for r in before}) >= 2 else []


def _word_before(norm: str, pos: int) -> str:
    words = norm[max(0, pos - 30) : pos].split()
    return words[-1] if words else ""


class _Clauses:
    def __init__(self, norm: str, sentences: Sentences | None = None) -> None:
        edges = [m.start() for m in _CLAUSE_MARK_RE.finditer(norm)]
        edges += [m.start() for m in _CLAUSE_WORD_RE.finditer(norm)]
        if sentences is not None:
            edges += [s for s, _ in sentences.spans]
        self._edges = sorted(set(edges))

    def index(self, pos: int) -> int:
        return bisect.bisect_right(self._edges, pos)

    def start(self, k: int) -> int:
        """Where clause ``k`` begins."""
        return self._edges[k - 1] + 1 if k > 0 else 0


def collect(
    refs: list[Ref],
    cues: list[Cue],
    sentences: Sentences,
    norm: str,
    envoy_orgs: set[int],
    mediator_persons: set[int],
    state_envoys: frozenset[int] | set[int] = frozenset(),
    negotiators: frozenset[int] | set[int] = frozenset(),
) -> Evidence:
    """Role evidence for every actor of one text.

    ``envoy_orgs``: people who are an organisation's envoys (their
    organisation mediates); ``mediator_persons``: people whose title says
    they mediate; ``state_envoys`` and ``negotiators``: a state's envoys and
    negotiators, evidence the model weighs (a hint, not a role).
    """
    ev = Evidence()
    by_sent: dict[int, list[Ref]] = defaultdict(list)
    for r in refs:
        by_sent[sentences.index(r.start)].append(r)
        if r.agentive:
            ev.mentions[r.actor] += 1
    cues_by_sent: dict[int, list[Cue]] = defaultdict(list)
    neg_weight: dict[int, float] = defaultdict(float)
    pair_sents = {sentences.index(c.start) for c in cues if c.cat == "pair"}
    for c in cues:
        if c.cat in ("neg", "med", "envoy", "effort", "meeting", "stance"):
            si = sentences.index(c.start)
            cues_by_sent[si].append(c)
            if c.cat == "neg":
                neg_weight[si] += c.weight
    clauses = _Clauses(norm, sentences)
    last_pair: set[str] = set()  # the two sides named «بين X و Y» most recently

    for si, scues in sorted(cues_by_sent.items()):
        srefs = by_sent.get(si, [])
        s_start, s_end = sentences.spans[si]
        pronouns = any(c.pronoun for c in scues)
        if not srefs and not (si in pair_sents and by_sent.get(si - 1)) and not pronouns:
            continue
        agents = [r for r in srefs if r.kind != "place"]
        w = neg_weight.get(si, 0.0)
        med_ids: set[int] = set()
        strong_ids: set[int] = set()

        # --- mediators bound by mediation words
        for c in scues:
            if c.cat == "med":
                if c.pronoun and c.term not in _MED_VERB and not _named_next(c, srefs, norm):
                    # «أعلنت قطر أن وساطتها…», «بوساطتهما»: the actor(s) named before.
                    # On a verb the pronoun is the object, and the subject
                    # follows: «استضافته باريس» (read like a verb when a name follows).
                    bound = _antecedents(c, agents, by_sent.get(si - 1, []), norm)
                    frame = "mediation_pronoun"
                else:
                    bound = _mediators_of(c, srefs, norm)
                    frame = _frame_of(c)
                    if not bound and c.term not in _MED_VERB and c.term not in _MED_PASSIVE:
                        # «جهود الوساطة التي تقودها القاهرة»
                        bound = _relative_agents(c, srefs, norm)
                        frame = "mediation_relative"
                if not bound and any(
                    o.cat == "med" and 0 <= o.start - c.end <= 2 for o in scues if o is not c
                ):
                    continue  # «تحت رعاية الوسيط الأوغندي»: the next word binds its own
                if not bound:
                    # "Qatar, Egypt and the US have spent a year of shuttle
                    # diplomacy": the clause's opening subject, as a hint.
                    opening = _clause_subject(c, agents, norm, clauses)
                    for r in opening:
                        ev.add("hint", r.actor, 1.0, "mediation_subject")
                    if not opening:
                        ev.med_words += 1
                for r in bound:
                    if r.actor not in NEVER_MEDIATOR:
                        ev.add("mediator", r.actor, 1.0, frame)
                        med_ids.add(id(r))
            elif c.cat == "envoy":
                # «المبعوث الأممي» may itself be the organisation's alias.
                nxt = [r for r in agents if c.start <= r.start < c.end][:1] or _chain_after(
                    c.end, agents, norm, first_gap=2
                )[:1]
                if c.pronoun and not nxt:
                    nxt = _antecedents(c, agents, by_sent.get(si - 1, []), norm)[:1]
                for r in nxt:
                    if _clause_weight(r.start, scues, clauses) <= 0 and w < 1.0:
                        continue
                    if _is_org(r.actor):
                        ev.add("mediator", r.actor, 0.8, "envoy")
                        med_ids.add(id(r))
                    else:
                        # A state's envoy mediates in one talk and negotiates
                        # in another: the model weighs it with the rest.
                        ev.add("hint", r.actor, 1.0, "envoy_of_state")
            elif c.cat == "effort" and w >= 2.0:
                # «الجهود المصرية القطرية», «المساعي الكويتية» in a sentence on talks.
                for r in _chain_after(c.end, agents, norm, first_gap=1):
                    if r.kind in ("demonym", "name", "metonym"):
                        ev.add("hint", r.actor, 1.0, "efforts_of")
            elif c.cat == "stance" and w >= 2.0:
                # «اشترطت إسرائيل…», "Iran insisted…" in a sentence on talks.
                subject = _subject_after(c.end, agents, norm) or _chain_before(
                    c.start, agents, norm, 1
                )
                for r in subject[:2]:
                    ev.add("hint", r.actor, 1.0, "stance")
            elif c.cat == "meeting" and w >= 1.5:
                # «التقى X بـ Y», "X met Y" in a sentence on talks: the two sides,
                # or a side and a go-between; the model tells which.
                for r in _meeting_of(c, agents, norm):
                    ev.add("hint", r.actor, 1.0, "meeting")

        for r in agents:
            if r.person is None:
                continue
            if (
                r.person in envoy_orgs
                and _clause_weight(r.start, scues, clauses) > 0
                or r.person in mediator_persons
                and w >= 1.0
            ):
                ev.add("mediator", r.actor, 0.8, "envoy_person")
                med_ids.add(id(r))
            elif w >= 1.0 and r.person in state_envoys:
                ev.add("hint", r.actor, 1.0, "envoy_person_of_state")
            elif w >= 1.0 and r.person in negotiators:
                ev.add("hint", r.actor, 1.0, "negotiator_person")

        # --- «التقى نظيره القطري», «مع نظرائه البريطاني … والفرنسي», "met his
        # British counterpart": the counterpart sits across the table (a side,
        # or the go-between; the model tells which).
        sent = norm[s_start:s_end]
        scanned = _SENTENCE_PATTERNS.scan(sent)
        if w >= 1.0 and agents:
            for m in scanned.finditer(_COUNTERPART_RE):
                at, end = s_start + m.start(), s_start + m.end()
                # «مع نظرائه في مجلس التعاون», "his counterparts from the
                # GCC": the group after one preposition.
                nxt = _WORD_RE.match(norm, end + 1) if norm[end : end + 1] == " " else None
                if nxt is not None and nxt.group() in _COUNTERPART_PREP:
                    end = nxt.end()
                found = _span_after(end, agents, norm, s_end)
                found = found or _chain_before(at, agents, norm, 1)
                for r in found:
                    ev.add("hint", r.actor, 1.0, "counterpart")

        # --- parties: «بين X و Y» after a talk noun
        neg_cues = [c for c in scues if c.cat in ("neg", "med")]
        between_sides: set[str] = set()
        for m in scanned.finditer(_BETWEEN_RE):
            b0, b1 = s_start + m.start(), s_start + m.end()
            # A talk noun just before «بين», a strong one earlier in the same
            # clause («المفاوضات … في مسقط الأسبوع المقبل بين»), or mediation
            # anywhere in the sentence (mediation presupposes two sides).
            if not med_ids and not any(
                0 <= b0 - c.end <= _BETWEEN_REACH
                and len(_gap_words(norm, c.end, b0)) <= 2
                or c.weight >= 3.0
                and 0 <= b0 - c.end <= 2 * _BETWEEN_REACH
                and clauses.index(c.end) == clauses.index(b0)
                for c in neg_cues
            ):
                continue
            # «جهود الوساطة المشتركة بين قطر ومصر والولايات المتحدة»: a mediation
            # shared «بين» its mediators, not talks between sides.
            shared = next(
                (
                    c
                    for c in scues
                    if c.cat == "med"
                    and c.end <= b0
                    and len(gap := _gap_words(norm, c.end, b0)) == 1
                    and gap[0] in _SHARED
                ),
                None,
            )
            for r in _span_after(b1, agents, norm, s_end):
                if id(r) in med_ids:
                    continue
                if shared is not None:
                    if r.actor not in NEVER_MEDIATOR:
                        ev.add("mediator", r.actor, 1.0, _frame_of(shared))
                        med_ids.add(id(r))
                    continue
                ev.add("strong", r.actor, 1.0, "between")
                strong_ids.add(id(r))
                between_sides.add(r.actor)

        # --- the two sides as adjectives of the talk noun: «المحادثات الأمريكية
        # الإيرانية», «الاتفاق الأميركي - التركي»; in English as a compound
        # before it: "U.S.-Iran talks", "the Israel-Hamas ceasefire". Another
        # way of saying «بين X و Y», read as that frame.
        for c in neg_cues:
            if c.cat != "neg" or c.term not in _PAIR_HEADS:
                continue
            for r in _adjective_pair(c, agents, norm):
                if id(r) in med_ids or r.actor in NEVER_PARTY:
                    continue
                ev.add("strong", r.actor, 1.0, "between")
                strong_ids.add(id(r))
                between_sides.add(r.actor)

        # --- «مع X» after a talk noun; actors between the noun and «مع» too
        for m in scanned.finditer(_WITH_RE):
            w0, w1 = s_start + m.start(), s_start + m.end()
            head = None
            for c in neg_cues:
                if c.cat != "neg" or c.end > w0:
                    continue
                gap = _gap_words(norm, c.end, w0)
                if len(gap) > _WITH_WORDS:
                    continue
                if any(g in _WITH_NOUNS for g in gap):
                    # «اتفاق … علاقات أوثق مع X»: the tie noun governs «مع».
                    continue
                if clauses.index(c.end) != clauses.index(w0):
                    continue
                if c.weight >= 1.0 or _clause_weight(c.start, scues, clauses) >= 1.5:
                    head = c
            if head is None:
                continue
            for r in _span_after(w1, agents, norm, s_end):
                if id(r) not in med_ids:
                    ev.add("strong", r.actor, 1.0, "with")
                    strong_ids.add(id(r))
            for r in agents:
                if head.end <= r.start < w0 and id(r) not in med_ids:
                    ev.add("strong", r.actor, 0.5, "with_inner")
                    strong_ids.add(id(r))

        # --- delegations, proposals, decisions
        for c in scues:
            if c.cat != "neg":
                continue
            if c.term in _DELEGATION and w >= 2.5:
                for r in _delegation_of(c, agents, norm):
                    if id(r) not in med_ids:
                        ev.add("strong", r.actor, 0.7, "delegation")
                        strong_ids.add(id(r))
            if c.term in _PROPOSAL:
                for r in _chain_after(c.end, agents, norm, first_gap=1)[:3]:
                    ev.add("proposer", r.actor, 1.0, "proposal_of")
                    strong_ids.add(id(r))  # an author is not a bystander
                for r in _chain_before(c.start, agents, norm, 0):
                    if r.surface.isascii():
                        ev.add("proposer", r.actor, 1.0, "proposal_of")
                        strong_ids.add(id(r))
        for m in scanned.finditer(_PROPOSE_RE):
            p0, p1 = s_start + m.start(), s_start + m.end()
            if not _proposal_follows(p1, scues, norm, s_end, m.group(1)):
                continue
            subj = _subject_after(p1, agents, norm) or _chain_before(p0, agents, norm, 1)
            for r in subj[:2]:
                if id(r) not in med_ids and r.actor not in NEVER_PARTY:
                    ev.add("proposer", r.actor, 1.0, "propose_verb")
                    strong_ids.add(id(r))
        for m in scanned.finditer(_URGE_RE):
            u1 = s_start + m.end()
            urged = _chain_after(u1, agents, norm, first_gap=1)
            if urged and _ACCEPT_RE.match(norm, urged[-1].end, s_end):
                for r in urged:
                    if id(r) not in med_ids and r.actor not in NEVER_PARTY:
                        ev.add("strong", r.actor, 1.0, "urged")
                        strong_ids.add(id(r))
        for m in scanned.finditer(_AGREE_RE):
            a0, a1 = s_start + m.start(), s_start + m.end()
            subj = _chain_after(a1, agents, norm, first_gap=1) or _chain_before(a0, agents, norm, 1)
            if subj:
                subj = subj + _agree_partners(a1, subj, agents, norm, clauses, s_end)
            for r in subj:
                if id(r) not in med_ids and r.actor not in NEVER_PARTY:
                    ev.add("strong", r.actor, 1.0, "agree")
                    strong_ids.add(id(r))
        for m in scanned.finditer(_TRIGGER_RE):
            # "Britain, France and Germany on Thursday launched the process to
            # restore sanctions", «فعّلت الدول الأوروبية آلية الزناد».
            t0, t1 = s_start + m.start(), s_start + m.end()
            if not _TRIGGER_OBJ_RE.search(norm, t1, min(s_end, t1 + _TRIGGER_REACH)):
                continue
            subj = _chain_after(t1, agents, norm, first_gap=1) or _chain_before(
                t0, agents, norm, _TRIGGER_GAP, stops=frozenset()
            )
            for r in subj:
                if id(r) not in med_ids and r.actor not in NEVER_PARTY:
                    ev.add("strong", r.actor, 1.0, "trigger")
                    strong_ids.add(id(r))
        if any(c.term in _DEAL_TERMS for c in scues):
            for m in scanned.finditer(_DECIDE_RE):
                d0, d1 = s_start + m.start(), s_start + m.end()
                subj = _chain_after(d1, agents, norm, first_gap=1) or _chain_before(
                    d0, agents, norm, 1
                )
                for r in subj:
                    if id(r) in med_ids or r.actor in NEVER_PARTY:
                        continue
                    ev.add("strong", r.actor, 1.0, "decide")
                    strong_ids.add(id(r))

        # --- «وفدا البلدين», «اتفق الجانبان», "the two sides": the pair is
        # the two actors of this sentence and the one before, when exactly two.
        if w >= _WEAK_SENTENCE and si in pair_sents:
            pair = {
                r.actor
                for r in by_sent.get(si - 1, []) + agents
                if r.agentive
                and r.kind != "place"
                and id(r) not in med_ids
                and r.actor not in NEVER_PARTY
                and r.actor not in ev.mediator
            }
            if len(pair) != 2 and len(last_pair) == 2:
                # No two actors close by: the two named «بين X و Y» last.
                pair = set(last_pair)
            if len(pair) == 2:
                for a in pair:
                    ev.add("strong", a, 0.7, "pair")
        if len(between_sides) == 2:
            last_pair = set(between_sides)

        # --- hosts: talks «في الدوحة», «في العاصمة القطرية», «جولة مسقط»
        sides = between_sides | {x.actor for x in srefs if id(x) in strong_ids}
        for c in scues:
            if c.cat != "neg" or (c.term not in _TALK_TERMS and c.term not in _ROUND):
                continue
            host = _host_of(c, srefs, norm)
            # «عقدت الولايات المتحدة والهند جولة مفاوضات … في نيودلهي»: a side
            # named with the other right before the talks hosts its own round.
            if (
                host is not None
                and host.actor not in sides
                and host.actor not in {x.actor for x in _chain_before(c.start, srefs, norm, 2)}
            ):
                ev.add("mediator", host.actor, 0.6, "host_venue")
                med_ids.add(id(host))

        # --- weak sides: other agentive actors near negotiation words
        if w < _WEAK_SENTENCE:
            continue
        anchors = [
            c for c in scues if c.cat == "neg" and c.weight >= 1.0 and c.term not in _DELEGATION
        ]
        for r in agents:
            if id(r) in med_ids or id(r) in strong_ids or not r.agentive:
                continue
            if r.actor in NEVER_PARTY:
                continue
            if _word_before(norm, r.start) in _DESCRIPTOR or _described(norm, r.start):
                ev.described.add(r.actor)
                ev.frames[r.actor]["described"] = 1.0
                continue
            cw = _clause_weight(r.start, scues, clauses)
            near = any(
                norm.count(" ", min(c.end, r.end), max(c.start, r.start)) <= _WEAK_WORDS
                for c in anchors
            )
            # «وكان التحالف، الذي تقوده السعودية …، قد أعلن هدنة»: the
            # subject's own clause resumes after the relative clause.
            resumed = _resumed_clause(norm, r.end, s_end)
            if resumed is not None:
                cw = max(cw, _clause_weight(resumed, scues, clauses))
                near = near or any(
                    c.start >= resumed and norm.count(" ", resumed, c.start) <= _WEAK_WORDS
                    for c in anchors
                )
            if cw >= _WEAK_CLAUSE or near:
                ev.add("weak", r.actor, min(max(cw, 1.0), 4.0) / 4.0, "weak")
    _envoy_visits(ev, refs, sentences, norm, envoy_orgs | mediator_persons)
    return ev


def _envoy_visits(
    ev: Evidence, refs: list[Ref], sentences: Sentences, norm: str, envoys: set[int]
) -> None:
    """«زار المبعوث كلا من الصين وتركيا والأردن»: the states an envoy tours.

    The visitor is the last person named before the verb, in its sentence
    or the two before it, and must be an envoy or a go-between by title; the
    list after the verb (past a short adverbial: «في يوليو») needs two
    actors or more. Read in any sentence: a tour is often told with no talk
    word (the consultations are named elsewhere).
    """
    if not envoys or not any(r.person in envoys for r in refs):
        return
    agents = [r for r in refs if r.kind != "place"]
    for m in _VISIT_RE.finditer(norm):
        v0, v1 = m.start(), m.end()
        si = sentences.index(v0)
        lo = sentences.spans[max(0, si - 2)][0]
        before = [r for r in agents if lo <= r.start < v0 and r.person is not None]
        if not before or before[-1].person not in envoys:
            continue
        visitor = before[-1]
        s_end = sentences.spans[si][1]
        start = v1
        words = list(_WORD_RE.finditer(norm, v1, s_end))
        for k, w in enumerate(words[:_VISIT_SKIP]):
            rest = norm[w.start() : s_end]
            lead = next((x for x in _VISIT_LIST if rest.startswith(x + " ")), None)
            if lead is not None:
                start = w.start() + len(lead)
                break
            if w.group() in ("،", ",", ";", "؛", ":"):
                break
            if k == 0 and any(r.start == w.start() for r in agents):
                break  # the list starts right after the verb
        listed = [
            r
            for r in _chain_after(start, [r for r in agents if r.start < s_end], norm, first_gap=3)
            if r.actor != visitor.actor
        ]
        if len({r.actor for r in listed}) < 2:
            continue
        for r in listed:
            if r.actor not in NEVER_PARTY:
                ev.add("strong", r.actor, 0.7, "envoy_visit")


def _agree_partners(
    pos: int, subject: list[Ref], agents: list[Ref], norm: str, clauses: _Clauses, limit: int
) -> list[Ref]:
    """«توصلت كينيا إلى اتفاق مع تنزانيا», "Chile signed a mining accord with
    Peru": the other side of an agreement, after «مع» or "with" in the verb's
    clause, a few words past the subject."""
    start = max(pos, subject[-1].end)
    k = clauses.index(pos)
    for count, w in enumerate(_WORD_RE.finditer(norm, start, limit)):
        if count > _AGREE_WITH_WORDS or clauses.index(w.start()) != k:
            return []
        if _WITH_RE.fullmatch(w.group()):
            found = _span_after(w.end(), agents, norm, limit)
            return [r for r in found if clauses.index(r.start) == k]
    return []


_RELATIVE_RE = re.compile(r"\s*[،,]\s*(?:الذي|التي|الذين|which|who)\s")


def _resumed_clause(norm: str, pos: int, limit: int) -> int | None:
    """Where a subject's clause resumes after «، الذي …،» right after it."""
    m = _RELATIVE_RE.match(norm, pos, limit)
    if m is None:
        return None
    for i in range(m.end(), min(limit, m.end() + _RELATIVE_REACH)):
        if norm[i] in "،,":
            return i + 1
    return None


def _antecedents(c: Cue, agents: list[Ref], previous: list[Ref], norm: str) -> list[Ref]:
    """The actor(s) an enclitic pronoun on ``c`` points back to.

    The nearest actor named before it in the sentence (with the actors
    coordinated with it, for «ـهما» and «ـهم»), else the first one of the
    sentence before (its likeliest subject).
    """
    before = [r for r in agents if r.end <= c.start]
    if not before:
        prev = [r for r in previous if r.kind != "place" and r.agentive]
        return prev[:1]
    nearest = before[-1]
    if c.pronoun in ("هما", "هم"):
        return [*reversed(_chain_before(nearest.start, before, norm, 1)), nearest]
    return [nearest]


_RELATIVE_AGENT_RE = re.compile(
    r"\s*(?:[^\s،,.;؛:]+\s+){0,2}?(?:(?:التي|الذي)\s+[^\s،,.;؛:]+(?:\s+بها)?"
    r"|(?:efforts\s+)?(?:led|spearheaded|headed|conducted|pursued|undertaken)\s+by)\s+"
)


def _clause_subject(c: Cue, agents: list[Ref], norm: str, clauses: _Clauses) -> list[Ref]:
    """The actors that open the clause (or sentence) a mediation word stands in."""
    k = clauses.index(c.start)
    before = [r for r in agents if r.end <= c.start and r.agentive]
    if not before:
        return []
    first = before[0]
    # the chain must open its clause or the sentence: at most two words before it
    start = clauses.start(k) if clauses.index(first.start) == k else None
    head = norm[start : first.start] if start is not None else ""
    if start is None or len(head.split()) > 2:
        return []
    return _chain_after(first.start, before, norm, first_gap=0) or [first]


def _named_next(c: Cue, srefs: list[Ref], norm: str) -> bool:
    """A name right after the word, with nothing between."""
    for r in srefs:
        if r.start >= c.end:
            return not _gap_words(norm, c.end, r.start)
    return False


def _relative_agents(c: Cue, srefs: list[Ref], norm: str) -> list[Ref]:
    """«الوساطة التي تقودها القاهرة», "mediation led by Egypt": the agent of a relative."""
    m = _RELATIVE_AGENT_RE.match(norm, c.end, min(len(norm), c.end + 80))
    if m is None:
        return []
    agents = [r for r in srefs if r.kind != "place" or r.kind == "metonym"]
    return _chain_after(m.end(), agents, norm, first_gap=1)


def _meeting_of(c: Cue, agents: list[Ref], norm: str) -> list[Ref]:
    """Who meets: the verb's subject (after it or before it) and whom it meets."""
    subject = _chain_after(c.end, agents, norm, first_gap=2) or _chain_before(
        c.start, agents, norm, 1
    )
    if not subject:
        return []
    rest = [r for r in agents if r.start >= subject[-1].end]
    met = _chain_after(subject[-1].end, rest, norm, first_gap=3) if rest else []
    if not met and subject[0].start >= c.end:
        met = []
    return subject + met


def _subject_after(pos: int, agents: list[Ref], norm: str) -> list[Ref]:
    """A verb's subject in VSO order: «كشف الرئيس الأميركي جو بايدن»."""
    for r in agents:
        if r.start < pos:
            continue
        gap = _gap_words(norm, pos, r.start)
        if len(gap) > 2 or any(w in ("،", ",") or w in _STOP_GAP for w in gap):
            return []
        return _chain_after(r.start, agents, norm) or [r]
    return []


def _proposal_follows(pos: int, scues: list[Cue], norm: str, limit: int, verb: str) -> bool:
    if verb in _SELF_PROPOSING:
        return True
    for c in scues:
        if c.start >= pos and c.cat == "neg" and (c.term in _PROPOSAL):
            return c.start < limit and norm.count(" ", pos, c.start) <= _PROPOSE_WORDS
    return False


def _host_of(c: Cue, srefs: list[Ref], norm: str) -> Ref | None:
    """The state whose capital a talk noun says the talks are held in.

    «المحادثات التي بدأت الأسبوع الماضي في العاصمة القطرية», «محادثات
    الدوحة», "talks in Muscat": the first «في» within a few words decides;
    a first place that is no state («في جنيف») ends the search.
    """
    after = [r for r in srefs if r.start >= c.end and not _is_org(r.actor)]
    if after and after[0].start - c.end <= 1 and after[0].kind in ("place", "metonym"):
        nxt = _word_after(norm, after[0].end)
        return None if nxt in ("مع", "with") else after[0]
    words = _gap_words(norm, c.end, min(len(norm), c.end + 2 * _HOST_REACH))
    pos = c.end
    reach = _HOST_WORDS
    for i, w in enumerate(words):
        if i >= reach:
            return None
        at = norm.find(w, pos)
        pos = at + len(w)
        if w in ("مع", "with") and i == 0:
            # «محادثات مع نظيره الروسي في الرياض»: the venue follows the partner.
            reach = _HOST_WORDS + 4
            continue
        if w in ("،", ",", "بين", "between", "مع", "with"):
            return None
        if w in ("في", "in"):
            for r in after:
                if r.start < pos:
                    continue
                gap = _gap_words(norm, pos, r.start)
                if not gap or gap == ["العاصمه"] or gap == ["the"]:
                    return r
                return None
            return None
    return None


def _word_after(norm: str, pos: int) -> str:
    words = norm[pos : pos + 30].split()
    return words[0] if words else ""


def _described(norm: str, pos: int) -> bool:
    """«الذي تقوده السعودية», «X-led»: the actor qualifies another one.

    «بحضور وزير الخارجية التركي»: an actor only attending is no side either.
    """
    before = norm[max(0, pos - 12) : pos]
    if "تقوده" in before or "يقوده" in before or before.endswith("-"):
        return True
    wider = norm[max(0, pos - 40) : pos]
    at = wider.rfind("بحضور")
    return at >= 0 and wider.count(" ", at) <= 3


def _clause_weight(pos: int, scues: list[Cue], clauses: _Clauses) -> float:
    k = clauses.index(pos)
    return sum(c.weight for c in scues if c.cat == "neg" and clauses.index(c.start) == k) + sum(
        1.0 for c in scues if c.cat == "med" and clauses.index(c.start) == k
    )


def _mediators_of(c: Cue, srefs: list[Ref], norm: str) -> list[Ref]:
    """The actors a mediation word binds."""
    agents = [r for r in srefs if r.kind != "place"]
    hosting = c.term in _HOST_TERMS
    pool = srefs if hosting else agents
    ascii_term = c.term.isascii()
    if ascii_term:
        before = _chain_before(c.start, agents, norm, 1)
        if not before:
            gap_start = c.start
            prev = [r for r in agents if r.end <= c.start]
            if prev and set(_gap_words(norm, prev[-1].end, gap_start)) <= _EN_AUX:
                before = prev[-1:]
        if c.term in _MED_PASSIVE:
            after = _chain_after(c.end, pool, norm, first_gap=2)
            if norm[c.end : c.end + 4].strip().startswith("by"):
                return after
            # "brokered a year ago by Turkey": a time or a place between.
            late = _LATE_BY_RE.match(norm, c.end)
            if late is not None:
                return _chain_after(late.end(), pool, norm, first_gap=1)
            # "Qatar, which brokered the deal with Egypt and the US"
            return before + _partners_after(c.end, agents, norm) if before else before
        if not before and _word_before(norm, c.start) in _POSSESSIVE_EN:
            # "Qatar has put its mediation on hold": the owner named before.
            prev = [r for r in agents if r.end <= c.start]
            return prev[-1:]
        found = before or _chain_after(c.end, pool, norm, first_gap=2) or _apposition(c, pool, norm)
        if found and c.term in _MED_VERB and found[0].end <= c.start:
            found = found + _partners_after(c.end, agents, norm)
        return found
    if c.term in _MED_VERB:
        after = _chain_after(c.end, pool, norm, first_gap=2)
        if after:
            return after
        # «نجحت الإمارات في التوسط», «قطر التي تتوسط»
        return _chain_before(c.start, pool, norm, 4, _VERB_BACK_STOP)
    found = _chain_after(c.end, pool, norm, first_gap=2) or _apposition(c, pool, norm)
    if not found and c.term in _MED_BACK_NOUN:
        before = _chain_before(c.start, agents, norm, 3)
        if before and _word_before(norm, before[-1].start) not in _REJECT_WORDS:
            found = before
    # «المسؤولون الأمريكيون، إلى جانب الوسطاء»: the actor before shares the role.
    if "جانب" in norm[max(0, c.start - 12) : c.start]:
        near = [r for r in agents if c.start - 45 <= r.end <= c.start]
        found = found + near[-1:]
    return found


_POSSESSIVE_EN = vocab.terms("possessive_en")
_PARTNERS_RE = re.compile(r"\s+(?:[a-z'-]+\s+){0,3}?(?:with|alongside|together with)\s+")


def _partners_after(pos: int, agents: list[Ref], norm: str) -> list[Ref]:
    """ "brokered the truce with Egypt and the United States": the co-mediators."""
    m = _PARTNERS_RE.match(norm, pos, min(len(norm), pos + 60))
    if m is None:
        return []
    return _chain_after(m.end(), agents, norm, first_gap=1)


def _apposition(c: Cue, pool: list[Ref], norm: str) -> list[Ref]:
    """«الوسطاء في مصر وقطر», "the mediators, Qatar and Egypt", and the members
    a group of mediators is said to hold («مجموعة الوسطاء، التي تضم الولايات
    المتحدة والسعودية وسويسرا», "the mediators, which include Qatar")."""
    if c.term not in _MED_PLURAL:
        return []
    m = _APPOSITION_RE.match(norm, c.end)
    return _chain_after(m.end(), pool, norm, first_gap=1) if m else []


# The members after the group's noun, which may take what it guarantees or
# sponsors first («الدول الضامنة للعملية، وهي كوبا والنرويج»).
_APPOSITION_RE = re.compile(
    r"(?:\s+ل\S+)?\s*[,،]?\s*(?:" + _alternation("group_members") + r")\s+|\s*(?:[,،]|في\s)\s*"
)


def _delegation_of(c: Cue, agents: list[Ref], norm: str) -> list[Ref]:
    if c.term.isascii():
        return _chain_before(c.start, agents, norm, 0)
    return _chain_after(c.end, agents, norm, first_gap=1)[:2]


def decide(
    body: Evidence, title: Evidence | None = None
) -> tuple[dict[str, float], dict[str, float]]:
    """Parties and mediators (actor → confidence) from the evidence of one article."""
    ev = Evidence()
    ev.merge(body)
    ev.described = set(body.described)
    ev.med_words = body.med_words
    if title is not None:
        ev.merge(title, 1.5)
        ev.med_words += title.med_words
    mediators = {a: w for a, w in ev.mediator.items() if w > 0}
    strong = {a for a, w in ev.strong.items() if w > 0}
    parties: dict[str, float] = {a: ev.strong[a] for a in strong}
    # A proposal's author that two other sides answer is a go-between.
    supported = strong | {a for a, w in ev.weak.items() if w >= _WEAK_SUPPORTED}
    for a, w in ev.proposer.items():
        if a in strong:
            continue
        others = supported - {a} - set(ev.proposer)
        answered = len(others) >= 2 and bool(others & strong)
        if answered or a in mediators or (ev.med_words and others & strong):
            mediators[a] = mediators.get(a, 0.0) + 0.5 * w
        else:
            parties[a] = parties.get(a, 0.0) + 0.5 * w
    # Equal weak evidence goes to the actor the story names more often.
    weak = [
        (w, a)
        for w, _, a in sorted(
            (
                (w, body.mentions.get(a, 0), a)
                for a, w in ev.weak.items()
                if a not in parties and a not in mediators
            ),
            reverse=True,
        )
    ]
    for w, a in weak:
        if w >= _WEAK_MIN:
            parties[a] = w / 2
    # Talks have two sides: with one side found, the likeliest other one
    # comes from the weak evidence.
    if len(parties) == 1 and (mediators or ev.med_words):
        for w, a in weak:
            if a not in parties:
                parties[a] = w / 2
                break
    return parties, mediators


def assign(
    refs: list[Ref],
    cues: list[Cue],
    sentences: Sentences,
    norm: str,
    envoy_orgs: set[int],
    mediator_persons: set[int] | None = None,
) -> tuple[dict[str, float], dict[str, float]]:
    """Return ``(parties, mediators)`` as actor → confidence for one text."""
    return decide(collect(refs, cues, sentences, norm, envoy_orgs, mediator_persons or set()))
