"""Telling feeds, sitemaps and pages apart, reading their entries, decoding pages."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime, timedelta

import pytest

from articles.live import detect_kind, page_text, parse_listing
from articles.live.formats import gunzipped
from tests.live.server import page

BASE = "http://news.example"
RSS20 = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>أخبار</title><language>ar</language>
<item><title>المفاوضات في الدوحة</title><link>{BASE}/ar/1.html</link><guid>ar-1</guid>
<pubDate>Mon, 06 Jan 2025 10:00:00 +0300</pubDate></item>
<item><title>relative</title><link>/ar/2.html</link></item>
</channel></rss>"""
RSS091 = f"""<?xml version="1.0"?><rss version="0.91"><channel><title>t</title><link>{BASE}</link>
<description>d</description><item><title>one</title><link>{BASE}/1</link></item></channel></rss>"""
RSS10 = f"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="{BASE}/"><title>t</title><link>{BASE}/</link><description>d</description></channel>
<item rdf:about="{BASE}/1"><title>one</title><link>{BASE}/1</link><dc:date>2025-01-06T10:00:00Z</dc:date></item>
</rdf:RDF>"""
ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title>News</title><id>urn:x</id>
<updated>2025-01-06T10:00:00Z</updated>
<entry><title>Talks in Muscat</title><id>urn:1</id><link rel="alternate" href="{BASE}/en/1"/>
<updated>2025-01-06T10:00:00Z</updated></entry></feed>"""


def _now(days: float = 0) -> str:
    return (datetime.now(UTC) - timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%SZ")


NEWS_SITEMAP = f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
 xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>{BASE}/a</loc><news:news><news:publication><news:name>Ex</news:name>
<news:language>ar</news:language></news:publication>
<news:publication_date>{_now()}</news:publication_date><news:title>عنوان</news:title></news:news></url>
<url><loc>{BASE}/old</loc><lastmod>{_now(30)}</lastmod></url>
</urlset>"""
INDEX = f"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>{BASE}/s1.xml</loc><lastmod>{_now(2)}</lastmod></sitemap>
<sitemap><loc>{BASE}/s2.xml</loc><lastmod>{_now()}</lastmod></sitemap>
</sitemapindex>"""


@pytest.mark.parametrize(
    ("body", "kind"),
    [(RSS20, "feed"), (RSS091, "feed"), (RSS10, "feed"), (ATOM, "feed"),
     (NEWS_SITEMAP, "sitemap"), (INDEX, "sitemap"), (page("t", "x"), "page")],
)  # fmt: skip
def test_detect_kind(body: str, kind: str) -> None:
    assert detect_kind(body.encode()) == kind


def test_rss20_entries() -> None:
    listing = parse_listing("feed", RSS20.encode(), f"{BASE}/feed.xml")
    assert listing.format == "rss20" and listing.lang == "ar"
    first, second = listing.entries
    assert (first.url, first.title) == (f"{BASE}/ar/1.html", "المفاوضات في الدوحة")
    assert first.key.endswith("ar-1")  # the guid, as feedparser resolves it
    assert first.published_at == datetime(2025, 1, 6, 7, 0, tzinfo=UTC)
    assert second.url == f"{BASE}/ar/2.html" and second.key == second.url  # relative link resolved


@pytest.mark.parametrize(("body", "fmt"), [(RSS091, "rss091u"), (RSS10, "rss10"), (ATOM, "atom10")])
def test_other_feed_formats(body: str, fmt: str) -> None:
    listing = parse_listing("feed", body.encode(), f"{BASE}/f")
    assert listing.format.startswith(fmt[:5]) and len(listing.entries) == 1
    assert listing.entries[0].url.startswith(BASE)


def test_broken_feed_says_why() -> None:
    with pytest.raises(ValueError, match="not a readable feed"):
        parse_listing("feed", b"<rss><channel><title>oops</chan", f"{BASE}/f")
    with pytest.raises(ValueError, match="not a"):
        parse_listing("feed", b"plain words, no feed", f"{BASE}/f")


def test_news_sitemap_keeps_recent_entries() -> None:
    listing = parse_listing("sitemap", NEWS_SITEMAP.encode(), f"{BASE}/news.xml")
    assert listing.format == "news-sitemap"
    assert [e.url for e in listing.entries] == [f"{BASE}/a"]
    assert listing.entries[0].title == "عنوان" and listing.entries[0].lang == "ar"


def test_sitemap_index_lists_newest_children_first() -> None:
    listing = parse_listing("sitemap", INDEX.encode(), f"{BASE}/index.xml")
    assert listing.sitemaps == [f"{BASE}/s2.xml", f"{BASE}/s1.xml"] and not listing.entries


def test_broken_sitemap_and_entities() -> None:
    with pytest.raises(ValueError, match="broken XML"):
        parse_listing("sitemap", b"<urlset><url><loc>x</url>", f"{BASE}/s.xml")
    evil = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&e;</loc></url></urlset>'
    )
    listing = parse_listing("sitemap", evil, f"{BASE}/s.xml")
    assert all("root:" not in e.url for e in listing.entries)


def test_gzipped_sitemap_file_is_inflated_within_the_cap() -> None:
    assert gunzipped(gzip.compress(INDEX.encode()), 100_000) == INDEX.encode()
    with pytest.raises(ValueError, match="limit"):
        gunzipped(gzip.compress(b" " * 200_000), 100_000)


def test_page_text_declared_and_sniffed_encodings() -> None:
    arabic = "المفاوضات في الدوحة"
    declared = page(arabic, arabic, charset="windows-1256").encode("cp1256")
    assert arabic in page_text(declared)
    undeclared = page(arabic, arabic, meta=False).encode("cp1256")
    assert arabic in page_text(undeclared)
    mislabeled = page(arabic, arabic, meta=False).encode("cp1256")
    assert arabic in page_text(mislabeled, "text/html; charset=ISO-8859-1")
    assert arabic in page_text(page(arabic, arabic).encode("utf-8"), "text/html; charset=utf-8")
    french = page("Genève", "Négociations à Genève", lang="fr", meta=False).encode("cp1252")
    assert "Genève" in page_text(french, "text/html; charset=windows-1252")
