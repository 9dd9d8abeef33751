"""Article text as received, split into clean stories.

Pages copied from Arabic news sites carry blocks that are not the story: tag
lists (``كلمات دلالية: ...``), lists of related headlines (``مقالات مشابهة``
followed by ``•`` bullets), share prompts, empty filler lines, a publisher
line (``المصدر: سكاي نيوز عربية``). Some pages carry a whole second story
after ``إقرأ أيضاً:`` with its own headline and byline. Left in, these
blocks make the tagger find actors and topics the story never mentions, so
they are cut here, before tagging.

The raw text stays the source of truth: every ``Story`` says where it sits in
the raw text (``start``/``end``) and which raw spans its ``text`` was joined
from (``spans``), so a mention found in the clean text can be highlighted in
the text as published.

Everything works on lines with precompiled regular expressions over the
normalised line (hamza, alef and diacritic variants folded by
``normalize``), because this runs on every article of a bulk ingest. Most
articles hold none of these blocks and come back as one story whose text is
the raw text with its outer whitespace trimmed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .normalize import normalize

# Markers are written as they appear in print and normalised at import, so
# that إقرأ أيضاً, اقرأ ايضا and اقرا أيضًا all match one pattern.
_TAG_MARKERS = (
    "كلمات دلالية",
    "الكلمات الدلالية",
    "كلمات مفتاحية",
    "الكلمات المفتاحية",
    "وسوم",
    "الوسوم",
    "الأوسمة",
    "هاشتاغ",
    "tags",
    "keywords",
)
_RELATED_MARKERS = (
    "مقالات مشابهة",
    "مقالات ذات صلة",
    "مواضيع ذات صلة",
    "موضوعات ذات صلة",
    "أخبار ذات صلة",
    "اخبار متعلقة",
    "مواضيع متعلقة",
    "مقالات متعلقة",
    "قد يعجبك أيضا",
    "قد يهمك أيضا",
    "قد يهمك",
    "الأكثر قراءة",
    "الأكثر مشاهدة",
    "المزيد من الأخبار",
    "related articles",
    "related stories",
    "related news",
    "related",
    "you may also like",
    "more stories",
    "most read",
)
_READ_ALSO_MARKERS = (
    "اقرأ أيضا",
    "اقرأ كذلك",
    "اقرأ المزيد",
    "اقرأ أيضا في",
    "شاهد أيضا",
    "طالع أيضا",
    "إقرأ أيضا",
    "read also",
    "read more",
    "see also",
    "also read",
)
_SHARE_EXACT = (
    "شارك",
    "شاركها",
    "شارك هذا المقال",
    "شارك هذا الخبر",
    "شارك المقال",
    "شارك الخبر",
    "شارك على",
    "مشاركة",
    "شارك هذه الصفحة",
    "طباعة",
    "أرسل لصديق",
    "ارسل لصديق",
    "اضغط هنا",
    "انقر هنا",
    "تابعونا",
    "تابعنا",
    "share",
    "share this",
    "share this article",
    "share on",
    "tweet",
    "print",
    "email",
    "click here",
    "follow us",
)
_SOCIAL = (
    "فيسبوك",
    "فيس بوك",
    "تويتر",
    "اكس",
    "تلغرام",
    "تليغرام",
    "تليجرام",
    "تلجرام",
    "واتساب",
    "واتس اب",
    "يوتيوب",
    "انستغرام",
    "انستجرام",
    "إنستغرام",
    "جوجل نيوز",
    "غوغل نيوز",
    "قناتنا",
    "حسابنا",
    "صفحتنا",
    "facebook",
    "twitter",
    "telegram",
    "whatsapp",
    "youtube",
    "instagram",
    "google news",
)
_PUBLISHER_LABELS = ("المصدر", "مصدر الخبر", "source", "المصدر الأصلي")
_AGENCIES = (
    "وكالات",
    "وكالة",
    "رويترز",
    "فرانس برس",
    "ا ف ب",
    "أ ف ب",
    "أ.ف.ب",
    "الأناضول",
    "واس",
    "وام",
    "قنا",
    "كونا",
    "بنا",
    "سبأ",
    "وفا",
    "أسوشيتد برس",
    "د ب أ",
    "شينخوا",
    "سبوتنيك",
    "afp",
    "reuters",
    "ap",
    "anadolu",
)
_BYLINE_LEADS = ("بقلم", "كتب", "كتبت", "كتبه", "إعداد", "تقرير", "متابعة", "by")


def _norm(s: str) -> str:
    return normalize(s)


def _alternation(words: tuple[str, ...]) -> str:
    forms = sorted({re.escape(_norm(w)) for w in words}, key=len, reverse=True)
    return "|".join(forms)


# A bullet of a list of links: •, ·, ▪, ►, ◄, -, *, 1. 1)
_BULLET = re.compile(
    r"^\s*(?:[\u2022\u00b7\u25aa\u25ab\u25ba\u25c4\u25cf\u25cb\u25a0\u2013\u2014\u2192\u203a*\-]|\d{1,2}[.)\-])\s*"
)
# The punctuation a marker line may carry around the marker itself.
_EDGE = r"[\s:：\-\u2013\u2014|»«>\u2022.…]*"
_TAG_RE = re.compile(rf"^{_EDGE}(?:{_alternation(_TAG_MARKERS)})(?:{_EDGE}$|\s*[:：\-\u2013]\s*)")
_RELATED_RE = re.compile(rf"^{_EDGE}(?:{_alternation(_RELATED_MARKERS)}){_EDGE}$")
_READ_ALSO_RE = re.compile(
    rf"^{_EDGE}(?:{_alternation(_READ_ALSO_MARKERS)})(?:{_EDGE}$|\s*[:：\-\u2013]\s*)"
)
_SHARE_EXACT_RE = re.compile(rf"^{_EDGE}(?:{_alternation(_SHARE_EXACT)}){_EDGE}$")
_SHARE_SOCIAL_RE = re.compile(
    rf"^{_EDGE}(?:شارك|شاركوا|تابعونا|تابعنا|تابعوا|انضموا|انضم|اشترك|اشتركوا|share|follow|join|subscribe)\b"
    rf".*\b(?:{_alternation(_SOCIAL)})\b"
)
_CLICK_RE = re.compile(r"^\W*(?:اضغط|انقر|click)\s+(?:هنا|here)\b")
_PUBLISHER_RE = re.compile(
    rf"^{_EDGE}(?:{_alternation(_PUBLISHER_LABELS)})\s*[:：\-\u2013]\s*(?P<value>\S.*?)[\s.]*$"
)
_AGENCY_RE = re.compile(rf"(?:^|[\s(/\-–—:،,])(?:{_alternation(_AGENCIES)})(?:[\s)/\-–—.،,]|$)")
_BYLINE_LEAD_RE = re.compile(rf"^(?:{_alternation(_BYLINE_LEADS)})\b\s*[:：]?\s*\S")
# «لندن: رنيم حنوش», «القاهرة - محمد علي»: a place, a separator, a name.
_DATELINE_RE = re.compile(
    r"^[^\s:،,.!?؟\-–—/]+(?:\s+[^\s:،,.!?؟\-–—/]+){0,2}\s*[:\-–—/]\s*\S+(?:\s+\S+){0,4}$"
)
_SENTENCE_END = re.compile(r"[.!?؟…:\"'”»)\]]\s*$")
_FILLER_CHARS = " \t\r\u00a0\u200b\u200c\u200d\u200e\u200f\u2028\u2029\u3000\ufeff"

# Lines up to this long may be bylines or publisher lines and are
# normalised whole; longer ones only need their first characters checked
# for a marker.
_SHORT_LINE = 100
_NORM_PREFIX = 40
BYLINE_MAX_WORDS = 7
HEADLINE_MAX_WORDS = 25
BODY_MIN_WORDS = 12
STORY_MIN_BODY_PARAGRAPHS = 2


@dataclass
class Story:
    """One story found in an article's raw text."""

    title: str
    text: str
    publisher: str = ""
    byline: str = ""
    start: int = 0
    end: int = 0
    # Raw ``[start, end)`` spans that ``text`` joins with blank lines.
    spans: list[tuple[int, int]] = field(default_factory=list)

    def raw_offset(self, offset: int) -> int:
        """Where character ``offset`` of ``text`` sits in the raw text."""
        pos = 0
        for s, e in self.spans:
            if offset <= pos + (e - s):
                return s + (offset - pos)
            pos += (e - s) + 2
        return self.end


