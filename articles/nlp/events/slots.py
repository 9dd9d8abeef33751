"""Who made the move, toward whom, and through which mediators.

The actors a sentence names (the tagger's references, places left out) go
into the contract's slots by the type of the move:

- talks and agreements are between the sides at the table: every actor
  named is a side (``actors``), except the article's mediators, who are
  ``via``; a sentence that names only mediators («الوسطاء يعملون على…»)
  speaks of the article's sides;
- the other moves have one maker: in Arabic the verb comes first, so the
  name right after the cue is its subject («رفضت حماس المقترح»), else the
  nearest name before it («قالت مصر إنها ترفض…»); English names the maker
  before the verb. The others named are ``targets``, mediators ``via``;
- blame, and a refusal no other name stands before, told in what a side
  is reported to say («قالت مصر إن…») are the speaker's;
- a proposal, acceptance, refusal, blame or suspension whose maker is
  neither a side nor a mediator of the article is no move at its table
  (``assign`` returns None);
- a mediation offer is made by a mediator, a resolution by the UN when the
  sentence names it.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from typing import NamedTuple

from articles.nlp import vocab
from articles.nlp.events.data import load
from articles.nlp.text import CLAUSE_MARKS, next_word, prev_word

# Proclitic prepositions: a name that carries one is governed.
ATTACHED_PREPOSITIONS = frozenset("لبك")
# Proclitics written on a move word («والمقترح», «بمبادرة», «لاقتراح»).
_JOINING = frozenset("وبل")
# Moves a side may make in what it is reported to say.
_SPOKEN = frozenset({"accusation", "rejection", "suspension", "acceptance"})
# Moves whose maker must sit at the article's table (a side or a mediator).
AT_TABLE = frozenset({"proposal", "rejection", "acceptance", "accusation", "suspension"})
SYMMETRIC = frozenset({"talks_held", "talks_planned", "agreement"})
# How far after a proposal word the names that qualify it stand («الخطة
# الفرنسية», «مقترح جديد قدمه الوسيط العماني»): characters.
_QUALIFY_REACH = 30
# Words that open the list of those a side met or signed with.
_WITH = frozenset({"مع", "with"})
_IN = frozenset({"في", "وفي", "in", "at"})
# A verb ending in these has a pronoun for its subject («اتهموا», «رفضتا»).
_PLURAL_ENDINGS = ("وا", "تا")
_AND = frozenset({"و", "and", ""})
_PASSIVE = frozenset({"تم", "جري", "وتم", "وجري"})
_THAT = frozenset({"ان", "بان", "وان", "that"})
# «أن» with the pronoun of the clause's subject («قالت إنها ستعلق…») opens one too.
_THAT_PRONOUN = _THAT | frozenset(
    t + p for t in ("ان", "بان", "وان") for p in ("ه", "ها", "هم", "هما")
)
# «بين» / "between" a few words after a talks or deal word, and the names it lists.
_BETWEEN = frozenset({"بين", "between"})
_BETWEEN_WORDS = 4
_BETWEEN_REACH = 60
_BETWEEN_GAP = 2
# How far before a move word a maker with no id is looked for (characters).
_NAMELESS_REACH = 40
# How far after an English passive verb its agent stands ("proposed by the United States").
_BY_REACH = 24
# Most words of a person's title between a preposition and the name, and
# how far back (characters) the preposition and the title are read.
_TITLE_WORDS = 4
_GOVERN_REACH = 48
# «الطرفين», «الجانبين»: the two sides, unnamed (the ``pair`` cue family).
_PAIR_NOUNS = vocab.terms("pair")
_PAIR_REACH = 80  # chars after a move word the unnamed two sides may stand
_PAIR_ALT = "|".join(re.escape(t) for t in sorted(_PAIR_NOUNS, key=len, reverse=True))
# Anywhere, with a clitic; right before a move word; right after it.
_PAIR_RE = re.compile(r"(?<![\w])(?:[وفلب])?(?:" + _PAIR_ALT + r")(?![\w])")
_PAIR_BEFORE_RE = re.compile(r"(?:^| )و?(?:" + _PAIR_ALT + r")\s*\Z")
_PAIR_AFTER_RE = re.compile(r"\s*و?(?:" + _PAIR_ALT + r")(?=\Z|[ ،,])")


class Named(NamedTuple):
    start: int
    end: int
    actor: str


class Slots(NamedTuple):
    actors: tuple[str, ...]
    targets: tuple[str, ...]
    via: tuple[str, ...]
    from_sentence: bool  # False when the slots fell back to the article's sides


def _with_shared_names(sides: tuple[str, ...], named: Sequence[Named]) -> tuple[str, ...]:
    """``sides`` and every actor a phrase naming one of them also names: «الترويكا
    الأوروبية» is Britain, France and Germany at one place in the text, and the
    readings by position keep the first of them only."""
    spans = {(n.start, n.end) for n in named if n.actor in sides}
    return _unique((*sides, *(n.actor for n in named if (n.start, n.end) in spans)))


def _unique(items) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def next_to(norm: str, cue_end: int, name: Named, titled: bool = False) -> bool:
    """The name follows the verb at once, or after a head noun («رفضت حركة حماس»),
    or after the preposition carrying the verb's object pronoun («وافقت عليه حماس»);
    with ``titled``, also after a title of a few words («قال وزير الخارجية التركي
    إن…»: the titled speaker is the verb's subject)."""
    between = norm[cue_end : name.start].split()
    if between and between[0] in load().object_pronouns:
        between = between[1:]
    if len(between) <= 1 and all(w in load().subject_heads for w in between):
        return True
    return (
        titled
        and len(between) <= _TITLE_WORDS
        and all(w in load().titles or w in load().subject_heads for w in between)
    )


# Moves whose English verb names what it bears on after it (its object), never
# its maker: "accused Serbia", "rejected Kinshasa's demand", "accepted the
# Egyptian proposal".
_ANSWERING = frozenset({"accusation", "rejection", "acceptance", "denial"})


def _governed(norm: str, name: Named) -> bool:
    """A name after a preposition («مع قطر», "between Israel and Hamas") is no
    subject, nor one after a preposition and a person's title ("a letter to
    Supreme Leader Ayatollah Ali Khamenei", «للرئيس الإيراني», «مع وزير
    الخارجية»)."""
    before = norm[max(0, name.start - _GOVERN_REACH) : name.start]
    words = before.split()
    if not words:
        return False
    if not before[-1].isspace():
        # A preposition written on the name («لواشنطن», «بحماس», «وللقاهرة»)
        # governs it as a separate one would.
        attached = words[-1].removesuffix("ال")
        if ATTACHED_PREPOSITIONS.intersection(attached) and len(words[-1]) <= 3:
            return True
        return words[-1] in load().prepositions
    titles = load().titles
    i = len(words)
    while i > 1 and words[i - 1] in titles and len(words) - i < _TITLE_WORDS:
        i -= 1
    word = words[i - 1]
    # A preposition written on a title («للرئيس», «بالمبعوث»).
    if word[:1] in ATTACHED_PREPOSITIONS and ("ا" + word[1:] in titles or word[1:] in titles):
        return True
    return word in load().prepositions


def _venue(norm: str, name: Named) -> bool:
    """The name right after «في» / "in": where something happens («في بربادوس»)."""
    words = norm[max(0, name.start - 8) : name.start].split()
    return bool(words) and words[-1] in _IN


def _held(norm: str, named: Sequence[Named]) -> set[Named]:
    """The names a preposition governs, the names joined to one by "and"
    included ("talks between Iran and the United States", «بين مصر وإثيوبيا»)."""
    held: set[Named] = set()
    for i, n in enumerate(named):
        if _governed(norm, n):
            held.add(n)
        elif i and named[i - 1] in held:
            between = norm[named[i - 1].end : n.start].split()
            joined = between in ([], ["and"], ["or"], [","], ["و"], ["او"])
            if joined or (not between and norm[n.start : n.start + 1] == "و"):
                held.add(n)
    return held


def _opens_clause(norm: str, name: Named) -> bool:
    """The name comes right after «إن» / «أن» / "that": the subject of the clause."""
    words = norm[max(0, name.start - 8) : name.start].split()
    return bool(words) and words[-1] in _THAT


def _opens_clause_headed(norm: str, name: Named) -> bool:
    """The same, a head noun between («إن الجانب الإثيوبي»)."""
    words = norm[max(0, name.start - 16) : name.start].split()[-2:]
    return _opens_clause(norm, name) or (
        len(words) == 2 and words[0] in _THAT and words[1] in load().subject_heads
    )


def _object_of(norm: str, subject: Named, name: Named) -> bool:
    """«إن القاهرة ستسلم الجانب الليبي …»: the verb (and a head noun) between
    the clause's subject and the name, which is then its object."""
    return 1 <= len(norm[subject.end : name.start].split()) <= 2


def _clause_start(norm: str, start: int, end: int) -> int | None:
    """Where the last reported clause opened by «إن» / «أن» / "that" between
    ``start`` and ``end`` begins, or None."""
    found = None
    pos = start
    for word in norm[start:end].split():
        at = norm.find(word, pos)
        pos = at + len(word)
        if word in _THAT_PRONOUN:
            found = at
    return found


def reported(norm: str, start: int, end: int) -> bool:
    """A clause that «إن» / «أن» / "that" opens between ``start`` and ``end``:
    what follows is someone's statement («قالت الحكومة إن خروقات الحوثيين…»)."""
    return _clause_start(norm, start, end) is not None


def _passive(norm: str, cue_start: int, cue_end: int) -> bool:
    """The move word follows «تم» / «جرى» (the Arabic passive of a verbal noun),
    or is itself a verb in the passive («تُرجأ»)."""
    first = norm[cue_start:cue_end].split(" ", 1)[0]
    if first.removeprefix("و") in load().passive_verbs:
        return True
    words = norm[max(0, cue_start - 8) : cue_start].split()
    return bool(words) and words[-1] in _PASSIVE


def _nameless_subject(norm: str, named: Sequence[Named], cue_start: int) -> bool:
    """A maker with no actor id (`nameless` in the data: «صندوق النقد الدولي»,
    "the IMF") stands right before the move word, no name after it."""
    window = norm[max(0, cue_start - _NAMELESS_REACH) : cue_start]
    before = [n for n in named if n.end <= cue_start]
    last = max((n.end for n in before), default=-1)
    # "Serbia and Kosovo have accepted": a maker with an id joined to the one
    # with none makes the move (not «بين المفوضية وصندوق النقد الذي يشترط»).
    joined = bool(before) and not _governed(norm, max(before, key=lambda n: n.end))
    for phrase in load().modifiers.get("nameless", ()):
        at = window.rfind(phrase)
        if at < 0:
            continue
        start = cue_start - len(window) + at
        if start > last and _just_before(norm, Named(start, start + len(phrase), ""), cue_start):
            return not (joined and norm[last:start].split() in ([], ["and"], ["و"], [","]))
    return False


def _agent_after_by(named: Sequence[Named], cue_end: int, norm: str) -> Named | None:
    """The agent of an English passive ("a truce proposed by the United States",
    "talks hosted by Turkey"): the first name a "by" right after the verb
    opens, a few words on at most."""
    after = norm[cue_end : cue_end + _BY_REACH]
    if not after.startswith(" by "):
        return None
    return next((n for n in named if cue_end < n.start <= cue_end + _BY_REACH), None)


def _qualifier_after(
    named: Sequence[Named], cue_start: int, cue_end: int, norm: str
) -> Named | None:
    """The side a proposal noun (``noun_starts`` in the data) is qualified by,
    right after it («المقترح الروسي», «مبادرة مصر», «اقتراح زيلينسكي»): the offer
    is that side's, whoever tells of it («قال زيلينسكي إن المقترح الروسي غير
    مقبول»)."""
    word = norm[cue_start:cue_end]
    starts = load().proposal_nouns
    if word[:1] in _JOINING and word[1:].startswith(starts):
        word = word[1:]
    if " " in word or not word.startswith(starts):
        return None
    after = [n for n in named if n.start >= cue_end]
    if after and next_to(norm, cue_end, after[0]) and not _governed(norm, after[0]):
        return after[0]
    return None


def _just_before(norm: str, name: Named, cue_start: int) -> bool:
    """The name stands right before the verb, two words at most, in one clause
    («وزراء الخليج سيطالبون كيري»: the verb's subject is the name before it)."""
    between = norm[name.end : cue_start]
    return len(between.split()) <= 2 and all(
        ch.isalnum() or ch.isspace() or ch in "'’" for ch in between
    )


def _object_on_verb(norm: str, cue_start: int, cue_end: int) -> bool:
    """The move word is a verb carrying its object as a pronoun (``object_endings``:
    «رفضته»), on a preposition after it (``object_pronouns``: «تقبل به»), or one
    with a pronoun after a relative (``relatives``: «ما رفضه»), so its subject
    comes after it."""
    data = load()
    if next_word(norm, cue_end) in data.object_pronouns:
        return True  # «لا يمكن أن تقبل به المعارضة», «ما وافقت عليه حماس»
    word = norm[cue_start:cue_end]
    if " " in word:
        # A cue that ends on a relative and its verb («الهدنة التي أعلنتها»).
        *head, last = word.split()
        return head[-1] in data.relatives and last.endswith(data.relative_endings)
    if word.removeprefix("و").startswith(data.finite_blame):
        return False  # «تتهم», «اتهم»: the letters are the verb's own
    if word.endswith(data.object_endings):
        return True
    return prev_word(norm, cue_start) in data.relatives and word.endswith(data.relative_endings)


def _subject(
    named: Sequence[Named],
    cue_start: int,
    cue_end: int,
    arabic: bool,
    norm: str,
    blame: bool = False,
) -> Named | None:
    """The maker of a move. ``blame``: the name after an accusing word is the one
    blamed («متهماً حماس») when a name stands before it."""
    after = [n for n in named if n.start >= cue_end]
    before = [n for n in named if n.end <= cue_start]
    if (
        arabic
        and after
        and not blame
        and _object_on_verb(norm, cue_start, cue_end)
        and next_to(norm, cue_end, after[0])
    ):
        return after[0]  # «قدمت روسيا مقترحاً رفضته أوكرانيا»
    held = _held(norm, before)
    opened = [n for n in before if n not in held and _opens_clause(norm, n)]
    if before and _just_before(norm, before[-1], cue_start) and before[-1] not in held:
        if opened and opened[-1] is not before[-1] and _object_of(norm, opened[-1], before[-1]):
            return opened[-1]
        return before[-1]
    if arabic and after and next_to(norm, cue_end, after[0]) and (not before or not blame):
        return after[0]
    free = [n for n in before if n not in held]
    if opened:
        # «قال الوزير إن القاهرة ستسلم الجانب الليبي ورقة عمل»: the name that
        # opens the reported clause is its subject; later names are objects.
        return opened[-1]
    if free:
        return free[-1]
    if before:
        return before[-1]
    return after[0] if after else None


def _second_verb(norm: str, before: Sequence[Named], cue_start: int) -> Named | None:
    """The subject a verb joined by «و» after a comma («…، واقترح») shares: the
    last name before it that opens a reported clause («إن الجانب الإثيوبي …،
    ورفض») or stands right after a sentence's first verb («اتهم الرئيس
    الأوكراني زيلينسكي …»), when another name stands between it and the verb."""
    if len(before) < 2:
        return None
    gap = norm[before[-1].end : cue_start]
    if "،" not in gap and "," not in gap:
        return None
    subjects = [n for n in before if _opens_clause_headed(norm, n) or _after_first_verb(norm, n)]
    if not subjects or subjects[-1].actor == before[-1].actor:
        return None
    return subjects[-1]


def _after_first_verb(norm: str, name: Named) -> bool:
    """The name follows the verb that opens its clause, a title or two between."""
    lead = norm[max(0, name.start - 40) : name.start]
    words = re.split(r"[.،,:؛\n]", lead)[-1].split()
    return 1 <= len(words) <= 3 and words[0].removeprefix("و") in load().first_verbs


def _joint(
    norm: str,
    named: Sequence[Named],
    maker: Named,
    cue_start: int,
    cue_end: int,
    parties: Collection[str],
) -> tuple[str, ...]:
    """The makers of a move word made by two or more (``joint_endings``: «قبولهما»,
    «وافقا»): the maker right before it and the names joined to it by «و»
    («حماس وإسرائيل قبولهما»), or the article's two sides when they stand right
    before it unnamed («الطرفين وافقا»); empty when the word is not so made."""
    if not norm[cue_start:cue_end].endswith(load().joint_endings):
        return ()
    head = norm[max(0, cue_start - 20) : cue_start].split()
    if head and head[-1].removeprefix("و") in _PAIR_NOUNS:
        if len(parties) == 2:
            return tuple(sorted(parties))
        # «حكومتي البلدين قبلتا»: the two countries are the article's two states
        # when its other sides are not states (Israel and Lebanon beside Hezbollah).
        states = sorted(a for a in parties if a.isupper())
        two_states = head[-1].removeprefix("و") in load().modifiers.get("two_states", ())
        return tuple(states) if two_states and len(states) == 2 else ()
    # «أن الحكومة اليمنية وجماعة الحوثي وافقتا»: the clause's subject may
    # open a chain of names that ends right before the verb.
    chain = [maker]
    for n in (n for n in named if maker.end <= n.start and n.end <= cue_start):
        if not _joined_to(norm, chain[-1], n):
            break
        chain.append(n)
    if len(chain) > 1 and _just_before(norm, chain[-1], cue_start):
        return tuple(sorted(_unique(n.actor for n in chain)))
    if not _just_before(norm, maker, cue_start):
        return ()
    makers = _chain_back(norm, [n for n in named if n.end <= maker.start], maker)
    return tuple(sorted(_unique(n.actor for n in makers))) if len(makers) > 1 else ()


# Words between a verb of exchanging and the blame word it trades («تبادلت
# الحكومة اليمنية وجماعة الحوثي الاتهامات»), and after the blame word before
# "each other".
_MUTUAL_BEFORE = 6
_MUTUAL_AFTER = 3


def _mutual(
    norm: str,
    named: Sequence[Named],
    cue_start: int,
    cue_end: int,
    marks: Sequence[tuple[int, int]],
) -> tuple[str, ...]:
    """The sides of blame traded both ways (``marks``: the ``mutual`` modifier's
    spans): "Armenia and Azerbaijan accused each other" (the names joined before
    the verb), «تبادلت الحكومة اليمنية وجماعة الحوثي الاتهامات» (the names between
    the verb and the blame), "X and Y traded accusations". Empty when the blame
    goes one way or fewer than two sides are named."""
    for start, _ in marks:
        if cue_end <= start and len(norm[cue_end:start].split()) < _MUTUAL_AFTER:
            return _subject_chain(norm, named, cue_start)
    for start, end in reversed(marks):
        if end <= cue_start and len(norm[end:cue_start].split()) < _MUTUAL_BEFORE:
            inside = _unique(n.actor for n in named if end <= n.start and n.end <= cue_start)
            return inside if len(inside) >= 2 else _subject_chain(norm, named, start)
    return ()


def _pair_in_clause(norm: str, cue_end: int) -> bool:
    """The two sides, unnamed (``pair``), a few words after the move word in its
    own clause («وعُقدت الجولة الثالثة في مسقط بمشاركة خبراء من البلدين»)."""
    after = norm[cue_end : cue_end + _PAIR_REACH]
    cut = min((i for i in (after.find(m) for m in CLAUSE_MARKS) if i >= 0), default=len(after))
    return _PAIR_RE.search(after[:cut]) is not None


def _pair_subject(norm: str, cue_start: int, cue_end: int) -> bool:
    """The two sides, unnamed (``pair``: «الطرفين», "the two sides"), right
    before the move word or, verb first, right after it («اتفق الجانبان»)."""
    before = norm[max(0, cue_start - 24) : cue_start]
    after = norm[cue_end : cue_end + 24]
    return bool(_PAIR_BEFORE_RE.search(before) or _PAIR_AFTER_RE.match(after))


def _subject_chain(norm: str, named: Sequence[Named], cue_start: int) -> tuple[str, ...]:
    """The names joined by «و» / "and" that end right before the verb at
    ``cue_start`` ("Israel and Hamas agreed", «أنقرة وواشنطن توصلتا»)."""
    before = [n for n in named if n.end <= cue_start]
    if not before or not set(norm[before[-1].end : cue_start].split()) <= load().chain_heads:
        return ()
    return _unique(n.actor for n in _chain_back(norm, before[:-1], before[-1]))


def _chain_back(norm: str, before: Sequence[Named], last: Named) -> list[Named]:
    """``last`` and the names of ``before`` (in text order) joined to it, back to
    the first of them («الحكومة اليمنية وجماعة الحوثي», "Israel and Hamas")."""
    chain = [last]
    for n in reversed(before):
        if not _joined_to(norm, n, chain[0]):
            break
        chain.insert(0, n)
    return chain


def _joined_to(norm: str, first: Named, then: Named) -> bool:
    """``then`` is joined to ``first`` by «و», "and" or a comma, with a head
    noun of its own at most («الحكومة اليمنية وجماعة الحوثي»)."""
    gap = norm[first.end : then.start].strip()
    if gap in ("و", "،", ",", "and", ", and"):
        return True
    words = gap.split()
    if words and words[0] == "و":
        words = words[1:]
    elif words and words[0].startswith("و"):
        words = [words[0][1:], *words[1:]]
    else:
        return False
    return len(words) == 1 and words[0] in load().subject_heads


def _blames(etype: str, norm: str, cue_start: int, cue_end: int) -> bool:
    """An accusing participle or noun («متهماً حماس», «تحميل إسرائيل») names the
    blamed after it, and so does a verb joined by «و» to its subject's first
    verb («الولايات المتحدة تدافع عن حماس وتتهم إسرائيل»); a verb that opens
    its clause names its subject there («في حين اتهمت موسكو أوكرانيا»)."""
    if etype != "accusation":
        return False
    return not norm[cue_start:cue_end].startswith(load().finite_blame)


def _misconduct(
    etype: str, named: Sequence[Named], cue_start: int, cue_end: int, norm: str
) -> Slots | None:
    """«قال وزير الري المصري إن إثيوبيا تعرقل المفاوضات», "said Ethiopia was
    obstructing the talks": a verb of misconduct blames its subject, and the
    side named before the clause that «إن» / "that" opens is the accuser. The
    slots, or None when the sentence is not so built."""
    word = norm[cue_start:cue_end]
    if etype != "accusation" or not (
        word in load().misconduct or word[1:] in load().misconduct and word[:1] in "وف"
    ):
        return None
    before = [n for n in named if n.end <= cue_start]
    if not before or not _just_before(norm, before[-1], cue_start):
        return None
    blamed = before[-1]
    opened = _clause_start(norm, before[0].start, blamed.start)
    accusers = [n for n in before if opened is not None and n.end <= opened]
    if not accusers or accusers[-1].actor == blamed.actor:
        return None
    return Slots((accusers[-1].actor,), (blamed.actor,), (), True)


def _blamer_after(named: Sequence[Named], cue_start: int, cue_end: int, norm: str) -> Named | None:
    """The subject right after an accusing verb that opens its clause («قالت كييف
    إنه أصاب القاذفات، في حين اتهمت موسكو أوكرانيا»): the accuser, whoever
    spoke before it."""
    before = [n for n in named if n.end <= cue_start]
    if before and _just_before(norm, before[-1], cue_start):
        return None  # «كانت واشنطن اتهمت تركيا»: the subject stands before it
    after = next((n for n in named if n.start >= cue_end), None)
    return after if after is not None and next_to(norm, cue_end, after) else None


def _clause_subject(
    named: Sequence[Named], cue_start: int, cue_end: int, norm: str
) -> Named | None:
    """The maker of a move told by a participle («…، متهمةً المعارضة», ", accusing
    Seoul") or by a coordinated plural or dual verb, whose subject is a
    pronoun («رفض الحوثيون …، واتهموا التحالف»): the subject of the clause it
    hangs on, the first free name before it."""
    word = norm[cue_start:cue_end]
    before = [n for n in named if n.end <= cue_start]
    participle = word in load().participles or word.removeprefix("و") in load().participles
    # A coordinated plural verb: «…، واتهموا»; not one whose subject stands
    # right before it («لكن المتمردين خرقوا», «وجماعة الحوثي وافقتا»).
    pronoun_subject = (
        not participle
        and len(word) > 5
        and word.startswith("و")
        and word.endswith(_PLURAL_ENDINGS)
        and not (before and _just_before(norm, before[-1], cue_start))
    )
    if not participle and not pronoun_subject:
        return None
    free = [n for n in before if not _governed(norm, n)]
    return free[0] if free else None


def _speaker(
    etype: str,
    named: Sequence[Named],
    cue_start: int,
    cue_end: int,
    speech: Sequence[tuple[int, int]],
    arabic: bool,
    norm: str,
    judged: bool = False,
) -> Named | None:
    """The side that says the move, when the move is told in its reported speech.

    «قالت الخارجية المصرية إن التصعيد الإسرائيلي يكشف غياب الإرادة»: blame
    inside what a side said is that side's, whoever the clause names. A
    refusal is the speaker's only when no other side stands between the
    speech verb and the refusal as the one speaking there («قال إن مصر ترفض…»
    keeps Egypt); a name in a relative clause on what the refusal bears on
    («قال نتنياهو إن ما وافقت عليه حماس بعيد عن…»: what Hamas accepted, which
    Israel refuses) does not stand in the speaker's way."""
    if etype not in _SPOKEN and not judged:
        return None
    if etype == "acceptance" and arabic:
        following = [n for n in named if n.start >= cue_end]
        if following and next_to(norm, cue_end, following[0]):
            return None  # «ما وافقت عليه حماس»: the verb names its own subject
    said = [sp for sp in speech if sp[1] <= cue_start]
    if not said:
        return None
    s_end = said[-1][1]
    speaker = None
    s_told = s_end  # the end of the verb whose subject speaks
    # "Hamas said it had informed the mediators that it accepted": a verb of
    # saying whose subject is a pronoun passes the telling to the one before.
    for t_start, t_end in reversed(said):
        after = [n for n in named if t_end <= n.start < cue_start]
        before = [n for n in named if n.end <= t_start]
        told_first = norm[t_start:t_end].removeprefix("و") in load().telling
        if told_first and before and _just_before(norm, before[-1], t_start):
            # «موسكو أبلغت الجانب الأمريكي رفضها»: the name after a verb of
            # telling is the one told when the teller stands before it.
            speaker = before[-1]
        elif arabic and after and next_to(norm, t_end, after[0], titled=True):
            speaker = after[0]
        elif before and _just_before(norm, before[-1], t_start):
            speaker = before[-1]
        if speaker is not None:
            s_told = t_end
            break
    if speaker is None:
        return None
    if etype == "accusation" or judged:
        # A judgement told after what it judges («قال أردوغان إن عرض الحزب
        # غير مقبول»): the names before it are what is refused.
        return speaker
    # Those told («أبلغت قطر إسرائيل وحماس أن…», "told Israel and Hamas
    # that it…") stand before the clause, not in it.
    opened = _clause_start(norm, s_end, cue_start)
    clause = s_end if opened is None else opened
    if told_first and opened is None:
        # «وأبلغت يريفان باكو قبولها»: after a verb of telling, the name right
        # after the teller (or after the verb, the teller before it) is the one
        # told, not a side speaking in the clause.
        past_teller = max(speaker.end, s_told)
        told = [n for n in named if past_teller <= n.start < cue_start]
        if told and next_to(norm, past_teller, told[0]):
            clause = max(clause, told[0].end)
    between = [
        n
        for n in named
        if max(speaker.end, clause) <= n.start < cue_start
        and n.actor != speaker.actor
        # («ما وافقت عليه حماس»: Hamas accepted it, whoever refuses it.)
        and (etype == "acceptance" or not _after_object_pronoun(norm, n))
    ]
    return None if between else speaker


def _after_object_pronoun(norm: str, name: Named) -> bool:
    """The name follows a preposition carrying the pronoun of what its verb bears
    on («ما وافقت عليه حماس», "what Hamas agreed to"): it is the subject of a
    relative clause that names the object, not a side speaking in the clause."""
    words = norm[max(0, name.start - 12) : name.start].split()
    return bool(words) and words[-1] in load().object_pronouns


def _answered(
    named: Sequence[Named],
    cue_start: int,
    cue_end: int,
    answer: tuple[int, int],
    parties: Collection[str],
    mediators: Collection[str],
    arabic: bool,
    norm: str,
    speech: Sequence[tuple[int, int]],
) -> Slots | None:
    """A proposal told as the object of an answer is the answered side's offer,
    not the answerer's: «رفضت الحكومة الخطة الفرنسية» (France's), «موافقتها
    على مبادرة الوسيطين الكويتي والعماني» (the mediators'), "the rebels said
    the army had turned down their offer" (the speaker's). Its makers are the names that qualify
    it (within a few words after it), else the side who tells of the answer;
    failing both, no proposal is read (whose offer it was is not said)."""
    responder = _subject(
        [n for n in named if n.end <= cue_start], answer[0], answer[1], arabic, norm
    )
    answerer = responder.actor if responder else None
    reach = cue_end + _QUALIFY_REACH
    makers = _unique(n.actor for n in named if cue_end <= n.start <= reach and n.actor != answerer)
    if not arabic:
        # English puts the qualifier first: "a U.S. proposal", "Egypt's plan".
        right_before = [
            n
            for n in named
            if n.end <= cue_start
            and n.actor != answerer
            and norm[n.end : cue_start].strip() in ("", "'s", "’s", "-backed", "-drafted")
        ]
        if right_before:
            makers = (right_before[-1].actor,)
    if not makers:
        telling = load().telling
        said = [sp for sp in speech if sp[1] <= answer[0] and norm[sp[0] : sp[1]] not in telling]
        if said:
            before = [n for n in named if n.end <= said[-1][0]]
            after = [n for n in named if said[-1][1] <= n.start < answer[0]]
            if before and _just_before(norm, before[-1], said[-1][0]):
                makers = (before[-1].actor,)
            elif arabic and after and next_to(norm, said[-1][1], after[0]):
                makers = (after[0].actor,)
            makers = tuple(a for a in makers if a != answerer)
    table = set(parties) | set(mediators)
    if not makers or (table and not set(makers) & table):
        return None
    others = [n.actor for n in named if n.actor not in makers]
    via = _unique(a for a in others if a in mediators and a not in parties)
    targets = _unique(a for a in others if a not in via)
    return Slots(tuple(sorted(makers)), targets, via, True)


def _joined(between: str) -> bool:
    """Only a conjunction (and a head noun) stands between two names of a list
    («الأردن و جمهورية العراق», "Vietnam and Laos")."""
    words = between.replace(",", " ").replace("،", " ").split()
    words = [w.removeprefix("و") if len(w) > 1 else w for w in words]
    return all(w in _AND or w in load().subject_heads for w in words) and len(words) <= 3


def _between(
    norm: str,
    cue_end: int,
    named: Sequence[Named],
    mediators: Collection[str],
    parties: Collection[str],
) -> tuple[str, ...]:
    """The sides a "between" right after a talks or deal word lists («اتفاق نووي
    تاريخي بين القوى العالمية وطهران», "talks between Israel and Hamas"): the
    names the sentence gives besides (a visitor, a host) are not at that table."""
    after = norm[cue_end : cue_end + _BETWEEN_REACH]
    words = after.split()
    at = next((i for i, w in enumerate(words[:_BETWEEN_WORDS]) if w in _BETWEEN), None)
    if at is None:
        return ()
    pos = cue_end + after.find(words[at]) + len(words[at])
    found: list[str] = []
    for n in named:
        if n.start < pos:
            continue
        gap = norm[pos : n.start].split()
        if len(gap) > _BETWEEN_GAP:
            break
        if n.actor not in mediators or n.actor in parties:
            found.append(n.actor)
        pos = n.end
    return _unique(found)


def pairs(
    named: Sequence[Named],
    cue_start: int,
    cue_end: int,
    mediators: Collection[str],
    arabic: bool,
    norm: str,
) -> list[tuple[str, str]]:
    """One side's deals with several others, told in one sentence: one pair each.

    "Japan signed accords with Vietnam and Laos", «وقعت
    مصر اتفاقيتين مع كل من الأردن والعراق»: the maker of the verb and
    each name of the list its "with" opens sat at a table of their own. Empty
    when the sentence is not so built (one pair, or no "with" list)."""
    maker = _subject(named, cue_start, cue_end, arabic, norm)
    if maker is None or _governed(norm, maker) or maker.actor in mediators:
        return []
    after = [n for n in named if n.start >= max(cue_end, maker.end)]
    if not after or not any(
        w in _WITH for w in norm[max(0, after[0].start - 20) : after[0].start].split()[-3:]
    ):
        return []
    listed = [after[0]]
    for n in after[1:]:
        if not _joined(norm[listed[-1].end : n.start]):
            break
        listed.append(n)
    partners = _unique(
        n.actor for n in listed if n.actor != maker.actor and n.actor not in mediators
    )
    if len(partners) < 2:
        return []
    return [(maker.actor, p) for p in partners]


def assign(
    etype: str,
    named: Sequence[Named],
    cue_start: int,
    cue_end: int,
    parties: Collection[str],
    mediators: Collection[str],
    arabic: bool,
    norm: str = "",
    speech: Sequence[tuple[int, int]] = (),
    answer: tuple[int, int] | None = None,
    counter: tuple[int, int] | None = None,
    stall: bool = False,
    claim: int | None = None,
    exchange: bool = False,
    mutual: Sequence[tuple[int, int]] = (),
    joined: bool = False,
) -> Slots | None:
    """The slots of a move of type ``etype`` told by the cue at ``cue_start``;
    None when its maker sits away from the article's table. ``stall``: the cue
    says the talks themselves stalled («تعثرت المفاوضات»). ``claim``: where the
    claim a denial calls untrue begins (its names are what the denial bears on;
    its maker is named before it). ``exchange``: the sentence tells an exchange
    (the ``exchange`` words), whose steps both sides carry out. ``mutual``: the
    spans of the sentence's words of blame traded both ways. ``joined``: the move
    word carries the conjunction «و» («واقترح»)."""
    if etype == "implementation":
        # «سلمتها حماس إلى الصليب الأحمر»: the hands a step passes through are
        # neither its sides nor its go-betweens.
        named = [n for n in named if n.actor not in load().conduits]
    ids = _unique(n.actor for n in named)
    if claim is not None:
        before = [n for n in named if n.end <= claim]
        if before:
            maker = before[-1].actor
            told = _unique(n.actor for n in named if claim <= n.start < cue_start)
            return Slots((maker,), tuple(a for a in told if a != maker), (), True)
    if etype == "proposal" and answer is not None and named:
        return _answered(
            named, cue_start, cue_end, answer, parties, mediators, arabic, norm, speech
        )
    if etype in SYMMETRIC or (etype == "implementation" and exchange):
        sides = tuple(a for a in ids if a not in mediators or a in parties)
        via = tuple(a for a in ids if a in mediators and a not in parties)
        named_sides = sum(1 for a in ids if a in parties)
        if len(parties) == 2 and (
            _pair_subject(norm, cue_start, cue_end)
            or (
                named_sides < 2
                # A state named beside them and at no table of the article may be
                # the other of "the two countries" («زيارته لدولة الكويت … بين البلدين»).
                and all(a in parties or a in mediators for a in ids)
                and _pair_in_clause(norm, cue_end)
            )
        ):
            # «وأفادت المصادر بأن الطرفين اتفقا على عقد جولة جديدة في العاصمة
            # الفرنسية», «وعُقدت الجولة الثالثة بمشاركة خبراء من البلدين»: the two
            # sides, unnamed, are the article's two; the names beside them are
            # the venue, the mediators or what the talks are about.
            return Slots(tuple(sorted(parties)), (), via, True)
        # Names beside the sides that the article does not count as sides or
        # mediators («… لبحث تداعيات الاتفاق مع إيران وتطورات سوريا») are what
        # the talks are about, not who sits at them.
        if sum(1 for a in sides if a in parties) >= 2:
            sides = tuple(a for a in sides if a in parties)
        venues = {n.actor for n in named if _venue(norm, n)}
        held_at = tuple(a for a in sides if a in parties or a not in venues)
        if len(held_at) >= 2 and any(a in parties for a in held_at):
            # «اتفقت X و Y في بربادوس», "met in South Korea": the place the
            # talks are held in is not a side of them.
            sides = held_at
        paired = _between(norm, cue_end, named, mediators, parties)
        if len(paired) >= 2:
            sides = paired
        else:
            # "US and Ukrainian officials met …, where Kyiv agreed to a
            # ceasefire with Russia": two sides joined right before the verb
            # are the ones who met, not every side the sentence names.
            before = _subject_chain(norm, named, cue_start)
            if len(before) >= 2 and all(a in sides for a in before):
                sides = before
        if sides:
            return Slots(_with_shared_names(sides, named), (), via, True)
        return Slots(tuple(sorted(parties)), (), via, False)
    if etype == "resolution" and not load().resolution_bodies.intersection(ids):
        return None  # «سيستخدم الفيتو إذا عارض الكونغرس»: no international body votes
    if not named and etype == "mediation_offer" and mediators:
        # «وأعربت الوزارة عن شكرها للبلدين…، مؤكدة أن الدولة ستواصل جهودها»: an
        # offer whose maker goes unnamed is the article's mediators', made to its sides.
        return Slots(tuple(sorted(mediators)), tuple(sorted(parties)), (), False)
    if not named:
        if etype in AT_TABLE and _nameless_subject(norm, named, cue_start):
            # "M23 rejected the demand to withdraw": a maker with no id, and
            # nobody named for the move to bear on.
            return Slots((), (), (), True)
        return Slots(tuple(sorted(parties)), (), (), False)
    if etype == "mediation_offer":
        maker = next((n for n in named if n.actor in mediators), None)
        if maker is None:
            maker = _subject(named, cue_start, cue_end, arabic, norm)
        assert maker is not None
        return _offer(maker.actor, ids, parties, mediators)
    if etype == "resolution" and "un" in ids:
        return Slots(("un",), tuple(a for a in ids if a != "un"), (), True)
    if etype == "accusation":
        both = _mutual(norm, named, cue_start, cue_end, mutual)
        if both:
            # Blame traded both ways: each side blames the others.
            via = tuple(a for a in ids if a in mediators and a not in both and a not in parties)
            return Slots(both, both, via, True)
    if etype in AT_TABLE and _passive(norm, cue_start, cue_end):
        if etype == "suspension" and parties:
            # «قبل أن تُرجأ جولة ثالثة» after the talks' sides and their host:
            # a round put off is the sides' stall (those named, else the
            # article's); the host it passed through.
            sides = tuple(a for a in ids if a in parties) or tuple(sorted(parties))
            via = tuple(a for a in ids if a in mediators and a not in parties)
            return Slots(sides, (), via, True)
        # «تم رفض الخطة الفرنسية»: a move in the passive names no maker; the
        # names are what it bears on.
        return Slots((), ids, (), True)
    if etype in AT_TABLE and len(parties) == 2 and _pair_subject(norm, cue_start, cue_end):
        # «رفض الطرفان المقترح», "the two leaders accepted the EU's plan": the
        # article's two sides, unnamed, make the move; the names are what it
        # bears on.
        sides = tuple(sorted(parties))
        return _made_by(sides, [a for a in ids if a not in sides], parties, mediators)
    if etype in AT_TABLE and _nameless_subject(norm, named, cue_start):
        # «صندوق النقد الدولي يصر على الحصول على ضمانات من الحكومة اليونانية»:
        # a maker with no id names no maker; the names right after it are what
        # the move bears on.
        near = _unique(n.actor for n in named if 0 <= n.start - cue_end <= _NAMELESS_REACH * 2)
        return Slots((), near or ids, (), True)
    blamed = _misconduct(etype, named, cue_start, cue_end, norm)
    if blamed is not None:
        return blamed
    countering = (
        _subject([n for n in named if n.end <= cue_start], counter[0], counter[1], arabic, norm)
        if etype == "proposal" and counter is not None
        else None
    )
    blames = _blames(etype, norm, cue_start, cue_end)
    finite_blame = arabic and etype == "accusation" and not blames
    if (
        etype in _ANSWERING
        and not arabic
        and named
        and all(n.start >= cue_end for n in named)
        and _agent_after_by(named, cue_end, norm) is None
        and not any(cue_end <= sp[0] < named[0].start for sp in speech)
    ):
        # "Kurti … accused Serbia of orchestrating the unrest", "The rebels …
        # have rejected Kinshasa's demand": in English the ones named only after
        # the verb are what it bears on; its unnamed subject makes the move.
        return _made_by((), ids, parties, mediators)
    judged = etype in ("rejection", "proposal") and norm[
        cue_start:cue_end
    ].strip() in load().modifiers.get("judged", frozenset())
    maker = (
        countering
        # «اتهم زيلينسكي موسكو باستخدام الغذاء سلاحاً، واقترح مواصلة…»: a verb
        # joined after a comma shares the subject of the verb or the clause
        # before it, not their object.
        or (
            _second_verb(norm, [n for n in named if n.end <= cue_start], cue_start)
            if arabic and joined and not blames
            else None
        )
        or (
            _speaker(etype, named, cue_start, cue_end, speech, arabic, norm, True)
            if judged
            else None
        )
        or _agent_after_by(named, cue_end, norm)
        or (
            _qualifier_after(named, cue_start, cue_end, norm)
            if arabic and etype == "proposal"
            else None
        )
        or _clause_subject(named, cue_start, cue_end, norm)
        or (_blamer_after(named, cue_start, cue_end, norm) if finite_blame else None)
        or _speaker(etype, named, cue_start, cue_end, speech, arabic, norm)
        or _subject(named, cue_start, cue_end, arabic, norm, blames)
    )
    assert maker is not None
    if (
        etype == "suspension"
        and parties
        and maker.actor not in parties
        and (
            (stall and maker.actor in mediators and not _opens_clause(norm, maker))
            or _venue(norm, maker)
        )
    ):
        # «فشلت المحادثات التي قادتها الأمم المتحدة»: the mediator named beside
        # the talks is not who stalled them (but «قال إن القاهرة ... وصلت إلى
        # طريق مسدود» keeps the clause's subject); nor is the place the talks
        # were to be held in («أرجئت الجولة التي كان انعقادها مقرراً في
        # باكستان»). The sides' talks stalled.
        return _sides_stall(ids, parties, mediators)
    # A phrase for a fixed group («الترويكا الأوروبية») names its members at
    # one span: they make the move together.
    group = _unique(n.actor for n in named if (n.start, n.end) == (maker.start, maker.end))
    joint = _joint(norm, named, maker, cue_start, cue_end, parties) or (
        group if len(group) > 1 else ()
    )
    if joint:
        return _made_by(joint, [a for a in ids if a not in joint], parties, mediators)
    table = set(parties) | set(mediators)
    if etype in AT_TABLE and table and maker.actor not in table:
        # A move is made at the article's table: a maker that is neither a
        # side nor a mediator (a commentator's country, a third state
        # weighing in, a neighbour blamed in passing) makes no move of it.
        return None
    others = [a for a in ids if a != maker.actor]
    if etype == "accusation":
        # «قال إن … وإن حماس تتحمل المسؤولية», "said it was working with Egypt
        # and Qatar and that Hamas bore responsibility": the blame is the
        # clause that "that" opens; names before it are another statement's.
        opened = _clause_start(norm, maker.end, cue_start)
        if opened is not None:
            inside = {n.actor for n in named if n.start >= opened}
            others = [a for a in others if a in inside] or others
    return _made_by((maker.actor,), others, parties, mediators)


def _made_by(
    makers: Sequence[str],
    others: Sequence[str],
    parties: Collection[str],
    mediators: Collection[str],
) -> Slots:
    """A move of ``makers``: the article's mediators among the others named are
    the ones it passed through, the rest what it bears on."""
    via = tuple(a for a in others if a in mediators and a not in parties)
    return Slots(tuple(makers), tuple(a for a in others if a not in via), via, True)


def _sides_stall(ids: Sequence[str], parties: Collection[str], mediators: Collection[str]) -> Slots:
    """Talks that stalled or a truce that collapsed, told of the talks themselves
    («فشلت المحادثات التي قادتها الأمم المتحدة», "the pause ended"), with a
    mediator as the name nearest the cue: the stall is the sides' (those named,
    else the article's), the mediators named are ``via``, anyone else a target."""
    named_sides = tuple(a for a in ids if a in parties)
    via = tuple(a for a in ids if a in mediators and a not in parties)
    targets = tuple(a for a in ids if a not in parties and a not in via)
    if named_sides:
        return Slots(named_sides, targets, via, True)
    return Slots(tuple(sorted(parties)), targets, via, False)


def _offer(
    maker: str, ids: Sequence[str], parties: Collection[str], mediators: Collection[str]
) -> Slots:
    """A mediation offer is made toward the sides: those the sentence names,
    else the article's («وأبدت أنقرة استعدادها لاستضافة جولة جديدة», "Ankara was
    ready to host it"); the other mediators it names offer with the maker («إن
    بلاده والرياض مستعدتان لاستئناف المحادثات»)."""
    makers = (maker, *(a for a in ids if a != maker and a in mediators and a not in parties))
    sides = tuple(a for a in ids if a not in makers and a in parties)
    others = tuple(a for a in ids if a not in makers and a not in sides)
    if not sides:
        sides = tuple(sorted(a for a in parties if a not in makers))
    return Slots(tuple(sorted(makers)), sides + others, (), True)
