import io
import json
import zipfile
from pathlib import Path

import pytest

from articles.ingest import Limits, Record, RowError, iter_paths, read_bytes, read_file

BODY = "قال المتحدث إن المفاوضات بين الطرفين مستمرة في الدوحة بوساطة قطرية ومصرية."
CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "saudinewsnet"


def make_zip(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_zip_with_mixed_members_and_a_nested_zip():
    inner = make_zip({"deep.txt": f"عنوان داخلي\n{BODY}".encode("cp1256")})
    data = make_zip(
        {
            "a.jsonl": json.dumps(
                {"id": "1", "title": "t", "text": BODY}, ensure_ascii=False
            ).encode(),
            "b.csv": f"title,text\nعنوان,{BODY}\n".encode("utf-16"),
            "c.docx": b"whatever",
            "__MACOSX/._a.jsonl": b"junk",
            "folder/inner.zip": inner,
        }
    )
    items = list(read_bytes("upload.zip", data))
    records = [i for i in items if isinstance(i, Record)]
    errors = [i for i in items if isinstance(i, RowError)]
    assert [r.origin for r in records] == [
        "upload.zip/a.jsonl:1",
        "upload.zip/b.csv:2",
        "upload.zip/folder/inner.zip/deep.txt",
    ]
    assert records[2].title == "عنوان داخلي"
    assert len(errors) == 1 and errors[0].origin == "upload.zip/c.docx"
    assert "unknown file type '.docx'" in errors[0].reason


def test_zip_bomb_ratio_is_refused():
    data = make_zip({"bomb.json": b"[" + b" " * (3 * 1024 * 1024) + b"]"})
    (err,) = list(read_bytes("bomb.zip", data))
    assert err.origin == "bomb.zip/bomb.json"
    assert "possible ZIP bomb" in err.reason and "over the 100 to 1 limit" in err.reason


def test_zip_member_and_total_limits():
    members = {f"{i}.txt": f"عنوان\n{BODY}".encode() for i in range(5)}
    (err,) = list(read_bytes("many.zip", make_zip(members), Limits(max_archive_members=3)))
    assert err.reason == "archive holds 5 files, over the 3 file limit"
    errs = list(read_bytes("big.zip", make_zip(members), Limits(max_archive_total_bytes=200)))
    assert len(errs) == 1 and "over the 200 bytes limit" in errs[0].reason
    big = {"big.txt": b"x" * 5000}
    (err,) = list(
        read_bytes("m.zip", make_zip(big, zipfile.ZIP_STORED), Limits(max_file_bytes=4096))
    )
    assert err.reason == "file is 5 KB, over the 4 KB limit"


def test_nesting_depth_and_broken_zip():
    data = make_zip({"x.txt": f"t\n{BODY}".encode()})
    for _ in range(3):
        data = make_zip({"n.zip": data})
    (err,) = list(read_bytes("deep.zip", data, Limits(max_archive_depth=2)))
    assert "nested deeper than 2" in err.reason
    (err,) = list(read_bytes("broken.zip", b"PK\x03\x04 not really"))
    assert err.reason.startswith("not a readable ZIP archive")


def test_iter_paths_expands_folders_and_globs(tmp_path):
    (tmp_path / "b").mkdir()
    for name in ["b/2.json", "b/1.csv", "a.txt", ".hidden.json", "b/.git/x.json"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    got = list(iter_paths([str(tmp_path / "b"), str(tmp_path / "*.txt"), str(tmp_path / "a.txt")]))
    assert got == [tmp_path / "b" / "1.csv", tmp_path / "b" / "2.json", tmp_path / "a.txt"]
    assert list(iter_paths([str(tmp_path / "nope.json")])) == [tmp_path / "nope.json"]


def test_saudinewsnet_day_maps_to_records():
    path = CORPUS / "2015-07-21.zip"
    if not path.exists():
        pytest.skip("SaudiNewsNet corpus not present")
    items = list(read_file(path))
    records = [i for i in items if isinstance(i, Record)]
    errors = [i for i in items if isinstance(i, RowError)]
    assert len(items) == 2972
    assert all(e.reason.endswith("empty body") for e in errors)
    first = records[0]
    assert first.origin == "2015-07-21.zip/2015-07-21.json:1"
    assert first.source == "aawsat" and first.author == "لندن: رنيم حنوش"
    assert first.url.startswith("http://aawsat.com/")
    assert first.published_at is not None and first.published_at.tzinfo is not None
    assert first.lang == "ar" and first.text.strip()
