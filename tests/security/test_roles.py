"""Every action that changes data, tried from the role that must not have it.

Analysts read and correct; admins also upload, re-tag, merge and split
threads, add milestones, accept names and manage accounts; superusers
alone make superusers. A staff flag opens the admin site but grants
nothing by itself. Each test also shows the allowed role succeeds, so a
refusal is not an accident of a broken page.
"""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client
from django.urls import reverse

from articles.models import Article, IngestBatch, Milestone, Thread
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def staff_analyst(db) -> Client:
    """An analyst who was also given the staff flag (the admin site opens, nothing more)."""
    return _client(make_user("staffer", "analysts", is_staff=True))


@pytest.fixture
def chief(db) -> Client:
    return _client(make_user("chief", "admins", is_staff=True))


def _file(name: str = "a.jsonl") -> io.BytesIO:
    upload = io.BytesIO(b'{"title": "t", "text": "x"}\n')
    upload.name = name
    return upload


def test_upload_page_follows_the_permission_not_is_staff(staff_analyst, chief) -> None:
    assert staff_analyst.get(reverse("upload")).status_code == 403
    assert staff_analyst.post(reverse("upload"), {"files": _file()}).status_code == 403
    assert staff_analyst.get(reverse("batch_report", args=[1])).status_code == 403
    assert not IngestBatch.objects.exists()
    assert chief.get(reverse("upload")).status_code == 200
    assert b'href="/upload/"' in chief.get(reverse("home")).content
    assert b'href="/upload/"' not in staff_analyst.get(reverse("home")).content


def test_admin_upload_view_needs_the_permission_too(staff_analyst, chief) -> None:
    url = reverse("admin:articles_ingestbatch_upload")
    assert staff_analyst.get(url).status_code == 403
    assert staff_analyst.post(url, {"files": _file()}).status_code == 403
    assert not IngestBatch.objects.exists()
    assert chief.get(url).status_code == 200


def test_retag_progress_needs_the_retag_permission(staff_analyst) -> None:
    assert staff_analyst.get(reverse("retag_progress", args=["x"])).status_code == 403
    assert staff_analyst.get(reverse("retag_status", args=["x"])).status_code == 403


def test_milestones_are_for_admins(tagged, analyst_client, admin_group_client) -> None:
    url = reverse("milestone_add", args=[tagged["thread"].key])
    data = {"date": "2024-02-01", "label_ar": "جولة", "label_en": "round"}
    assert analyst_client.post(url, data).status_code == 403
    assert not Milestone.objects.exists()
    assert admin_group_client.post(url, data).status_code == 302
    assert Milestone.objects.count() == 1


def test_corrections_need_the_correction_permission(tagged) -> None:
    article = tagged["articles"][0]
    reader = make_user("reader", "analysts")
    Permission.objects.get(codename="add_correction").group_set.get(
        name="analysts"
    ).user_set.remove(reader)
    only_reads = make_user("only_reads")
    only_reads.user_permissions.add(Permission.objects.get(codename="view_article"))
    client = _client(only_reads)
    assert client.get(reverse("article_detail", args=[article.pk])).status_code == 200
    url = reverse("article_correct", args=[article.pk])
    assert client.post(url, {"action": "remove_topic", "topic": "ceasefire"}).status_code == 403
    url = reverse("article_event_correct", args=[article.pk])
    assert client.post(url, {"action": "add"}).status_code == 403


def _action(client: Client, model: str, action: str, ids: list) -> None:
    client.post(
        f"/admin/articles/{model}/",
        {"action": action, "_selected_action": [str(i) for i in ids]},
    )


def test_merge_and_split_threads_need_the_permission(tagged, staff_analyst, chief) -> None:
    other = Thread.objects.create(key="other-talks", name_ar="محادثات أخرى", name_en="Other")
    ids = [tagged["thread"].pk, other.pk]
    _action(staff_analyst, "thread", "merge_selected", ids)
    assert not Thread.objects.filter(merged_into__isnull=False).exists()
    articles = [a.pk for a in tagged["articles"][:2]]
    _action(staff_analyst, "article", "split_into_new_thread", articles)
    assert Thread.objects.count() == 2
    _action(chief, "thread", "merge_selected", ids)
    assert Thread.objects.filter(merged_into__isnull=False).count() == 1


