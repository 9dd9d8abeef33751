"""Outside links: only absolute http(s) URLs ever become a link.

Article URLs come from uploaded files and other people's feeds. A
``javascript:`` or ``data:`` URL rendered as ``href`` runs in the
analyst's session when clicked, and a site-relative one points into the
product itself; both are shown as no link at all.
"""

from __future__ import annotations

from urllib.parse import urlsplit

MAX_URL_LENGTH = 2000


def http_url(value: object) -> str:
    """``value`` if it is an absolute http(s) URL with a host, else ``""``."""
    if not isinstance(value, str):
        return ""
    url = value.strip()
    if not url or len(url) > MAX_URL_LENGTH or any(ord(c) < 0x20 for c in url):
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return ""
    return url
