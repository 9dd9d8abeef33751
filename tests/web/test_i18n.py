"""Arabic by default (right to left), English on request (left to right), assets served locally."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_arabic_is_the_default(analyst_client: Client, tagged) -> None:
    html = analyst_client.get(reverse("thread_list")).content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "مسارات التفاوض" in html  # "Negotiation threads"
    assert "انتقل إلى المحتوى" in html  # skip link
    assert 'action="/i18n/setlang/"' in html


def test_english_switch(analyst_client: Client, tagged) -> None:
    response = analyst_client.post(
        reverse("set_language"), {"language": "en", "next": reverse("thread_list")}
    )
    assert response.status_code == 302
    html = analyst_client.get(reverse("thread_list")).content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert "Negotiation threads" in html
    assert "Gaza truce talks" in html


def test_every_catalogue_entry_is_translated() -> None:
    po = Path(settings.BASE_DIR, "locale", "ar", "LC_MESSAGES", "django.po").read_text(
        encoding="utf-8"
    )
    entries = po.split("\n\n")[1:]
    untranslated = [
        e for e in entries if 'msgstr ""' in e.splitlines()[-1] and not e.startswith("#~")
    ]
    assert untranslated == []
    assert Path(settings.BASE_DIR, "locale", "ar", "LC_MESSAGES", "django.mo").exists()


def test_vendored_assets_are_local() -> None:
    static = Path(settings.BASE_DIR, "static")
    assert (static / "vendor" / "chart.js" / "chart.umd.min.js").stat().st_size > 100_000
    assert list(
        (static / "vendor" / "ibm-plex-sans-arabic" / "files").glob("*arabic-400-normal.woff2")
    )
    base = Path(settings.BASE_DIR, "templates", "base.html").read_text(encoding="utf-8")
    assert "http://" not in base and "https://" not in base
