"""Tagged articles, threads and users for API and browser tests.

Articles are built the way the store service writes them (``search_text``
from ``search_document``) so that search behaves as in production.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from articles.models import Actor, Article, Source, Thread, Topic
from articles.nlp.search import search_document
from tests.conftest import TEST_PASSWORD, make_user

PASSWORD = TEST_PASSWORD
user = make_user


def article(
    title: str,
    text: str,
    *,
    published: dt.datetime | None,
    source: Source | None = None,
    thread: Thread | None = None,
    **tags: Any,
) -> Article:
    digest = hashlib.sha1(f"{title}\n{text}".encode()).hexdigest()
    return Article.objects.create(
        title=title,
        raw_text=text,
        text=text,
        search_text=search_document(title, text),
        lang=tags.pop("lang", "ar"),
        url=f"https://news.example/{digest[:10]}",
        published_at=published,
        content_hash=digest,
        source=source,
        thread=thread,
        status=Article.Status.PROCESSED,
        **tags,
    )


def _mention(text: str, word: str, actor: str) -> dict[str, Any]:
    start = text.index(word)
    return {"actor": actor, "start": start, "end": start + len(word)}


@dataclass
class World:
    gaza: Article
    iran: Article
    saudi: Article
    formulas: Article
    undated: Article
    thread: Thread
    iran_thread: Thread
    source: Source


def utc(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=dt.UTC)


def world() -> World:
    """Five articles whose tags make every filter tell them apart."""
    for pk, kind, ar, en in [
        ("QAT", "state", "قطر", "Qatar"),
        ("EGY", "state", "مصر", "Egypt"),
        ("ISR", "state", "إسرائيل", "Israel"),
        ("USA", "state", "الولايات المتحدة", "United States"),
        ("IRN", "state", "إيران", "Iran"),
        ("OMN", "state", "عُمان", "Oman"),
        ("SAU", "state", "السعودية", "Saudi Arabia"),
        ("hamas", "org", "حماس", "Hamas"),
    ]:
        Actor.objects.get_or_create(pk=pk, defaults={"kind": kind, "name_ar": ar, "name_en": en})
    for pk, ar, en in [
        ("ceasefire", "وقف إطلاق النار", "Ceasefire"),
        ("hostages", "الرهائن", "Hostages"),
        ("nuclear", "الملف النووي", "Nuclear programme"),
    ]:
        Topic.objects.get_or_create(pk=pk, defaults={"name_ar": ar, "name_en": en})
    source = Source.objects.create(name="test-wire", display_name="وكالة الاختبار")
    gaza = Thread.objects.create(
        key="gaza-ceasefire",
        name_ar="مفاوضات وقف إطلاق النار في غزة",
        name_en="Gaza ceasefire talks",
        article_count=2,
        first_date=dt.date(2025, 1, 10),
        last_date=dt.date(2025, 1, 12),
    )
    gaza.core_parties.set(["ISR", "hamas"])
    gaza.mediators.set(["QAT", "EGY"])
    gaza.topics.set(["ceasefire", "hostages"])
    iran = Thread.objects.create(
        key="iran-nuclear", name_ar="المفاوضات النووية", name_en="Iran nuclear talks"
    )

    gaza_text = (
        "قال مسؤول إن الوسطاء في قطر ومصر استأنفوا ومفاوضات وقف إطلاق النار بين إسرائيل "
        "وحماس في الدوحة، مع بحث إطلاق الرهائن."
    )
    iran_text = (
        "استضافت سلطنة عمان جولة جديدة من المحادثات بين إيران والولايات المتحدة حول الملف النووي."
    )
    saudi_text = "افتتحت السعودية معرضا للكتاب في الرياض بمشاركة واسعة."
    formula_text = "خبر عن قطر لاختبار التصدير."
    return World(
        gaza=article(
            "الوسطاء يستأنفون المحادثات",
            gaza_text,
            published=utc(2025, 1, 10, 9),
            source=source,
            thread=gaza,
            is_negotiation=True,
            actors=["EGY", "ISR", "QAT", "hamas"],
            parties=["ISR", "hamas"],
            mediators=["EGY", "QAT"],
            topics=["ceasefire", "hostages"],
            cited_sources=["رويترز"],
            mentions=[
                _mention(gaza_text, "قطر", "QAT"),
                _mention(gaza_text, "مصر", "EGY"),
                _mention(gaza_text, "إسرائيل", "ISR"),
                _mention(gaza_text, "حماس", "hamas"),
            ],
        ),
        iran=article(
            "جولة في مسقط",
            iran_text,
            published=utc(2025, 2, 15, 12),
            source=source,
            thread=iran,
            is_negotiation=True,
            actors=["IRN", "OMN", "USA"],
            parties=["IRN", "USA"],
            mediators=["OMN"],
            topics=["nuclear"],
            mentions=[_mention(iran_text, "إيران", "IRN")],
        ),
        saudi=article(
            "معرض الكتاب",
            saudi_text,
            published=utc(2024, 12, 1, 8),
            is_negotiation=False,
            actors=["SAU"],
        ),
        formulas=article(
            '=HYPERLINK("http://evil.example","click")',
            formula_text,
            published=utc(2025, 3, 1, 10),
            source=source,
            is_negotiation=False,
            actors=["QAT"],
            cited_sources=["+cmd", "@SUM(A1)", "-2+3", "وكالة"],
        ),
        undated=article("بلا تاريخ", "نص بلا تاريخ نشر عن قطر.", published=None, actors=["QAT"]),
        thread=gaza,
        iran_thread=iran,
        source=source,
    )
