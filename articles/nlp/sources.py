"""Which outlets and agencies the article quotes.

Known outlets (data/outlets.yaml) count when a citing cue stands just before
them («نقلا عن رويترز», «لوكالة فرانس برس», «according to Reuters») or
when they sign the story («المصدر: …»). Unknown names in quotes after
«موقع/صحيفة/وكالة/قناة» are captured too, so new outlets surface.
"""

from __future__ import annotations

import re

from articles.nlp.matcher import Hit

_CUE_WORDS = frozenset(
    [
        "وفقا",
        "وفق",
        "نقلا",
        "حسب",
        "بحسب",
        "وكاله",
        "لوكاله",
        "صحيفه",
        "لصحيفه",
        "موقع",
        "لموقع",
        "قناه",
        "لقناه",
        "ذكرت",
        "اوردت",
        "نشرت",
        "افادت",
        "قالت",
        "اكدت",
        "المصدر",
        "مصادر",
        "تقرير",
        "لتقرير",
        "شبكه",
        "لشبكه",
        "اذاعه",
        "according",
        "told",
        "reported",
        "cited",
        "reports",
        "report",
        "quoted",
    ]
)
# Cues that name a medium outright; an outlet whose name is also an ordinary
# word or place (الجزيرة، العربية، الرياض، اليوم، الوطن) counts only after
# one of these, never after «قالت» or a bare «ل».
_CITATION_WORDS = frozenset(
    [
        "وفقا",
        "وفق",
        "نقلا",
        "حسب",
        "بحسب",
        "وكاله",
        "لوكاله",
        "صحيفه",
        "لصحيفه",
        "موقع",
        "لموقع",
        "قناه",
        "لقناه",
        "شبكه",
        "لشبكه",
        "اذاعه",
        "لاذاعه",
        "according",
    ]
)


def _needs_context(surface: str) -> bool:
    """A one-word Arabic name, or one with «ال»: likely an ordinary word too."""
    return not surface.isascii() and (" " not in surface or surface.startswith("ال"))


# Nouns that introduce a medium's name in quotes («موقع "…"»).
_MEDIUM_NOUNS = ("موقع", "صحيفه", "وكاله", "قناه", "شبكه", "اذاعه")
_QUOTED_RE = re.compile(
    r"(?<![^\s(])(?:ل|و|ب)?(?:" + "|".join(_MEDIUM_NOUNS) + r")\s+\"([^\"\n]{2,40})\""
)
_SIGNATURE_RE = re.compile(r"(?:^|\n)\s*المصدر\s*:\s*([^\n]{2,40})")
_EN_QUOTED_RE = re.compile(
    r"\b(?:according to|told|reported by)\s+(?:the\s+)?([A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3})"
)


def _may_quote(norm: str) -> bool:
    """Whether ``_QUOTED_RE`` may match: a quote mark and one of its nouns occur.

    The pattern opens with a look-behind, so the regex engine tries a match
    at every position of the text; these plain substring scans are many
    times faster and leave it most articles to skip.
    """
    return '"' in norm and any(noun in norm for noun in _MEDIUM_NOUNS)


def cited_sources(
    norm: str,
    original: str,
    to_orig,
    outlet_hits: list[Hit],
    outlet_names: list[str],
) -> list[str]:
    """Canonical names of cited outlets plus quoted unknown ones."""
    out: set[str] = set()
    for hit in outlet_hits:
        window = norm[max(0, hit.start - 40) : hit.start].split()[-4:]
        if hit.prefix in ("ل", "و", "ول") and window and window[-1] in ("وفقا", "وفق"):
            window.append("وفقا")
        words = [w.strip('"') for w in window]
        for t in hit.targets:
            if _needs_context(t.surface):
                ok = bool(words) and (words[-1] in _CITATION_WORDS or words[-1] == "عن")
                ok = ok or (len(words) > 1 and words[-2] in _CITATION_WORDS)
            else:
                ok = any(w in _CUE_WORDS for w in words) or hit.prefix == "ل"
            if ok:
                out.add(outlet_names[int(t.ids[0])])
    known: set[str] | None = None  # built only when a quoted name is found
    for m in _QUOTED_RE.finditer(norm) if _may_quote(norm) else ():
        s, e = to_orig(m.start(1), m.end(1))
        name = original[s:e].strip()
        if known is None:
            known = set(outlet_names)
        if name and name not in known:
            out.add(name)
    for m in _SIGNATURE_RE.finditer(norm) if "المصدر" in norm else ():
        s, e = to_orig(m.start(1), m.end(1))
        name = original[s:e].strip(" .")
        if name:
            out.add(name)
    if original.isascii():
        for m in _EN_QUOTED_RE.finditer(original):
            out.add(m.group(1))
    # A quoted name that is a known outlet's alias is already canonical.
    return sorted(out)