@dataclass
class _Line:
    start: int  # raw offset of the first non-blank character
    end: int  # raw offset after the last non-blank character
    text: str  # stripped raw line
    norm: str  # normalised, lower-cased
    words: int


@dataclass
class _Builder:
    title: str
    start: int | None = None
    end: int = 0
    publisher: str = ""
    byline: str = ""
    spans: list[tuple[int, int]] = field(default_factory=list)
    open_span: bool = False
    ended: bool = False  # a publisher line, tag list or share prompt was seen

    def add(self, line: _Line) -> None:
        if self.start is None:
            self.start = line.start
        if self.open_span and self.spans:
            self.spans[-1] = (self.spans[-1][0], line.end)
        else:
            self.spans.append((line.start, line.end))
            self.open_span = True
        self.end = line.end

    def touch(self, line: _Line) -> None:
        """Count a line as part of the story without putting it in the text."""
        if self.start is None:
            self.start = line.start
        self.end = max(self.end, line.end)
        self.open_span = False

    def build(self, raw: str) -> Story | None:
        if not self.spans:
            return None
        text = "\n\n".join(raw[s:e] for s, e in self.spans)
        return Story(
            title=self.title,
            text=text,
            publisher=self.publisher,
            byline=self.byline,
            start=self.start if self.start is not None else self.spans[0][0],
            end=self.end,
            spans=list(self.spans),
        )


