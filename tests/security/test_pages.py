"""What a page sends: a Content Security Policy without inline script, and only http(s) links."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from articles.links import http_url
from articles.models import Article

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)
HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.I)


def _script_src(response) -> str:
    policy = response["Content-Security-Policy"]
    return next(d for d in policy.split(";") if d.strip().startswith("script-src"))


def test_pages_send_a_policy_without_inline_script(tagged, analyst_client: Client) -> None:
    thread = tagged["thread"]
    article = tagged["articles"][0]
    urls = [
        reverse("home"),
        reverse("thread_detail", args=[thread.key]),
        reverse("article_detail", args=[article.pk]),
        reverse("article_list"),
        reverse("search") + "?q=قطر",
        reverse("actor_detail", args=["QAT"]),
        reverse("api_docs"),
    ]
    for url in urls:
        response = analyst_client.get(url)
        assert response.status_code == 200, url
        src = _script_src(response)
        assert "'self'" in src and "unsafe-inline" not in src and "unsafe-eval" not in src
        html = response.content.decode()
        assert not INLINE_SCRIPT.search(html), (url, INLINE_SCRIPT.search(html).group(0))
        assert not HANDLER.search(html), (url, HANDLER.search(html).group(0))
    login = Client().get(reverse("login"))
    assert "unsafe-inline" not in _script_src(login)


def test_no_template_holds_an_inline_script_or_handler() -> None:
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text()
        assert not INLINE_SCRIPT.search(text), path
        assert not HANDLER.search(text), path


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://example.org/news/1", True),
        ("http://example.org/a?b=c", True),
        ("javascript:alert(document.cookie)", False),
        ("JaVaScRiPt:alert(1)", False),
        (" javascript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("/admin/auth/user/", False),
        ("//evil.example/", False),
        ("https:///nohost", False),
        ("java\tscript:alert(1)", False),
    ],
)
def test_only_http_urls_become_links(
    tagged, analyst_client: Client, url: str, linked: bool
) -> None:
    article = tagged["articles"][0]
    Article.objects.filter(pk=article.pk).update(url=url)
    html = analyst_client.get(reverse("article_detail", args=[article.pk])).content.decode()
    assert (bool(http_url(url))) is linked
    hrefs = re.findall(r'href="([^"]*)"[^>]*target="_blank"', html)
    if linked:
        assert hrefs and hrefs[0].replace("&amp;", "&") == url
    else:
        assert not hrefs
        assert "javascript:" not in "".join(re.findall(r'href="([^"]*)"', html)).lower()
