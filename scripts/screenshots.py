"""Save PNG screenshots of the main pages into docs/screenshots/.

    .venv/bin/python scripts/screenshots.py [--url http://127.0.0.1:8000] [--out docs/screenshots]

Runs against whatever the database holds (``manage.py demo`` data, or the
``benchmark scale`` corpus), picking the busiest thread, one of its actors
and topics and its most annotated article, so the pictures show the
product with real content rather than empty states. Starts gunicorn like
``manage.py benchmark web`` unless ``--url`` is given, and drives Debian's
Chromium (``/usr/bin/chromium``) through Playwright.
"""

from __future__ import annotations

import argparse
import os
import sys
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "negotiation_tracker.settings.base")

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WIDTH, MAX_HEIGHT = 1280, 2200


def pages() -> dict[str, str]:
    """File name → path of each page worth a picture, chosen from the data."""
    import datetime as dt

    from django.db.models import Count
    from django.db.models.functions import Length
    from django.urls import reverse

    from articles.models import Article, Thread

    # The thread with the richest story (most moves), else the busiest one.
    thread = (
        Thread.objects.filter(merged_into__isnull=True)
        .annotate(moves=Count("events", distinct=True), n=Count("articles", distinct=True))
        .order_by("-moves", "-n")
        .first()
    )
    if thread is None:
        raise SystemExit("no threads: load data first (manage.py demo or benchmark scale)")
    with_moves = (
        Article.objects.filter(thread=thread, events__isnull=False)
        .annotate(size=Length("text"), moves=Count("events"))
        .filter(size__lt=2500)
        .order_by("-moves", "-published_at")
        .first()
    )
    article = (
        with_moves
        or (
            Article.objects.filter(thread=thread)
            .exclude(mentions=[])
            .annotate(size=Length("text"))
            .filter(size__lt=3000)
            .order_by("-published_at")
            .first()
        )
        or Article.objects.filter(thread=thread).first()
    )
    actor = (article.parties or article.actors or ["USA"])[0]
    topic = (article.topics or ["ceasefire"])[0]
    day = (article.published_at or dt.datetime.now(dt.UTC)).date()
    query = urllib.parse.urlencode(
        {
            "actor": actor,
            "topic": topic,
            "date_from": (day - dt.timedelta(days=90)).isoformat(),
            "date_to": (day + dt.timedelta(days=30)).isoformat(),
        }
    )
    story = reverse("thread_detail", args=[thread.key])
    return {
        "home": reverse("home"),
        "thread_story": story,
        "thread_timeline": f"{story}#h-timeline",
        "article_moves": f"{reverse('article_detail', args=[article.pk])}#moves",
        "article_list_filtered": f"{reverse('article_list')}?{query}",
        "article": reverse("article_detail", args=[article.pk]),
        "actor": reverse("actor_detail", args=[actor]),
        "search": f"{reverse('search')}?{urllib.parse.urlencode({'q': 'المفاوضات'})}",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running server on 127.0.0.1 (default: start gunicorn)")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()

    import django

    django.setup()
    from playwright.sync_api import sync_playwright

    from articles.benchmarks.web import login, serve

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    targets = pages()
    with serve({"url": args.url, "workers": args.workers, "threads": 1}) as base_url:
        cookies = [
            {"name": name, "value": value, "url": base_url}
            for name, value in (c.split("=", 1) for c in login(base_url).split("; "))
        ]
        # Playwright's loop runs in this thread; the ORM work is done by now.
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
            for lang in ("ar", "en"):
                context = browser.new_context(
                    base_url=base_url,
                    locale=lang,
                    viewport={"width": WIDTH, "height": 900},
                    device_scale_factor=1,
                )
                context.add_cookies(
                    [*cookies, {"name": "django_language", "value": lang, "url": base_url}]
                )
                page = context.new_page()
                for name, path in targets.items():
                    if lang == "en" and name not in ("thread_story", "article"):
                        continue
                    page.goto(path, wait_until="networkidle")
                    page.wait_for_timeout(1200)  # let Chart.js finish its animation
                    height = page.evaluate("document.documentElement.scrollHeight")
                    # A path with an anchor is pictured from that part of the page down.
                    top = 0
                    if "#" in path:
                        top = page.evaluate(
                            "(id) => { const el = document.getElementById(id);"
                            " return el ? Math.max(0, el.getBoundingClientRect().top"
                            " + window.scrollY - 80) : 0; }",
                            path.split("#", 1)[1],
                        )
                    file = out / (f"{name}.png" if lang == "ar" else f"{name}_en.png")
                    page.screenshot(
                        path=str(file),
                        full_page=True,
                        clip={
                            "x": 0,
                            "y": top,
                            "width": WIDTH,
                            "height": min(height - top, MAX_HEIGHT),
                        },
                    )
                    print(
                        f"{file.relative_to(ROOT) if file.is_relative_to(ROOT) else file}  {path}"
                    )
                context.close()
            browser.close()


if __name__ == "__main__":
    main()
