"""What a reader yields: an article ``Record`` or a ``RowError``.

Readers never raise on bad input. An upload of thirty thousand articles with
one broken line should store the rest and tell the admin exactly which line
failed and why, so every problem becomes a ``RowError`` that carries its
origin (file, archive member, line) and a sentence a person can act on.

Field names differ between sources: the tagging spec uses
``id/title/text/published_at/source/lang``, SaudiNewsNet uses
``title/content/url/date_extracted/source/author``, scrapers say ``body`` or
``date``. ``record_from_fields`` maps all of them onto one ``Record``.
"""

from __future__ import annotations

import email.utils
import html
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit


@dataclass
class Record:
    """One article as read from an upload, before it is stored."""

    title: str
    text: str
    url: str = ""
    published_at: datetime | None = None
    source: str = ""
    lang: str = ""
    author: str = ""
    external_id: str = ""
    origin: str = ""
    line: int | None = None
    # What was wrong with a row that was still worth keeping (a link that
    # is not http(s), NUL characters): the batch report lists them beside
    # the rejected rows, so nothing is changed behind the admin's back.
    notes: list[str] = field(default_factory=list)


@dataclass
class RowError:
    """One row, line or file that could not be read, and why."""

    origin: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


# Aliases per field, most specific first; keys are compared lower-cased with
# spaces and hyphens read as underscores.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline", "heading", "subject"),
    "text": (
        "text",
        "content",
        "body",
        "article",
        "article_text",
        "full_text",
        "fulltext",
        "article_body",
        "articlebody",
    ),
    "url": ("url", "link", "href", "permalink", "source_url", "article_url"),
    "published_at": (
        "published_at",
        "published",
        "date_published",
        "publish_date",
        "publication_date",
        "pubdate",
        "date",
        "datetime",
        "date_extracted",
        "created_at",
        "timestamp",
        "time",
    ),
    "source": (
        "source",
        "publisher",
        "outlet",
        "sitename",
        "site_name",
        "site",
        "source_name",
        "newspaper",
    ),
    "lang": ("lang", "language", "locale"),
    "author": ("author", "authors", "byline", "writer"),
    "external_id": ("id", "external_id", "guid", "article_id", "uid", "uuid", "doc_id"),
}
TEXT_FIELDS = FIELD_ALIASES["text"]

# Every byte except ASCII letters, for counting Latin letters with bytes.translate.
_NOT_LATIN = bytes(b for b in range(256) if not (65 <= b <= 90 or 97 <= b <= 122))
_ARABIC_INDIC_DIGITS = str.maketrans(
    {**{0x0660 + i: str(i) for i in range(10)}, **{0x06F0 + i: str(i) for i in range(10)}}
)


def detect_lang(text: str, sample: int = 1000) -> str:
    """``'ar'``, ``'en'`` or ``''`` from the share of Arabic among letters.

    A ratio over the first ``sample`` characters is enough to route an
    article to the Arabic or English tagger and costs microseconds; anything
    finer (French, Persian) is not something the product distinguishes.
    """
    # In UTF-8 every character of the Arabic block U+0600-U+06FF starts
    # with byte D8-DB; counting bytes is ten times faster than a regex.
    head = text[:sample].encode("utf-8", errors="ignore")
    arabic = head.count(0xD8) + head.count(0xD9) + head.count(0xDA) + head.count(0xDB)
    latin = len(head.translate(None, _NOT_LATIN))
    if arabic + latin == 0:
        return ""
    return "ar" if arabic >= latin else "en"


def _lang_code(value: str, text: str) -> str:
    code = value.strip().lower().replace("_", "-")
    if code in {"ar", "ara", "arabic", "عربي", "العربية"} or code.startswith("ar-"):
        return "ar"
    if code in {"en", "eng", "english"} or code.startswith("en-"):
        return "en"
    return detect_lang(text)


