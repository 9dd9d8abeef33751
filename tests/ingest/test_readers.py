import json
from datetime import UTC, datetime

from articles.ingest import Limits, Record, RowError, detect_lang, parse_datetime, read_bytes
from articles.ingest.readers import read_file

BODY = "قال المتحدث إن المفاوضات بين الطرفين مستمرة في الدوحة بوساطة قطرية ومصرية."


def split(items):
    records = [i for i in items if isinstance(i, Record)]
    errors = [i for i in items if isinstance(i, RowError)]
    return records, errors


def test_json_array_with_spec_fields():
    data = json.dumps(
        [
            {
                "id": "a1",
                "title": "عنوان",
                "text": BODY,
                "published_at": "2025-03-06T10:00:00+03:00",
                "source": "سكاي نيوز عربية",
                "lang": "ar",
            }
        ],
        ensure_ascii=False,
    ).encode()
    (rec,), errors = split(list(read_bytes("batch.json", data)))
    assert errors == []
    assert rec.external_id == "a1"
    assert rec.published_at == datetime(2025, 3, 6, 7, 0, tzinfo=UTC)
    assert rec.source == "سكاي نيوز عربية"
    assert rec.lang == "ar"
    assert rec.origin == "batch.json:1"


def test_json_array_with_saudinewsnet_fields_and_body_alias():
    data = json.dumps(
        [
            {
                "source": "aawsat",
                "url": "http://aawsat.com/x",
                "date_extracted": "2015-07-21 02:51:32",
                "title": "&quot;عنوان&quot;",
                "author": "لندن: رنيم حنوش",
                "content": BODY,
            },
            {
                "title": "Talks",
                "body": "The envoy said talks resume in Doha.",
                "date": "2024-01-02",
            },
        ],
        ensure_ascii=False,
    ).encode()
    (a, b), errors = split(list(read_bytes("day.json", data)))
    assert errors == []
    assert a.published_at == datetime(2015, 7, 21, 2, 51, 32, tzinfo=UTC)
    assert (a.url, a.author, a.source, a.title) == (
        "http://aawsat.com/x",
        "لندن: رنيم حنوش",
        "aawsat",
        '"عنوان"',
    )
    assert b.lang == "en" and b.published_at == datetime(2024, 1, 2, tzinfo=UTC)


def test_jsonl_bad_line_is_reported_and_the_rest_kept():
    lines = [
        json.dumps({"id": "1", "title": "a", "text": BODY}, ensure_ascii=False),
        '{"id": "2", "title": "b" "text": "x"}',
        "",
        json.dumps({"id": "3", "title": "c", "text": BODY}, ensure_ascii=False),
        json.dumps({"id": "4", "title": "d", "text": "   "}),
        "[1, 2]",
    ]
    records, errors = split(list(read_bytes("in.jsonl", "\n".join(lines).encode())))
    assert [r.external_id for r in records] == ["1", "3"]
    assert [(e.line, e.origin) for e in errors] == [
        (2, "in.jsonl"),
        (5, "in.jsonl:5"),
        (6, "in.jsonl"),
    ]
    assert errors[0].reason.startswith("line 2: not valid JSON: Expecting ',' delimiter at column")
    assert errors[1].reason == "line 5: empty body"
    assert "expected an object" in errors[2].reason


def test_broken_json_array_keeps_items_before_the_damage():
    good = json.dumps({"title": "a", "text": BODY}, ensure_ascii=False)
    data = f'[{good},\n{{"title": "b", "text": }}]'.encode()
    records, errors = split(list(read_bytes("x.json", data)))
    assert len(records) == 1
    assert errors[0].line == 2 and "item 2: not valid JSON" in errors[0].reason


def test_csv_with_header_bad_row_and_empty_body():
    long_body = BODY * 3000  # beyond the csv module's default field limit
    text = (
        "Title,Content,URL,Date\n"
        f'"عنوان ١","{long_body}",http://a,2015-07-21\n'
        "عنوان ٢,نص,زائد,حقل,آخر\n"
        "عنوان ٣,,http://c,2015-07-22\n"
        f'"عنوان ٤","سطر أول\nسطر ثان {BODY}",http://d,bad date\n'
    )
    records, errors = split(list(read_bytes("up.csv", text.encode("utf-8-sig"))))
    assert [r.title for r in records] == ["عنوان ١", "عنوان ٤"]
    assert records[0].text == long_body
    assert records[1].published_at is None
    assert records[1].origin == "up.csv:5"
    assert [(e.line, e.reason) for e in errors] == [
        (3, "row 3: 5 fields, but the header has 4"),
        (4, "row 4: empty body"),
    ]


