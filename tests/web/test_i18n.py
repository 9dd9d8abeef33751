"""Arabic by default (right to left), English on request (left to right), assets served locally."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
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
    # A fuzzy entry is a guess from a similar message, shown as if translated.
    assert [e for e in entries if "#, fuzzy" in e] == []
    assert Path(settings.BASE_DIR, "locale", "ar", "LC_MESSAGES", "django.mo").exists()


def _msgids(po: str) -> set[tuple[str, str]]:
    """(context, message) of each live entry of a catalogue."""
    found = set()
    for entry in po.split("\n\n"):
        if entry.startswith("#~"):
            continue
        fields: dict[str, str] = {}
        key = ""
        for line in entry.splitlines():
            if m := re.match(r'(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) "(.*)"$', line):
                key, fields[m.group(1)] = m.group(1), m.group(2)
            elif line.startswith('"') and key:
                fields[key] += line[1:-1]
        if fields.get("msgid"):
            found.add((fields.get("msgctxt", ""), fields["msgid"]))
    return found


def test_the_catalogue_holds_every_message_of_the_code(tmp_path: Path) -> None:
    """``make messages`` on a copy of the code finds no message the shipped catalogue lacks:
    a string added to a template or a view without it shows in English in the Arabic pages."""
    root = Path(settings.BASE_DIR)
    for name in ("articles", "negotiation_tracker", "templates", "locale"):
        shutil.copytree(root / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(root / "manage.py", tmp_path / "manage.py")
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "ar", "--no-obsolete"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
        check=True,
        capture_output=True,
        timeout=300,
    )
    po = "LC_MESSAGES/django.po"
    shipped = _msgids((root / "locale" / "ar" / po).read_text(encoding="utf-8"))
    wanted = _msgids((tmp_path / "locale" / "ar" / po).read_text(encoding="utf-8"))
    assert wanted - shipped == set()


def test_vendored_assets_are_local() -> None:
    static = Path(settings.BASE_DIR, "static")
    assert (static / "vendor" / "chart.js" / "chart.umd.min.js").stat().st_size > 100_000
    assert list(
        (static / "vendor" / "ibm-plex-sans-arabic" / "files").glob("*arabic-400-normal.woff2")
    )
    for frame in ("base.html", "_site_header.html", "_site_styles.html"):
        html = Path(settings.BASE_DIR, "templates", frame).read_text(encoding="utf-8")
        assert "http://" not in html and "https://" not in html
