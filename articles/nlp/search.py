"""Search terms: the form in which article text is indexed and queries are asked.

PostgreSQL's ``simple`` text-search configuration knows nothing of Arabic,
so we hand it words already reduced to one term per word: letters folded
(``normalize``), then the clitics Arabic writes onto a word taken off — the
conjunctions و ف, the prepositions ب ل ك, the article (ال, لل, بال, وال…)
and the enclitic pronouns (ـه ـها ـهم ـهما ـهن ـكم ـكما ـكن ـنا, ـي after
a ta marbuta), and the accusative alif. «لحماس», «وحماس» and «حماس» are
all «حماس»; «بوساطة», «للوساطة» and «وساطتها» are all «وساطه». The same
function builds the index and the query, which is what makes them agree.

A letter is only a clitic when what remains is a known word and the whole
is not a word of its own: «بغداد» keeps its «ب», «وساطة» its «و», «وزير»,
«لبنان», «كندا» and «بيان» stay whole. "Known" needs a resource that
covers words no one listed for us, proper names above all (طهران،
نتنياهو، الحوثيين), so we use word frequencies, not a dictionary:
``data/search_words.txt.gz`` holds wordfreq's large Arabic list (≈340,000
forms with their frequency in news, Wikipedia, subtitles and web text),
built by ``scripts/build_search_words.py`` and shipped with the code, plus
the single words of the lexicon's names. That list holds surface forms, so
it knows «لحماس» as well as «حماس»: membership cannot tell a clitic form
from a word. Frequencies can. A form ``p + w`` is taken as a clitic form of
``w`` when

- ``w`` is in the list (or a lexicon name) and has at least three letters;
- the form is no more frequent than the clitic makes plausible: «لحماس» is
  1/23 as frequent as «حماس», while «لبنان» is 400 times as frequent as
  «بنان» and «كيري» 1/12 as frequent as «يرى», more than «ك» ever adds;
  a preposition before a noun that takes the article (بوساطة next to
  وساطة / الوساطة) may be as frequent as the word itself;
- the form is not itself a word that takes the article or a preposition
  that cannot stack on its clitic («اللجنة» makes «لجنة» a word, not
  ل + جنة; «لألمانيا» makes «ألمانيا» a word, not ال + مانيا);
- and it is not a lexicon name («كيري», «كمال», «ولي» never lose a letter).

Why not the alternatives: a stem dictionary (arramooz, 30,000 nouns) has
no proper names, and those are what analysts search for; the vocabulary of
the stored articles would make an article's terms depend on which other
articles were stored before it, and every upload could change them;
indexing every candidate split («بغداد» as both بغداد and غداد) only moves
the decision to the query, and a query for «الجنة» would then find every
«لجنة». Inflection (plural, dual, feminine) is not folded: «لبنان» is not
«لبن» + ان, «البحرين» not «بحر» + ين, and folding it would break "no article
holding none of the forms".

Stored articles carry the terms of the rules that built them; ``VERSION``
names those rules and ``manage.py reindex_search`` rebuilds the stored
terms when it moves.
"""

from __future__ import annotations

import gzip
import hashlib
import re
from collections.abc import Iterable
from functools import cache, lru_cache
from itertools import islice, pairwise
from pathlib import Path

import numpy as np

from articles.nlp import codepoints
from articles.nlp.normalize import normalize

DATA_FILE = Path(__file__).resolve().parent / "data" / "search_words.txt.gz"
RULES = 3  # bump when the rules below change; the data file's hash is added to it

# Letters, digits and the few marks normalisation leaves; not Arabic
# punctuation («،» «؛» «؟»), which would make «المملكة،» a word of its own.
_WORD = re.compile(r"[\w\u064b-\u065f\u0670]+")
_ARABIC_LETTERS = re.compile(r"^[\u0621-\u064a]+$")
# Ta marbuta survives normalisation as this mark, so that a final «ة» (never
# a pronoun) can be told from a final «ه» (often one); it is folded to «ه»
# in every term.
_TA = "\u06c3"
_TA_RE = re.compile("\u0629")
_MIN_STEM = 3

