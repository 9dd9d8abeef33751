"""Reading other people's sites: fetch politely, tell feeds from sitemaps from pages, decode.

Pure Python with no Django imports, like ``articles.ingest``: the sources
service gives it settings, a Redis client for the per-host gate and a
store for robots.txt, and gets back entries and page text. Pages then go
through the ingest readers and the ingest service, the uploads' own path.
"""

from .crawler import Crawler, CrawlerSettings, FetchError, Response
from .formats import Entry, Listing, detect_kind, parse_listing
from .pages import page_text

__all__ = [
    "Crawler",
    "CrawlerSettings",
    "Entry",
    "FetchError",
    "Listing",
    "Response",
    "detect_kind",
    "page_text",
    "parse_listing",
]
