"""Search terms: the form in which article text is indexed and queries are asked.

PostgreSQL's ``simple`` text-search configuration knows nothing of Arabic,
so we hand it words already folded: letters normalised (``normalize``), the
conjunctions, prepositions and article that Arabic writes onto a word
removed, and the commonest suffixes taken off (a light stemmer in the manner
of Larkey's *light10*). «المفاوضات», «ومفاوضات» and «مفاوضة» then share one
term, so a search for one finds the others. The same function builds the
index and the query, which is what makes them agree.
"""

from __future__ import annotations

import re

from articles.nlp.normalize import normalize

_WORD = re.compile(r"[\w\u0600-\u06ff]+")
# Longest first: «وال» must be tried before «و».
_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")
_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")


def stem(word: str) -> str:
    """Light-stem one normalised word; ASCII words only lose a plural ``s``."""
    if word.isascii():
        return (
            word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word
        )
    for p in _PREFIXES:
        if word.startswith(p) and len(word) - len(p) >= 2:
            word = word[len(p) :]
            break
    else:
        if word.startswith("و") and len(word) >= 4:
            word = word[1:]
    for s in _SUFFIXES:
        if word.endswith(s) and len(word) - len(s) >= 3:
            word = word[: -len(s)]
    return word


class _StemCache(dict):
    """Word -> stem, filled on first sight; ``map(cache.__getitem__, …)`` stays in C.

    News vocabulary is small next to its running text, so after the first
    few thousand articles nearly every word is a dictionary hit.
    """

    MAX = 500_000

    def __missing__(self, word: str) -> str:
        if len(self) > self.MAX:
            self.clear()
        value = self[word] = stem(word)
        return value


_STEMS = _StemCache()


def search_terms(text: str) -> str:
    """Space-separated search terms of ``text`` (for the index and for queries)."""
    return " ".join(map(_STEMS.__getitem__, _WORD.findall(normalize(text))))


def search_document(title: str, text: str) -> str:
    """What an article's ``search_text`` holds: title terms, a newline, body terms.

    The database weights the first line above the rest, so an article whose
    headline names the query ranks above one that mentions it in passing.
    """
    return f"{search_terms(title)}\n{search_terms(text)}"