# Proclitic chains as written: (letters, has article, plausible ratio of the
# form to the bare word). Conjunction, then preposition, then article;
# ل + ال is written «لل». The ratios are generous upper quantiles measured on
# the word list (و: 0.13, ب: 0.15, ل: 0.09, ك: 0.01 at the 90th percentile).
_CONJ = {"": 1.0, "و": 0.2, "ف": 0.05}
_PREP = {"": 1.0, "ب": 0.2, "ل": 0.15, "ك": 0.02}
# Each chain also lists where its clitics meet (و|ب|ال), for ``_agrees``.
_PROCLITICS: list[tuple[str, bool, float, tuple[int, ...]]] = []
for _c, _rc in _CONJ.items():
    for _p, _rp in _PREP.items():
        _inner = tuple(i for i in (len(_c), len(_c + _p)) if i)
        _PROCLITICS.append((_c + _p, False, _rc * _rp, _inner))
        if _p == "ل":  # ل + ال is written «لل», and «للقمة» may be ل + لقمة: no joint
            _PROCLITICS.append((_c + "لل", True, _rc * _rp, _inner[:1] if _c else ()))
        else:
            _PROCLITICS.append((_c + _p + "ال", True, _rc * _rp, _inner))
_PROCLITICS.sort(key=lambda x: -len(x[0]))
# The chains a word may begin with, by its first letter (same order), so a
# word not yet seen tries the few that can match instead of all of them.
_NO_PROCLITIC = tuple(p for p in _PROCLITICS if not p[0])
_PROCLITICS_BY_FIRST = {
    first: tuple(p for p in _PROCLITICS if not p[0] or p[0][0] == first)
    for first in {p[0][0] for p in _PROCLITICS if p[0]}
}
_ENCLITICS = ("هما", "كما", "هم", "هن", "كم", "كن", "ها", "نا", "ه")
_R_ENCLITIC = 0.3
_R_ALIF = 0.3  # accusative «ـًا»: اتفاقا / اتفاق
_SLACK = 2.0  # how far past the plausible ratio a form may go
_IDIOM = 8.0  # a preposition before a noun may be this frequent (بوساطة, بشكل, برعاية)
_OWN_ARTICLE = 0.1  # «ال» + form this frequent: the form is a word of its own
_OWN_HA = 0.5  # see _own_word: «الوزيره» is 0.06 of «الوزير», «التوجه» 1,000 times «التوج»
_OWN_STACKED = 0.01  # see _own_word: clitic forms measure 0, names 0.02 (لبنان) and up
# Clitics that cannot stand before a form beginning with the given clitic.
# Not ب before و/ف: «بو…» and «بف…» begin names of their own (بوروسيا، بوبيان).
_BEFORE_ONLY_WORDS = {
    "و": ("و", "ف", "ل", "ك", "ال"),
    "ف": ("و", "ف", "ل", "ك", "ال"),
    "ب": ("ب", "ل", "ك", "ال"),
    "ك": ("ب", "ل", "ك", "ال"),
    "ل": ("ب", "ك", "ال"),  # not ل: «للبنان» may be ل + ال + بنان
}
_MAX_CACHE = 500_000


def load() -> None:
    """Read the search words now: a process that serves queries loads them before
    its first one instead of during it (a tenth of a second)."""
    _data()


@cache
def _data() -> tuple[dict[str, float], frozenset[str]]:
    """``({word: frequency}, names)``; the file gives a bucket, frequency ``10 ** (-bucket / 100)``.

    The frequency is computed once per bucket (one float shared by the
    bucket's words), not on every look-up: a word not seen before takes
    dozens of look-ups to reduce.
    """
    frequencies: dict[str, float] = {}
    names: frozenset[str] = frozenset()
    with gzip.open(DATA_FILE, "rt", encoding="utf-8") as f:
        for line in f:
            key, _, words = line.rstrip("\n").partition("\t")
            if key == "names":
                names = frozenset(words.split())
            else:
                frequency = 10 ** (-int(key) / 100)
                frequencies.update(dict.fromkeys(words.split(), frequency))
    return frequencies, names


@cache
def version() -> str:
    """Names the term rules and the word list: stored terms of another version are stale."""
    digest = hashlib.sha1(DATA_FILE.read_bytes()).hexdigest()[:8]
    return f"{RULES}-{digest}"


# How many of the word list's most frequent forms ``preload`` reduces ahead.
_PRELOAD_TERMS = 50_000


def preload() -> None:
    """Read the word list, build the folding table and reduce the commonest forms now.

    A worker calls this before forking its processes (``services.processing``),
    so they share the work: each process otherwise reduces every form it
    meets for the first time on its own, and the commonest forms are met by
    all of them. The list is ordered from the most frequent form down.
    """
    frequencies, _names = _data()
    _fold_table()
    for word in islice(frequencies, _PRELOAD_TERMS):
        _TERMS[word]  # a miss reduces the form and keeps its term


