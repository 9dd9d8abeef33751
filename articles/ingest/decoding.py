"""Bytes to text for uploads whose encoding nobody told us.

Arabic news files arrive as UTF-8 (with or without a BOM, from Excel and
Notepad), UTF-16 (Windows "Unicode text" exports, sometimes without a BOM)
and Windows-1256 (older Arabic Windows tools). Generic detectors guess badly
on short Arabic texts (they confuse Windows-1256 with ISO-8859-6 or
Mac-Arabic), so the common cases are decided here by cheap, exact tests and
charset-normalizer only sees what is left.
"""

from __future__ import annotations

import codecs

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian BOM begins with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SAMPLE = 64 * 1024
_CP1252_MARKS = frozenset("\u00a0\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u20ac\u00ab\u00bb")
# Characters a Windows-1256 Arabic text is made of above ASCII: Arabic
# letters, marks and punctuation, plus the typographic marks Word inserts.
_CP1256_EXPECTED = frozenset(
    [chr(c) for c in range(0x0600, 0x0700)]
    + list("\u00a0\u00ab\u00bb\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u200c\u200d\u200e\u200f")
)


def decode(data: bytes) -> str:
    """Decode an uploaded file to ``str`` with ``\\n`` newlines and no BOM.

    Order: byte-order mark; UTF-16 without BOM (NUL bytes on one side of
    each pair); strict UTF-8; Windows-1256 when its upper half decodes to
    Arabic; UTF-8 with a few damaged bytes; Windows-1252 when its upper half
    decodes to accented Latin letters; charset-normalizer; UTF-8 with
    replacement characters. Never raises.
    """
    if not data:
        return ""
    text = _decode(data)
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _decode(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")

    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        try:
            return data.decode(utf16)
        except UnicodeDecodeError:
            pass

    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass

    if _looks_like_cp1256(data[:_SAMPLE]):
        return data.decode("cp1256", errors="replace")

    # Real UTF-8 with a damaged byte or two (a truncated download): many
    # well-formed multi-byte characters, very few replacements.
    lenient = data.decode("utf-8", errors="replace")
    head = lenient[:_SAMPLE]
    damaged = head.count("\ufffd")
    intact = sum(1 for c in head if ord(c) > 127) - damaged
    if intact > 0 and damaged * 50 <= intact:
        return lenient

    if _looks_like_cp1252(data[:_SAMPLE]):
        return data.decode("cp1252", errors="replace")

    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
    except Exception:  # a detector failure must not lose the upload
        best = None
    if best is not None and best.encoding:
        return data.decode(best.encoding, errors="replace")
    return lenient


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when NUL bytes sit on one side of the byte pairs.

    UTF-8 and single-byte encodings never contain NUL in text, while UTF-16
    text has one in the high byte of every ASCII space, digit and newline.
    """
    sample = data[:_SAMPLE]
    if len(sample) < 2 or b"\x00" not in sample:
        return None
    if len(sample) % 2:
        sample = sample[:-1]
    zeros_even = sample[0::2].count(0)
    zeros_odd = sample[1::2].count(0)
    if zeros_odd > 4 * zeros_even + 1:
        return "utf-16-le"
    if zeros_even > 4 * zeros_odd + 1:
        return "utf-16-be"
    return None


def _looks_like_cp1252(sample: bytes) -> bool:
    """True when the non-ASCII bytes are Western European letters in Windows-1252.

    English and French copy pasted from Word is the other legacy encoding we
    see; charset-normalizer tends to call short samples of it Central
    European (cp1250) and turns "Genève" into "Genčve".
    """
    high = bytes(b for b in sample if b > 0x7F)
    if not high:
        return False
    chars = high.decode("cp1252", errors="replace")
    expected = sum(1 for c in chars if "\u00c0" <= c <= "\u00ff" or c in _CP1252_MARKS)
    return expected >= 0.9 * len(chars)


def _looks_like_cp1256(sample: bytes) -> bool:
    """True when nearly every non-ASCII byte is Arabic in Windows-1256."""
    high = [b for b in sample if b > 0x7F]
    if not high:
        return False
    chars = bytes(high).decode("cp1256", errors="replace")
    expected = sum(1 for c in chars if c in _CP1256_EXPECTED)
    letters = sum(1 for c in chars if "\u0621" <= c <= "\u064a")
    return letters > 0 and expected >= 0.9 * len(chars)
