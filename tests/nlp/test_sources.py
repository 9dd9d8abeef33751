"""Cited outlets: names that are also ordinary words need a citation cue."""

from __future__ import annotations

from articles.nlp.tagger import Tagger
from articles.nlp.types import ArticleInput


def _sources(tagger: Tagger, text: str) -> list[str]:
    return tagger.tag(ArticleInput(id="t", title="", text=text)).cited_sources


def test_agency_after_a_citation_cue(tagger: Tagger):
    assert "رويترز" in _sources(tagger, "وقال مسؤول لوكالة رويترز إن المحادثات مستمرة.")


def test_ordinary_word_outlet_needs_a_cue(tagger: Tagger):
    assert _sources(tagger, "وقالت الرياض إن الاجتماع عقد اليوم في الجزيرة العربية.") == []
    assert "الجزيرة" in _sources(tagger, "وقال المتحدث لقناة الجزيرة إن الوفد وصل.")


def test_unknown_outlet_named_in_quotes(tagger: Tagger):
    found = _sources(
        tagger, 'وذكر موقع "أخبار الخليج" أن الوفد وصل، ونقلت صحيفة «نداء الوطن» الخبر.'
    )
    assert {"أخبار الخليج", "نداء الوطن"} <= set(found)
    assert _sources(tagger, 'وقال الوزير "سنواصل المحادثات".') == []