def test_retag_and_requeue_actions_need_the_permission(tagged, staff_analyst) -> None:
    ids = [a.pk for a in tagged["articles"]]
    _action(staff_analyst, "article", "requeue_selected", ids)
    assert not Article.objects.filter(status=Article.Status.PENDING).exists()


def test_every_admin_action_declares_its_permissions() -> None:
    from django.contrib import admin

    for model_admin in admin.site._registry.values():
        if not type(model_admin).__module__.startswith("articles."):
            continue
        for name in model_admin.actions or []:
            func = getattr(model_admin, name) if isinstance(name, str) else name
            assert getattr(func, "allowed_permissions", None), (type(model_admin).__name__, name)


def test_an_admin_cannot_make_themselves_superuser() -> None:
    boss = make_user("boss", "admins", is_staff=True)
    client = _client(boss)
    url = reverse("admin:auth_user_change", args=[boss.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="is_superuser"' not in page.content.decode()
    perm = Permission.objects.get(codename="change_group")
    response = client.post(
        url,
        {
            "username": "boss",
            "is_active": "on",
            "is_staff": "on",
            "is_superuser": "on",
            "user_permissions": [perm.pk],
            "last_login_0": "",
            "last_login_1": "",
            "date_joined_0": "2024-01-01",
            "date_joined_1": "00:00:00",
            "first_name": "Boss",
        },
    )
    assert response.status_code == 302  # the form was saved, without the forbidden fields
    boss.refresh_from_db()
    assert boss.first_name == "Boss"
    assert not boss.is_superuser
    assert not boss.user_permissions.exists()


def test_an_admin_cannot_change_a_superuser() -> None:
    root = make_user("root", is_superuser=True, is_staff=True)
    client = _client(make_user("boss", "admins", is_staff=True))
    change = reverse("admin:auth_user_change", args=[root.pk])
    assert client.post(change, {"username": "root"}).status_code == 403
    root.refresh_from_db()
    assert root.is_active and root.username == "root"
    url = reverse("admin:auth_user_password_change", args=[root.pk])
    assert (
        client.post(url, {"password1": "x-new-pass-99", "password2": "x-new-pass-99"}).status_code
        == 403
    )


def test_a_superuser_may_grant_superuser() -> None:
    root = make_user("root", is_superuser=True, is_staff=True)
    other = make_user("other", "admins", is_staff=True)
    page = _client(root).get(reverse("admin:auth_user_change", args=[other.pk]))
    assert 'name="is_superuser"' in page.content.decode()


def test_exports_are_refused_to_an_account_without_the_permission(tagged) -> None:
    nobody = _client(make_user("nobody", is_staff=True))
    for name in ("export_csv", "export_json", "export_events_csv", "export_events_json"):
        assert nobody.get(reverse(name)).status_code == 403, name
    reader = _client(make_user("reader", "analysts"))
    assert reader.get(reverse("export_csv")).status_code == 200


def test_live_sources_page_is_for_admins(staff_analyst, chief) -> None:
    assert staff_analyst.get(reverse("source_list")).status_code == 403
    assert chief.get(reverse("source_list")).status_code == 200


def test_exports_are_throttled_per_reader(tagged, monkeypatch, settings) -> None:
    from rest_framework.throttling import ScopedRateThrottle

    # DRF reads the rates once, at import: the class attribute is the setting in force.
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"export": "2/hour"})
    # A cache of the test's own: no count left by an earlier run for the same user id.
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t"}
    }
    reader = _client(make_user("bulk-reader", "analysts"))
    answers = [reader.get(reverse("export_csv")).status_code for _ in range(3)]
    assert answers == [200, 200, 429]
    assert reader.get(reverse("export_events_json")).status_code == 429  # one budget for all
    other = _client(make_user("other-reader", "analysts"))
    assert other.get(reverse("export_csv")).status_code == 200
