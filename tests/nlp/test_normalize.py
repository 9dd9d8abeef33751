"""Normalisation agrees with camel-tools and keeps offsets into the original."""

from __future__ import annotations

from camel_tools.utils.dediac import dediac_ar
from camel_tools.utils.normalize import (
    normalize_alef_ar,
    normalize_alef_maksura_ar,
    normalize_teh_marbuta_ar,
)

from articles.nlp.normalize import normalize, normalize_with_offsets, to_original
from articles.nlp.search import search_terms

SAMPLES = [
    "إِنَّ المُفَاوَضَاتِ فِي الدَّوْحَةِ مُسْتَمِرَّةٌ",
    "أعلنت آمنة إسرائيل ٱلاتفاق على مبنى",
    "وقال مصطفى إن اللجنة القطرية",
    "الـــمفاوضات",
]


def camel(text: str) -> str:
    out = dediac_ar(text)
    out = normalize_alef_ar(out)
    out = normalize_alef_maksura_ar(out)
    return normalize_teh_marbuta_ar(out).replace("\u0640", "")


def test_matches_camel_tools_on_arabic():
    for s in SAMPLES:
        assert normalize(s) == camel(s)


def test_persian_letters_digits_and_case():
    assert normalize("ایران کرمان ٢٠٢٥ UN") == "ايران كرمان 2025 un"


def test_offsets_point_into_the_original_text():
    text = "قالَ إنَّ قَطَرَ تتوسّط"
    norm, offsets = normalize_with_offsets(text)
    i = norm.index("قطر")
    start, end = to_original(offsets, i, i + 3)
    assert text[start:end] == "قَطَرَ"


def test_offsets_are_identity_without_diacritics():
    norm, offsets = normalize_with_offsets("قطر ومصر")
    assert offsets is None and norm == "قطر ومصر"


def test_search_terms_fold_article_and_clitics():
    assert search_terms("المفاوضات") == search_terms("ومفاوضات") == search_terms("بالمفاوضات")
    assert search_terms("بغداد") == "بغداد"
    assert search_terms("Negotiations") == "negotiation"


def test_short_and_long_texts_fold_alike():
    """Short texts take one ``translate`` pass, long ones removals and replacements.

    The two agree only while no character maps to one that is mapped in
    turn; a line repeated past the threshold must fold like the line.
    """
    from articles.nlp import normalize as module

    table = module._TABLE
    assert not [k for k, v in table.items() if v is not None and v in table]
    line = "«أبو ظبي» — إعلان الهُدنة، ١٢ مفاوضات\u200f ‘ABC’ إلى"
    assert len(line) < module._TRANSLATE_MAX
    short = normalize(line)
    repeated = normalize(line * 10)
    assert repeated == short * 10
    assert short != line
