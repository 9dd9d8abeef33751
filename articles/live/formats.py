"""What a live source's URL holds: a feed, a sitemap or an article page, and its entries.

Feeds (RSS 0.9x, 1.0 and 2.0, Atom 0.3 and 1.0) are read by feedparser,
which copes with most damage; a document it can take no entry from is an
error with feedparser's reason. Sitemaps (``urlset``, with or without the
Google News extension, and ``sitemapindex``) are read with lxml, entities
unresolved and the network off. Anything else is taken as one article page.
"""

from __future__ import annotations

import gzip
import hashlib
import re
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from urllib.parse import urljoin

from articles.ingest import parse_datetime

# A plain sitemap may list a site's whole archive: only entries this recent
# (when they carry a date) and at most this many, newest first, are taken.
SITEMAP_MAX_AGE = timedelta(days=3)
SITEMAP_MAX_ENTRIES = 200
# Children of a sitemap index read per poll, newest first.
SITEMAP_CHILDREN = 3
_ROOT = re.compile(rb"<\s*(?:[\w-]+:)?(rss|rdf|feed|urlset|sitemapindex|html|channel)\b", re.I)


@dataclass
class Entry:
    """One item a listing points at."""

    url: str
    key: str
    title: str = ""
    published_at: datetime | None = None
    lang: str = ""

    @property
    def digest(self) -> str:
        return hashlib.sha1(self.key.encode("utf-8", "replace")).hexdigest()


@dataclass
class Listing:
    kind: str  # "feed", "sitemap" or "page"
    entries: list[Entry] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)  # children of a sitemap index
    title: str = ""
    lang: str = ""
    format: str = ""  # feedparser's version ("rss20", "atom10"…), "sitemap", "news-sitemap"


def gunzipped(body: bytes, max_bytes: int) -> bytes:
    """A ``.xml.gz`` sitemap served as a file (no Content-Encoding), inflated up to ``max_bytes``."""
    if not body.startswith(b"\x1f\x8b"):
        return body
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(body, max_bytes + 1)
    except (zlib.error, gzip.BadGzipFile) as exc:
        raise ValueError(f"broken gzip file: {exc}") from exc
    if len(out) > max_bytes:
        raise ValueError(f"the uncompressed file is over the {max_bytes // 1024} KB limit")
    return out


def detect_kind(body: bytes, content_type: str = "") -> str:
    """``feed``, ``sitemap`` or ``page``, from the first element of the document."""
    head = body[:4096]
    for match in _ROOT.finditer(head):
        name = match.group(1).lower().decode("ascii")
        if name in ("rss", "rdf", "feed", "channel"):
            return "feed"
        if name in ("urlset", "sitemapindex"):
            return "sitemap"
        if name == "html":
            return "page"
    ctype = content_type.lower()
    if any(t in ctype for t in ("rss", "atom", "rdf")):
        return "feed"
    if "xml" in ctype and "html" not in ctype:
        return "feed"  # feedparser will say whether it is one
    return "page"


def parse_listing(kind: str, body: bytes, url: str, content_type: str = "") -> Listing:
    """Entries of a feed or sitemap; raises ``ValueError`` with a reason for a broken one."""
    if kind == "feed":
        return _parse_feed(body, url, content_type)
    if kind == "sitemap":
        return _parse_sitemap(body, url)
    raise ValueError(f"not a listing: {kind}")


def _parse_feed(body: bytes, url: str, content_type: str) -> Listing:
    import feedparser  # imported here: it costs a noticeable import time and most workers never poll

    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    d = feedparser.parse(body, response_headers=headers, sanitize_html=False)
    if not d.entries:
        # An empty feed is fine; a document feedparser could not parse is not.
        # A wrong Content-Type or encoding label alone is only a warning.
        problem = d.get("bozo_exception")
        harmless = isinstance(
            problem, feedparser.NonXMLContentType | feedparser.CharacterEncodingOverride
        )
        if d.bozo and not harmless:
            raise ValueError(f"not a readable feed: {_bozo(problem)}")
        if not d.version:
            raise ValueError("not a feed (no RSS or Atom element found)")
    lang = _lang(d.feed.get("language", ""))
    listing = Listing("feed", title=d.feed.get("title", ""), lang=lang, format=d.version or "")
    for e in d.entries:
        link = e.get("link") or ""
        if not link:
            links = [x.get("href") for x in e.get("links", []) if x.get("href")]
            link = links[0] if links else ""
        if not link:
            continue
        link = urljoin(url, link.strip())
        stamp = e.get("published_parsed") or e.get("updated_parsed")
        published = datetime(*stamp[:6], tzinfo=UTC) if stamp else None
        listing.entries.append(
            Entry(
                url=link,
                key=(e.get("id") or link).strip()[:2000],
                title=" ".join((e.get("title") or "").split()),
                published_at=published,
                lang=_lang(e.get("language", "")) or lang,
            )
        )
    return listing


def _bozo(exc: object) -> str:
    text = str(exc) or type(exc).__name__
    return text[:300]


def _lang(value: str) -> str:
    code = (value or "").strip().lower()[:2]
    return code if code in ("ar", "en") else ""


def _xml(body: bytes):
    from lxml import etree  # lxml comes with trafilatura

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False
    )
    try:
        return etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"broken XML: {exc}") from exc


def _text(node, path: str) -> str:
    found = node.find(path)
    return (found.text or "").strip() if found is not None and found.text else ""


def _parse_sitemap(body: bytes, url: str) -> Listing:
    root = _xml(body)
    tag = root.tag.rsplit("}", 1)[-1] if isinstance(root.tag, str) else ""
    if tag == "sitemapindex":
        children = []
        for node in root.iterfind("{*}sitemap"):
            loc = _text(node, "{*}loc")
            if loc:
                children.append((parse_datetime(_text(node, "{*}lastmod")), urljoin(url, loc)))
        children.sort(key=lambda c: c[0] or datetime.min.replace(tzinfo=UTC), reverse=True)
        return Listing(
            "sitemap", sitemaps=[u for _, u in children[:SITEMAP_CHILDREN]], format="sitemapindex"
        )
    if tag != "urlset":
        raise ValueError(f"not a sitemap (its root element is <{tag}>)")
    listing = Listing("sitemap", format="sitemap")
    cutoff = datetime.now(UTC) - SITEMAP_MAX_AGE
    entries: list[Entry] = []
    for node in root.iterfind("{*}url"):
        loc = _text(node, "{*}loc")
        if not loc:
            continue
        news = node.find("{*}news")
        title, lang, published = "", "", None
        if news is not None:
            listing.format = "news-sitemap"
            title = _text(news, "{*}title")
            lang = _lang(_text(news, "{*}publication/{*}language"))
            published = parse_datetime(_text(news, "{*}publication_date"))
        published = published or parse_datetime(_text(node, "{*}lastmod"))
        if published is not None and published < cutoff:
            continue
        link = urljoin(url, loc)
        entries.append(Entry(url=link, key=link, title=title, published_at=published, lang=lang))
    entries.sort(key=lambda e: e.published_at or datetime.max.replace(tzinfo=UTC), reverse=True)
    listing.entries = entries[:SITEMAP_MAX_ENTRIES]
    return listing