def _lines(raw: str) -> list[_Line | None]:
    """Lines with raw offsets; ``None`` for a blank line, ``_FILLER`` for filler."""
    out: list[_Line | None] = []
    pos = 0
    for piece in raw.split("\n"):
        stripped = piece.strip(_FILLER_CHARS + "\n")
        if not stripped:
            out.append(_FILLER if piece.strip("\r") else None)
        else:
            lead = len(piece) - len(piece.lstrip(_FILLER_CHARS))
            start = pos + lead
            # Markers, bylines and publisher lines are recognised from the
            # start of a line, so only a prefix is normalised: normalising
            # whole paragraphs was most of the time spent on an article.
            if len(stripped) <= _SHORT_LINE:
                norm = _norm(stripped)
                words = len(norm.split())
            else:
                norm = _norm(stripped[:_NORM_PREFIX])
                words = stripped.count(" ") + 1
            out.append(_Line(start, start + len(stripped), stripped, norm, words))
        pos += len(piece) + 1
    return out


_FILLER = _Line(0, 0, "", "", 0)


def _is_headline(line: _Line) -> bool:
    return (
        2 <= line.words <= HEADLINE_MAX_WORDS
        and not _BULLET.match(line.text)
        and not line.text.endswith((".", "،", ","))
        and _kind(line) is None
    )


def _is_body(line: _Line) -> bool:
    return (
        line.words >= BODY_MIN_WORDS
        and (line.words >= 30 or bool(_SENTENCE_END.search(line.text)))
        and not _BULLET.match(line.text)
    )


def _is_byline(line: _Line) -> bool:
    if not 1 <= line.words <= BYLINE_MAX_WORDS or _BULLET.match(line.text):
        return False
    if line.text.endswith((".", "!", "؟", "?")):
        return False
    norm = line.norm
    return bool(
        "/" in norm
        or _AGENCY_RE.search(norm)
        or _BYLINE_LEAD_RE.match(norm)
        or _DATELINE_RE.match(norm)
    )


def _kind(line: _Line) -> str | None:
    """Which boilerplate block a line opens, if any."""
    norm = line.norm
    if line.words > 60 and not norm.startswith(("كلمات", "الكلمات", "وسوم", "tags", "keywords")):
        return None
    if _TAG_RE.match(norm):
        return "tags"
    if _RELATED_RE.match(norm):
        return "related"
    if _READ_ALSO_RE.match(norm):
        return "read_also"
    if line.words <= 12 and (
        _SHARE_EXACT_RE.match(norm) or _SHARE_SOCIAL_RE.match(norm) or _CLICK_RE.match(norm)
    ):
        return "share"
    if line.words <= 10:
        m = _PUBLISHER_RE.match(norm)
        if m and len(m.group("value").split()) <= 6:
            return "publisher"
    return None


def _next_content(lines: list[_Line | None], i: int) -> int:
    """Index of the next line with text at or after ``i`` (``len`` if none)."""
    n = len(lines)
    while i < n and (lines[i] is None or lines[i] is _FILLER):
        i += 1
    return i


def _skip_list(lines: list[_Line | None], i: int) -> int:
    """End of a list of bullets or headlines starting at ``i``."""
    n = len(lines)
    while True:
        j = _next_content(lines, i)
        if j >= n:
            return j
        line = lines[j]
        assert line is not None
        if _BULLET.match(line.text) or (_is_headline(line) and not _is_body(line)):
            i = j + 1
            continue
        return i


def _skip_tags(lines: list[_Line | None], i: int, inline: bool) -> int:
    """End of a tag block: one tag a line (1-6 words) unless the tags were inline.

    Bullets right after tags are links of the same page furniture.
    """
    n = len(lines)
    while True:
        j = _next_content(lines, i)
        if j >= n:
            return j
        line = lines[j]
        assert line is not None
        if _BULLET.match(line.text) or (
            not inline
            and line.words <= 6
            and _kind(line) is None
            and not _SENTENCE_END.search(line.text)
        ):
            i = j + 1
            continue
        return i


