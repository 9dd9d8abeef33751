"""Row errors of an upload in the reader's language.

The readers (``articles.ingest``) know nothing of Django and write their
reasons in English; batches keep them that way, so a report reads the
same in any language it is shown in later. Here each known reason is
matched and said again through gettext; the parts that come from the
file or from a parser's message (sizes, names, JSON details) stay as
they were. A reason no pattern knows is shown as written.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

# Where in the file: "row 3: …", "item 12: …", "line 4: …", "the file: …".
_WHERE = re.compile(
    r"^(?:(?P<kind>row|item|line) (?P<n>\d+)|(?P<file>the file)): (?P<rest>.*)$", re.S
)
_WHERE_WORDS = {
    "row": gettext_noop("row %(n)s"),
    "item": gettext_noop("item %(n)s"),
    "line": gettext_noop("line %(n)s"),
}

# (pattern, message id); named groups fill the message's placeholders.
_REASONS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p, re.S), msg)
    for p, msg in [
        (r"empty body$", gettext_noop("empty body")),
        (r"empty body \(the first line is the title\)$", gettext_noop("empty body (the first line is the title)")),
        (r"empty body \(no main text found in the page\)$", gettext_noop("empty body (no main text found in the page)")),
        (r"no text field \(expected text, content or body\)$", gettext_noop("no text field (expected text, content or body)")),
        (r"file is empty$", gettext_noop("file is empty")),
        (r"no such file$", gettext_noop("no such file")),
        (r"is a folder, not a file$", gettext_noop("is a folder, not a file")),
        (r"cannot read the file: (?P<detail>.*)$", gettext_noop("cannot read the file: %(detail)s")),
        (r"expected an object, got a (?P<kind>\w+)$", gettext_noop("expected an object, got a %(kind)s")),
        (r"expected a JSON array of articles or an article object$", gettext_noop("expected a JSON array of articles or an article object")),
        (r"not valid JSON: (?P<detail>.*); the items after it were not read$", gettext_noop("not valid JSON: %(detail)s; the items after it were not read")),
        (r"not valid JSON: (?P<detail>.*)$", gettext_noop("not valid JSON: %(detail)s")),
        (r"not valid CSV: (?P<detail>.*)$", gettext_noop("not valid CSV: %(detail)s")),
        (r"no readable header: (?P<detail>.*)$", gettext_noop("no readable header: %(detail)s")),
        (r"the header has no text column \(expected text, content or body\); found: (?P<found>.*)$", gettext_noop("the header has no text column (expected text, content or body); found: %(found)s")),
        (r"(?P<n>\d+) fields, but the header has (?P<m>\d+)$", gettext_noop("%(n)s fields, but the header has %(m)s")),
        (r"too many broken rows; the rest was not read$", gettext_noop("too many broken rows; the rest was not read")),
        (r"unknown file type '(?P<ext>[^']*)' \(readable: (?P<known>.*)\)$", gettext_noop("unknown file type '%(ext)s' (readable: %(known)s)")),
        (r"file is (?P<size>.+), over the (?P<limit>.+) limit$", gettext_noop("file is %(size)s, over the %(limit)s limit")),
        (r"file is over the (?P<limit>.+) limit$", gettext_noop("file is over the %(limit)s limit")),
        (r"not a readable ZIP archive: (?P<detail>.*)$", gettext_noop("not a readable ZIP archive: %(detail)s")),
        (r"damaged archive member: (?P<detail>.*)$", gettext_noop("damaged archive member: %(detail)s")),
        (r"cannot unpack archive member: (?P<detail>.*)$", gettext_noop("cannot unpack archive member: %(detail)s")),
        (r"archives nested deeper than (?P<n>\d+) levels$", gettext_noop("archives nested deeper than %(n)s levels")),
        (r"archive holds (?P<n>[\d,]+) files, over the (?P<limit>[\d,]+) file limit$", gettext_noop("archive holds %(n)s files, over the %(limit)s file limit")),
        (r"upload expands to more than (?P<size>.+), the limit; the remaining members were not read$", gettext_noop("upload expands to more than %(size)s, the limit; the remaining members were not read")),
        (r"cannot read the HTML: (?P<detail>.*)$", gettext_noop("cannot read the HTML: %(detail)s")),
        (r"a field is nested more than (?P<n>\d+) levels deep$", gettext_noop("a field is nested more than %(n)s levels deep")),
        (r"NUL characters removed; the article was stored$", gettext_noop("NUL characters removed; the article was stored")),
        (r"link '(?P<link>.*)' is not an http\(s\) address; the article was stored without it$", gettext_noop("link '%(link)s' is not an http(s) address; the article was stored without it")),
    ]
]  # fmt: skip


def translate_reason(reason: str) -> str:
    """A stored row error in the active language (plain text; the template escapes it)."""
    where = ""
    rest = reason or ""
    m = _WHERE.match(rest)
    if m:
        rest = m["rest"]
        where = _("the file") if m["file"] else _(_WHERE_WORDS[m["kind"]]) % {"n": m["n"]}
    for pattern, message in _REASONS:
        found = pattern.match(rest)
        if found:
            rest = _(message) % found.groupdict()
            break
    return f"{where}: {rest}" if where else rest
