"""Name candidates: made-up sentences yield the names after titles, with affiliation, and no phrases."""

from __future__ import annotations

import pytest

from articles.nlp import candidates
from articles.nlp.normalize import normalize_with_offsets, to_original
from articles.nlp.tagger import Tagger
from articles.nlp.types import ArticleInput, Candidate

# Each text reports a negotiation (candidates are looked for in those) and
# names people the lexicon does not know.
NAMED = [
    (
        "استضافت تركيا جولة جديدة من المفاوضات بين الصومال وإثيوبيا بوساطة تركية. "
        "وقال وزير الخارجية الصومالي أحمد معلم فقي إن المحادثات في أنقرة حققت تقدما.",
        "أحمد معلم فقي",
        "SOM",
    ),
    (
        "قالت الأمم المتحدة إن جولة المفاوضات المقبلة بين الطرفين ستعقد في جنيف. "
        "وأكد المبعوث الأممي الخاص هانس ديتليف كلاوزن أن الوساطة مستمرة.",
        "هانس ديتليف كلاوزن",
        "un",
    ),
    (
        "وتستمر مفاوضات الهدنة في الدوحة بوساطة مصرية قطرية. "
        "وقال القيادي في حركة حماس سامر عبد الرحيم الحلبي إن الحركة تدرس المقترح.",
        "سامر عبد الرحيم الحلبي",
        "hamas",
    ),
    (
        "بحث وزير الخارجية السوداني العلاقات مع مصر والوساطة في المفاوضات، ونقلت الوكالة عن "
        "السفير المصري بالخرطوم أسامة شلتوت أن الجولة المقبلة ستعقد قريبا.",
        "أسامة شلتوت",
        "EGY",
    ),
    (
        "Turkey hosted a new round of talks between Somalia and Ethiopia. Somali Foreign "
        "Minister Ahmed Moallim Fiqi said the negotiations in Ankara made progress.",
        "Ahmed Moallim Fiqi",
        "SOM",
    ),
]

# Titles followed by phrases, known people or nothing: no candidate.
UNNAMED = [
    "وتواصلت المفاوضات بين إسرائيل وحماس بوساطة قطرية مصرية. وقال الرئيس الأمريكي جو بايدن "
    "فقال للصحفيين إن الأطراف أقرب من أي وقت إلى اتفاق هدنة.",
    "جرت جولة مفاوضات غير مباشرة بين إيران والولايات المتحدة بوساطة عمانية، وجلس وزير "
    "الخارجية الإيراني والمبعوث الأمريكي في قاعتين منفصلتين.",
    "وقال المتحدث باسم الحكومة إن المحادثات مع المتمردين بوساطة قطرية ستستأنف الأسبوع "
    "المقبل، وأوضح رئيس الوفد المفاوض أن الجولة انتهت دون اتفاق.",
    "وأشار الرئيس الأميركي إلى أن المفاوضات حول الهدنة بوساطة مصرية ستستأنف، "
    "وقال مسؤول إسرائيلي لموقع إخباري إن الخطوة نسقت مسبقا مع الوسطاء.",
    "وأكد وزير الخارجية على رفض أي اتفاق لا يضمن الانسحاب، فيما قال رئيس الوزراء "
    "إن بلاده تدرس المقترح الذي قدمه الوسطاء.",
    "Qatar and Egypt mediated the ceasefire talks. The envoy said the talks would resume "
    "on Monday, and the Foreign Minister told reporters that The Talks were serious.",
]


def _find(tagger: Tagger, text: str) -> list[Candidate]:
    """Candidates of ``text`` given the lexicon's matches in it, as the tagger finds them."""
    norm, offsets = normalize_with_offsets(text)
    hits = tagger.matcher.find(norm)
    return candidates.find(norm, text, lambda s, e: to_original(offsets, s, e), hits)


@pytest.mark.parametrize(("text", "name", "affiliation"), NAMED)
def test_a_new_name_after_a_title_is_a_candidate_with_its_affiliation(
    tagger: Tagger, text: str, name: str, affiliation: str
) -> None:
    found = _find(tagger, text)
    assert [(c.name, c.affiliation) for c in found] == [(name, affiliation)]
    assert name in found[0].context


@pytest.mark.parametrize("text", UNNAMED)
def test_phrases_and_known_people_are_not_candidates(tagger: Tagger, text: str) -> None:
    assert _find(tagger, text) == []


def test_the_tagger_reports_candidates_of_a_negotiation_article(tagger: Tagger) -> None:
    text, name, affiliation = NAMED[0]
    result = tagger.tag(ArticleInput(id="t", title="", text=text, lang="ar"))
    assert result.is_negotiation
    assert [(c.name, c.affiliation) for c in result.candidates] == [(name, affiliation)]


def test_word_lists_are_data() -> None:
    lists = candidates._lists()
    assert "بن" in lists.connectors
    assert lists.title_ar.search("وقال المتحدث باسم الوفد")
    assert lists.title_ar.search("للرئيس")  # ل + ال + رئيس
