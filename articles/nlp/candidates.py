"""Unknown people introduced by a title, offered to analysts for the lexicon.

News introduces new negotiators the same way every time: «المبعوث الأمريكي
الخاص … آدم بوهلر», «المتحدث باسم وزارة الخارجية الإيرانية إسماعيل
بقائي». After such a title, the first one-to-three words that are neither
known lexicon surfaces nor function words are taken as the name.
"""

from __future__ import annotations

import re

from articles.nlp.types import Candidate

_TITLE_RE = re.compile(
    r"(?:المبعوث|مبعوث|المتحدثه? باسم|الناطق باسم|مستشار|السفير|وزير(?:ه)? الخارجيه|رئيس الوزراء|"
    r"الرئيس|رئيس|نائب رئيس|قائد|زعيم|الامين العام)"
)
_STOP = frozenset(
    [
        "في",
        "من",
        "الي",
        "الى",
        "علي",
        "على",
        "عن",
        "مع",
        "ان",
        "أن",
        "إن",
        "بين",
        "الخاص",
        "الخاصه",
        "لشؤون",
        "بشؤون",
        "شؤون",
        "باسم",
        "وزاره",
        "الخارجيه",
        "الحكومه",
        "الوزراء",
        "الدولي",
        "الدوليه",
        "الاممي",
        "الامم",
        "المتحده",
        "العام",
        "السابق",
        "الحالي",
        "الجديد",
        "الاسبق",
        "الوطني",
        "حركه",
        "حزب",
        "مجلس",
        "لجنه",
        "هيئه",
        "قال",
        "قالت",
        "اكد",
        "اكدت",
        "الذي",
        "التي",
        "ان",
        "انه",
        "يوم",
        "اليوم",
        "امس",
        "كما",
        "وقد",
        "ثم",
        "بعد",
        "قبل",
        "خلال",
        "ايضا",
        "الدفاع",
        "الداخليه",
        "الخاصين",
        "المقرب",
        "المقربين",
        "للامم",
        "الشيخ",
        "الامير",
        "الملك",
        "الدكتور",
        "السيد",
        "المستشار",
        "اللواء",
        "العميد",
        "الفريق",
    ]
)
_WORD_RE = re.compile(r"[^\W\d_]+")


def find(norm: str, original: str, to_orig, known_spans: list[tuple[int, int]]) -> list[Candidate]:
    """Title + name sequences where the name is not in the lexicon."""
    covered = known_spans
    out: list[Candidate] = []
    seen: set[str] = set()
    for m in _TITLE_RE.finditer(norm):
        pos = m.end()
        words = []
        for wm in _WORD_RE.finditer(norm, pos, min(len(norm), pos + 120)):
            between = norm[pos : wm.start()]
            if any(ch in between for ch in '.،,؛:\n"()'):
                break
            pos = wm.end()
            w = wm.group()
            inside_known = any(s <= wm.start() < e for s, e in covered)
            if w in _STOP or inside_known or len(w) < 3 or w.startswith("ال"):
                if words:
                    break
                continue
            words.append(wm)
            if len(words) == 3:
                break
        if len(words) < 2:
            continue
        s, e = to_orig(words[0].start(), words[-1].end())
        name = original[s:e]
        if name in seen:
            continue
        seen.add(name)
        ts, te = to_orig(m.start(), m.end())
        ctx_s, ctx_e = to_orig(max(0, m.start() - 40), min(len(norm), words[-1].end() + 40))
        out.append(Candidate(name=name, title=original[ts:te], context=original[ctx_s:ctx_e]))
    return out
