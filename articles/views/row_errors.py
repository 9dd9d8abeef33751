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
from django.utils.translation import gettext_noop as N_

# Where in the file: "row 3: …", "item 12: …", "line 4: …", "the file: …".
_WHERE = re.compile(
    r"^(?:(?P<kind>row|item|line) (?P<n>\d+)|(?P<file>the file)): (?P<rest>.*)$", re.S
)
_WHERE_WORDS = {"row": N_("row %(n)s"), "item": N_("item %(n)s"), "line": N_("line %(n)s")}

# (pattern, message id); named groups fill the message's placeholders.
_REASONS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p, re.S), msg)
    for p, msg in [
        (r"empty body$", N_("empty body")),
        (r"empty body \(the first line is the title\)$", N_("empty body (the first line is the title)")),
        (r"empty body \(no main text found in the page\)$", N_("empty body (no main text found in the page)")),
        (r"no text field \(expected text, content or body\)$", N_("no text field (expected text, content or body)")),
        (r"file is empty$", N_("file is empty")),
        (r"no such file$", N_("no such file")),
        (r"is a folder, not a file$", N_("is a folder, not a file")),
        (r"cannot read the file: (?P<detail>.*)$", N_("cannot read the file: %(detail)s")),
        (r"expected an object, got a (?P<kind>\w+)$", N_("expected an object, got a %(kind)s")),
        (r"expected a JSON array of articles or an article object$", N_("expected a JSON array of articles or an article object")),
        (r"not valid JSON: (?P<detail>.*); the items after it were not read$", N_("not valid JSON: %(detail)s; the items after it were not read")),
        (r"not valid JSON: (?P<detail>.*)$", N_("not valid JSON: %(detail)s")),
        (r"not valid CSV: (?P<detail>.*)$", N_("not valid CSV: %(detail)s")),
        (r"no readable header: (?P<detail>.*)$", N_("no readable header: %(detail)s")),
        (r"the header has no text column \(expected text, content or body\); found: (?P<found>.*)$", N_("the header has no text column (expected text, content or body); found: %(found)s")),
        (r"(?P<n>\d+) fields, but the header has (?P<m>\d+)$", N_("%(n)s fields, but the header has %(m)s")),
        (r"too many broken rows; the rest was not read$", N_("too many broken rows; the rest was not read")),
        (r"unknown file type '(?P<ext>[^']*)' \(readable: (?P<known>.*)\)$", N_("unknown file type '%(ext)s' (readable: %(known)s)")),
        (r"file is (?P<size>.+), over the (?P<limit>.+) limit$", N_("file is %(size)s, over the %(limit)s limit")),
        (r"file is over the (?P<limit>.+) limit$", N_("file is over the %(limit)s limit")),
        (r"not a readable ZIP archive: (?P<detail>.*)$", N_("not a readable ZIP archive: %(detail)s")),
        (r"damaged archive member: (?P<detail>.*)$", N_("damaged archive member: %(detail)s")),
        (r"cannot unpack archive member: (?P<detail>.*)$", N_("cannot unpack archive member: %(detail)s")),
        (r"archives nested deeper than (?P<n>\d+) levels$", N_("archives nested deeper than %(n)s levels")),
        (r"archive holds (?P<n>[\d,]+) files, over the (?P<limit>[\d,]+) file limit$", N_("archive holds %(n)s files, over the %(limit)s file limit")),
        (r"upload expands to more than (?P<size>.+), the limit; the remaining members were not read$", N_("upload expands to more than %(size)s, the limit; the remaining members were not read")),
        (r"cannot read the HTML: (?P<detail>.*)$", N_("cannot read the HTML: %(detail)s")),
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