def word_frequency(word: str) -> float:
    """How often a normalised word occurs in the word list (0 when it is not there)."""
    return _freq(word)


def is_name(word: str) -> bool:
    """True for a single word of a lexicon name (people, organisations, states)."""
    return word in _data()[1]


def _freq(word: str) -> float:
    return _data()[0].get(word, 0.0)


def _known(word: str) -> float:
    """The word's frequency, or 0 when it is not a known word of three letters or more."""
    if len(word) < _MIN_STEM:
        return 0.0
    if word in _data()[1]:
        return max(_freq(word), 1e-6)
    return _freq(word)


def _stems(rest: str, ta_final: bool) -> list[tuple[str, float, tuple[str, ...]]]:
    """``(stem, plausible ratio, forms without the enclitic)`` for ``rest`` as it is and
    without each enclitic pronoun or accusative alif.

    A definite word takes neither («الف» + هم is not a reading of «الفهم»),
    nor does a word ending in ta marbuta.
    """
    out: list[tuple[str, float, tuple[str, ...]]] = [(rest, 1.0, ())]
    if ta_final:
        return out
    for enc in _ENCLITICS:
        if rest.endswith(enc) and len(rest) - len(enc) >= _MIN_STEM:
            bares = _restored(rest[: -len(enc)])
            out += [(stem, _R_ENCLITIC, bares) for stem in bares if not stem.startswith("ال")]
    if rest.endswith("تي") and len(rest) > _MIN_STEM + 1:  # حكومتي: my government
        out.append((rest[:-2] + "ه", _R_ENCLITIC, (rest[:-2] + "ه",)))
    # Accusative alif (اتفاقاً); not the alif of «ـوا», «ـها» or a long vowel.
    if rest.endswith("ا") and len(rest) > _MIN_STEM and rest[-2] not in "وها" and rest[:2] != "ال":
        out.append((rest[:-1], _R_ALIF, (rest[:-1],)))
    return out


def _restored(stem: str) -> tuple[str, ...]:
    """The word a stem came from before an enclitic changed its last letter."""
    last = stem[-1]
    if last == "ت":  # وساطتها ← وساطة; وقتها ← وقت
        return (stem, stem[:-1] + "ه")
    if last in "ؤئ":  # وسطاؤها، وسطائها ← وسطاء
        return (stem[:-1] + "ء", stem)
    if last == "ا":  # مستواها، معناها ← مستوى، معنى
        restored = stem[:-1] + "ي"
    elif last in "وي":  # ممثلوها، ممثليها ← ممثلون، ممثلين
        restored = stem + "ن"
    else:
        return (stem,)
    return (restored,) if _freq(restored) else (stem,)


def _own_word(word: str, pro: str, article: bool, stem: str, ta_final: bool) -> bool:
    """True when ``word`` behaves as a word of its own rather than ``pro`` + a word.

    Clitics stack in one order (و/ف, then ب/ل/ك, then ال), so a clitic that
    cannot stand before ``pro`` can only stand before a word: «بلبنان»,
    «ووزير» and «اللجنة» show that «لبنان», «وزير» and «لجنة» are words, while
    «بلحماس» or «لبوساطة» are never written. A form beginning with «ال» that
    takes «ل» as «لا…» rather than «لل…» («لألمانيا», not «للمانيا») has an
    «ال» that is not the article. Without proclitics, a form that takes the
    article is a word (أماكن is not أما + كن).

    The word list folds ta marbuta into «ه», so a written «ه» read as a
    pronoun (``stem`` is the word less it, ``ta_final`` False) would always
    meet its ta-marbuta twin with the article («الوزيرة» for «وزيره», his
    minister): there the form with the article must also be common next to
    the stem's own («التوجه» against «التوج»: a word; «الوزيره» against
    «الوزير»: the pronoun's reading stands).
    """
    f = _freq(word)
    if not f:
        return False
    if article and _freq("ل" + word) > _freq("لل" + word[len(pro) :]):
        return True
    if not pro:
        with_article = _freq("ال" + word)
        if not ta_final and word == stem + "ه":
            return with_article >= max(_OWN_ARTICLE * f, _OWN_HA * _freq("ال" + stem))
        return with_article >= _OWN_ARTICLE * f
    stacked = sum(_freq(x + word) for x in _BEFORE_ONLY_WORDS.get(pro[0], ()))
    return stacked >= _OWN_STACKED * f


