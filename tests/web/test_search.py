"""Arabic-aware ranked search, and snippets that cannot carry anyone's markup."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from articles.selectors.search import highlight, mark_spans, match_spans, query_stems, snippet
from tests.conftest import at, make_article

pytestmark = pytest.mark.django_db


def test_prefixed_query_finds_definite_forms(analyst_client: Client, tagged) -> None:
    response = analyst_client.get(reverse("search"), {"q": "ومفاوضات"})
    results = response.context["results"]
    assert {c.title for c in results.cards} == {"استئناف المفاوضات في الدوحة", "مصر تقترح هدنة"}
    html = response.content.decode()
    assert "<mark>المفاوضات</mark>" in html
    assert "<mark>ومفاوضات</mark>" in html  # the original surface form is what gets marked


def test_ranking_prefers_headline_matches(analyst_client: Client, tagged) -> None:
    make_article(
        "تقرير عن الطقس", "وتحدث التقرير عن التهدئة والهدنة عرضا.", published=at("2023-01-02")
    )
    make_article("الهدنة تصمد", "قال مسؤولون إن الاتفاق صامد.", published=at("2023-01-01"))
    results = analyst_client.get(reverse("search"), {"q": "هدنة"}).context["results"]
    titles = [c.title for c in results.cards]
    assert titles[-1] == "تقرير عن الطقس"  # the newest, but only a passing mention
    assert "الهدنة تصمد" in titles
    assert results.cards[0].rank > results.cards[-1].rank


def test_search_respects_filters(analyst_client: Client, tagged) -> None:
    results = analyst_client.get(reverse("search"), {"q": "مفاوضات", "topic": "hostages"}).context[
        "results"
    ]
    assert [c.title for c in results.cards] == ["مصر تقترح هدنة"]


def test_empty_query_shows_no_results(analyst_client: Client, tagged) -> None:
    response = analyst_client.get(reverse("search"), {"q": "   "})
    assert response.status_code == 200
    assert response.context["results"].cards == []


def test_markup_in_article_text_is_escaped_in_snippets(analyst_client: Client, tagged) -> None:
    make_article(
        "<script>alert(1)</script> مفاوضات",
        'بدأت المفاوضات <img src=x onerror="alert(2)"> <mark>مزيف</mark> & أكثر',
        published=at("2024-04-01"),
    )
    html = analyst_client.get(reverse("search"), {"q": "المفاوضات"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=&quot;alert(2)&quot;&gt;" in html
    assert "&lt;mark&gt;مزيف&lt;/mark&gt;" in html
    assert "&amp; أكثر" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>مفاوضات</mark>" in html


def test_markup_in_the_query_is_escaped(analyst_client: Client, tagged) -> None:
    q = '"><script>alert(3)</script> مفاوضات'
    html = analyst_client.get(reverse("search"), {"q": q}).content.decode()
    assert "<script>alert(3)" not in html
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in html


def test_mark_spans_escapes_everything_but_its_own_tags() -> None:
    text = "a <b>x</b> & ok"
    out = mark_spans(text, [(2, 10)])
    assert str(out) == "a <mark>&lt;b&gt;x&lt;/b&gt;</mark> &amp; ok"
    assert str(mark_spans("<i>", [(5, 9), (1, 0)])) == "&lt;i&gt;"  # out-of-range spans ignored


def test_snippet_and_highlight_match_stems_not_surfaces() -> None:
    stems = query_stems("المفاوضات")
    text = "كلام " * 60 + "ثم استؤنفت والمفاوضات <em>اليوم</em>" + " كلام" * 80
    out = str(snippet(text, stems))
    assert "<mark>والمفاوضات</mark>" in out
    assert "&lt;em&gt;" in out and "<em>" not in out
    assert out.startswith("… ") and out.endswith(" …")
    assert match_spans("لا شيء هنا", stems) == []
    assert str(highlight("المفاوضات <u>", "مفاوضات")) == "<mark>المفاوضات</mark> &lt;u&gt;"


def test_snippet_without_match_is_the_escaped_opening() -> None:
    out = str(snippet("<b>نص</b> قصير", frozenset({"غير"})))
    assert out == "&lt;b&gt;نص&lt;/b&gt; قصير"


def test_undated_articles_are_found_and_ranked(analyst_client: Client, tagged) -> None:
    make_article("هدنة بلا تاريخ", "نص عن الهدنة", published=None)
    response = analyst_client.get(reverse("search"), {"q": "الهدنة"})
    assert response.status_code == 200
    titles = [c.title for c in response.context["results"].cards]
    assert titles[0] == "هدنة بلا تاريخ"  # a headline match, and undated rows sort first


def test_snippets_follow_an_edited_text(analyst_client: Client, tagged) -> None:
    from articles.services.articles import save_article

    article = make_article("خبر", "بدأت المفاوضات في القاهرة.", published=at("2024-04-02"))
    article.raw_text = "انتهت المفاوضات في الدوحة."
    first = analyst_client.get(reverse("search"), {"q": "المفاوضات"}).content.decode()
    assert "في القاهرة" in first  # the stored text, not yet the edit
    save_article(article)
    second = analyst_client.get(reverse("search"), {"q": "المفاوضات"}).content.decode()
    assert "في الدوحة" in second
    assert "في القاهرة" not in second


def test_a_repeated_search_reads_no_text(analyst_client: Client, tagged) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    analyst_client.get(reverse("search"), {"q": "المفاوضات"})
    with CaptureQueriesContext(connection) as queries:
        analyst_client.get(reverse("search"), {"q": "المفاوضات", "page": "1"})
    assert not any('"text"' in q["sql"] for q in queries.captured_queries)


# Words whose forms are checked through the search page against real
# PostgreSQL: the four, look-alikes that keep their first letter, and
# pairs that clitic-stripping could merge (لجنة / جنة, كيري / يرى).
PAGE_WORDS = ["حماس", "وساطة", "وسطاء", "مفاوضات", "بغداد", "لبنان", "وزير", "لجنة", "جنة", "كيري"]


def test_every_form_finds_every_form_of_its_word_and_no_other(analyst_client: Client, db) -> None:
    from tests.search_forms import FORMS

    holders: dict[str, set[str]] = {}
    for n, word in enumerate(PAGE_WORDS):
        for k, form in enumerate(FORMS[word]):
            title = f"خبر {n}-{k}"
            make_article(title, f"ورد في النص {form} اليوم", published=at("2024-05-01"))
            holders.setdefault(word, set()).add(title)
    wrong = {}
    for word in PAGE_WORDS:
        for form in FORMS[word]:
            results = analyst_client.get(reverse("search"), {"q": form}).context["results"]
            found = {c.title for c in results.cards}
            if found != holders[word]:
                wrong[form] = (sorted(holders[word] - found), sorted(found - holders[word]))
    assert wrong == {}


def test_a_clitic_form_is_marked_in_the_snippet(analyst_client: Client, db) -> None:
    make_article("خبر", "أعلنت قطر أن وساطتها مستمرة.", published=at("2024-05-02"))
    html = analyst_client.get(reverse("search"), {"q": "بوساطة"}).content.decode()
    assert "<mark>وساطتها</mark>" in html


def test_candidate_words_are_those_a_word_key_word_pattern_finds() -> None:
    """The key-first scan finds what ``word* key word*`` found left to right, marks,
    tatweel and zero-width characters inside words and windows cut mid-word included."""
    import random
    import re

    from articles.selectors import search

    word = search.WORD_RE.pattern[:-1]
    text = (
        "وقالت المصادر إن المفاوضات\u200cالجديدة ومفاوضـات الدوحة والمفاوَضات السابقة "
        "توقفت، وإن الاتفاق النووي واتفاقهم\u200d الأخير بالاتفاق مع الوسطاء للوسطاء، "
        # a word holding two keys, the second running over a zero-width character
        "والمفاوضاتومفا\u200cوضات والاتفاقواتفا\u200cق. "
    ) * 3
    rng = random.Random(7)
    for query in ("المفاوضات", "الاتفاق النووي", "للوسطاء", "وقف إطلاق النار"):
        stems = query_stems(query)
        keys = search._keys_re(stems)
        assert keys is not None
        pattern = re.compile(f"{word}*{keys.pattern}{word}*")
        windows = [(0, len(text))] + [
            (a, min(len(text), a + rng.randrange(1, 80)))
            for a in (rng.randrange(len(text)) for _ in range(200))
        ]
        for start, end in windows:
            expected = [m.span() for m in pattern.finditer(text, start, end)]
            assert list(search._candidates(text, keys, start, end)) == expected, (query, start)
    assert match_spans(text, query_stems("المفاوضات"))
