"""Every page needs a login and a group; writes need the right role."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Milestone
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def pages(tagged) -> list[str]:
    a = tagged["articles"][0]
    return [
        reverse("home"),
        reverse("thread_list"),
        reverse("thread_detail", args=["gaza-truce"]),
        reverse("article_list"),
        reverse("article_detail", args=[a.pk]),
        reverse("search") + "?q=مفاوضات",
        reverse("actor_detail", args=["QAT"]),
    ]


def test_anonymous_visitors_are_sent_to_login(client: Client, tagged) -> None:
    for url in pages(tagged):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login"))


def test_user_without_group_is_refused(client: Client, tagged) -> None:
    client.force_login(make_user("nobody"))
    for url in pages(tagged):
        assert client.get(url).status_code == 403, url


def test_analyst_reads_every_page(analyst_client: Client, tagged) -> None:
    for url in pages(tagged):
        assert analyst_client.get(url).status_code == 200, url


def test_superuser_reads_every_page(client: Client, tagged) -> None:
    client.force_login(make_user("root", is_superuser=True))
    for url in pages(tagged):
        assert client.get(url).status_code == 200, url


def test_login_page_renders_and_logs_in(client: Client, db) -> None:
    make_user("reader", "analysts")
    page = client.get(reverse("login"))
    assert page.status_code == 200
    assert 'for="id_username"' in page.content.decode()
    response = client.post(
        reverse("login"), {"username": "reader", "password": "a-long-test-password-42"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_logout_is_a_post(analyst_client: Client) -> None:
    response = analyst_client.post(reverse("logout"))
    assert response.status_code == 302
    assert analyst_client.get(reverse("home")).status_code == 302


def test_correction_needs_an_analyst(client: Client, tagged) -> None:
    client.force_login(make_user("nobody"))
    a = tagged["articles"][0]
    response = client.post(
        reverse("article_correct", args=[a.pk]), {"action": "add_topic", "topic": "hostages"}
    )
    assert response.status_code == 403
    a.refresh_from_db()
    assert a.topics == ["ceasefire"]


def test_milestones_are_for_admins_only(
    analyst_client: Client, admin_group_client: Client, tagged
) -> None:
    url = reverse("milestone_add", args=["gaza-truce"])
    data = {"date": "2024-02-01", "label_ar": "جولة جديدة", "label_en": "New round"}
    assert analyst_client.post(url, data).status_code == 403
    assert not Milestone.objects.exists()
    response = admin_group_client.post(url, data)
    assert response.status_code == 302
    milestone = Milestone.objects.get()
    assert milestone.thread == tagged["thread"]
    assert milestone.created_by.username == "chief"


def test_milestone_form_shown_to_admins_only(
    analyst_client: Client, admin_group_client: Client, tagged
) -> None:
    url = reverse("thread_detail", args=["gaza-truce"])
    action = reverse("milestone_add", args=["gaza-truce"])
    assert action not in analyst_client.get(url).content.decode()
    assert action in admin_group_client.get(url).content.decode()
