"""Whom an article credits for the report of a move (``attributed_to``).

Two kinds of credit, the first that appears in the sentence wins:

- a known outlet (the tagger's outlet hits, data/outlets.yaml) with a citing
  word in the four words before it («نقلت رويترز», «بحسب موقع أكسيوس»,
  "according to Reuters") or a citing verb right after it («ذكرت»);
- an unnamed source: a source noun («مصادر», «مسؤول», "official") and the
  words that qualify it up to a stop word («مصادر مطلعة», «مسؤول أمريكي»,
  "a senior U.S. official"), taken from the original text.

A move the actor states on record, or the article reports in its own
voice, has no attribution (None). Outlets cited in an earlier sentence
carry over to the sentences that follow with «وقال الموقع» / "the site
said": the caller passes the article's last outlet in.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from articles.nlp.events.data import load

_WORD_RE = re.compile(r"\w+")
_MAX_SOURCE_WORDS = 5
# «قال الموقع», «وأضاف المصدر»: the outlet named earlier still speaks.
_BACK_REFERENCES = ("الموقع", "الصحيفه", "الوكاله", "القناه", "الشبكه", "the site", "the paper")


def _is_citing(word: str, citing: frozenset[str]) -> bool:
    return word in citing or (word[:1] in "وفل" and word[1:] in citing)


def attribute(
    norm: str,
    original: str,
    span: tuple[int, int],
    outlets: list[tuple[int, int, str]],
    to_orig: Callable[[int, int], tuple[int, int]],
    last_outlet: str | None = None,
) -> str | None:
    """The credited source of the sentence ``span`` (normalised offsets), or None.

    ``outlets``: (start, end, canonical name) of outlet hits inside the span.
    """
    data = load()
    s, e = span
    best: tuple[int, str] | None = None
    for os_, oe, name in outlets:
        before = [w for w in _WORD_RE.findall(norm[max(s, os_ - 40) : os_])][-4:]
        after = _WORD_RE.findall(norm[oe : min(e, oe + 20)])[:1]
        if any(_is_citing(w, data.citing) for w in before) or (after and after[0] in data.citing):
            best = (os_, name)
            break
    words = list(_WORD_RE.finditer(norm, s, e))
    for i, m in enumerate(words):
        if best is not None and m.start() > best[0]:
            break
        w = m.group()
        if w in data.source_nouns or (w[:1] in "وبل" and w[1:] in data.source_nouns):
            if i and words[i - 1].group() in data.source_company:
                continue  # «محادثات مع دبلوماسيين»: those met, not who reports it
            end = m.end()
            for nxt in words[i + 1 : i + 1 + _MAX_SOURCE_WORDS]:
                if nxt.group() in data.source_stop or norm[end : nxt.start()].strip(" "):
                    break
                end = nxt.end()
            start = m.start()
            # English: keep the adjectives before the noun ("a senior U.S. official").
            if w.isascii():
                j = i
                while j > 0 and words[j - 1].group() not in ("a", "an", "the", "by", "citing"):
                    if norm[words[j - 1].end() : words[j].start()].strip(" ."):
                        break
                    j -= 1
                    if i - j >= 3:
                        break
                start = words[j].start()
                end = m.end()
            os_, oe = to_orig(start, end)
            text = original[os_:oe].strip()
            if w[:1] in "وبل" and not w.isascii() and text[:1] in "وبل":
                text = text[1:]
            if best is None or start < best[0]:
                return text or None
    if best is not None:
        return best[1]
    if last_outlet and any(b in norm[s:e] for b in _BACK_REFERENCES):
        return last_outlet
    return None
