"""Build ``articles/nlp/data/search_words.txt.gz``, the words search strips clitics against.

Run with ``make search-words`` (installs the pinned ``wordfreq`` from
``requirements-build.txt`` first). The output is a pure function of the
wordfreq release and the lexicon's YAML files, so the same inputs give the
same bytes (the gzip header carries no time or name).

What it writes, one line per frequency bucket: ``<bucket>\\t<word> <word> …``
where a word's frequency is ``10 ** (-bucket / 100)`` (wordfreq's
centibel buckets), every word in the form ``normalize`` gives (alef, ya and
ta-marbuta folded), Arabic script only, at least three letters, no rarer than
``FLOOR``. Spellings that fold together add up. A last line
``names\\t<word> …`` holds the single words of the lexicon's Arabic names
(people, organisations, states, capitals), without a leading article: these
are always known and never lose a letter.

The list is wordfreq's ``large`` Arabic list (Wikipedia, subtitles, news,
web text; CC BY-SA 4.0, see the data README); surface forms, so it holds
clitic forms as well as words, which is why ``articles.nlp.search`` asks for
frequencies rather than membership.
"""

from __future__ import annotations

import gzip
import io
import math
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from articles.nlp.lexicon import Lexicon  # noqa: E402
from articles.nlp.normalize import normalize  # noqa: E402

OUT = ROOT / "articles" / "nlp" / "data" / "search_words.txt.gz"
FLOOR = 10**-7.6  # below this the list is mostly typos and run-together words
_ARABIC = re.compile(r"^[\u0621-\u064a]{3,}$")


def _frequencies() -> dict[str, float]:
    from wordfreq import get_frequency_list

    freq: dict[str, float] = {}
    for bucket, words in enumerate(get_frequency_list("ar", wordlist="large")):
        f = 10 ** (-bucket / 100)
        for word in words:
            n = normalize(word)
            if _ARABIC.match(n):
                freq[n] = freq.get(n, 0.0) + f
    return {w: f for w, f in freq.items() if f >= FLOOR}


def _names() -> set[str]:
    lex = Lexicon.from_data_dir()
    # Every word of a person's name; of a state's or an organisation's only
    # one-word names: the later words of «المفوضية السامية للأمم المتحدة»
    # carry clitics of their own.
    texts: list[str] = [
        w for p in lex.persons for t in (p.name_ar, *(a.text for a in p.aliases)) for w in t.split()
    ]
    for actor in lex.actors:
        texts += [
            t
            for t in (actor.name_ar, *(a.text for a in actor.aliases if a.kind != "demonym"))
            if t and len(t.split()) == 1
        ]
    out: set[str] = set()
    for text in texts:
        for word in normalize(text or "").split():
            if word.startswith("ال") and len(word) >= 5:
                word = word[2:]
            if _ARABIC.match(word):
                out.add(word)
    return out


def build() -> bytes:
    by_bucket: dict[int, list[str]] = {}
    for word, f in _frequencies().items():
        by_bucket.setdefault(round(-100 * math.log10(f)), []).append(word)
    lines = [f"{b}\t{' '.join(sorted(ws))}" for b, ws in sorted(by_bucket.items())]
    lines.append("names\t" + " ".join(sorted(_names())))
    raw = ("\n".join(lines) + "\n").encode("utf-8")
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(raw)
    return buf.getvalue()


if __name__ == "__main__":
    data = build()
    OUT.write_bytes(data)
    print(f"{OUT.relative_to(ROOT)}: {len(data):,} bytes")