def term(word: str) -> str:
    """The search term of one normalised word (``_TA`` marks a final ta marbuta)."""
    ta_final = word.endswith(_TA)
    if _TA in word:
        word = word.replace(_TA, "ه")
    if word.isascii():
        return (
            word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word
        )
    return _arabic_term(word, ta_final)


@lru_cache(maxsize=200_000)
def _arabic_term(word: str, ta_final: bool) -> str:
    if len(word) <= _MIN_STEM or not _ARABIC_LETTERS.match(word) or word in _data()[1]:
        return word
    f_word = _freq(word)
    best: tuple[float, int, str] | None = None  # (stem frequency, letters stripped, stem)
    for pro, article, ratio, joints in _PROCLITICS_BY_FIRST.get(word[0], _NO_PROCLITIC):
        if not word.startswith(pro):
            continue
        rest = word[len(pro) :]
        rests = [rest]
        if pro.endswith("لل"):  # للجنة: ل + ال + لجنة, written with one lam less
            rests.append("ل" + rest)
        for rest in rests:
            readings = [(rest, 1.0, ())] if article else _stems(rest, ta_final)
            for stem, enc_ratio, bares in readings:
                if len(stem) >= len(word):
                    continue
                f_stem = _known(stem)
                if (
                    f_stem
                    and (best is None or (f_stem, len(word) - len(stem)) > best[:2])
                    and _licensed(
                        word, f_word, pro, article, stem, f_stem, ratio * enc_ratio, ta_final
                    )
                    and _agrees(word, pro, joints, rest, bares, stem, ta_final)
                ):
                    best = (f_stem, len(word) - len(stem), stem)
    return best[2] if best else word


def _agrees(
    word: str,
    pro: str,
    joints: tuple[int, ...],
    rest: str,
    bares: tuple[str, ...],
    stem: str,
    ta_final: bool,
) -> bool:
    """The stem and every known form between it and ``word`` must reduce to the stem.

    «وكيري» is not و + ك + يرى because «كيري» is a word that keeps its
    «ك»; «لبريطانيا» is not ل + بريطاني + ا because «بريطانيا» stays whole;
    «لقاءها» is not ل + قاء + ها because «لقاء» keeps its «ل»; «بالمفاوضات»
    is not ب + المفاوضات because «المفاوضات» loses its article. So a form
    is read the way its shorter known forms are, and a term is its own term.

    A form that ends as the word does ends in the word's own letter: a
    written «ه» (a pronoun, «ومفاوضاته» → «مفاوضاته») or a ta marbuta
    (``ta_final``). Any other form ending in «ه» is a stem restored to its
    ta marbuta («بوساطته» → «وساطه»).
    """
    forms = [stem, *(word[i:] for i in joints if i < len(pro))]
    if pro:
        forms.append(rest)
        if stem in bares:
            # The bare form of this reading only: «وصفقته» read as و + صفقة + ه is
            # not undone by «وصفقت» (و + صفقت, another reading of «صفقت»).
            forms.append(pro + stem)
    for form in forms:
        if len(form) <= _MIN_STEM or not _freq(form):
            continue
        ta = ta_final if word.endswith(form) else form.endswith("ه")
        if _arabic_term(form, ta) != stem:
            return False
    return True


def _licensed(
    word: str,
    f_word: float,
    pro: str,
    article: bool,
    stem: str,
    f_stem: float,
    ratio: float,
    ta_final: bool,
) -> bool:
    """May ``word`` be read as ``stem`` with these clitics? See the module docstring."""
    if _own_word(word, pro, article, stem, ta_final):
        return False
    if not f_word:
        return True
    if article:  # the article doubles as often as not; only noise is refused
        return f_word <= 200 * f_stem
    if f_word <= _SLACK * ratio * f_stem:
        return True
    # بوساطة, برعاية, لصالح: a preposition before a noun (one that takes the
    # article) may be as frequent as the noun itself.
    prep = pro.lstrip("وف")
    return bool(prep) and f_word <= _IDIOM * f_stem and _freq("ال" + stem) >= 0.02 * f_stem


class _TermCache(dict):
    """Word -> term, filled on first sight; ``map(cache.__getitem__, …)`` stays in C.

    News vocabulary is small next to its running text, so after the first
    few thousand articles nearly every word is a dictionary hit.
    """

    def __missing__(self, word: str) -> str:
        if len(self) > _MAX_CACHE:
            self.clear()
        value = self[word] = term(word)
        return value


_TERMS = _TermCache()


