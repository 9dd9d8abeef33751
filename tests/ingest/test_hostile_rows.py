"""Hostile rows: each is reported with its file, line and reason, and the rest of the file is stored."""

from __future__ import annotations

import json

import pytest

from articles.ingest import read_bytes
from articles.models import Article, IngestBatch
from articles.services.ingest import create_batch, ingest_items

pytestmark = pytest.mark.django_db

BODY = "قال المتحدث إن المفاوضات بين الطرفين مستمرة في الدوحة بوساطة قطرية ومصرية، الجولة {n}."


def good(n: int, **extra) -> dict:
    return {
        "title": f"خبر {n}",
        "text": BODY.format(n=n),
        "url": f"https://news.example/{n}",
        **extra,
    }


def line(item) -> str:
    return item if isinstance(item, str) else json.dumps(item, ensure_ascii=False)


HUGE_NUMBER = '{"title": "x", "text": "y", "views": ' + "9" * 5000 + "}"
DEEP = '{"title": "x", "text": ' + "[" * 50_000 + "]" * 50_000 + "}"


def store(name: str, data: bytes) -> IngestBatch:
    batch = create_batch(kind=IngestBatch.Kind.COMMAND, filename=name)
    return ingest_items(batch, read_bytes(name, data), queue=False)


def stored_titles(batch: IngestBatch) -> set[str]:
    return set(Article.objects.filter(batch=batch).values_list("title", flat=True))


def errors_by_line(batch: IngestBatch) -> dict[int, str]:
    return {e["line"]: e["reason"] for e in batch.errors}


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        (HUGE_NUMBER, "too many digits"),
        (DEEP, "nested too deeply"),
        ('{"title": "x", "text": [[[[[[[["deep list"]]]]]]]]}', "nested more than"),
        ('{"title": "x", "text": "y"', "not valid JSON"),
    ],
    ids=["number-of-5000-digits", "nesting-50000-deep", "text-nested-lists", "truncated"],
)
@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_a_bad_row_is_reported_and_every_good_row_is_stored(bad, reason, fmt):
    rows = [line(good(1)), line(good(2)), bad, line(good(4)), line(good(5))]
    data = "\n".join(rows) if fmt == "jsonl" else "[\n" + ",\n".join(rows) + "\n]"
    batch = store(f"upload.{fmt}", data.encode())
    assert batch.status == IngestBatch.Status.DONE
    assert stored_titles(batch) == {"خبر 1", "خبر 2", "خبر 4", "خبر 5"}
    ((where, why),) = errors_by_line(batch).items()
    assert reason in why
    if fmt == "jsonl":
        assert where == 3 and why.startswith("line 3: ")
    else:
        # The item's number, and the line it starts on when it did not parse.
        assert where in (3, 4) and why.startswith("item 3: ")
    assert batch.errors[0]["file"] == f"upload.{fmt}"
    assert (batch.read_count, batch.created_count, batch.rejected_count) == (5, 4, 1)


def test_nul_characters_are_removed_the_row_stored_and_the_change_reported():
    rows = [good(1), {"title": "عنوان\x00مكسور", "text": "نص\x00 " + BODY.format(n=2)}, good(3)]
    batch = store("nul.jsonl", "\n".join(map(line, rows)).encode())
    assert stored_titles(batch) == {"خبر 1", "عنوانمكسور", "خبر 3"}
    assert not any("\x00" in t for t in Article.objects.values_list("text", flat=True))
    (note,) = batch.errors
    assert note["line"] == 2 and note["stored"] and "NUL" in note["reason"]
    assert batch.rejected_count == 0 and batch.created_count == 3


@pytest.mark.parametrize(
    "link",
    ["javascript:alert(document.cookie)", "/admin/articles/", "data:text/html,<b>x</b>", "ftp://x.org/a", "//evil.example/x", "https:///nohost"],
)  # fmt: skip
def test_only_http_links_are_stored_the_rest_reported(link):
    rows = [good(1), good(2, url=link), good(3)]
    batch = store("links.jsonl", "\n".join(map(line, rows)).encode())
    assert Article.objects.filter(batch=batch).count() == 3
    assert Article.objects.get(title="خبر 2").url == ""
    assert set(Article.objects.exclude(url="").values_list("url", flat=True)) == {
        "https://news.example/1",
        "https://news.example/3",
    }
    (note,) = batch.errors
    assert note["line"] == 2 and "not an http(s) address" in note["reason"]


def test_a_csv_row_with_a_bad_link_keeps_its_article():
    data = f"title,text,url\nأ,{BODY.format(n=1)},https://a.example/1\nب,{BODY.format(n=2)},javascript:alert(1)\n"
    batch = store("rows.csv", data.encode())
    assert batch.created_count == 2
    assert errors_by_line(batch).keys() == {3}
    assert set(Article.objects.values_list("url", flat=True)) == {"https://a.example/1", ""}


def test_a_damaged_array_item_is_stepped_over():
    data = "[" + ",\n".join([line(good(1)), '{"title": "x", "text": tru}', line(good(3))]) + "]"
    batch = store("damaged.json", data.encode())
    assert stored_titles(batch) == {"خبر 1", "خبر 3"}
    assert list(errors_by_line(batch)) == [2]


def test_a_date_of_hundreds_of_digits_is_no_date():
    row = '{"title": "t", "text": "' + BODY.format(n=1) + '", "date": ' + "9" * 400 + "}"
    batch = store("date.jsonl", row.encode())
    assert Article.objects.get(batch=batch).published_at is None
