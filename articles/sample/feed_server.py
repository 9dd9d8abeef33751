"""The demo's own live source: a small news site on 127.0.0.1 whose feed grows while you watch.

``make demo`` starts it and registers its feed as a live source polled every
minute, so a newcomer sees articles arrive through the same path a real
feed takes (fetch, main text, ingest, tagging, alerts). Two items are in
the feed at once; one more appears every ``step`` seconds. Pages are
built from ``live/items.jsonl`` (original short items written for this
project, like the rest of the sample).
"""

from __future__ import annotations

import html
import json
import threading
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ITEMS = Path(__file__).resolve().parent / "live" / "items.jsonl"


class SampleSite:
    def __init__(self, port: int, *, step: float = 60.0, first: int = 2) -> None:
        self.items = [json.loads(line) for line in ITEMS.read_text("utf-8").splitlines() if line]
        self.start, self.step, self.first = time.time(), step, first
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                site.serve(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    @property
    def feed_url(self) -> str:
        return f"{self.base}/feed.xml"

    def start_serving(self) -> SampleSite:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def visible(self) -> list[tuple[float, dict]]:
        """(publication time, item) of the items published so far, newest first."""
        now = time.time()
        out = []
        for i, item in enumerate(self.items):
            at = self.start + max(0, i - self.first + 1) * self.step
            if at <= now:
                out.append((at, item))
        return out[::-1]

    def serve(self, h: BaseHTTPRequestHandler) -> None:
        path = h.path.split("?", 1)[0]
        if path == "/robots.txt":
            return _send(h, 200, b"User-agent: *\nAllow: /\n", "text/plain")
        if path == "/feed.xml":
            return _send(h, 200, self.feed().encode("utf-8"), "application/rss+xml; charset=utf-8")
        for _, item in self.visible():
            if path == f"/news/{item['slug']}.html":
                return _send(h, 200, _page(item).encode("utf-8"), "text/html; charset=utf-8")
        _send(h, 404, b"not found", "text/plain")

    def feed(self) -> str:
        entries = "".join(
            f"<item><title>{html.escape(item['title'])}</title>"
            f"<link>{self.base}/news/{item['slug']}.html</link>"
            f"<guid>{self.base}/news/{item['slug']}.html</guid>"
            f"<pubDate>{formatdate(at, usegmt=True)}</pubDate></item>"
            for at, item in self.visible()
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
            f"<title>Sample news</title><link>{self.base}/</link>"
            f"<description>Negotiation Tracker demo feed</description>{entries}</channel></rss>"
        )


def _page(item: dict) -> str:
    lang = item["lang"]
    title = html.escape(item["title"])
    body = "".join(f"<p>{html.escape(p)}</p>" for p in item["paragraphs"])
    return (
        f'<!doctype html><html lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}"><head>'
        f'<meta charset="utf-8"><title>{title}</title></head><body>'
        "<nav><a href='/'>الرئيسية</a> · <a href='/world'>العالم</a></nav>"
        f"<article><h1>{title}</h1>{body}</article>"
        "<footer>Sample news · demo site</footer></body></html>"
    )


def _send(h: BaseHTTPRequestHandler, status: int, body: bytes, ctype: str) -> None:
    h.send_response(status)
    h.send_header("Content-Type", ctype)
    h.send_header("Content-Length", str(len(body)))
    h.end_headers()
    h.wfile.write(body)