def _second_story(
    lines: list[_Line | None], marker: int, inline: str, after_end_signal: bool
) -> tuple[int, int | None, int] | None:
    """``(headline, byline, body)`` indices when a read-also marker opens a story.

    A list of related headlines and a second story both follow the marker;
    a story has one headline, then (usually) a byline, then paragraphs of
    running text. Without a byline we also accept it when the page already
    signalled the end of the first story (publisher line, tags, share
    prompt), since a read-also link inside a story is followed by more of
    the same story.
    """
    n = len(lines)
    h = marker if inline else _next_content(lines, marker + 1)
    if h >= n:
        return None
    headline = lines[h]
    assert headline is not None
    if not inline and not _is_headline(headline):
        return None
    b = _next_content(lines, h + 1)
    byline: int | None = None
    if b < n:
        cand = lines[b]
        assert cand is not None
        if _is_byline(cand):
            byline = b
            b = _next_content(lines, b + 1)
    bodies = 0
    j = b
    while j < n:
        line = lines[j]
        if line is not None and line is not _FILLER:
            if _kind(line) is not None or _BULLET.match(line.text):
                break
            if _is_body(line):
                bodies += 1
                if bodies >= STORY_MIN_BODY_PARAGRAPHS:
                    break
        j += 1
    if bodies < STORY_MIN_BODY_PARAGRAPHS:
        return None
    if byline is None and not after_end_signal:
        return None
    return h, byline, b


def split_stories(title: str, raw: str) -> list[Story]:
    """The stories in ``raw``, boilerplate removed; ``[]`` if nothing is left.

    The first story takes ``title``; a later story takes the headline line
    after its read-also marker. A short byline line (``يمن مونيتور/وكالات``,
    ``لندن: رنيم حنوش``) right before a story's body becomes its ``byline``
    and a ``المصدر: ...`` line its ``publisher``; both leave the text.
    """
    lines = _lines(raw)
    n = len(lines)
    stories: list[Story] = []
    current = _Builder(title=title)
    first = _next_content(lines, 0)
    if first < n:
        cand = lines[first]
        assert cand is not None
        if _kind(cand) is None and _is_byline(cand):
            nxt = _next_content(lines, first + 1)
            if nxt < n and _is_body(lines[nxt]):  # type: ignore[arg-type]
                current.byline = cand.text
                current.touch(cand)
                first = nxt

    i = first
    while i < n:
        line = lines[i]
        if line is None:
            i += 1
            continue
        if line is _FILLER:
            current.open_span = False
            i += 1
            continue
        kind = _kind(line)
        if kind is None:
            current.add(line)
            i += 1
            continue
        if kind == "publisher":
            m = _PUBLISHER_RE.match(line.norm)
            assert m is not None
            if not current.publisher:
                current.publisher = _value_from_raw(line.text, m.group("value"))
            current.touch(line)
            current.ended = True
            i += 1
        elif kind == "share":
            current.open_span = False
            current.ended = True
            i += 1
        elif kind == "tags":
            current.open_span = False
            current.ended = True
            i = _skip_tags(lines, i + 1, bool(_after_marker(line.text)))
        elif kind == "related":
            current.open_span = False
            i = _skip_list(lines, i + 1)
        else:  # read_also
            inline = _after_marker(line.text)
            found = _second_story(lines, i, inline, current.ended)
            current.open_span = False
            if found is None:
                i = i + 1 if inline else _skip_list(lines, i + 1)
                continue
            h, b, body = found
            story = current.build(raw)
            if story is not None:
                stories.append(story)
            headline = lines[h]
            assert headline is not None
            current = _Builder(title=inline or headline.text, start=headline.start)
            current.end = headline.end
            if b is not None:
                by = lines[b]
                assert by is not None
                current.byline = by.text
                current.end = by.end
            i = body
    story = current.build(raw)
    if story is not None:
        stories.append(story)
    return stories


def _after_marker(text: str) -> str:
    """Text that follows a marker on its own line (``اقرأ أيضا: <headline>``)."""
    m = re.search(r"[:：\-\u2013]\s*(\S.*)$", text)
    return m.group(1).strip() if m else ""


def _value_from_raw(text: str, norm_value: str) -> str:
    """The publisher as written, not in its normalised form."""
    m = re.search(r"[:：\-\u2013]\s*(\S.*?)[\s.]*$", text)
    return m.group(1) if m else norm_value
