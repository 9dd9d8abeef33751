"""From an analysed article to its events.

One cue pass over the normalised text (``cues``), one sentence split
(``sentences``), then one merge walk over sentences, cues and actor
references, all sorted by offset: the work is linear in the text and each
article yields at most ``MAX_EVENTS`` events. Per sentence, the weights of
each type's cues are added; a type whose cues weigh 1 or more is a move
(spec/events.md). Modifiers turn one reading into another: a talks word in
a sentence that speaks of the future is a planned round, an acceptance
word after a negation («لن تقبل») is a rejection, a release one side pledges
in the future form («ستفرج») is its offer; a sentence of hope («نأمل أن…»)
reports no move.

The same move told twice in one article (same type, same makers) is one
event: the first sentence that reports it keeps it.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Collection, Sequence
from dataclasses import replace
from functools import cache, partial
from typing import NamedTuple

from articles.nlp import vocab
from articles.nlp.actors import Ref
from articles.nlp.analysis import Analysis
from articles.nlp.events import attribution, dates, slots
from articles.nlp.events.cues import EventCue, EventCueMatcher
from articles.nlp.events.data import fingerprint as data_fingerprint
from articles.nlp.events.data import load
from articles.nlp.events.sentences import split
from articles.nlp.normalize import to_original
from articles.nlp.text import next_word, prev_word
from articles.nlp.types import EventTag

MAX_EVENTS = 40
THRESHOLD = 1.0  # cue weight of a type in one sentence that makes a move
# Words after "agreed to" an offer may stand in ("agreed to a humanitarian truce proposed by").
_OFFER_WORDS = 6
_PLANNED = "talks_planned"
# A story's opening dateline: a few words (places, a date, an agency in
# brackets) and a dash, before the first sentence mark.
_DATELINE_RE = re.compile(r"[^.!?؟\n:]{1,60}?\s[-–—]+\s")
_HELD = "talks_held"
_MARK_RE = re.compile(r"[.،,؛:!?؟\n]")
# A stall told of the talks themselves («تعثرت المفاوضات», "the truce
# expired") names them within this reach (characters, about ten words):
# a failure farther from any talks word is another failure («إخفاق الولايات
# المتحدة في قيادة التحالف»).
_STALL_REACH = 60
_MEETINGS = frozenset({_PLANNED, _HELD})
# Moves one side makes toward the other (spec: the side a proposal goes to,
# the side blamed, the side whose offer is rejected).
_ADDRESSED = frozenset({"proposal", "rejection", "accusation"})
# How far before its talks word a present meeting verb stands (characters,
# about six words): «يعقد وزير الخارجية الأمريكي اليوم اجتماعاً».
_TODAY_REACH = 50
# Moves an attempt word before them, or the cue word that is itself the
# attempt («للتوصل»), undoes («جهود للتوصل إلى اتفاق», "to overcome the
# deadlock"), and how far before (characters: about four words).
_REACHED = frozenset({"agreement", "acceptance", "implementation", "suspension"})
# Moves a call can ask for («دعا إلى تمديد الهدنة», «حث على رفض الاتفاق»).
_ASKABLE = _REACHED | {"rejection"}
# «أنّ» and its forms: what follows is a clause, what one admits or says.
_THAT_WORDS = frozenset({"ان", "انه", "انها", "انهم", "انهما"})
_ATTEMPT_REACH = 30
# Answers put as a supposition («سواء قبلت دول الخليج بالاتفاق أم لم تقبل»):
# neither move is told, up to the second answer (about eight words on).
_EITHER_WAY = frozenset({"acceptance", "rejection"})
_EITHER_REACH = 60
# A step told as what something came before («قبل ساعات على بدء تنفيذ الهدنة»):
# about four words.
_AHEAD_REACH = 24
# Outcomes a failure word before them undoes («أخفقت في التوصل إلى اتفاق»);
# the failure may itself be a stall, so suspensions stay.
_FAILED = frozenset({"agreement", "acceptance", "implementation"})
# The failure names who failed before what they failed at («إخفاق المحادثات بين
# إسرائيل وحماس في التوصل إلى اتفاق»): a longer reach than an attempt's. A
# nearing («مع اقتراب إيران وست قوى عالمية من التوصل إلى اتفاق») reaches as far.
_FAILURE_REACH = 60
# «ليس لدينا مبادرة», «لم تعلن أي مبادرة»: a proposal denied a few words before.
_PROPOSAL_NEGATION_REACH = 5
# "Iran proposed holding a new round of talks", «اقترحت إيران عقد جولة
# جديدة»: talks words this near after a verb of offering (``offers``), in
# the same clause, are what is proposed, not talks held (characters: about
# six words).
_PROPOSED_REACH = 45
# «رفض المفاوضات المباشرة», "rejected direct negotiations": a talks noun this
# near after a refusal is what is refused (characters: about two words).
_REFUSED_REACH = 16
# Words between a refusal and the signing it refuses, in one clause («رفض
# رئيس الوزراء الأرميني ربط توقيع المعاهدة»).
_REFUSAL_REACH = 6
# Marks that end a clause; the words that open one are data (``clause_open``).
_CLAUSE_MARK = re.compile(r"[,،;؛.:!?]")
# A talks word is a planned round when a future word stands this near it
# (characters, either side): the rest of a long sentence may speak of
# another time («… عقب مباحثاته اليوم: … خلال الفترة القادمة»).
_FUTURE_REACH = 60
# A proposal word this near after an answer to it («رفضت الحكومة المقترح
# الفرنسي», "turned down the offer", «ردها على المقترح») names the
# proposal answered, which is another's (characters: about four words).
_ANSWER_REACH = 30
# What a refusal is of, this near after its word («رفضوا نشر أسمائهم»; characters).
_DECLINED_REACH = 4
# The same told as a clause after the refuser's name («رفض المتحدث باسم الحركة أن
# يعلق»; characters).
_DECLINED_CLAUSE = 50
# How far after a claim word («ما تردد عن», "the claim that") the claimed move
# stands (characters).
_CLAIM_REACH = 40
_JOINING_PROCLITICS = ("و", "ف")
# How near a refusing word its charge stands, and the charge's words reach (characters).
_CHARGE_REACH = 40
# How far after an offering verb the hosting it offers may stand (characters:
# room for the maker's name and title, «عرض البابا ليو الرابع عشر استضافة»).
_OFFER_REACH = 50
# How far before «مرهون» the deal or talks it makes conditional may be named
# («تنفيذ الاتفاق مرهون بعدم…», «التوقيع النهائي على المعاهدة لا يزال مرهوناً»).
_CONDITION_REACH = 45
# How far after «وقع» the deal it signs may be named, past the signers' titles
# and the day and place («وقع وزير الخارجية العراقي … أمس في بغداد اتفاقية»).
_SIGNED_REACH = 160
# A truce word this near after an announcing verb is a truce declared (characters:
# room for a long name of the side and the day, «أعلنت قيادة قوات التحالف …، أمس، عن هدنة»).
_DECLARE_REACH = 80
# «طالبت واشنطن بكين بوقف أنشطتها. أما بكين فرفضت وقف أنشطتها.»: a short
# Arabic sentence right after one that tells a proposal answers it, though it
# names no talks or deal (words).
_SHORT_ANSWER = 14
# «وصوت البرلمان اليوناني في ساعة مبكرة من صباح أمس الخميس على تشريع لإصلاح»:
# from the passing verb to the reform word (characters, about a dozen words).
_PASSED_REACH = 80
# An exceptive this near after a refusal («لن نقبل إلا», "anything but") turns
# it into the one outcome the side demands (characters: about two words).
_EXCEPT_REACH = 12
# «اتفقنا أن…» / «اتفقوا أنه…»: a deal verb right before "that" (no «على») agrees
# on a view.
_THAT = frozenset({"ان", "انه", "انها"})
# Words that may stand between a deal verb and the «على» of what was agreed,
# besides a subject of a few words.
_FILLERS = frozenset({"كذلك", "ايضا", "also"})
_SUBJECT_WORDS = 4
_TALK_NOUNS = vocab.terms("talk_nouns")
# «بقبول أو رفض الاتفاق», "accept or reject": an answer with «أو» / "or" beside it
# names a choice still open, no answer given.
_CHOICES = frozenset({"acceptance", "rejection"})
_OR = frozenset({"او", "or"})
# «هددوا برفضه», «هدد بقطع الهدنة»: a refusal or a stop a threat word stands right
# before (characters: about two words) is threatened, not made.
_THREATENED = frozenset({"rejection", "suspension"})
_THREAT_REACH = 16
# «هدد حزب العمال الكردستاني بقطع الهدنة»: the threatened move taken with «ب» may
# stand after the threatener's name (characters, about six words).
_THREAT_WITH_REACH = 48
# How far after a side's name its leader may be named («التحالف العربي، الذي
# تقوده السعودية»; characters, about three words).
_LEADER_REACH = 24
# «وبموجب الاتفاق وافقت…», "under the deal, Iran agreed": how far before the
# acceptance the «بموجب» / "under" may stand.
_UNDER_REACH = 40
# «سلسلة من المحادثات الهاتفية والاجتماعات مع مشرعين»: a chamber within about
# eight words of the talks word (characters).
_CHAMBER_REACH = 50
_DELEGATION = frozenset({"وفد", "لوفد", "وفدا", "delegation"})
_ANSWERS = frozenset({"acceptance", "rejection", "mod:response"})
# Moves a refusal in the same sentence may answer.
_OFFERS = frozenset({"proposal", "mediation_offer"})
# «في اتصال هاتفي مع «المدينة»», "in a phone call with Reuters": a call or
# meeting with an outlet (named, or a word of the press) right after it is an
# interview, no talks; how far after the talks word the outlet may start
# (characters: «مع» and the outlet's quotes or a word such as «صحيفة»).
_INTERVIEW_REACH = 16
_WITH = frozenset({"مع", "with"})
# «قال إن…», "said that": what follows is the reported clause, whose own
# "after" belongs to what was said («قال إنه سيذهب بعد زيارته لمصر»).
_REPORTED = frozenset({"ان", "انه", "انها", "that"})
# How far after a bare head («التحالف») its full name may come (characters).
_SPELT_OUT_REACH = 600
# «على» after «علق»: a comment on what follows, no suspension of it.
_ON = frozenset({"علي", "وعلي"})
# What a verb's subject adds to its end («اقترحت», «رفضوا»).
_VERB_ENDINGS = frozenset({"", "ت", "وا", "تا", "ا"})
# Words of what a verb may stand after (its subject and what the move bears on).
_BRINGS_WORDS = 4
# Words that open a clause of their own before a verb of what follows.
_CLAUSE_LINKS = frozenset({"مما", "وما", "وهو", "وهي", "وهذا", "ذلك", "وذلك", "which"})


def fingerprint() -> str:
    return data_fingerprint()


class Candidate(NamedTuple):
    """One possible move: a type read in one sentence, with what decides it."""

    type: str
    score: float  # weight of the type's cues in the sentence
    span: tuple[int, int]  # sentence, normalised offsets
    slots: slots.Slots
    topics: tuple[str, ...]
    when: str | None
    attributed_to: str | None
    lead: bool = False  # the sentence is the article's first
    retold: bool = False  # the sentence names a meeting with the definite noun
    again: bool = False  # «اقترحت كذلك», "also proposed": another move of the same maker


class EventReader:
    """Built once per tagger (it holds an automaton); ``read`` per article."""

    def __init__(self) -> None:
        self.cues = EventCueMatcher()
        # «ولم», «فلن», «ولا»: a negation carries the joining proclitic as often as not.
        negation = load().modifiers.get("negation", frozenset())
        self._negation = negation | {
            p + w for w in negation if not w.isascii() for p in _JOINING_PROCLITICS
        }
        self._frames = load().modifiers.get("frame", frozenset())
        self._ended = load().modifiers.get("ended", frozenset())
        self._again = load().modifiers.get("again", frozenset())
        self._ended_timing = load().ended_timing
        self._was_planned = load().was_planned
        anything = load().modifiers.get("any", frozenset())
        self._any = anything | {
            p + w for w in anything if not w.isascii() for p in _JOINING_PROCLITICS + ("ل", "ب")
        }
        self._purpose = load().modifiers.get("purpose", frozenset())
        self._to_be = load().modifiers.get("to_be", frozenset())
        self._led_by = load().modifiers.get("led_by", frozenset())
        self._anaphors = load().anaphors
        self._needs_object = load().needs_object
        self._needs_vote = load().needs_vote
        self._names = load().names
        self._stalls = load().stalls
        # Words of a move that count only with the talks, a deal or a meeting
        # named within reach (after them only, or on either side): a stall told
        # of the talks, a breach of a deal, staying away from the talks.
        self._of_the_talks = {
            "suspension": (self._stalls, False),
            "accusation": (load().breaches, False),
            "rejection": (load().absences, True),
        }
        self._signings = load().signings
        self._admits = load().admits
        self._aims = load().aims
        self._demands = load().demands
        self._conditional = load().conditional
        self._bodies = load().bodies
        self._not_put = load().not_put
        self._stances = load().stances
        self._made_before = load().made_before
        self._still_approves = load().still_approves
        self._charges = load().charges
        self._recalls = load().recalls
        self._comments = load().comments
        self._outsiders = load().outsiders
        self._short_of = load().short_of
        self._objects = frozenset(load().objects)
        self._breaches = load().breaches
        self._views = load().views

    def _on_a_view(self, norm: str, pos: int) -> bool:
        """Whether what a deal word at ``pos`` agrees on is a view, no deal: "that"
        right after it (``_THAT``: «اتفقنا أن السبيل الأمثل…»), or «على» / "on
        the" among the six words after it, then one of the ``views`` words
        («اتفقا خلال المباحثات على أهمية…», "agreed on the need for")."""
        words = norm[pos : pos + 80].split()[:7]
        if words and words[0] in _THAT:
            return True
        for i, word in enumerate(words[:-1]):
            if word == "علي":
                return words[i + 1] in self._views
            if word == "on" and words[i + 1] == "the" and i + 2 < len(words):
                return words[i + 2] in self._views
        return False

    def _admitted(self, norm: str, pos: int, names: frozenset[int]) -> bool:
        """Whether «أنّ» or a «بـ» word among the five after ``pos`` tells what is admitted.

        A name is no such word («أقر بوتين الاتفاق»): ``names`` are where the
        sentence's names start.
        """
        end = pos + 80
        for stop in ".،,؛;:\n":
            if (i := norm.find(stop, pos, end)) >= 0:
                end = i
        for m in list(re.finditer(r"\w+", norm[pos:end]))[:5]:
            word = m.group()
            if word in _THAT_WORDS:
                return True  # «وأقر أوباما أن قسماً من الأموال…»: admits that
            if word.startswith("ب") and len(word) > 2 and pos + m.start() not in names:
                return word not in self._still_approves
        return False

    def read(
        self,
        a: Analysis,
        parties: Collection[str],
        mediators: Collection[str],
        topics: Sequence[str],
        outlet_names: Sequence[str],
    ) -> list[EventTag]:
        """The events of one analysed article, first report of each move kept."""
        events: list[EventTag] = []
        # per type: the makers, the day and the place in ``events`` of each move told
        seen: dict[str, list[tuple[frozenset[str], str | None, int, int | None]]] = {}
        met: list[int] = []  # sentences that told a meeting
        table = frozenset(parties) | frozenset(mediators)
        for c in self.candidates(a, parties, mediators, topics, outlet_names):
            p = min(1.0, c.score / (2 * THRESHOLD))
            makers = frozenset(c.slots.actors)
            if _aside(c, makers, table):
                continue
            told = seen.setdefault(c.type, [])
            count = _round_count(a.norm[c.span[0] : c.span[1]]) if c.type in _MEETINGS else None
            same = next(
                (
                    i
                    for i, (m, w, _, n) in enumerate(told)
                    if _same_move(c.type, makers, m)
                    and _same_day(c, w)
                    # «الجولة الأولى» after «الجولة الثالثة»: another round.
                    and (count is None or n is None or count == n)
                ),
                None,
            )
            if same is not None and c.again:
                same = None  # «وأضاف أن روسيا اقترحت كذلك هدنة»: another offer
            if same is not None:
                m, w, at, n = told[same]
                if c.type in _MEETINGS and w is None and c.when is not None:
                    # «تجري المفاوضات بين …» then «وعُقدت الجولة الثالثة السبت»: the
                    # round's own sentence and day tell the meeting better.
                    s, e = to_original(a.offsets, *c.span)
                    events[at] = replace(events[at], when=c.when, start=s, end=e)
                    told[same] = (m, c.when, at, n if count is None else count)
                continue
            if not makers and told:
                continue
            meetings = told or (c.type == _HELD and seen.get(_PLANNED))
            if c.retold and c.type in _MEETINGS and any(m < c.span[0] for m in met):
                # «ومن المقرر أن يناقش الاجتماع…»: the meeting already told.
                continue
            if meetings and len(makers) == 1 and c.type in slots.SYMMETRIC:
                # «ويرأس وفد المملكة في الاجتماع»: one side named again at a
                # meeting or deal already told is the same move.
                continue
            outside = self._outsiders
            actors = tuple(a for a in _across(c, parties) if a not in outside)
            if outside & makers and (not actors or c.type not in slots.SYMMETRIC):
                continue  # a move made by an actor at no table
            told.append((makers, c.when, len(events), count))
            if c.type in _MEETINGS:
                met.append(c.span[0])
            s, e = to_original(a.offsets, *c.span)
            events.append(
                EventTag(
                    type=c.type,
                    actors=actors,
                    targets=tuple(a for a in _toward(c, parties) if a not in outside),
                    via=tuple(a for a in c.slots.via if a not in outside),
                    topics=c.topics,
                    when=c.when,
                    attributed_to=c.attributed_to,
                    start=s,
                    end=e,
                    confidence=round(p * (1.0 if c.slots.from_sentence else 0.6), 3),
                )
            )
            if len(events) >= MAX_EVENTS:
                break
        return events

    def candidates(
        self,
        a: Analysis,
        parties: Collection[str],
        mediators: Collection[str],
        topics: Sequence[str],
        outlet_names: Sequence[str],
    ) -> list[Candidate]:
        """Every (sentence, type) whose cues weigh at least ``THRESHOLD``, in text order."""
        norm, text = a.norm, a.text
        cues = self.cues.find(norm, a.padded)
        if not any(not c.kind.startswith("mod:") for c in cues):
            return []
        spans = split(norm)
        published = dates.published_date(a.article.published_at)
        head = _dateline_end(norm)
        refs = [r for r in a.body_refs if r.start >= head]
        if a.lang != "en":
            # «وقالت الحركة إن…»: the side the definite head stands for.
            refs = sorted(refs + _anaphors(norm, refs, cues, self._anaphors), key=lambda r: r.start)
        outlet_hits = [h for h in a.hits if h.targets[0].type == "outlet"]
        topic_cues = [(c.start, c.cat[6:]) for c in a.cues if c.cat.startswith("topic:")]
        ref_starts = [r.start for r in refs]
        cue_starts = [c.start for c in cues]
        outlet_starts = [h.start for h in outlet_hits]
        topic_starts = [p for p, _ in topic_cues]
        arabic = a.lang != "en"

        def to_orig(s: int, e: int) -> tuple[int, int]:
            return to_original(a.offsets, s, e)

        out: list[Candidate] = []
        last_outlet: str | None = None
        offered = False  # the sentence before told a proposal
        for s, e in spans:
            lo, hi = bisect.bisect_left(cue_starts, s), bisect.bisect_left(cue_starts, e)
            if lo == hi:
                offered = False
                continue
            here = cues[lo:hi]
            olo, ohi = bisect.bisect_left(outlet_starts, s), bisect.bisect_left(outlet_starts, e)
            outlets = [
                (h.start, h.end, outlet_names[int(h.targets[0].ids[0])])
                for h in outlet_hits[olo:ohi]
            ]
            press = [c.start for c in here if c.kind == "mod:press"]
            here = _without_interviews(here, norm, [o[0] for o in outlets] + press)
            rlo, rhi = bisect.bisect_left(ref_starts, s), bisect.bisect_left(ref_starts, e)
            tlo, thi = bisect.bisect_left(topic_starts, s), bisect.bisect_left(topic_starts, e)
            moves = self._moves(
                here,
                norm,
                frozenset(ref_starts[rlo:rhi]),
                tlo < thi,
                answering=arabic and offered and len(norm[s:e].split()) <= _SHORT_ANSWER,
            )
            offered = "proposal" in moves
            if not moves:
                if outlets:
                    last_outlet = outlets[-1][2]
                continue
            named = _not_leaders(
                norm,
                _outside_lists(norm, [slots.Named(r.start, r.end, r.actor) for r in refs[rlo:rhi]]),
                self._led_by,
            )
            said = {t for _, t in topic_cues[tlo:thi]}
            event_topics = tuple(t for t in topics if t in said) or tuple(topics)
            source = attribution.attribute(norm, text, (s, e), outlets, to_orig, last_outlet)
            if outlets:
                last_outlet = outlets[-1][2]
            sentence = norm[s:e]
            speech = [(c.start, c.end) for c in here if c.kind == "mod:speech"]
            mutual = [(c.start, c.end) for c in here if c.kind == "mod:mutual"]
            cities = [r.start for r in refs[rlo:rhi] if r.kind == "metonym"]
            # «اجتماعاً ثلاثياً مع نظيريه»: one table of three, not one pair each.
            one_table = any(c.kind == "mod:multilateral" for c in here)
            retold = _retold(here, norm, self._objects, cities)
            when: dict[bool, str | None] = {}  # the sentence's day, past or planned
            # What every move of this sentence shares.
            found = partial(
                Candidate,
                span=(s, e),
                topics=event_topics,
                attributed_to=source,
                lead=s == spans[0][0],
                retold=retold,
            )
            exchange = any(c.kind == "mod:exchange" for c in here)
            broken = _breacher(norm, here, named, self._breaches, parties) if arabic else None
            if broken is not None and "accusation" in moves:
                # «لم تسلم الهدنة من خروقات الحوثيين»: a breach told with no one
                # blaming for it is the breaker's stall of the deal, no accusation.
                cue = moves["accusation"][1]
                said = any(x[0] < cue.start for x in speech) or slots.reported(norm, s, cue.start)
                if cue is broken[0] and not said:
                    moves.pop("accusation")
                    moves.setdefault("suspension", (THRESHOLD, cue, None, None))
            for etype, (score, cue, answer, counter) in moves.items():
                planned = etype == _PLANNED
                placed = slots.assign(
                    etype,
                    named,
                    cue.start,
                    cue.end,
                    parties,
                    mediators,
                    arabic,
                    norm,
                    speech,
                    answer=(answer.start, answer.end) if answer else None,
                    counter=(counter.start, counter.end) if counter else None,
                    stall=etype == "suspension" and cue.term in self._stalls,
                    claim=_claim_before(here, cue) if etype == "denial" else None,
                    exchange=exchange,
                    mutual=mutual,
                    joined=_joined_verb(norm, cue),
                )
                if broken is not None and etype == "suspension":
                    placed = slots.Slots((broken[1],), (), (), True)
                elif broken is not None and etype == "accusation" and placed is not None:
                    if placed.actors == (broken[1],):
                        continue  # the breaker does not blame itself
                    rest = tuple(a for a in placed.targets if a != broken[1])
                    placed = placed._replace(targets=(broken[1], *rest))
                if placed is None:
                    continue
                if (
                    etype == "agreement"
                    and "mediation_offer" in moves
                    and all(n.actor in mediators for n in named)
                ):
                    # "Italy agreed to host the rounds": a mediator agreeing to host
                    # or mediate, no side named, is no deal between the sides.
                    continue
                split_up = (
                    slots.pairs(named, cue.start, cue.end, mediators, arabic, norm)
                    if etype == "agreement" and not one_table
                    else []
                )
                # Deals one side signs with several others are one event per pair
                # ("signed accords with Vietnam and Laos"); talks with several
                # partners told in one sentence are one meeting («يجرون محادثات مع
                # دبلوماسيين من الولايات المتحدة وبريطانيا والإمارات»).
                tables = [
                    slots.Slots(tuple(sorted(pair)), (), placed.via, True) for pair in split_up
                ] or [placed]
                if etype == "accusation" and placed.actors == placed.targets:
                    # Blame traded both ways is one accusation each way.
                    tables = [
                        slots.Slots(
                            (a,), tuple(b for b in placed.actors if b != a), placed.via, True
                        )
                        for a in placed.actors
                    ]
                day = _day(when, sentence, published, planned)
                again = etype not in _MEETINGS and _said_again(norm, cue, self._again)
                out.extend(
                    found(type=etype, score=score, slots=t, when=day, again=again) for t in tables
                )
            asked = _requested(here, norm, named, parties, mediators)
            if asked is not None:
                out.append(
                    found(
                        type="proposal",
                        score=1.0,
                        slots=asked,
                        when=_day(when, sentence, published, False),
                    )
                )
        return out

    def _moves(
        self,
        here: Sequence[EventCue],
        norm: str,
        names: frozenset[int] = frozenset(),
        topical: bool = False,
        answering: bool = False,
    ) -> dict[str, tuple[float, EventCue, EventCue | None, EventCue | None]]:
        """Event type → (weight of its cues, the cue that tells it, the answer it is
        the object of) for one sentence's cues.

        The telling cue is the first, except that a proposal prefers a word no
        answer stands right before («رفضت حماس المقترح وقدمت مقترحاً مضاداً»:
        the counter-proposal is Hamas's own); a proposal told only as what was
        answered carries that answer, and its maker is then sought after it; a
        proposal of its own told after an answer carries the answer it counters
        (its maker is the answerer). ``answering``: the sentence is short and
        follows one that tells a proposal, so an answer in it needs no object."""
        mods = {c.kind[4:] for c in here if c.kind.startswith("mod:")}
        first_cue = next((c.start for c in here if not c.kind.startswith("mod:")), None)
        hope = [c for c in here if c.kind == "mod:hope"]
        if hope and first_cue is not None and hope[0].start < first_cue:
            return {}
        found: dict[str, tuple[float, EventCue]] = {}
        words = [c for c in here if not c.kind.startswith("mod:")]
        # Not an English attempt word inside a longer move word ("called" in
        # "called off"); an Arabic one may begin what it attempts («للتوصل إلى
        # اتفاق»).
        attempts = [
            c.start
            for c in here
            if c.kind == "mod:attempt" and not (c.term.isascii() and _inside_longer(c, words))
        ]
        threats = [c.start for c in here if c.kind == "mod:threat"]
        failures = [c.start for c in here if c.kind in ("mod:failure", "mod:nearing")]
        futures = [c.start for c in here if c.kind == "mod:future"]
        presents = [c for c in here if c.kind == "mod:present"]
        todays = [c.start for c in here if c.kind == "mod:today"]
        to_come = [c for c in here if c.kind == "mod:to_come"]
        declined = [c.start for c in here if c.kind == "mod:declined"]
        hypothetical = [c for c in here if c.kind == "mod:hypothetical"]
        hypotheticals = [c.start for c in hypothetical]
        # "said it would not attend": a modal before "not" tells a refusal, not a supposition.
        supposed = [c.start for c in hypothetical if not norm.startswith(" not", c.end)]
        either_way = [c.start for c in here if c.kind == "mod:either_way"]
        ahead = [c.start for c in here if c.kind == "mod:ahead"]
        consequences = [c.start for c in here if c.kind == "mod:consequence"]
        counted: set[tuple[str, str]] = set()
        # A meeting named with the definite noun or a verb in the future form
        # («مكان اللقاء», «ستجري») in a sentence that plans one is that meeting.
        retold_at = {c.start for c in here if c.kind == "mod:retold"}
        planned_words = [c for c in words if c.kind == _PLANNED and c.weight >= THRESHOLD]
        held_own = 0.0
        # Refusals of a charge, from the refusing word to the charge's end.
        refuted = [
            (c.start, c.end + _CHARGE_REACH)
            for c in words
            if c.kind == "rejection" and _refused_charge(norm, c, self._charges)
        ]
        # A refusal said not to be made («ولا يرفض السلام») answers nothing.
        answers = [
            c
            for c in here
            if c.kind in _ANSWERS and not (c.kind == "rejection" and self._negated(norm, c.start))
        ]
        answered: dict[str, EventCue | None] = {}
        countered: dict[str, EventCue] = {}
        undone: set[str] = set()
        told: set[str] = set()  # types a word beyond a mere name of the thing tells
        # «طرحت … خريطة طريق تبدأ بهدنة تتيح دخول المساعدات»: the steps a proposal
        # told in the sentence lays out are its terms, not steps carried out.
        objects = [c.start for c in here if c.kind == "mod:object"]
        offers = [c.end for c in here if c.kind == "mod:offers"]
        opens = [c.start for c in here if c.kind == "mod:clause_open"]
        refusals = [c.end for c in here if c.kind == "rejection"]
        proposed = any(
            c.kind == "proposal" and c.weight >= THRESHOLD and c.term not in self._made_before
            for c in words
        )
        denials = [c.start for c in here if c.kind == "denial"]
        claims = [c.end for c in here if c.kind == "mod:claim"]
        exceptives = [c.start for c in here if c.kind == "mod:exceptive"]
        idioms = [c for c in here if c.kind == "mod:idiom"]
        no_deal, agreed = _agreed_meetings(here, norm)
        calls = [c for c in here if c.kind == "mod:call"]
        described = [c for c in here if c.kind == "mod:holds"]
        # «لوفد من الكونجرس», "a congressional delegation": lawmakers abroad meet
        # another side as their country's envoys, so their meetings stay.
        chambers = [
            c.start
            for c in here
            if c.kind == "mod:legislature"
            and not _DELEGATION & set(norm[max(0, c.start - 16) : c.start].split())
        ]
        for c in here:
            if c.kind.startswith("mod:") or _inside_longer(c, words):
                continue
            if c.kind == "agreement" and c.start in no_deal and c.start not in agreed:
                # «اتفقا كذلك على لقاءات بين القادة»: the deal verb plans the
                # meeting after it (read below as a planned one), no deal.
                continue
            if any(i.start <= c.start and c.end <= i.end for i in idioms):
                continue  # «في إطار جهود الوساطة»: a set phrase, no proposal
            if (
                c.kind == "proposal"
                and norm.startswith("ال", c.start)
                and any(_right_after(norm, t.end, c.start) for t in described)
            ):
                # «ينص المقترح على هدنة…»: what the offer already told (the
                # definite noun) holds, not a new offer («مسودة تتضمن شروطاً» is one).
                continue
            if c.kind == "proposal" and _deal_after(norm, c, self._names.get("agreement", ())):
                continue  # «تشترط الاتفاقيات أن…»: a deal's terms, no offer
            if c.kind == _HELD and self._framed(norm, c.start, here):
                continue
            if c.kind == _HELD and any(_proposed(norm, p, c.start, opens) for p in offers):
                continue  # "proposed holding a new round of talks": the round is offered
            if (
                c.kind == _HELD
                and c.weight < THRESHOLD
                and any(0 <= c.start - r <= _REFUSED_REACH for r in refusals)
            ):
                continue  # "rejected direct negotiations", «رفض المفاوضات»: talks refused
            if c.kind in _MEETINGS and any(abs(x - c.start) <= _CHAMBER_REACH for x in chambers):
                continue  # «اجتماعات مع مشرعين», "hearings in Congress": no meeting of the sides
            if c.kind in _THREATENED and threats:
                reach = _THREAT_WITH_REACH if norm.startswith("ب", c.start) else _THREAT_REACH
                if any(0 <= c.start - t <= reach for t in threats):
                    continue  # «وهددوا برفضه»: a threat to refuse, no refusal
            if c.kind in _CHOICES and _either(norm, c):
                continue  # «سيصوتون بقبول أو رفض الاتفاق»: the choice is still open
            kind = _PLANNED if c.start in agreed and c.kind in (_HELD, "agreement") else c.kind
            if kind == "acceptance" and _truce_by_both(c, here, norm):
                kind = "agreement"
            elif kind == "agreement" and _agreed_to_an_offer(norm, c):
                kind = "acceptance"
            if (
                kind != "denial"
                and any(0 <= c.start - x <= _CLAIM_REACH for x in claims)
                and any(d > c.start for d in denials)
            ):
                # "the claim that Hamas had rejected the deal was inaccurate": the
                # claim is what the denial after it denies.
                continue
            if kind != "denial" and any(d < c.start for d in denials):
                # «نفى المتحدث ما نُقل عن زعيمهم بشأن رفضه الهدنة», "denied reports that
                # they had agreed": the move after a denial is what is denied.
                continue
            if (
                kind in _REACHED
                and any(0 <= c.start - a <= _ATTEMPT_REACH for a in attempts)
                or kind == "accusation"
                and any(0 <= c.start - h <= _ATTEMPT_REACH for h in hypotheticals)
                or kind in ("rejection", "suspension")
                and any(0 <= c.start - h <= _ATTEMPT_REACH for h in supposed)
                or kind in _EITHER_WAY
                and any(0 <= c.start - w <= _EITHER_REACH for w in either_way)
                or kind in _FAILED
                and any(0 <= c.start - f <= _FAILURE_REACH for f in failures)
                or kind in ("rejection", "acceptance")
                and any(_brings(norm, c.end, k) for k in consequences)
                # «سيمنح إيران الضوء الأخضر»: an approval still to be given.
                or kind == "acceptance"
                and any(0 < c.start - k <= _ATTEMPT_REACH for k in consequences)
            ):
                undone.add(kind)
                continue
            asked = (
                kind in _ASKABLE and any(k.start < c.start for k in calls) and _asked(norm, c.start)
            )
            if asked and kind == "rejection":
                continue  # «حث نتنياهو المشرعين على رفض الاتفاق»: a refusal asked for
            if asked and kind in self._needs_object and "object" not in mods:
                continue  # «طالب بتنفيذ الحكم الصادر بحقه»: a court's verdict, no deal
            if asked:
                # «دعا المبعوث في كلمته إلى تمديد الهدنة»: an outcome asked for is the
                # caller's proposal, not an outcome.
                undone.add(kind)
                call = [k for k in calls if k.start < c.start][-1]
                weight, first = found.get("proposal", (0.0, call))
                found["proposal"] = (max(weight, THRESHOLD), first)
                told.add("proposal")
                continue
            if kind in undone and c.weight < THRESHOLD:
                # «يسعى الوسطاء للتوصل إلى اتفاق يفتح الطريق لتسوية»: the nouns after an
                # undone outcome speak of the same aim, not of a deal reached.
                continue
            if kind == "proposal" and (
                prev_word(norm, c.start) in self._bodies or next_word(norm, c.end) in self._not_put
            ):
                continue  # «لجنة مبادرة السلام العربية», «طرح الثقة»: a body or a vote named
            if (
                kind == "rejection"
                and next_word(norm, c.end) in self._stances
                and not any(k.kind in _OFFERS for k in here)
            ):
                # «ورفض محاولات التدخل في الشؤون الداخلية»: a stance; but «ترفض تدخل
                # قطر… رداً على تصريحات قال فيها إن بلاده مستعدة للتوسط» answers an offer.
                continue
            if (
                kind == "proposal"
                and c.term in self._demands
                and not topical
                and "object" not in mods
            ):
                continue  # «تطالب الصين بالسيطرة على بحر الصين»: no talks, deal or topic named
            if (
                kind == "proposal"
                and c.term in self._conditional
                and not any(0 <= c.start - o <= _CONDITION_REACH for o in objects)
            ):
                continue  # «قوة اقتصادنا مرهونة بقوة الجامعات»: no deal made conditional
            if (
                kind in self._needs_object
                and "object" not in mods
                and not (kind in _ANSWERS and (proposed or answering))
                and not (kind == "denial" and "report" in mods)
            ):
                # An answer in a sentence that tells a proposal answers it
                # ("Hamas demanded a withdrawal, which Israel rejected").
                continue
            near = self._of_the_talks.get(kind)
            if near and c.term in near[0] and not _object_near(c.start, objects, near[1]):
                continue  # «خرقاً للدستور», «لن يشارك في المعارك»: of something else
            if (
                kind == "agreement"
                and c.term in self._signings
                and not _signed(norm, c, words, self._names.get("agreement", frozenset()))
            ):
                continue  # «القتال الذي وقع مؤخراً»: what happened, no deal signed
            if kind == "accusation" and norm[c.start : c.end] in self._aims:
                continue  # «ضغوط لعرقلة الاتفاق»: blocking as an aim, no one blamed
            if (
                kind == "acceptance"
                and c.term in self._admits
                and self._admitted(norm, c.end, names)
            ):
                continue  # «أقرت الحركة بفشل المفاوضات»: an admission, no approval
            if (
                kind == "suspension"
                and c.term in self._short_of
                and not any(w.kind == _HELD and w.weight >= THRESHOLD for w in words)
            ):
                continue  # «ومن دون التوصل إلى اتفاق ستحتاج أثينا…»: a condition, no round
            if kind == "suspension" and c.term in self._comments and _on_after(norm, c, objects):
                continue  # «وعلق تيد كروز على الاتفاق»: a comment on it
            if kind == "suspension" and c.term in self._recalls and not _team_after(norm, c):
                continue  # «استدعى الأمر», "recalled that": no team recalled
            if kind in self._needs_vote and "vote" not in mods:
                continue
            if (
                kind == "implementation"
                and c.weight >= THRESHOLD
                and _future_form(norm, c)
                and "content" not in mods
                and not proposed
                and not self._negated(norm, c.start)
            ):
                # «أعلنت حماس أنها ستفرج عن الجندي»: a step one side pledges to take
                # on its own is its offer to the other.
                kind = "proposal"
            elif kind == "implementation" and (
                "content" in mods
                or proposed
                or self._negated(norm, c.start)
                or _future_form(norm, c)
                or any(abs(f - c.start) <= _FUTURE_REACH for f in futures)
                or any(0 < c.start - x <= _AHEAD_REACH for x in ahead)
            ):
                continue
            if kind in _MEETINGS and prev_word(norm, c.start) in self._any:
                continue  # «في أي محادثات», "any talks": no meeting told
            if kind == _HELD and prev_word(norm, c.start) in self._purpose:
                continue  # «لبدء مباحثات»: the talks a step is for, not held
            if kind == _HELD and (
                self._negated(norm, c.start)
                or prev_word(norm, c.start) in self._to_be
                and self._negated(norm, c.start, 2)
            ):
                continue  # «لم تتفاوض دول المنطقة مع إيران», «لم تكن تتفاوض»: no talks held
            if kind == "suspension" and self._negated(norm, c.start):
                continue  # «ليست مستحيلة», «لم تتعثر المفاوضات»: no stall
            if (
                kind == "suspension"
                and c.term in self._ended
                and (
                    prev_word(norm, c.start).removeprefix("و") in self._ended_timing
                    or slots.ATTACHED_PREPOSITIONS.intersection(_clitics(norm, c))
                )
            ):
                continue  # «بعد انتهاء الهدنة», «بانتهاء الهدنة»: a time, no truce ended
            if kind == "rejection" and self._negated(norm, c.start):
                continue  # «ولا يرفض السلام», «لم ترفض المقترح»: no refusal
            if kind == "suspension" and _future_form(norm, c):
                continue  # «ستوقف», «سيعلق»: a threat to stop, not a stop
            if kind == "agreement" and self._on_a_view(norm, c.end):
                continue  # «اتفقنا أن…», «اتفقا على أهمية تعزيز التعاون»: a view, no deal
            if kind == "agreement" and self._negated(norm, c.start, 3):
                continue  # «لم يتوصلا إلى اتفاق», "have not agreed": no deal
            if kind == "agreement" and _refused_before(c, here, norm):
                continue  # «رفض ربط توقيع الاتفاقية بـ…», "refused to sign the deal": none signed
            if (
                kind == "agreement"
                and c.term.isascii()
                and any(0 < c.start - x <= _AHEAD_REACH for x in ahead)
            ):
                continue  # "before a final deal is signed": a deal not yet made
            if kind == "agreement" and any(0 < c.start - t.end <= 2 for t in to_come):
                continue  # «سيتم توقيع اتفاق», "will sign a deal": a deal still to come
            if (
                kind == "proposal"
                and self._negated(norm, c.start, _PROPOSAL_NEGATION_REACH, clause=True)
                and _answer_before(c, answers, norm) is None
            ):
                continue  # «لم تطرح مبادرة»; but «لن توافق على المقترح» answers one
            if kind == "acceptance" and self._under_deal(norm, c.start, here):
                continue  # «وبموجب الاتفاق وافقت إيران على…»: the deal's terms
            if kind == "acceptance" and self._negated(norm, c.start):
                kind = "rejection"
            elif kind == "talks_held" and (
                any(abs(f - c.start) <= _FUTURE_REACH for f in futures)
                or _today(c, presents, todays)
            ):
                kind = _PLANNED
            if kind == _HELD and _purpose_prefixed(norm, c):
                continue  # «المحاولات لعقد محادثات سلام»: what the attempts are for
            if kind == "accusation" and any(a <= c.start < b for a, b in refuted):
                continue  # «رفضت الاتهامات الأمريكية بعرقلة المفاوضات»: the charge denied
            if kind == "rejection" and any(a == c.start for a, _ in refuted):
                # «رفضت الخارجية الاتهامات», "an allegation Cambodia rejected as
                # baseless": refusing a charge denies it.
                kind = "denial"
            if kind == "rejection" and any(
                0
                < d - c.end
                <= (_DECLINED_CLAUSE if norm.startswith("ان ", d) else _DECLINED_REACH)
                for d in declined
            ):
                continue  # «رفض التعليق», "declined to comment": a source's reticence
            terms = kind == "rejection" and any(0 <= x - c.end <= _EXCEPT_REACH for x in exceptives)
            if terms:
                # «لن تقبل سوى اتفاق يعيد جميع المحتجزين», "will accept nothing less
                # than": a refusal of all but one outcome states the side's terms.
                kind = "proposal"
            if (kind, c.term) in counted:
                continue  # a word said twice is one word: «الاتفاق … الاتفاق» is no move
            counted.add((kind, c.term))
            score, cue = found.get(kind, (0.0, c))
            if terms:
                cue, answered[kind] = c, None
            elif kind == "proposal":
                answer = _answer_before(c, answers, norm)
                if cue is c:
                    answered[kind] = answer
                elif (previous := answered.get(kind)) is not None and answer is None:
                    # the proposal's own telling, after the answer: a counter-offer
                    cue, answered[kind], countered[kind] = c, None, previous
            # A meeting the sides agree on («اتفق الطرفان على عقد جولة») is told
            # by the agreeing verb, whatever the meeting word weighs alone.
            agreed_on = kind == _PLANNED and c.start in agreed
            found[kind] = (score + (max(c.weight, THRESHOLD) if agreed_on else c.weight), cue)
            if kind == _HELD and not (
                c.start in retold_at
                or _future_form(norm, c)
                or any(p.start <= c.start < p.end for p in planned_words)
            ):
                held_own += c.weight
            if agreed_on or c.term not in self._names.get(kind, ()):
                told.add(kind)
        moves = {
            k: (v[0], v[1], answered.get(k), countered.get(k))
            for k, v in found.items()
            if v[0] >= THRESHOLD and (k in told or k not in self._names)
        }
        if _PLANNED in moves and _HELD in moves and held_own < THRESHOLD:
            del moves[_HELD]  # «الجولة المقبلة … ستجري … دون تحديد مكان اللقاء»
        if (
            _PLANNED in moves
            and "suspension" in moves
            and "sine_die" in mods
            and any(w.kind == _PLANNED and w.term in self._was_planned for w in words)
        ):
            # «وأرجئت الجولة التي كانت مقررة في باكستان إلى أجل غير مسمى»: the
            # meeting that had been set is put off with no new day, none planned
            # (but «إرجاء زيارة كانت مقررة حتى العاشر من مارس» still plans one).
            del moves[_PLANNED]
        declared = _declared_truce(here)
        if declared is not None and self._negated(norm, declared.start):
            declared = None  # «لم تعلن هدنة»
        if declared is not None and not moves.keys() & {"agreement", "proposal", "suspension"}:
            # Not «أعلن الحزب أن الهدنة فقدت معناها»: a truce announced dead is no offer.
            moves["proposal"] = (THRESHOLD, declared, None, None)
        offered = _offered_mediation(here)
        if offered is not None and "mediation_offer" not in moves:
            moves["mediation_offer"] = (THRESHOLD, offered, None, None)
        passed = _passed_reforms(here)
        if (
            passed is not None
            and "implementation" not in moves
            and not self._negated(norm, passed.start)
        ):
            moves["implementation"] = (THRESHOLD, passed, None, None)
        return moves

    def _under_deal(self, norm: str, pos: int, here: Sequence[EventCue]) -> bool:
        """«وبموجب الاتفاق وافقت إيران على الحد من أنشطتها», "under the deal, Iran
        agreed to": «بموجب» / "under" and a deal name (after "the" or not) end
        within ``_UNDER_REACH`` before the word at ``pos``."""
        names = self._names.get("agreement", ())
        for c in here:
            if c.kind != "mod:under" or not 0 < pos - c.end <= _UNDER_REACH:
                continue
            after = norm[c.end : pos].split()
            if after[:1] == ["the"]:
                after = after[1:]
            if after and after[0] in names:
                return True
        return False

    def _framed(self, norm: str, pos: int, here: Sequence[EventCue]) -> bool:
        """«وقال عقب اتصال هاتفي مع…», "said after talks with": a talks word right
        after a word of "after", with a verb of saying before it in the sentence
        and no "that" between, frames what was said; the meeting is told in
        passing."""
        before = norm[max(0, pos - 12) : pos].split()[-1:]
        if not before:
            return False
        word = before[0]
        if word not in self._frames and not (word[:1] in "وف" and word[1:] in self._frames):
            return False
        return any(
            c.kind == "mod:speech"
            and c.end <= pos
            and not _REPORTED & set(norm[c.end : pos].split())
            for c in here
        )

    def _negated(self, norm: str, pos: int, reach: int = 1, clause: bool = False) -> bool:
        """A negation among the ``reach`` words right before ``pos``; with ``clause``,
        only those after the last clause mark («لا يرفض السلام، لكنه اشترط»)."""
        window = norm[max(0, pos - 12 * reach) : pos]
        if clause:
            window = _CLAUSE_MARK.split(window)[-1]
        words = window.split()[-reach:]
        return any(w in self._negation for w in words)


def _without_interviews(
    here: Sequence[EventCue], norm: str, press: Sequence[int]
) -> Sequence[EventCue]:
    """The sentence's cues less the talks words that tell an interview: «مع» or
    "with" right after one, then an outlet or a word of the press (``press``:
    where those start) within ``_INTERVIEW_REACH``."""
    if not press:
        return here
    return [c for c in here if not (c.kind == _HELD and _with_press(norm, c, press))]


def _with_press(norm: str, cue: EventCue, press: Sequence[int]) -> bool:
    """«مع» / "with" and the press within reach, or the press right after a «لـ»
    written on it («في اتصال هاتفي لـ"الشرق الأوسط"», «لصحيفة»)."""
    after = norm[cue.end : cue.end + 8].split()[:1]
    if not after:
        return False
    if after[0] in _WITH:
        return any(cue.end < p <= cue.end + _INTERVIEW_REACH for p in press)
    return after[0].startswith("ل") and any(cue.end < p <= cue.end + 4 for p in press)


def _day(
    when: dict[bool, str | None], sentence: str, published: dt.date | None, planned: bool
) -> str | None:
    """The sentence's day, past or planned, resolved once per sentence (``when``)."""
    if planned not in when:
        when[planned] = dates.resolve(sentence, published, planned=planned)
    return when[planned]


# Verbs of saying or announcing («وقالت الحركة», «وأعلنت الحكومة»).
_TELLING = frozenset({"mod:speech", "mod:announce"})


def _anaphors(
    norm: str, refs: Sequence[Ref], cues: Sequence[EventCue], anaphors: frozenset[str]
) -> list[Ref]:
    """References for the definite heads right after a verb of saying or
    announcing («وقالت الحركة», «وأكدت الوزارة في بيان», «وأعلنت الحكومة») that
    stand for the last side named with the same head before («حركة حماس»,
    «وزارة الخارجية المصرية», «الحكومة اليمنية»)."""
    out: list[Ref] = []
    for c in cues:
        if c.kind not in _TELLING:
            continue
        words = norm[c.end : c.end + 14].split()[:1]
        if not words or words[0] not in anaphors:
            continue
        start = norm.find(words[0], c.end)
        head = words[0][2:]  # «الحركة» → «حركة»
        antecedent = None
        last_end = 0
        for r in refs:
            if r.start >= c.start:
                break
            # The head opens the name itself («الحكومة اليمنية») or stands before
            # it, past the name before it («وجماعة الحوثي» is not the government's).
            if _headed_by(norm, r.start, (head, words[0]), last_end) or (
                norm[r.start : r.end].split()[:1] == [words[0]]
            ):
                antecedent = r
            last_end = max(last_end, r.end)
        if antecedent is None:
            # «هدنة أعلنها التحالف» before «التحالف العربي الذي تقوده السعودية»:
            # a head named first and spelt out later stands for what follows.
            antecedent = next(
                (
                    r
                    for r in refs
                    if c.end < r.start <= c.end + _SPELT_OUT_REACH
                    and norm[r.start : r.end].split()[:1] == [words[0]]
                ),
                None,
            )
        if antecedent is not None:
            out.append(replace(antecedent, start=start, end=start + len(words[0])))
    return out


def _outside_lists(norm: str, named: list[slots.Named]) -> list[slots.Named]:
    """The names outside a bracketed list of members («مجموعة 5+1 (التي تضم الولايات
    المتحدة وبريطانيا وفرنسا…)», "the Quartet (the US, the EU, Russia and the UN)"):
    such a list says who a group is, not who sat at the table. A bracket holding one
    name («حركة المقاومة الإسلامية (حماس)») names the same side and stays."""
    out: list[slots.Named] = []
    i = 0
    while i < len(named):
        n = named[i]
        open_ = norm.rfind("(", 0, n.start)
        close = norm.find(")", n.end)
        if open_ < 0 or close < 0 or norm.rfind(")", open_, n.start) >= 0:
            out.append(n)
            i += 1
            continue
        inside = [m for m in named[i:] if m.end <= close]
        if len(inside) < 2 or "(" in norm[n.end : close]:
            out.append(n)
            i += 1
            continue
        i += len(inside)
    return out


def _not_leaders(norm: str, named: list[slots.Named], led_by: Collection[str]) -> list[slots.Named]:
    """The names but those that say who leads the side named just before
    («التحالف العربي، الذي تقوده السعودية، قد أعلن هدنة», «التحالف بقيادة
    المملكة»): the leader describes the coalition, it makes none of its moves."""
    out: list[slots.Named] = []
    for n in named:
        before = norm[max(0, n.start - 16) : n.start].split()
        led = bool(before) and (before[-1] in led_by or " ".join(before[-2:]) in led_by)
        if led and out and n.start - out[-1].end <= _LEADER_REACH:
            continue
        out.append(n)
    return out


def _headed_by(norm: str, pos: int, heads: Sequence[str], since: int = 0) -> bool:
    """The name at ``pos`` qualifies one of ``heads`` up to six words before it
    and after ``since``, with no mark between («وزارة الموارد المائية والري
    المصرية», «حركة حماس»; not «وزارة الخارجية القطرية، فجر الأحد، أن باكستان»)."""
    window = _MARK_RE.split(norm[max(0, since, pos - 60) : pos])[-1]
    words = window.split()[-6:]
    return any(w in heads or (w[:1] == "و" and w[1:] in heads) for w in words)


def _aside(c: Candidate, makers: frozenset[str], table: frozenset[str]) -> bool:
    """A meeting told in passing, away from the table: past the lead, between
    one of the article's sides and someone who is neither a side nor a
    mediator of its talks («وقال الوزير عقب لقائه نظيره البرتغالي», "after his
    talks with the Peruvian president"). Talks the lead tells are the story's,
    whoever sits there."""
    if c.type != "talks_held" or c.lead or c.slots.via:
        return False
    # One side with an outsider: a side's other business. Two sides meeting are
    # the talks whoever else attends; outsiders alone, or with a mediator
    # (``via``), are mostly the mediators' rounds of visits, which stay.
    return bool(makers - table) and len(makers & table) == 1


def _retold(
    here: Sequence[EventCue], norm: str, nouns: Collection[str], cities: Sequence[int]
) -> bool:
    """The sentence speaks of a meeting already told: the definite meeting noun
    («أن الاجتماع سيناقش…», "the meeting will discuss") with no talks noun of
    the sentence's own before it («أعلن إرجاء زيارة… حتى لا يُمنح الاجتماع
    أي شرعية» tells the visit; a verb, «يناقش الاجتماع», is the meeting's) and
    no ordinal or "next" after it («الاجتماع الثالث»: another meeting), or a
    talks noun named by its city («اجتماع الدوحة», «محادثات مسقط المرتقبة»;
    ``cities``: where the sentence's capitals stand)."""
    for c in here:
        if c.kind == "mod:by_city" and any(
            c.end < p and not norm[c.end : p].strip() for p in cities
        ):
            return True
        if c.kind == _HELD and c.term in nouns:
            return False
        if c.kind == "mod:retold":
            after = norm[c.end : c.end + 12].split()[:1]
            return not (after and after[0] in load().another_meeting)
    return False


def _claim_before(here: Sequence[EventCue], cue: EventCue) -> int | None:
    """Where the claim a denial calls untrue begins, when one stands before it in
    the sentence («قال إن ما تردد عن … غير صحيح»); None otherwise."""
    starts = [c.start for c in here if c.kind == "mod:claim" and c.end <= cue.start]
    return starts[-1] if starts else None


def _today(cue: EventCue, presents: Sequence[EventCue], todays: Sequence[int]) -> bool:
    """«يعقد الوزير اليوم اجتماعاً مع نظرائه», "meets his counterpart today": a
    meeting verb in the present, the talks word itself or a few words before it,
    and a word of today near the talks word: the meeting is announced for later
    that day."""
    verb = any(p.start <= cue.start and cue.start - p.start <= _TODAY_REACH for p in presents)
    return verb and any(abs(t - cue.start) <= _FUTURE_REACH for t in todays)


def _dateline_end(norm: str) -> int:
    """Where the dateline that opens a story ends («الدوحة - أعلنت…», "DOHA/JERUSALEM,
    Dec 1 (Reuters) - A pause…"), 0 when there is none: the places it names
    are where the story was filed, not who made its moves."""
    m = _DATELINE_RE.match(norm)
    return m.end() if m else 0


def _across(c: Candidate, parties: Collection[str]) -> tuple[str, ...]:
    """The sides of a move. A meeting has two: with one named («بدأت محادثات
    سلام مباشرة مع حكومة كابل», "the sides agreed to meet again" with one of
    them named) and two at the article's table, the other is the one across
    it. (Told again, the meeting is recognised by the side named.)"""
    actors = c.slots.actors
    if c.type in _MEETINGS and len(parties) == 2 and len(actors) == 1 and actors[0] in parties:
        return tuple(sorted(parties))
    return actors


def _toward(c: Candidate, parties: Collection[str]) -> tuple[str, ...]:
    """Toward whom a move goes. A proposal, a refusal or blame by one side that
    names no one else («وطالبت حماس بانسحاب كامل», "Israel rejected the
    plan") is aimed at the other side when the article's table has two."""
    targets, actors = c.slots.targets, c.slots.actors
    if (
        c.type in _ADDRESSED
        and not targets
        and len(parties) == 2
        and len(actors) == 1
        and actors[0] in parties
    ):
        return tuple(p for p in sorted(parties) if p != actors[0])
    return targets


def _truce_by_both(cue: EventCue, here: Sequence[EventCue], norm: str) -> bool:
    """An acceptance word made by both sides at once (``by_both``: «وافقتا»)
    with a truce word a few words after it: the truce is reached, not one
    side's answer to the other. A proposal named between («وافقا على مقترح
    الهدنة») is what they accept."""
    if norm[cue.start : cue.end] not in load().by_both:
        return False
    for t in here:
        if t.kind == "mod:truce" and 0 < t.start - cue.end <= _DECLARE_REACH:
            return not any(c.kind == "proposal" and cue.end <= c.start < t.start for c in here)
    return False


def _team_after(norm: str, cue: EventCue) -> bool:
    """A team or delegation within three words after a recall («استدعاء فريق
    المفاوضات الإسرائيلي», "recalled its negotiating team")."""
    return bool(load().teams.intersection(norm[cue.end : cue.end + 40].split()[:3]))


def _agreed_to_an_offer(norm: str, cue: EventCue) -> bool:
    """ "Hamas agreed to the Egyptian proposal", "Yerevan agreed to Baku's
    wording", "agreed to a humanitarian truce proposed by the US": "agreed to"
    with an offer among the few words after accepts it."""
    if cue.term != "agreed":
        return False
    after = norm[cue.end : cue.end + 80].split()
    return after[:1] == ["to"] and bool(load().agreed_to.intersection(after[1:_OFFER_WORDS]))


def _signed(
    norm: str, cue: EventCue, words: Sequence[EventCue], deal_names: Collection[str]
) -> bool:
    """«وقع» signs when a deal is named near it («وقع العراق مع روسيا اتفاق
    تعاون», «الاتفاق الذي وقع»), and not in «على وقع» ("under the impact of")."""
    if norm[max(0, cue.start - 6) : cue.start].split()[-1:] == ["علي"]:
        return False
    return any(
        -_STALL_REACH <= w.start - cue.start <= _SIGNED_REACH
        for w in words
        if w.kind == "agreement" and w.term in deal_names
    )


def _said_again(norm: str, cue: EventCue, again: Collection[str]) -> bool:
    """An "also" word right before or after the move word («اقترحت كذلك هدنة»,
    «كما رفضت أيضاً», "also proposed"): a further move, not the first retold."""
    words = (
        norm[max(0, cue.start - 16) : cue.start].split()[-1:]
        + norm[cue.end : cue.end + 16].split()[:1]
    )
    return any(w.strip("،,.") in again for w in words)


def _clitics(norm: str, cue: EventCue) -> str:
    """The proclitics the matcher found written on the cue («ب» of «بانتهاء
    الهدنة», «ول» of «ولعقد»); empty where there are none or the definite
    article merged with them («للتوصل»)."""
    at = norm.find(cue.term.rstrip("*"), cue.start, cue.end)
    return norm[cue.start : at] if at > cue.start else ""


def _purpose_prefixed(norm: str, cue: EventCue) -> bool:
    """A verbal noun of holding or discussing written with the «ل» of purpose on
    it («لعقد محادثات», «ولبحث»)."""
    return cue.term.startswith(load().purpose_nouns) and "ل" in _clitics(norm, cue)


def _refused_before(cue: EventCue, here: Sequence[EventCue], norm: str) -> bool:
    """A signing word with a refusal within ``_REFUSAL_REACH`` words before it: the
    signing refused is not done (a deal refused, «رفض الاتفاق الذي أبرم», was
    still made)."""
    if not cue.term.startswith(load().refused_signings):
        return False
    return any(
        w.kind == "rejection"
        and w.end <= cue.start
        and len(norm[w.end : cue.start].split()) <= _REFUSAL_REACH
        and not _CLAUSE_MARK.search(norm, w.end, cue.start)
        for w in here
    )


def _refused_charge(norm: str, cue: EventCue, charges: Collection[str]) -> bool:
    """A refusing word with a charge, claim or report right after it («رفضت
    الاتهامات», "rejected the allegation") or right before it ("an allegation
    Cambodia rejected")."""
    after = norm[cue.end : cue.end + _CHARGE_REACH].split()[:3]
    if charges.intersection(after):
        return True
    # Only English puts the charge before its refusal ("an allegation Cambodia
    # rejected"); «الأنباء عن رفضهم الهدنة» reports a refusal, it denies nothing.
    before = norm[max(0, cue.start - _CHARGE_REACH) : cue.start].split()[-4:]
    return cue.term.isascii() and bool(charges.intersection(before))


def _breacher(
    norm: str,
    here: Sequence[EventCue],
    named: Sequence[slots.Named],
    breaches: Collection[str],
    parties: Collection[str],
) -> tuple[EventCue, str] | None:
    """«خروقات الحوثيين للهدنة», «خرقت إسرائيل الهدنة»: the side named right after
    a breaking word (its genitive, or the verb's subject) is the one that broke
    the deal. The breaking cue and that side, else None."""
    for c in here:
        if c.kind != "accusation" or c.term not in breaches:
            continue
        after = next((n for n in named if n.start >= c.end), None)
        if after is not None and after.actor in parties and slots.next_to(norm, c.end, after):
            return c, after.actor
    return None


def _offered_mediation(here: Sequence[EventCue]) -> EventCue | None:
    """«عرض البابا ليو الرابع عشر استضافة المحادثات», "offered on Sunday to
    mediate": an offering verb with hosting or mediating a few words after it,
    its maker named between, offers the mediation. The offering cue, else None."""
    hosts = [c.start for c in here if c.kind == "mod:hosting"]
    for c in here:
        if c.kind == "mod:offering" and any(0 < h - c.end <= _OFFER_REACH for h in hosts):
            return c
    return None


def _declared_truce(here: Sequence[EventCue]) -> EventCue | None:
    """«أعلن الجيش من جانبه الأحد هدنة لثلاثة أيام», "Russia declared a
    ceasefire": a truce one side announces on its own is its offer to the other
    (spec: a proposal). The announcing verb, when a truce word follows it within a
    few words and no deal is told (``_moves`` checks), else None."""
    truces = [c.start for c in here if c.kind == "mod:truce"]
    for c in here:
        if c.kind == "mod:announce" and any(0 < t - c.end <= _DECLARE_REACH for t in truces):
            return c
    return None


def _requested(
    here: Sequence[EventCue],
    norm: str,
    named: Sequence[slots.Named],
    parties: Collection[str],
    mediators: Collection[str],
) -> slots.Slots | None:
    """«واعلن التحالف الهدنة استجابة لطلب الرئيس اليمني», "in response to a request
    from": a move made in answer to a side's request tells that side's own ask of
    the one answering (spec: a proposal). Its maker is the name right after the
    phrase (a head noun between or not), a side or mediator of the article; its
    targets the sentence's other sides. Called only for a sentence that tells a
    move of its own, the answer; else None."""
    for c in here:
        if c.kind != "mod:request":
            continue
        asker = next((n for n in named if n.start >= c.end), None)
        if asker is None or not slots.next_to(norm, c.end, asker):
            continue
        if asker.actor not in parties and asker.actor not in mediators:
            continue
        others = [n.actor for n in named if n.actor != asker.actor]
        via = tuple(dict.fromkeys(a for a in others if a in mediators and a not in parties))
        targets = tuple(dict.fromkeys(a for a in others if a in parties))
        return slots.Slots((asker.actor,), targets, via, True)
    return None


def _passed_reforms(here: Sequence[EventCue]) -> EventCue | None:
    """«وصوت البرلمان اليوناني على تشريع لإصلاح القطاع المصرفي», "passed the
    austerity bill": reforms a side passes are a step of the deal that asks for
    them (spec: implementation), whether or not the sentence names the deal. The
    passing verb, when a reform word follows it within a few words, else None."""
    reforms = [c.start for c in here if c.kind == "mod:reform"]
    for c in here:
        if c.kind == "mod:passes" and any(0 < r - c.end <= _PASSED_REACH for r in reforms):
            return c
    return None


def _answer_before(cue: EventCue, answers: Sequence[EventCue], norm: str) -> EventCue | None:
    """The answer (acceptance, refusal, reply) whose object the proposal word is.

    Close after the answer, the word is its object; a definite proposal word
    further on in the sentence («المقترح», "the proposal") names the offer
    already answered, not a new one of the answerer's ("Hamas rejected
    Israel's conditions, saying the proposal did not end the war")."""
    definite = norm.startswith("ال", cue.start) or norm[max(0, cue.start - 4) : cue.start] == "the "
    before = [
        a
        for a in answers
        if a.end <= cue.start and (definite or cue.start - a.end <= _ANSWER_REACH)
    ]
    return before[-1] if before else None


def _inside_longer(cue: EventCue, words: Sequence[EventCue]) -> bool:
    """The cue is part of a longer cue of another move: the longer one says what
    happened («اتفقا على عقد» is a meeting planned, not a deal; "agreed to meet")."""
    return any(
        o.kind != cue.kind
        and o.start <= cue.start
        and cue.end <= o.end
        and o.end - o.start > cue.end - cue.start
        for o in words
        if o.start <= cue.start
    )


def _object_near(pos: int, objects: Sequence[int], after_only: bool) -> bool:
    """A talks, deal or meeting word starts within ``_STALL_REACH`` of ``pos``
    (after it only, when ``after_only``)."""
    if after_only:
        return any(0 <= o - pos <= _STALL_REACH for o in objects)
    return any(abs(o - pos) <= _STALL_REACH for o in objects)


def _agreed_meetings(here: Sequence[EventCue], norm: str) -> tuple[set[int], set[int]]:
    """Deal verbs that govern a meeting through «على» («اتفقا كذلك على
    لقاءات», «اتفقوا على عقد جولة», «اتفقت الصومال وإثيوبيا على بدء
    مفاوضات»): a meeting agreed on is a planned one, not a deal (the fixed
    phrases «اتفقا على عقد» are cues of their own; this reads them with words
    between).

    Returns the starts of the deal verbs that tell no deal, and the starts of
    the cues that tell the planned meeting: the meeting word when it is a cue
    of a meeting, else the deal verb itself (a bare talks noun, «مفاوضات»,
    tells no meeting of its own).
    """
    no_deal: set[int] = set()
    planned: set[int] = set()
    for i, c in enumerate(here):
        if c.kind != "agreement" or c.weight < THRESHOLD:
            continue
        for m in here[i + 1 :]:
            talks_noun = m.kind == "mod:object" and norm[m.start : m.end] in _TALK_NOUNS
            if m.kind != _HELD and not talks_noun:
                continue
            words = norm[c.end : m.start].split()
            # «اتفقا على بدء مفاوضات», "agreed to continue consultations": a
            # verbal noun of starting or going on governs the talks word.
            while words and words[-1] in load().agreed_starts:
                words = words[:-1]
            # The verb's subject may stand before «على» («اتفق الطرفان على عقد جولة»).
            subject = [w for w in words[:-1] if w not in _FILLERS]
            if (
                words
                and words[-1] in ("علي", "on", "to")
                and len(subject) <= _SUBJECT_WORDS
                and not _MARK_RE.search(" ".join(subject))
            ):
                no_deal.add(c.start)
                planned.add(c.start if talks_noun else m.start)
            break
    return no_deal, planned


def _deal_after(norm: str, cue: EventCue, names: Collection[str]) -> bool:
    """A deal named right after a proposal verb, as its subject («تشترط
    الاتفاقيات أن يكون…»): what a deal holds. A helping noun before it names
    the deal's terms («مسودة تتضمن شروط اتفاق سلام»: the draft is the offer)."""
    after = norm[cue.end : cue.end + 16].split()[:1]
    if cue.weight < THRESHOLD or not after:
        return False
    return after[0] in names


def _either(norm: str, cue: EventCue) -> bool:
    """«أو» / "or" right before or right after the answer word."""
    before = norm[max(0, cue.start - 6) : cue.start].split()[-1:]
    after = norm[cue.end : cue.end + 6].split()[:1]
    return bool(_OR & set(before + after))


def _proposed(norm: str, offer_end: int, start: int, opens: Sequence[int]) -> bool:
    """Whether a talks word at ``start`` is what the verb of offering ending at
    ``offer_end`` puts forward: close after it, in the same clause (no clause
    mark and no word that opens a clause, ``opens``, between them)."""
    return (
        0 <= start - offer_end <= _PROPOSED_REACH
        and not _CLAUSE_MARK.search(norm, offer_end, start)
        and not any(offer_end <= o < start for o in opens)
    )


def _on_after(norm: str, cue: EventCue, objects: Sequence[int]) -> bool:
    """«على» between the verb and the talks or deal word after it: «علق» comments
    on what it names («وعلق كروز على الاتفاق»), it does not suspend it."""
    after = [o for o in objects if o >= cue.end]
    stop = after[0] if after else min(len(norm), cue.end + _STALL_REACH)
    return any(w in _ON for w in norm[cue.end : stop].split())


def _joined_verb(norm: str, cue: EventCue) -> bool:
    """The move word is a verb carrying the conjunction «و» («واقترح», «ورفضت»),
    not a verb whose root begins with it («وافقت»), a definite noun
    («والمبادرة») or one that carries a pronoun («واقتراحه»)."""
    if not norm.startswith("و", cue.start) or cue.term.startswith("و"):
        return False
    if norm.startswith("وال", cue.start):
        return False
    stem = cue.term.rstrip("*")
    word = norm[cue.start + 1 : cue.end]
    return word.startswith(stem) and word[len(stem) :] in _VERB_ENDINGS


def _brings(norm: str, end: int, verb: int) -> bool:
    """A verb of what would follow stands a few words after a move word ending at
    ``end``, with no relative word between: the move is the verb's subject,
    supposed («رفض الاتفاق سيمنح إيران…»), not made («…، ما سيؤدي إلى»)."""
    if verb < end:
        return False
    between = norm[end:verb].replace("،", " ").replace(",", " ").split()
    return len(between) <= _BRINGS_WORDS and not any(
        w in load().relatives or w in _CLAUSE_LINKS for w in between
    )


def _right_after(norm: str, end: int, start: int) -> bool:
    """Only a space, or a demonstrative («تتضمن هذه الخطة»), between ``end`` and ``start``."""
    between = norm[end:start].split()
    return start > end and (not between or between in (["هذه"], ["هذا"]))


def _asked(norm: str, pos: int) -> bool:
    """The word at ``pos`` is what a call asks for: right after «إلى», «على» / "to",
    or carrying «بـ» («طالب بتمديد الهدنة», «حث المشرعين على رفض الاتفاق»)."""
    before = norm[max(0, pos - 8) : pos].split()
    return (bool(before) and before[-1] in ("الي", "علي", "to")) or norm.startswith("ب", pos)


def _future_form(norm: str, cue: EventCue) -> bool:
    """The cue word carries the future prefix («ستفرج»): a step still to come."""
    term = cue.term.rstrip("*")
    word = norm[cue.start : cue.end]
    at = word.find(term)
    return at > 0 and "س" in word[:at] and not term.isascii()


@cache
def _round_re() -> re.Pattern[str]:
    counts = "|".join(sorted((re.escape(w) for w in load().round_ordinals), key=len, reverse=True))
    counts = counts or "(?!)"
    return re.compile(rf"(?<!\w)(?:ال)?جوله\s+({counts})(?!\w)|(?<!\w)({counts})\s+round(?!\w)")


def _round_count(sentence: str) -> int | None:
    """The count of the round the normalised ``sentence`` names first («الجولة
    الثالثة», "the third round"), or None: two rounds of different count are two
    meetings, dated or not."""
    m = _round_re().search(sentence)
    if m is None:
        return None
    return load().round_ordinals[m.group(1) or m.group(2)]


def _same_day(c: Candidate, told: str | None) -> bool:
    """Two reports of one meeting may date it or not, but not on two different
    days: a round "on Feb. 27" is not the meeting "on March 23" of the same
    sides. Other moves are retold with the day of their report as often as with
    their own, so their days do not tell them apart."""
    return c.type not in _MEETINGS or c.when is None or told is None or c.when == told


def _same_move(etype: str, makers: frozenset[str], told: frozenset[str]) -> bool:
    """Whether a move with ``makers`` retells one already told by ``told``.

    Talks and agreements are between sides: another pair is another meeting,
    fewer names of the same meeting the same one. Other moves have one maker:
    the same maker again is the same move."""
    if etype in slots.SYMMETRIC:
        if len(makers) >= 2 and makers < told:
            # «تبادل عراقجي وويتكوف اتصالات» after talks of Iran with the
            # Europeans and the US: two sides of a wider table meeting on
            # their own hold a meeting of their own.
            return False
        return makers <= told or told <= makers
    return bool(makers & told)
