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


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        # A proclitic and an enclitic on one word: «ومفاوضاته» was read as و + «مفاوضاته».
        ("ومفاوضاته", "مفاوضات"),
        ("بوساطته", "وساطه"),
        ("ومقترحاتهم", "مقترحات"),
        ("وصفقته", "صفقه"),  # «وصفقت» (و + صفقت) is another reading, not this one's
        # A written «ه» read as a pronoun although «الوزيرة» takes the article.
        ("وزيره", "وزير"),
        ("ومبعوثه", "مبعوث"),
        ("بمعبره", "معبر"),
    ],
)
def test_both_clitics_and_a_pronoun_beside_a_ta_marbuta_twin_come_off(form, expected) -> None:
    assert search_terms(form) == expected


@pytest.mark.parametrize("word", ["توجه", "موجه", "فقيه", "تنبيه", "اتجاه", "وجيه"])
def test_a_word_ending_in_ha_that_takes_the_article_keeps_it(word: str) -> None:
    # «التوجه» is common next to «التوج»: «توجه» is a word, not توج + ـه.
    assert search_terms(word) == word


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


def test_a_chunk_of_documents_gets_the_terms_each_gets_alone() -> None:
    # Every character of the Basic Multilingual Plane, and a few beyond it,
    # in runs that make words of every kind: the batch's folding table has
    # to agree with ``normalize`` and the word pattern on each of them.
    every = [chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000]
    runs = ["".join(every[i : i + 7]) for i in range(0, len(every), 7)]
    documents = [
        ("لحماس", "وبالمفاوضات"),
        ("", ""),
        ("«المملكة»،", "دولة\u0629 حماسة اتفاقاً\u064b بوساطتهما\u0640 \u200fقطر"),
        ("𝐀𝐁 😀 ١٢", "x\x00y \U00010400\U00010428 _a_ " + "ب" * 150 + " نص"),
        ("title", " ".join(runs[: len(runs) // 2])),
        (" ".join(runs[len(runs) // 2 :]), "و" * (search.MAX_SEARCH_CHARS + 10)),
    ]
    assert search.search_documents(documents) == [search_document(*d) for d in documents]
    assert search.search_documents([]) == []


def test_no_word_character_is_whitespace() -> None:
    # The batch path finds words with ``str.split`` on folded text.
    assert not [c for c in map(chr, range(0x110000)) if c.isspace() and search._WORD.match(c)]


def test_preload_reduces_the_commonest_forms_ahead(monkeypatch) -> None:
    from itertools import islice

    monkeypatch.setattr(search, "_PRELOAD_TERMS", 200)
    search._TERMS.clear()
    search.preload()
    common = list(islice(search._data()[0], 200))
    assert len(search._TERMS) == 200
    assert all(search._TERMS[w] == term(w) for w in common)
