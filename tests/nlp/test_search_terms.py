"""Search terms: every written form of a word reduces to one term, and look-alikes keep their letters."""

from __future__ import annotations

import pytest

from articles.nlp import search
from articles.nlp.search import search_document, search_terms, term
from tests.search_forms import FORMS, expected_pairs


def _finds(query: str, document: str) -> bool:
    wanted = set(search_terms(query).split())
    return bool(wanted) and wanted <= set(search_terms(document).split())


def test_every_form_finds_every_other_form_and_nothing_else() -> None:
    wrong = [(q, d, should) for q, d, should in expected_pairs() if _finds(q, d) != should]
    assert wrong == []


@pytest.mark.parametrize("word", ["بغداد", "لبنان", "كندا", "وزير", "بيان", "فرنسا", "كابول"])
def test_look_alikes_keep_their_first_letter(word: str) -> None:
    assert search_terms(word) == word


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ("لحماس", "حماس"),
        ("وساطة", "وساطه"),  # the «و» belongs to the word
        ("الوسطاء", "وسطاء"),
        ("وبالمفاوضات", "مفاوضات"),
        ("بوساطتهما", "وساطه"),  # ta marbuta restored before the pronoun
        ("وسطاؤها", "وسطاء"),  # hamza seat restored
        ("للجنة", "لجنه"),  # ل + ال + لجنة loses a lam
        ("للقمة", "قمه"),
        ("اتفاقاً", "اتفاق"),  # accusative alif
        ("حكومتي", "حكومه"),
    ],
)
def test_clitics_come_off(form: str, expected: str) -> None:
    assert search_terms(form) == expected


def test_ta_marbuta_is_never_a_pronoun() -> None:
    # «دولة» ends in ta marbuta: not «دول» + ـه; «دوله» (his countries) may be.
    assert search_terms("دولة") == "دوله"
    assert search_terms("حماسة") == "حماسه"


def test_a_word_that_takes_clitics_itself_is_a_word() -> None:
    # «كيري» is not ك + يرى, «لجنة» not ل + جنة, «ألمانيا» not ال + مانيا.
    assert search_terms("وكيري") == "كيري"
    assert search_terms("اللجنة") != search_terms("الجنة")
    assert search_terms("بألمانيا") == search_terms("ألمانيا") != search_terms("مانيا")


def test_punctuation_is_not_part_of_a_word() -> None:
    assert search_terms("المملكة، والمفاوضات؛ قطر؟") == "مملكه مفاوضات قطر"


def test_english_and_digits_pass_through() -> None:
    assert search_terms("Qatar hosted Talks ١٢") == "qatar hosted talk 12"


def test_a_term_is_its_own_term() -> None:
    for forms in FORMS.values():
        for form in forms:
            t = search_terms(form)
            assert search_terms(t) == t, form


def test_unknown_words_stay_whole() -> None:
    assert term("بزقطلان") == "بزقطلان"
    assert term("لزقطلان") == "لزقطلان"


def test_document_keeps_title_and_body_apart() -> None:
    assert search_document("لحماس", "وبالمفاوضات") == "حماس\nمفاوضات"


def test_version_names_the_rules_and_the_word_list() -> None:
    assert search.version().startswith(f"{search.RULES}-")
    assert len(search.version()) > len(str(search.RULES)) + 4