def parse_datetime(value: Any) -> datetime | None:
    """An aware UTC datetime, or ``None`` when the value is not a date we know.

    Accepts ISO dates and datetimes (``2015-07-21``, ``2015-07-21T02:51:32Z``,
    offsets), SaudiNewsNet's ``2015-07-21 02:51:32``, slashes, RFC 2822
    (RSS) and Unix timestamps. Naive values are taken as UTC: the sources we
    ingest do not say otherwise, and guessing a local zone would be worse. An
    unreadable date is not an error, because the article is still worth
    keeping.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, int | float):
        try:
            seconds = float(value)
        except OverflowError:  # an integer of hundreds of digits
            return None
        if seconds > 1e11:  # milliseconds
            seconds /= 1000
        if not 0 < seconds < 4e9:
            return None
        return datetime.fromtimestamp(seconds, UTC)
    elif isinstance(value, str):
        s = value.strip().translate(_ARABIC_INDIC_DIGITS)
        if not s:
            return None
        dt = _parse_date_string(s)
        if dt is None:
            return None
    else:
        return None
    if dt.tzinfo is None:
        return dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC)


def _parse_date_string(s: str) -> datetime | None:
    try:
        return datetime.fromisoformat(s)
    except ValueError:
        pass
    if "/" in s[:10]:
        try:
            return datetime.fromisoformat(s.replace("/", "-", 2))
        except ValueError:
            pass
    if s.isdecimal():
        return parse_datetime(int(s))
    try:
        return email.utils.parsedate_to_datetime(s)
    except (TypeError, ValueError, IndexError):
        return None


def _as_text(value: Any, depth: int = 0) -> str:
    """Field value as a string: lists of paragraphs are joined, scalars printed.

    Lists nested more than a few levels deep are not text anyone wrote;
    past ``_MAX_DEPTH`` they raise ``ValueError`` (a row problem) instead of
    recursing to the interpreter's limit.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if depth > _MAX_DEPTH:
        raise ValueError(f"a field is nested more than {_MAX_DEPTH} levels deep")
    if isinstance(value, bool):
        return ""
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        return "\n\n".join(_as_text(v, depth + 1) for v in value if v is not None)
    if isinstance(value, dict):
        # NewsAPI-style {"id": ..., "name": ...} sources.
        return _as_text(value.get("name") or value.get("title") or "", depth + 1)
    return str(value)


_MAX_DEPTH = 5
_SCHEMES = ("http", "https")


# Whitespace (``str.isspace``'s set: the pattern's ``\s`` is the same
# Unicode test) or a control character; one scan in C instead of a Python
# step per character of every link read.
_SPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f]")


def http_url(value: str) -> str | None:
    """``value`` if it is an absolute http(s) address, else ``None``.

    Links from uploads end up as ``href`` on the article page: a
    ``javascript:`` or ``data:`` link would run there, and a site-relative
    one would point into the product itself.
    """
    value = value.strip()
    if not value:
        return ""
    if len(value) > 2000 or _SPACE_OR_CONTROL.search(value):
        return None
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme.lower() not in _SCHEMES or not parts.hostname:
        return None
    return value


def _short(value: str, n: int = 80) -> str:
    value = value.replace("\x00", "")
    return value if len(value) <= n else value[: n - 1] + "…"


_INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\ufeff"


def clean_title(title: str) -> str:
    """One-line title without HTML entities or invisible marks.

    Scraped titles carry ``&quot;`` and zero-width or direction marks (a
    fifth of SaudiNewsNet's ``sabq`` titles do); left in, they defeat
    search and exact-title matching. Bodies are left as published.
    """
    if "&" in title:
        title = html.unescape(title)
    return " ".join(title.split()).strip(_INVISIBLE + " ")


def canonical_key(key: Any) -> str:
    """Header or JSON key as compared against ``FIELD_ALIASES``."""
    return str(key).strip().lower().replace(" ", "_").replace("-", "_")


def _pick(fields: Mapping[str, Any], field: str) -> Any:
    for alias in FIELD_ALIASES[field]:
        value = fields.get(alias)
        if value not in (None, ""):
            return value
    return None


def record_from_fields(
    raw: Mapping[Any, Any], origin: str, where: str, line: int | None
) -> Record | RowError:
    """Map one JSON object or CSV row onto a ``Record``.

    ``where`` names the row in human terms (``line 7``, ``row 4``, ``item 3``)
    and prefixes every reason, so an admin can find it in the file.
    """
    fields = {canonical_key(k): v for k, v in raw.items()}
    try:
        return _record(fields, origin, where, line)
    except (ValueError, RecursionError, OverflowError) as exc:
        reason = str(exc) if isinstance(exc, ValueError) else "a field is nested too deeply"
        return RowError(origin, line, f"{where}: {reason}")


def _record(fields: dict[str, Any], origin: str, where: str, line: int | None) -> Record | RowError:
    notes: list[str] = []
    values = {
        name: _as_text(_pick(fields, name))
        for name in ("text", "title", "url", "source", "lang", "author", "external_id")
    }
    if any("\x00" in v for v in values.values()):
        # PostgreSQL text cannot hold NUL; it carries nothing a reader sees.
        values = {k: v.replace("\x00", "") for k, v in values.items()}
        notes.append(f"{where}: NUL characters removed; the article was stored")
    text = values["text"]
    if not text.strip():
        if not any(alias in fields for alias in TEXT_FIELDS):
            return RowError(
                origin, line, f"{where}: no text field (expected text, content or body)"
            )
        return RowError(origin, line, f"{where}: empty body")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    url = http_url(values["url"])
    if url is None:
        notes.append(
            f"{where}: link '{_short(values['url'].strip())}' is not an http(s) address; "
            "the article was stored without it"
        )
        url = ""
    published_raw = _pick(fields, "published_at")
    return Record(
        title=clean_title(values["title"]),
        text=text,
        url=url,
        published_at=parse_datetime(published_raw),
        source=values["source"].strip(),
        lang=_lang_code(values["lang"], text),
        author=" ".join(values["author"].split()),
        external_id=values["external_id"].strip(),
        origin=origin,
        line=line,
        notes=notes,
    )
