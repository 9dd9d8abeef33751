"""Arabic clitic variants of a lexicon surface.

Instead of stripping clitics from every word of every article (and then
having to decide whether «بغداد» is «ب» + «غداد»), we expand each known
name once into the forms it can take with proclitics attached: «حماس» →
«لحماس», «وحماس» …; «الولايات المتحدة» → «والولايات المتحدة»,
«للولايات المتحدة». A word is then recognised only when the whole of it is
a known name with an optional proclitic, which is exactly the rule
"strip a clitic only when what remains is a known name".
"""

from __future__ import annotations

# Conjunction + preposition combinations seen in news text.
_PREFIXES_PLAIN = ("و", "ف", "ب", "ك", "ل", "وب", "ول", "فب", "فل", "وك", "فك")
_PREFIXES_DEFINITE = ("و", "ف", "ب", "ك", "وب", "فب", "وك", "فك")
_PREFIXES_LAM = ("ل", "ول", "فل")  # ل + ال → لل


def proclitic_forms(surface: str, add_definite: bool = False) -> list[tuple[str, int]]:
    """``(form, prefix_length)`` pairs for a normalised Arabic surface.

    ``add_definite`` also yields the «ال» form of an indefinite adjective
    (قطري → القطري), used for demonyms whose article is part of the phrase.
    """
    bases = [surface]
    if add_definite and not surface.startswith("ال"):
        bases.append("ال" + surface)
    out: list[tuple[str, int]] = []
    for base in bases:
        out.append((base, 0))
        if base.startswith("ال"):
            out += [(p + base, len(p)) for p in _PREFIXES_DEFINITE]
            out += [(p + "ل" + base[2:], len(p)) for p in _PREFIXES_LAM]
        else:
            out += [(p + base, len(p)) for p in _PREFIXES_PLAIN]
    return out


# Enclitic pronouns: «وساطتها» (her mediation), «وفدهما» (their delegation).
ENCLITICS = ("ه", "ها", "هما", "هم", "نا")


def enclitic_forms(word: str) -> list[tuple[str, str]]:
    """``(form, pronoun)`` pairs of a one-word normalised Arabic cue word.

    A final teh marbuta (normalised to «ه») turns back into «ت» before the
    pronoun (وساطه → وساطتها). Words with the article take no pronoun.
    """
    if " " in word or word.startswith("ال") or len(word) < 3 or word.isascii():
        return []
    base = word[:-1] + "ت" if word.endswith("ه") else word
    return [(base + p, p) for p in ENCLITICS]