def test_csv_without_text_column():
    (err,) = list(read_bytes("x.csv", b"a,b\n1,2\n"))
    assert isinstance(err, RowError) and "no text column" in err.reason


def test_semicolon_csv_in_cp1256():
    data = f"title;text\nعنوان;{BODY}\n".encode("cp1256")
    (rec,) = list(read_bytes("x.csv", data))
    assert rec.text == BODY


def test_txt_first_line_is_title():
    data = f"\n\nالعنوان هنا\n\n{BODY}\n".encode("utf-16")
    (rec,) = list(read_bytes("story.txt", data))
    assert rec.title == "العنوان هنا"
    assert rec.text.strip() == BODY
    (err,) = list(read_bytes("only-title.txt", "عنوان فقط\n".encode()))
    assert "empty body" in err.reason


def test_html_main_text_and_metadata():
    paragraphs = "".join(f"<p>{BODY} فقرة رقم {i}.</p>" for i in range(6))
    page = (
        "<html><head><title>عنوان الصفحة</title>"
        '<meta property="og:site_name" content="سكاي نيوز عربية">'
        '<meta property="article:published_time" content="2025-03-06T09:00:00Z">'
        "</head><body><nav>الرئيسية أخبار رياضة</nav><article><h1>عنوان الخبر</h1>"
        f"{paragraphs}</article><footer>جميع الحقوق محفوظة</footer></body></html>"
    )
    (rec,) = list(read_bytes("page.html", page.encode()))
    assert isinstance(rec, Record)
    assert "المفاوضات" in rec.text and "جميع الحقوق" not in rec.text
    assert rec.source == "سكاي نيوز عربية"
    assert rec.published_at is not None and rec.published_at.date().isoformat() == "2025-03-06"
    assert rec.lang == "ar"


def test_unknown_type_oversize_and_empty(tmp_path):
    (err,) = list(read_bytes("report.docx", b"PK\x03\x04..."))
    assert err.reason.startswith("unknown file type '.docx'")
    big = tmp_path / "big.jsonl"
    big.write_bytes(b" " * 3000)
    (err,) = list(read_file(big, Limits(max_file_bytes=1024)))
    assert err.reason == "file is 3 KB, over the 1 KB limit"
    (err,) = list(read_bytes("big.json", b"[" + b" " * 2000 + b"]", Limits(max_file_bytes=1000)))
    assert "over the 1000 bytes limit" in err.reason
    (err,) = list(read_bytes("empty.json", b"  \n"))
    assert err.reason == "file is empty"
    (err,) = list(read_file(tmp_path / "missing.json"))
    assert err.reason == "no such file"


def test_file_without_extension_is_sniffed():
    data = json.dumps([{"title": "t", "text": BODY}], ensure_ascii=False).encode()
    (rec,) = list(read_bytes("export", data))
    assert rec.text == BODY


def test_parse_datetime_and_detect_lang():
    assert parse_datetime("2015-07-21 02:51:32") == datetime(2015, 7, 21, 2, 51, 32, tzinfo=UTC)
    assert parse_datetime("2015-07-21T05:51:32+03:00") == datetime(
        2015, 7, 21, 2, 51, 32, tzinfo=UTC
    )
    assert parse_datetime("Tue, 21 Jul 2015 02:51:32 GMT") == datetime(
        2015, 7, 21, 2, 51, 32, tzinfo=UTC
    )
    assert parse_datetime("2015/07/21") == datetime(2015, 7, 21, tzinfo=UTC)
    assert parse_datetime("yesterday") is None and parse_datetime("") is None
    assert detect_lang(BODY) == "ar"
    assert detect_lang("Talks resumed in Doha with Qatari mediation.") == "en"
    assert detect_lang("12345 --") == ""
