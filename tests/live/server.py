"""A small web server on 127.0.0.1 for the live-source tests: routes, conditional requests,
redirects, gzip, slow answers, and a record of every request it got."""

from __future__ import annotations

import contextlib
import gzip
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str = ""
    last_modified: str = ""
    delay: float = 0.0
    gzip: bool = False
    location: str = ""


class LocalWeb:
    """``add(path, ...)`` a route, ``url(path)`` its address; ``hits`` counts requests per path."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()
        self.requests: list[tuple[str, dict[str, str], float]] = []
        self._lock = threading.Lock()
        self.active = 0
        self.max_active = 0
        web = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # quiet
                pass

            def do_GET(self) -> None:  # noqa: N802
                web._serve(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, body: bytes | str = b"", **options) -> str:
        if isinstance(body, str):
            body = body.replace("{base}", self.base).encode("utf-8")
        self.routes[path] = Route(body=body, **options)
        return self.url(path)

    def start(self) -> LocalWeb:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _serve(self, h: BaseHTTPRequestHandler) -> None:
        path = h.path
        with self._lock:
            self.hits[path] += 1
            self.requests.append((path, dict(h.headers.items()), time.monotonic()))
            self.active += 1
            self.max_active = max(self.max_active, self.active)
        try:
            route = self.routes.get(path)
            if route is None:
                return self._send(h, 404, b"not found", "text/plain")
            if route.delay:
                time.sleep(route.delay)
            if route.location:
                return self._send(h, route.status, b"", "text/plain", {"Location": route.location})
            if route.etag and h.headers.get("If-None-Match") == route.etag:
                return self._send(h, 304, b"", "", {"ETag": route.etag})
            if route.last_modified and h.headers.get("If-Modified-Since") == route.last_modified:
                return self._send(h, 304, b"", "", {"Last-Modified": route.last_modified})
            headers = dict(route.headers)
            if route.etag:
                headers["ETag"] = route.etag
            if route.last_modified:
                headers["Last-Modified"] = route.last_modified
            body = route.body
            if route.gzip and "gzip" in h.headers.get("Accept-Encoding", ""):
                body = gzip.compress(body)
                headers["Content-Encoding"] = "gzip"
            self._send(h, route.status, body, route.content_type, headers)
        finally:
            with self._lock:
                self.active -= 1

    @staticmethod
    def _send(
        h, status: int, body: bytes, ctype: str, headers: dict[str, str] | None = None
    ) -> None:
        h.send_response(status)
        if ctype:
            h.send_header("Content-Type", ctype)
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        if body:
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                h.wfile.write(body)


def page(
    title: str, *paragraphs: str, lang: str = "ar", charset: str = "utf-8", meta: bool = True
) -> str:
    """An article page as news sites make them: navigation, the story, a footer."""
    head = f'<meta charset="{charset}">' if meta else ""
    direction = "rtl" if lang == "ar" else "ltr"
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!doctype html><html lang="{lang}" dir="{direction}"><head>{head}<title>{title}</title></head>'
        f"<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{body}</article>"
        f"<footer>© 2025 Example News. All rights reserved.</footer></body></html>"
    )


def rss(*items: tuple[str, str, str], lang: str = "ar", title: str = "Example") -> str:
    """An RSS 2.0 feed of (title, link, pubDate) items."""
    entries = "".join(
        f"<item><title>{t}</title><link>{link}</link><guid>{link}</guid><pubDate>{d}</pubDate></item>"
        for t, link, d in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>{{base}}/</link><language>{lang}</language>{entries}"
        "</channel></rss>"
    )
