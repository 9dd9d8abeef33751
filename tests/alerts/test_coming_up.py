"""A planned round coming up: the day before, the thread's watchers hear of it once, by a beat task."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django_celery_beat.schedulers import DatabaseScheduler

from articles.models import Alert, Event, Thread
from articles.selectors.alerts import describe
from articles.services import alerts as alert_service
from articles.services.watchlists import create_watchlist
from negotiation_tracker.celery import app
from tests.conftest import at, make_article, make_user
from tests.pipeline.test_worker import wait_for, worker  # noqa: F401


def planned(article, when: dt.date, thread=None) -> Event:
    return Event.objects.create(
        article=article,
        thread=thread or article.thread,
        type="talks_planned",
        when=when,
        day=when,
        start=0,
        end=10,
    )


@pytest.mark.django_db
def test_the_day_before_once_per_round_and_watcher(analyst_user, tagged) -> None:
    thread = tagged["thread"]
    a1, a2, a3, _ = tagged["articles"]
    today = timezone.localdate()
    follow = create_watchlist(analyst_user, name="gaza", query="thread=gaza-truce")
    also = create_watchlist(analyst_user, name="gaza on hostages", query="thread=gaza-truce&q=x")
    by_actor = create_watchlist(analyst_user, name="qatar", query="actor=QAT")
    other = Thread.objects.create(key="iran-us", name_ar="إيران", name_en="Iran")
    elsewhere = create_watchlist(analyst_user, name="iran", query="thread=iran-us")
    tomorrow, later = today + dt.timedelta(days=1), today + dt.timedelta(days=5)
    planned(a1, tomorrow)
    planned(a2, tomorrow)  # a second report of the same round
    planned(a3, later)  # not yet
    planned(a3, today - dt.timedelta(days=2))  # past
    Event.objects.create(article=a1, thread=thread, type="talks_held", when=tomorrow, day=tomorrow)

    assert alert_service.rounds_coming_up() == 2  # one round, two watchlists of its thread
    assert alert_service.rounds_coming_up() == 0  # the hourly task runs again: nothing new
    got = list(follow.alerts.values_list("trigger", "subject", "article_id", "thread_id", "detail"))
    assert got == [
        (
            "round_coming_up",
            f"thread:{thread.pk}:coming:{tomorrow.isoformat()}",
            min(a1.pk, a2.pk),
            thread.pk,
            {"when": tomorrow.isoformat(), "reports": 2},
        )
    ]
    assert also.alerts.count() == 1
    assert not by_actor.alerts.exists() and not elsewhere.alerts.exists()

    # The later round is announced the day before its date, once.
    assert alert_service.rounds_coming_up(today=later - dt.timedelta(days=1)) == 2
    assert alert_service.rounds_coming_up(today=later) == 0
    assert follow.alerts.count() == 2

    # Its title says what and when, in Arabic and in English, and links to the thread.
    alert = Alert.objects.filter(watchlist=follow).order_by("id").first()
    alert = Alert.objects.select_related("article", "watchlist").get(pk=alert.pk)
    with translation.override("en"):
        item = describe(alert)
        assert "coming up" in item.title and tomorrow.isoformat() in item.title
    with translation.override("ar"):
        assert "تقترب جولة المحادثات" in describe(alert).title
    assert item.url == reverse("thread_detail", args=[thread.key])

    # A round of a thread nobody follows, or removed by an analyst, alerts nobody.
    Event.objects.filter(type="talks_planned").delete()
    planned(make_article("x", "y", published=at("2024-03-01"), thread=other), tomorrow, other)
    elsewhere.delete()
    assert alert_service.rounds_coming_up() == 0


@pytest.mark.django_db(transaction=True)
@pytest.mark.worker
def test_beat_runs_it_hourly_on_the_maintenance_queue_and_it_sends_once(
    tagged,
    worker,  # noqa: F811
) -> None:
    from django.conf import settings

    # Beat's database scheduler installs the entry from the settings when it starts.
    entry = DatabaseScheduler(app=app).all_as_schedule()["alert-rounds-coming-up"]
    assert entry.task == "alerts.rounds_coming_up"
    assert settings.CELERY_TASK_ROUTES[entry.task]["queue"] == "maintenance"
    assert entry.schedule.minute == {5} and len(entry.schedule.hour) == 24

    user = make_user("huda", "analysts", email="huda@example.org")
    create_watchlist(user, name="غزة", query="thread=gaza-truce", email="immediate", language="ar")
    planned(tagged["articles"][0], timezone.localdate() + dt.timedelta(days=1))
    first = app.send_task(entry.task)
    second = app.send_task(entry.task)  # a tick sent twice, or a redelivery
    assert sorted([first.get(timeout=180), second.get(timeout=180)]) == [0, 1]
    # The email goes out when the alert commits; the periodic sweep sends nothing more.
    wait_for(lambda: Alert.objects.filter(email_status="sent").count() == 1, 180)
    app.send_task("alerts.send_emails").get(timeout=180)
    assert Alert.objects.filter(trigger="round_coming_up").count() == 1
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["huda@example.org"]
    assert "تقترب جولة المحادثات" in mail.outbox[0].body
