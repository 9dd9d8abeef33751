"""How alert rows are written: once each, ahead of the clustering lock, never outliving their watchlist."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, transaction

from articles.models import Alert
from articles.services import alerts as alert_service
from articles.services.watchlists import create_watchlist, delete_watchlist


@pytest.mark.django_db
def test_alerts_written_before_the_lock_are_not_written_again(analyst_user, tagged) -> None:
    create_watchlist(analyst_user, name="qatar mediates", query="actor=QAT&role=mediator")
    create_watchlist(analyst_user, name="english", query="lang=en")
    articles = tagged["articles"]
    alert_service.prepare(articles)
    assert alert_service.write_prepared(articles) == 2 + 1
    assert alert_service.after_tagging(articles) == 0
    assert Alert.objects.count() == 3


@pytest.mark.django_db
def test_a_first_tagging_written_twice_keeps_one_alert_each(analyst_user, tagged) -> None:
    w = create_watchlist(analyst_user, name="english", query="lang=en")
    articles = tagged["articles"]
    drafts = alert_service.evaluate(articles)
    held = alert_service.watchlist_set()
    with transaction.atomic():
        assert alert_service.record(drafts, held, first_tagging=True) == 1
        # The same chunk again (two deliveries): the plain write is refused
        # by the unique constraint and redone skipping what exists.
        assert alert_service.record(drafts, held, first_tagging=True) == 0
    assert list(w.alerts.values_list("subject", flat=True)) == [f"article:{articles[2].pk}"]


@pytest.mark.django_db(transaction=True)
def test_deleting_a_watchlist_waits_for_the_alerts_being_written_to_it(
    analyst_user, tagged
) -> None:
    w = create_watchlist(analyst_user, name="english", query="lang=en")
    drafts = alert_service.evaluate(tagged["articles"])
    held = alert_service.watchlist_set()
    written, release = threading.Event(), threading.Event()

    def worker() -> None:
        try:
            with transaction.atomic():
                alert_service.record(drafts, held, first_tagging=True)
                written.set()
                release.wait(10)
        finally:
            connection.close()

    def analyst() -> None:
        try:
            delete_watchlist(w)
        finally:
            connection.close()

    writer = threading.Thread(target=worker)
    writer.start()
    assert written.wait(10)
    deleter = threading.Thread(target=analyst)
    deleter.start()
    time.sleep(0.5)
    assert deleter.is_alive()  # the worker's transaction holds the watchlist
    release.set()
    writer.join(10)
    deleter.join(10)
    assert not deleter.is_alive()
    assert not Alert.objects.exists()  # the worker's alert went with its watchlist
