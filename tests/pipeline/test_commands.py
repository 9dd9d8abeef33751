"""The management commands, called as an admin would call them."""

from __future__ import annotations

import json
import zipfile

import pytest
from django.core.management import call_command

from articles.models import Article, IngestBatch
from tests.pipeline.conftest import shared_file
from tests.pipeline.test_processing import OTHER, WIRE

pytestmark = pytest.mark.django_db


def test_ingest_folder_glob_and_zip_twice_creates_nothing_new(tmp_path, capsys):
    (tmp_path / "one.txt").write_text("عنوان أول\n" + WIRE, encoding="utf-8")
    with zipfile.ZipFile(tmp_path / "day.zip", "w") as z:
        z.writestr("day.json", json.dumps([{"title": "t", "content": OTHER, "source": "okaz",
                                             "date_extracted": "2015-07-21 02:51:32"}]))  # fmt: skip
    call_command("ingest", str(tmp_path), "--no-queue", verbosity=0)
    assert Article.objects.count() == 2
    art = Article.objects.get(source__name="okaz")
    assert art.published_at.isoformat().startswith("2015-07-21")
    call_command(
        "ingest", str(tmp_path / "*.zip"), str(tmp_path / "one.txt"), "--no-queue", verbosity=0
    )
    assert Article.objects.count() == 2
    last = IngestBatch.objects.order_by("-pk").first()
    assert (last.read_count, last.created_count, last.duplicate_count) == (2, 0, 2)
    assert "duplicates 2" in capsys.readouterr().out


def test_tag_jsonl_on_the_seeds(tmp_path):
    rows = []
    for name, sid in [
        ("000_4aa8b5c3c2ddf981.txt", "seed-000"),
        ("002_741b464d07d3dcc0.txt", "seed-002"),
    ]:
        text = shared_file("seeds", name).read_text(encoding="utf-8")
        rows.append(
            {"id": sid, "title": "", "text": text, "published_at": "", "source": "", "lang": "ar"}
        )
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    call_command("tag_jsonl", str(src), str(out))
    got = {r["id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    s0, s2 = got["seed-000"], got["seed-002"]
    assert s0["is_negotiation"] and s2["is_negotiation"]
    assert {"USA", "hamas"} <= set(s0["parties"])
    assert "QAT" in s0["mediators"]
    assert {"hostages", "nuclear"} <= set(s0["topics"])
    assert {"ISR", "hamas"} <= set(s2["parties"])
    assert {"QAT", "EGY"} <= set(s2["mediators"])
    assert {"ceasefire", "hostages"} <= set(s2["topics"])
    for r in got.values():
        text = next(x["text"] for x in rows if x["id"] == r["id"])
        assert r["mentions"] and all(0 <= m["start"] < m["end"] <= len(text) for m in r["mentions"])


def test_tag_jsonl_gives_what_the_standalone_tagger_gives(tmp_path, lexicon):
    """The database copy of the lexicon and threads tags exactly as the shipped files do."""
    import subprocess
    import sys

    from tests.pipeline.conftest import REPO

    src = shared_file("eval", "dev_input.jsonl")
    via_db, via_files = tmp_path / "db.jsonl", tmp_path / "files.jsonl"
    call_command("tag_jsonl", str(src), str(via_db))
    subprocess.run(
        [sys.executable, "-m", "articles.nlp", "tag", str(src), str(via_files)],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    db_rows = [json.loads(x) for x in via_db.read_text(encoding="utf-8").splitlines()]
    file_rows = [json.loads(x) for x in via_files.read_text(encoding="utf-8").splitlines()]
    assert len(db_rows) == len(file_rows) > 40
    for a, b in zip(db_rows, file_rows, strict=True):
        for field in ("is_negotiation", "actors", "parties", "mediators", "topics", "mentions"):
            assert a[field] == b[field], (a["id"], field)
        assert (a["thread"] is None) == (b["thread"] is None), a["id"]
