"""Unknown people introduced by a title, offered to admins for the lexicon, with their affiliation.

News introduces a new negotiator the same way every time: a title or role
noun, what it is a title of, then the name: «وزير الخارجية الصومالي أحمد
معلم فقي», «المتحدث باسم وزارة الخارجية الإيرانية إسماعيل بقائي», "U.S.
special envoy Steve Witkoff". So a candidate is what follows a title
(``data/candidates.yaml``), past the words that qualify the title (الخاص،
باسم وزارة…) and the demonyms and names the lexicon knows (which give the
affiliation: الصومالي → SOM, لحزب الله → hezbollah), when it has the shape
of a name:

- Arabic: two to four words, the first a known first name, an «عبد…» or
  «أبو…» form, or a word the Arabic word list does not know (a transliterated
  foreign name: ويتشاياتشاي، لايتشاك); the rest name words, connectors
  (بن، أبو، آل) or family names with the article (الحوثي، العطية); no word
  carrying a clitic («فقال», «للصحفيين») and no verb or function word
  («دعا», «إثر»). A phrase such as «قاعتين منفصلتين» has none of these
  shapes; a known person right after the title means the name is known.
- English: two to four capitalised words after a title word.

The lists are data (``data/candidates.yaml``); the known-word test is the
search word list (``articles.nlp.search``), the same evidence the search
uses to tell a clitic from a letter of the word.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from articles.nlp import search
from articles.nlp.normalize import normalize
from articles.nlp.types import Candidate

DATA_FILE = Path(__file__).resolve().parent / "data" / "candidates.yaml"
_WORD_RE = re.compile(r"[^\W\d_]+")
_BREAK = frozenset('.،,؛;:\n"()«»!?؟')
_MAX_BETWEEN = 7  # words between the title and the name
_MAX_NAME = 4
_CONTEXT = 60  # characters of context either side
_COMMON = 1e-5  # a word this frequent in the word list is an ordinary word, not a name


class _Lists:
    """The word lists of ``data/candidates.yaml``, normalised once."""

    def __init__(self, raw: dict[str, list[str]]) -> None:
        def norm(key: str) -> frozenset[str]:
            return frozenset(normalize(w) for w in raw.get(key) or [])

        self.between = norm("between_ar")
        self.stop = norm("stop_ar")
        # As written: «على» and «علي», «أن» and «آن» fold together.
        self.stop_written = frozenset(raw.get("stop_ar") or [])
        self.connectors = norm("connectors_ar")
        self.first_names = norm("first_names_ar")
        titles = sorted({" ".join(normalize(t).split()) for t in raw.get("titles_ar") or []})
        forms = set(titles) | {"ل" + t[2:] for t in titles if t.startswith("ال")}  # للرئيس
        alternation = "|".join(re.escape(t) for t in sorted(forms, key=len, reverse=True))
        self.title_ar = re.compile(rf"(?<!\w)(?:[وف]?[بلك]?)(?:{alternation})(?!\w)")
        titles_en = sorted(raw.get("titles_en") or [], key=len, reverse=True)
        self.stop_en = frozenset(raw.get("stop_en") or [])
        name_word = r"(?:[A-Z][\w'’-]+|bin|al|Al|el|El|de|van|von|bin|ibn)"
        self.title_en = re.compile(
            r"\b(?i:" + "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in titles_en) + r")"
            rf"\s+(?P<name>[A-Z][\w'’-]+(?:\s+{name_word}){{1,3}})"
        )


@cache
def _lists() -> _Lists:
    with DATA_FILE.open(encoding="utf-8") as f:
        return _Lists(yaml.safe_load(f) or {})


def find(
    norm: str,
    original: str,
    to_orig: Callable[[int, int], tuple[int, int]],
    hits: Sequence[Any] = (),
) -> list[Candidate]:
    """Names after titles that the lexicon does not know, with the affiliation their title gives.

    ``hits`` are the lexicon matches of the text (``matcher.Hit``: ``start``,
    ``end`` in ``norm`` and ``targets``); actor hits between a title and its
    name give the affiliation, person hits mark names already known.
    """
    out: list[Candidate] = []
    seen: set[str] = set()
    for cand in [*_arabic(norm, original, to_orig, hits), *_english(norm, original, to_orig, hits)]:
        if cand.name not in seen:
            seen.add(cand.name)
            out.append(cand)
    return out


def _hit_at(hits: Sequence[Any], start: int, end: int) -> Any | None:
    for h in hits:
        if h.start < end and start < h.end:
            return h
    return None


def _actor_of(hit: Any) -> str | None:
    target = hit.targets[0]
    if target.type == "actor" and len(target.ids) == 1:
        return target.ids[0]
    return None


def _is_person(hit: Any) -> bool:
    return any(t.type == "person" for t in hit.targets)


def _arabic(norm: str, original: str, to_orig, hits: Sequence[Any]) -> list[Candidate]:
    lists = _lists()
    out: list[Candidate] = []
    for m in lists.title_ar.finditer(norm):
        affiliation: str | None = None
        words: list[re.Match[str]] = []
        pos = m.end()
        known = False
        for wm in _WORD_RE.finditer(norm, pos, min(len(norm), pos + 160)):
            if any(ch in _BREAK for ch in norm[pos : wm.start()]):
                break
            pos = wm.end()
            w = wm.group()
            hit = _hit_at(hits, wm.start(), wm.end())
            if not words:  # still between the title and the name
                if hit is not None:
                    if _is_person(hit):
                        known = True
                        break
                    # The title's own nisba comes first: «السفير المصري بالخرطوم» → EGY.
                    affiliation = affiliation or _actor_of(hit)
                    continue
                if w in lists.between or (w.startswith("ال") and w[2:] in lists.between):
                    continue
                if lists.title_ar.fullmatch(w):
                    continue
                s, e = to_orig(wm.start(), wm.end())
                if _name_start(w, lists) and original[s:e] not in lists.stop_written:
                    words.append(wm)
                    continue
                break
            if hit is not None and _is_person(hit):
                known = True  # a longer spelling of a name the lexicon knows
                break
            after_connector = words[-1].group() in lists.connectors  # عبد الرحيم، أبو عمر
            if hit is not None or not (
                _name_part(w, lists) or (after_connector and w not in lists.stop)
            ):
                break
            words.append(wm)
            if len(words) == _MAX_NAME:
                break
        while words and words[-1].group() in lists.connectors:
            words.pop()
        if known or len(words) < 2:
            continue
        out.append(_candidate(norm, original, to_orig, m.start(), m.end(), words, affiliation))
    return out


def is_given_name(word: str) -> bool:
    """Is the normalised ``word`` a common given name («خالد», «عبدالله»)?

    Two-letter names are left out: «آن» folds into «أن» ("that").
    """
    if len(word) > 2 and word in _lists().first_names:
        return True
    return word.startswith("عبد") and len(word) > 4


def _name_start(word: str, lists: _Lists) -> bool:
    """Can ``word`` begin a name? A first name, «عبد…»/«أبو…», or a word Arabic does not know."""
    if word in lists.first_names or word in lists.connectors or search.is_name(word):
        return True
    if word.startswith(("عبد", "ابو")) and len(word) > 4:
        return True
    return _foreign(word, lists)


def _name_part(word: str, lists: _Lists) -> bool:
    """Can ``word`` continue a name? Not a function word, verb of saying or clitic-bearing word."""
    if len(word) < 2 or word in lists.stop or word in lists.between:
        return False
    if word in lists.first_names or word in lists.connectors:
        return True
    if search.is_name(word):
        return True
    if word.startswith("ال"):  # family names: الحوثي، العطية، المرتضى; not الحديث
        return len(word) > 4 and search.word_frequency(word[2:]) < _COMMON
    if search.term(word) != word:  # carries a clitic: فقال، للصحفيين
        return False
    f = search.word_frequency(word)
    # Common words (رفض، التصريح) and known verbs in the imperfect (يدور، تبحث)
    # are not names; rare words are (محفوظ، جونسون، هيرتزوج).
    return f < _COMMON and not (f and word[0] in "يتن")


def _foreign(word: str, lists: _Lists) -> bool:
    """A word the Arabic word list does not know, with no clitic: a transliterated name."""
    if len(word) < 3 or word in lists.stop or word.startswith("ال"):
        return False
    return search.word_frequency(word) == 0.0 and search.term(word) == word


def _candidate(
    norm: str,
    original: str,
    to_orig,
    title_start: int,
    title_end: int,
    words: list[re.Match[str]],
    affiliation: str | None,
) -> Candidate:
    s, e = to_orig(words[0].start(), words[-1].end())
    ts, te = to_orig(title_start, title_end)
    cs, ce = to_orig(max(0, title_start - _CONTEXT), min(len(norm), words[-1].end() + _CONTEXT))
    return Candidate(
        name=original[s:e],
        title=original[ts:te],
        context=original[cs:ce],
        affiliation=affiliation,
    )


def _english(norm: str, original: str, to_orig, hits: Sequence[Any]) -> list[Candidate]:
    lists = _lists()
    out: list[Candidate] = []
    # ASCII characters counted in C: encoding drops every other one.
    if not original.isascii() and len(original.encode("ascii", "ignore")) < len(original) // 2:
        return out
    # English text carries no diacritics, so normalised and original offsets agree.
    by_orig = [(*to_orig(h.start, h.end), h) for h in hits]
    for m in lists.title_en.finditer(original):
        tokens = m.group("name").split()
        while tokens and (tokens[-1] in lists.stop_en or not tokens[-1][0].isupper()):
            tokens.pop()
        if len(tokens) < 2 or tokens[0] in lists.stop_en:
            continue
        start = m.start("name")
        end = [t.end() for t in re.finditer(r"\S+", original[start : m.end()])][len(tokens) - 1]
        end += start
        if any(s < end and start < e and _is_person(h) for s, e, h in by_orig):
            continue
        if any(s < end and start < e and _actor_of(h) for s, e, h in by_orig):
            continue  # "President Joe Biden" is known; "Foreign Minister Qatar" is no name
        affiliation = None
        for s, e, h in by_orig:
            if m.start() - 40 <= s and e <= start and _actor_of(h):
                affiliation = _actor_of(h)
        out.append(
            Candidate(
                name=original[start:end],
                title=original[m.start() : m.start("name")].strip(),
                context=original[max(0, m.start() - _CONTEXT) : min(len(original), end + _CONTEXT)],
                affiliation=affiliation,
            )
        )
    return out