# PostgreSQL refuses a lexeme of 2 KB or more ("word is too long") and a
# tsvector over 1 MB; no word is 100 letters long, and the first 300,000
# characters of a body (a short book) carry every term worth finding it by.
MAX_TERM_CHARS = 100
MAX_SEARCH_CHARS = 300_000


def search_terms(text: str) -> str:
    """Space-separated search terms of ``text`` (for the index and for queries).

    Bounded whatever the input: at most ``MAX_SEARCH_CHARS`` of it are read
    and tokens longer than ``MAX_TERM_CHARS`` are not terms.
    """
    text = text[:MAX_SEARCH_CHARS]
    folded = normalize(_TA_RE.sub(_TA, text)) if "\u0629" in text else normalize(text)
    words = _WORD.findall(folded)
    # Over-long tokens are rare: one C pass finds whether any is there, and
    # the common case maps the words to terms without a Python step per word.
    if words and max(map(len, words)) > MAX_TERM_CHARS:
        words = [w for w in words if len(w) <= MAX_TERM_CHARS]
    return " ".join(map(_TERMS.__getitem__, words))


def search_document(title: str, text: str) -> str:
    """What an article's ``search_text`` holds: title terms, a newline, body terms.

    The database weights the first line above the rest, so an article whose
    headline names the query ranks above one that mentions it in passing.
    """
    return f"{search_terms(title)}\n{search_terms(text)}"


def search_documents(documents: Iterable[tuple[str, str]]) -> list[str]:
    """``search_document(title, text)`` of each pair, for a worker's chunk at once.

    The same terms as the one-document path (the tests hold it to that),
    but texts are folded and cut into words a few dozen at a time in one
    pass: each code point is looked up in a table that says what
    ``normalize`` makes of it (ta marbuta marked first) and whether that is
    a word character, so the words are a ``str.split`` of the folded text.
    Normalising text by text and finding words with a regular expression
    took two thirds of the time a worker spent on the terms of words it
    had already seen.
    """
    pairs = list(documents)
    out: list[str] = []
    for i in range(0, len(pairs), _FOLD_BATCH):
        parts = [part[:MAX_SEARCH_CHARS] for pair in pairs[i : i + _FOLD_BATCH] for part in pair]
        terms = [_terms_of_words(folded.split()) for folded in _folded(parts)]
        out += [f"{title}\n{body}" for title, body in zip(terms[::2], terms[1::2], strict=True)]
    return out


def _terms_of_words(words: list[str]) -> str:
    if words and max(map(len, words)) > MAX_TERM_CHARS:
        words = [w for w in words if len(w) <= MAX_TERM_CHARS]
    return " ".join(map(_TERMS.__getitem__, words))


# Documents folded in one pass: a worker's whole chunk at once held some
# twenty megabytes more at its peak, and was no faster.
_FOLD_BATCH = 64
_SPACE = ord(" ")


def _fold(code: int, normalized: int) -> int:
    """What one code point becomes before words are found, from what ``normalize``
    makes of it: the same, a space (not a word character), or ``DELETED``."""
    if code == 0x0629:  # ta marbuta is marked before normalising
        normalized = codepoints.normalized(_TA)
    if normalized == codepoints.DELETED:
        return normalized
    return normalized if _WORD.fullmatch(chr(normalized)) else _SPACE


@cache
def _fold_table() -> np.ndarray:
    """``_fold`` of every code point of the Basic Multilingual Plane."""
    normalized = codepoints.normalized_table()[:0x10000].tolist()
    return np.fromiter(map(_fold, range(0x10000), normalized), dtype=np.uint32, count=0x10000)


def _folded(parts: list[str]) -> list[str]:
    """Each part normalised with non-word characters turned into spaces."""
    codes = codepoints.codes("".join(parts))
    table = _fold_table()
    if len(codes) and int(codes.max()) >= 0x10000:
        out = table[np.minimum(codes, 0xFFFF)]
        astral = np.flatnonzero(codes >= 0x10000)
        for code in np.unique(codes[astral]):
            out[astral[codes[astral] == code]] = _fold(int(code), codepoints.normalized(chr(code)))
    else:
        out = table[codes]
    bounds = np.zeros(len(parts) + 1, dtype=np.int64)
    np.cumsum(np.fromiter(map(len, parts), dtype=np.int64, count=len(parts)), out=bounds[1:])
    out, bounds = codepoints.without_deleted(out, bounds)
    folded = codepoints.text_of(out)
    return [folded[a:b] for a, b in pairwise(bounds.tolist())]
