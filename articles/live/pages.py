"""A fetched page's bytes to text: the declared encoding when it holds, else the ingest sniffer.

Order: the charset of the Content-Type header, then a ``<meta charset>`` or
``http-equiv`` declaration, then the XML declaration; a declared encoding
that Python does not know or that the bytes do not decode under is
dropped, and ``articles.ingest.decode`` (BOMs, UTF-8, Windows-1256 by its
Arabic letters, charset-normalizer) decides. Arabic sites that declare
ISO-8859-1 or Windows-1252 and send Windows-1256 are common enough that a
Western declaration is checked against the bytes.
"""

from __future__ import annotations

import codecs
import re

from articles.ingest import decode

_META = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
_XML_DECL = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_.:-]+)""", re.I)
_HEADER = re.compile(r"charset\s*=\s*[\"']?([a-zA-Z0-9_.:-]+)", re.I)
_WESTERN = {"latin-1", "iso8859-1", "cp1252"}


def declared_encoding(body: bytes, content_type: str = "") -> str:
    """The encoding the response or the page says it is in ('' when none)."""
    for source in (
        _HEADER.search(content_type or ""),
        _META.search(body[:8192]),
        _XML_DECL.search(body[:512]),
    ):
        if source:
            name = source.group(1)
            return name.decode("ascii", "replace") if isinstance(name, bytes) else name
    return ""


def page_text(body: bytes, content_type: str = "") -> str:
    """Decode a page, trusting its declared encoding only as far as the bytes bear it out."""
    name = declared_encoding(body, content_type)
    try:
        codec = codecs.lookup(name).name if name else ""
    except LookupError:
        codec = ""
    if codec and codec not in ("utf-16", "utf-32") and not codec.startswith("utf-16"):
        try:
            text = body.decode(codec)
        except UnicodeDecodeError:
            return decode(body)
        if codec in _WESTERN:
            sniffed = decode(body)
            if any("\u0621" <= c <= "\u064a" for c in sniffed[:4000]):
                return sniffed
        return text.replace("\r\n", "\n").lstrip("\ufeff")
    return decode(body)
