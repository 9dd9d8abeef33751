import codecs

import pytest

from articles.ingest import decode

ARABIC = "قال المتحدث باسم الخارجية إن المفاوضات مستمرة في الدوحة.\r\nسطر ثان «مهم»."
EXPECTED = ARABIC.replace("\r\n", "\n")


@pytest.mark.parametrize(
    "data",
    [
        ARABIC.encode("utf-8"),
        codecs.BOM_UTF8 + ARABIC.encode("utf-8"),
        codecs.BOM_UTF16_LE + ARABIC.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + ARABIC.encode("utf-16-be"),
        ARABIC.encode("utf-16-le"),
        ARABIC.encode("utf-16-be"),
        ARABIC.encode("cp1256"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le", "utf16be", "cp1256"],
)
def test_arabic_in_every_encoding(data):
    assert decode(data) == EXPECTED


def test_english_latin1_falls_back_to_a_detector():
    text = "Café talks in Genève resumed on Monday after the envoy's visit."
    assert decode(text.encode("latin-1")) == text


def test_old_mac_newlines_and_empty():
    assert decode(b"a\rb\r\nc") == "a\nb\nc"
    assert decode(b"") == ""


def test_utf8_with_one_damaged_byte_keeps_the_rest():
    data = "مفاوضات الدوحة".encode() + b"\xff" + " تستأنف".encode()
    assert decode(data).startswith("مفاوضات الدوحة")
