"""What the product derives from events: role history, thread state, status, the thread page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from articles.models import Event, EventCorrection, RoleMonth, Thread, ThreadState
from articles.selectors import role_history, thread_state
from articles.services.events import EventRow
from tests.conftest import make_user

from .conftest import put, sentence_of

pytestmark = pytest.mark.django_db


def test_role_months_are_kept_on_write(story):
    thread = story["thread"]
    rows = {(r.actor, r.role, r.month): r for r in RoleMonth.objects.filter(thread=thread)}
    # Qatar: a mediator tagged on the Doha articles and the talks' "via".
    qatar_jan = rows[("QAT", "mediator", dt.date(2024, 1, 1))]
    assert (qatar_jan.articles, qatar_jan.events) == (1, 1)
    # Egypt made a proposal in an article that names it a mediator: still a mediator.
    assert ("EGY", "party", dt.date(2024, 2, 1)) not in rows
    assert rows[("EGY", "mediator", dt.date(2024, 2, 1))].events == 1
    assert role_history.first_acted(thread.pk, "QAT", "mediator") == dt.date(2024, 1, 5)
    firsts = role_history.first_acts_between(dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert {(r["actor"], r["day"]) for r in firsts} == {("EGY", dt.date(2024, 2, 10))}


def test_role_history_reads_as_spans(story):
    roles = {a.actor: a for a in role_history.thread_roles(story["thread"])}
    qatar = roles["QAT"].summary
    assert [(s.role, s.first, s.open) for s in qatar] == [("mediator", dt.date(2024, 1, 5), True)]
    assert roles["ISR"].summary[0].role == "party"


def test_thread_state_is_kept_on_write_and_stays_put(story):
    thread = story["thread"]
    runs = list(ThreadState.objects.filter(thread=thread).order_by("start"))
    # 5 Jan talks → contacts; 10 Feb Egypt's proposal → bargaining (the round planned for
    # 12 Mar counts the day it was announced, 1 Mar, and changes nothing).
    assert [(r.state, r.start, r.end) for r in runs] == [
        ("contacts", dt.date(2024, 1, 5), dt.date(2024, 2, 9)),
        ("bargaining", dt.date(2024, 2, 10), None),
    ]
    assert [s.thread_id for s in thread_state.state_changes_on(dt.date(2024, 2, 10))] == [thread.pk]
    stamps = list(ThreadState.objects.order_by("start").values_list("pk", "changed_at"))
    a1 = story["articles"][0]
    put(a1, *[_row(e) for e in Event.objects.filter(article=a1)])  # the same events again
    assert list(ThreadState.objects.order_by("start").values_list("pk", "changed_at")) == stamps


def _row(e: Event) -> EventRow:
    return EventRow(
        e.type,
        actors=e.actors,
        targets=e.targets,
        via=e.via,
        when=e.when,
        start=e.start,
        end=e.end,
        attributed_to=e.attributed_to,
    )


def test_a_suspension_stalls_the_thread_and_the_lists_say_so(story, analyst_client):
    a1 = story["articles"][0]
    put(a1, EventRow("suspension", actors=["ISR"], **sentence_of(a1, "استؤنفت في الدوحة")))
    current = ThreadState.objects.get(thread=story["thread"], end=None)
    assert (current.state, current.start, current.cause) == (
        "stalled",
        dt.date(2024, 3, 1),
        "suspension",
    )
    page = analyst_client.get(reverse("thread_list")).content.decode()
    assert 'class="state-chip st-stalled"' in page and "status-stalled" in page


def test_status_comes_from_state_and_recent_moves(story):
    empty = Thread.objects.create(key="empty", name_ar="فارغ", name_en="Empty")
    old = Thread.objects.create(
        key="old", name_ar="قديم", name_en="Old", last_date=dt.date(2023, 1, 1)
    )
    rows = {
        r.thread.key: r
        for r in thread_state.thread_rows(
            [story["thread"], empty, old], reference=dt.date(2024, 3, 2)
        )
    }
    assert rows["gaza-truce"].status == "active"
    assert rows["gaza-truce"].state == "bargaining"
    assert rows["empty"].status == "empty"  # no longer "active" by default
    assert rows["old"].status == "quiet"
    later = thread_state.thread_rows([story["thread"]], reference=dt.date(2024, 6, 1))[0]
    assert later.status == "quiet"


def test_home_lists_the_threads_that_moved(story, analyst_client):
    Thread.objects.create(key="empty", name_ar="مسار بلا مقالات", name_en="Nothing here")
    html = analyst_client.get(reverse("home")).content.decode()
    assert "مفاوضات الهدنة في غزة" in html
    assert "مسار بلا مقالات" not in html
    assert "st-bargaining" in html


def test_thread_page_tells_the_story(story, analyst_client):
    page = analyst_client.get(reverse("thread_detail", args=["gaza-truce"]), {"zoom": "week"})
    # The round planned for 12 March stretches the window past the last article (1 March).
    assert page.context["window"].date_to == dt.date(2024, 3, 12)
    # The story comes in a request of its own, for the same URL's window and filters.
    url = reverse("thread_story", args=["gaza-truce"])
    assert f'data-story-url="{url}?zoom=week"' in page.content.decode()
    assert page.context.get("story") is None
    response = analyst_client.get(url, {"zoom": "week"})
    html = response.content.decode()
    ctx = response.context["story"]
    # Without JavaScript, ?story=inline renders it in place.
    inline = analyst_client.get(reverse("thread_detail", args=["gaza-truce"]), {"story": "inline"})
    assert 'id="story-chart"' in inline.content.decode()
    moves = ctx["story"].moves
    assert [m.type for m in moves] == ["talks_planned", "proposal", "talks_held"]
    planned, proposal, talks = moves
    assert planned.day == dt.date(2024, 3, 12) and not planned.planned  # that day has passed
    # Egypt's proposal, reported by two outlets on 10 and 11 February: one move.
    assert len(proposal.reports) == 2 and proposal.outlets == ["الشرق الأوسط", "الجزيرة"]
    assert "Reported by 2 outlets; first by الشرق الأوسط" in _english(analyst_client)
    assert talks.single_source and "badge single" in html
    assert [r.state for r in ctx["band"]] == ["contacts", "bargaining"]
    assert 'id="story-chart"' in html and "js/story.js" in page.content.decode()
    # Role history in the head, the week's changes at the top.
    assert "h-roles" in html and "h-changes" in html
    changes = ctx["changes"]
    assert changes.until == dt.date(2024, 3, 1)
    # Reported that week: the planned round. Al Jazeera's report of Egypt's proposal of
    # 11 February is an old move told again, not a new one.
    assert [(t, n) for t, _, n in changes.counts] == [("talks_planned", 1)]


def test_a_planned_round_sits_ahead_of_today(story, analyst_client):
    from django.utils import timezone

    from tests.conftest import make_article

    today = timezone.localdate()
    news = make_article(
        "جولة مقبلة",
        "أعلنت قطر أن جولة جديدة من المفاوضات ستعقد في الدوحة الشهر المقبل.",
        published=timezone.now() - dt.timedelta(days=1),
        thread=story["thread"],
        actors=["QAT", "ISR", "hamas"],
        parties=["ISR", "hamas"],
        mediators=["QAT"],
    )
    story["thread"].last_date = today - dt.timedelta(days=1)
    story["thread"].save()
    ahead = today + dt.timedelta(days=20)
    put(
        news,
        EventRow(
            "talks_planned",
            actors=["ISR", "hamas"],
            via=["QAT"],
            when=ahead,
            **sentence_of(news, "جولة جديدة من المفاوضات ستعقد"),
        ),
    )
    page = analyst_client.get(reverse("thread_detail", args=["gaza-truce"]))
    assert page.context["window"].date_to == ahead
    response = analyst_client.get(reverse("thread_story", args=["gaza-truce"]))
    [move] = [m for m in response.context["story"]["story"].moves if m.day == ahead]
    assert move.planned
    html = response.content.decode()
    assert "badge planned" in html
    chart = response.context["story"]["chart"]
    lane = [x["type"] for x in chart["lanes"]].index("talks_planned")
    offset = (ahead - dt.date.fromisoformat(chart["from"])).days
    assert [offset, lane, 1] in chart["points"]  # ahead of "today", which the chart knows
    assert chart["today"] == today.isoformat()


def _english(client: Client) -> str:
    client.cookies["django_language"] = "en"
    try:
        return client.get(reverse("thread_story", args=["gaza-truce"])).content.decode()
    finally:
        del client.cookies["django_language"]


def test_the_timeline_filters_by_move_and_actor(story, analyst_client):
    url = reverse("thread_story", args=["gaza-truce"])
    ctx = analyst_client.get(url, {"etype": "talks_held"}).context["story"]
    assert [m.type for m in ctx["story"].moves] == ["talks_held"]
    assert {p["type"] for p in ctx["points"]} == {"talks_held"}
    ctx = analyst_client.get(url, {"eactor": "EGY"}).context["story"]
    assert [m.type for m in ctx["story"].moves] == ["proposal"]
    # The actor menu still offers every actor of the window's moves.
    assert {"EGY", "QAT", "ISR", "hamas"} <= {a["id"] for a in ctx["actors"]}
    ctx = analyst_client.get(url, {"etype": "bogus"}).context["story"]
    assert len(ctx["story"].moves) == 3


def test_a_lane_point_opens_its_reports(story, analyst_client):
    url = reverse("thread_moves", args=["gaza-truce"])
    html = analyst_client.get(url, {"day": "2024-02-10", "type": "proposal"}).content.decode()
    assert "اقترحت مصر هدنة جديدة" in html and "رويترز" in html
    assert analyst_client.get(url, {"day": "2024-02-10", "type": "x"}).status_code == 404
    assert analyst_client.get(url, {"day": "soon", "type": "proposal"}).status_code == 404


def test_an_event_correction_shows_at_once(story, analyst_client):
    a3 = story["articles"][2]
    talks = Event.objects.get(article=a3)
    response = analyst_client.post(
        reverse("article_event_correct", args=[a3.pk]), {"action": "remove", "event": talks.pk}
    )
    assert response.status_code == 302 and response["Location"].endswith("#moves")
    ctx = analyst_client.get(reverse("thread_story", args=["gaza-truce"])).context["story"]
    assert "talks_held" not in [m.type for m in ctx["story"].moves]
    # The state follows: the thread now opens with Egypt's proposal.
    assert [r.state for r in ctx["band"]] == ["bargaining"]
    from articles.views.article_events import sentences

    [(start, end, _)] = sentences(a3.text)  # the menu offers whole sentences
    analyst_client.post(
        reverse("article_event_correct", args=[a3.pk]),
        {
            "action": "add",
            "type": "mediation_offer",
            "sentence": f"{start}:{end}",
            "slot_QAT": "actors",
            "slot_ISR": "targets",
            "when": "2024-01-04",
        },
    )
    added = Event.objects.get(article=a3)
    assert (added.type, added.actors, added.targets, added.day) == (
        "mediation_offer",
        ["QAT"],
        ["ISR"],
        dt.date(2024, 1, 4),
    )
    assert added.origin == "analyst"
    assert EventCorrection.objects.filter(article=a3).count() == 2


def test_event_corrections_need_an_analyst(story):
    a3 = story["articles"][2]
    talks = Event.objects.get(article=a3)
    url = reverse("article_event_correct", args=[a3.pk])
    nobody = Client()
    nobody.force_login(User.objects.create_user("nobody", password="x-long-password-1"))
    assert nobody.post(url, {"action": "remove", "event": talks.pk}).status_code == 403
    assert Client().post(url, {"action": "remove", "event": talks.pk}).status_code == 302  # login
    assert Event.objects.filter(pk=talks.pk).exists()
    admin = Client()
    admin.force_login(make_user("chief", "admins"))
    assert admin.post(url, {"action": "remove", "event": talks.pk}).status_code == 302
    assert not Event.objects.filter(pk=talks.pk).exists()


def test_an_event_of_another_article_cannot_be_corrected_here(story, analyst_client):
    a1, a2 = story["articles"][0], story["articles"][1]
    foreign = Event.objects.filter(article=a2).first()
    analyst_client.post(
        reverse("article_event_correct", args=[a1.pk]), {"action": "remove", "event": foreign.pk}
    )
    assert Event.objects.filter(pk=foreign.pk).exists()
    assert not EventCorrection.objects.exists()


def test_article_page_lists_its_moves_and_the_forms(story, analyst_client):
    a1 = story["articles"][0]
    html = analyst_client.get(reverse("article_detail", args=[a1.pk])).content.decode()
    assert 'id="moves"' in html and 'class="event-add"' in html
    assert html.count('class="event-fix"') == 2
    # The sentence menu offers the article's sentences by their offsets.
    assert f'value="0:{len(a1.text)}"' in html or 'name="sentence"' in html


def test_the_story_costs_a_fixed_number_of_statements(story, analyst_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("thread_story", args=["gaza-truce"])

    def statements() -> int:
        analyst_client.get(url)  # names and the user come from the cache, as on a running site
        with CaptureQueriesContext(connection) as queries:
            assert analyst_client.get(url).status_code == 200
        return len(queries)

    few = statements()
    a1 = story["articles"][0]
    put(
        a1,
        *[
            EventRow(t, actors=[a], **sentence_of(a1, "استؤنفت في الدوحة"))
            for t in ("proposal", "rejection", "accusation", "talks_held")
            for a in ("ISR", "hamas", "QAT", "EGY")
        ],
    )
    assert statements() == few <= 6


def test_a_threads_figures_are_read_once_per_write_and_a_new_move_shows_at_once(
    story, analyst_client, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from articles.services.events import record_event_correction

    url = reverse("thread_detail", args=["gaza-truce"])
    page = analyst_client.get(url, {"zoom": "week"})
    assert page.context["window"].date_to == dt.date(2024, 3, 12)
    # Another window of the same thread: its undated count and its moves' end are known.
    with CaptureQueriesContext(connection) as queries:
        analyst_client.get(url, {"zoom": "day"})
    sql = " ".join(q["sql"] for q in queries)
    assert "articles_rollup_all" not in sql and "FROM articles_event WHERE thread_id" not in sql
    # A round added by an analyst further ahead stretches the window on the next request.
    a1 = story["articles"][0]
    with django_capture_on_commit_callbacks(execute=True):
        record_event_correction(
            a1,
            action="add",
            type="talks_planned",
            actors=["ISR", "hamas"],
            when=dt.date(2024, 3, 20),
            **sentence_of(a1, "استؤنفت في الدوحة"),
        )
    page = analyst_client.get(url, {"zoom": "week"})
    assert page.context["window"].date_to == dt.date(2024, 3, 20)
