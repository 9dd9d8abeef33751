"""The list of moves is HTML built in Python: every piece of text is escaped, once."""

from __future__ import annotations

import datetime as dt

from django.utils import translation

from articles.selectors.events import Move, Report
from articles.views._story_html import moves_html, roles_html


def test_text_from_articles_is_escaped_piece_by_piece():
    report = Report(
        event_id=7,
        article_id=3,
        url="/articles/3/",
        outlet='<i>"Wire"</i>',
        published_at=None,
        attributed_to="مصادر & <b>",
        sentence="رفضت <script>حماس</script> المقترح",
        origin="tagger",
    )
    move = Move(
        type="rejection",
        label="Rejection",
        day=dt.date(2024, 3, 4),
        last_day=dt.date(2024, 3, 4),
        actors=[{"id": "hamas", "name": "<حماس>", "url": '/actors/hamas/?"x"'}],
        reports=[report],
    ).finish()
    with translation.override("en"):
        html = str(moves_html([{"kind": "move", "day": move.day, "move": move}]))
    assert html == (
        '<ol class="moves"><li class="move ev-rejection" id="move-7" data-key="2024-03-04|rejection">'
        '<p class="move-head"><span class="ev-chip ev-rejection">Rejection</span> '
        '<time datetime="2024-03-04">4 March 2024</time> <span class="move-who">'
        '<a class="chip" href="/actors/hamas/?&quot;x&quot;">&lt;حماس&gt;</a></span></p>'
        '<blockquote class="move-sentence" dir="auto">رفضت &lt;script&gt;حماس&lt;/script&gt; المقترح</blockquote>'
        '<p class="move-reports small"><span class="badge single">Single source</span> '
        '<span dir="auto">&lt;i&gt;&quot;Wire&quot;&lt;/i&gt;</span> · according to '
        '<span dir="auto">مصادر &amp; &lt;b&gt;</span></p>'
        '<details class="move-list"><summary>1 report</summary><ul class="plain small">'
        '<li><a href="/articles/3/" dir="auto">&lt;i&gt;&quot;Wire&quot;&lt;/i&gt;</a> · '
        '<span dir="auto">مصادر &amp; &lt;b&gt;</span></li></ul></details></li></ol>'
    )


def test_an_empty_list_says_so():
    with translation.override("en"):
        assert str(moves_html([])) == '<ol class="moves"><li class="muted">No moves here.</li></ol>'


def test_role_lines_are_escaped_and_say_since_when():
    from articles.selectors.role_history import ActorRoles, Span

    qatar = ActorRoles(
        actor="QAT",
        name='<قطر & "co">',
        spans=[
            Span("mediator", dt.date(2023, 11, 5), dt.date(2024, 3, 1), 9, open=True),
            Span("party", dt.date(2024, 2, 1), dt.date(2024, 2, 20), 3),
        ],
    )
    with translation.override("en"):
        html = str(roles_html([qatar], {"QAT": "/actors/QAT/"}))
    assert html == (
        '<ul class="role-lines"><li title="mediator 5 Nov. 2023 – 1 March 2024; '
        'side 1 Feb. 2024 – 20 Feb. 2024"><a href="/actors/QAT/" dir="auto">'
        "&lt;قطر &amp; &quot;co&quot;&gt;</a>: "
        '<span class="span mediator" title="9 reports"><span class="chip mediator">mediator</span>'
        " since Nov. 2023</span>, "
        '<span class="span party" title="3 reports"><span class="chip party">side</span>'
        " Feb. 2024</span></li></ul>"
    )
