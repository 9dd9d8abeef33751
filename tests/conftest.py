"""Generic fixtures shared by the test packages: users by role and a few tagged articles."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from django.utils import timezone

from articles.cache import forget_local
from articles.models import Actor, Article, Source, Thread, Topic

TEST_PASSWORD = "a-long-test-password-42"


def make_user(username: str, *groups: str, **extra: Any) -> User:
    """A user in the given groups ("analysts", "admins"), the groups with their permissions."""
    account = User.objects.create_user(username, password=TEST_PASSWORD, **extra)
    for name in groups:
        group = Group.objects.get_or_create(name=name)[0]
        if not group.permissions.exists():
            _grant_migrated_permissions(group)
        account.groups.add(group)
    return account


def api_token(user: User) -> str:
    """A new API token of ``user`` (its value; only its hash is stored)."""
    from knox.models import AuthToken

    return AuthToken.objects.create(user=user)[1]


def _grant_migrated_permissions(group: Group) -> None:
    """What the migrations give the group; a transactional test's flush takes it away.

    The lists are read from the migrations themselves, so there is one
    definition of each group's permissions.
    """
    import importlib

    from django.contrib.auth.models import Permission

    granted = [
        *importlib.import_module("articles.migrations.0002_groups").ANALYST_PERMS,
        *importlib.import_module("articles.migrations.0013_live_permissions").ANALYST_PERMS,
        *importlib.import_module("articles.migrations.0017_security_permissions").ANALYST_PERMS,
    ]
    perms = Permission.objects.filter(content_type__app_label="articles")
    if group.name == "analysts":
        group.permissions.add(*perms.filter(codename__in=granted))
    elif group.name == "admins":
        group.permissions.add(*perms)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="django_celery_beat")
        )
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="auth",
                codename__in=["view_user", "add_user", "change_user", "view_group"],
            )
        )


def make_article(title: str, text: str, *, published: dt.datetime | None, **fields: Any) -> Article:
    """An article stored the way the store service writes it (search_text from search_document)."""
    from articles.nlp.search import search_document

    digest = hashlib.sha1(f"{title}\n{text}\n{published}".encode()).hexdigest()
    fields.setdefault("status", Article.Status.PROCESSED)
    fields.setdefault("lang", "ar")
    return Article.objects.create(
        title=title,
        raw_text=text,
        text=text,
        search_text=search_document(title, text),
        published_at=published,
        content_hash=digest,
        **fields,
    )


@pytest.fixture(autouse=True)
def fresh_memo() -> None:
    """Every test starts with an empty process memo: a date span memoised by the
    test before, on its own (rolled back) archive, lives a few seconds more."""
    forget_local()


@pytest.fixture
def private_cache(settings) -> None:
    """A cache of the test's own, in memory.

    The tests' writes are rolled back, never committed, so the versions
    that a commit bumps never move: on the shared Redis cache a count, a
    date span or a thread's state cached by an earlier test would be read
    back by a later one. Packages whose pages cache use it for every test.
    """
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"test-{uuid.uuid4()}",
        }
    }


@pytest.fixture
def analyst_user(db) -> User:
    return make_user("analyst", "analysts")


@pytest.fixture
def admin_group_user(db) -> User:
    return make_user("chief", "admins")


@pytest.fixture
def analyst_client(analyst_user: User) -> Client:
    client = Client()
    client.force_login(analyst_user)
    return client


@pytest.fixture
def admin_group_client(admin_group_user: User) -> Client:
    client = Client()
    client.force_login(admin_group_user)
    return client


def at(day: str, hour: int = 12) -> dt.datetime:
    return timezone.make_aware(dt.datetime.fromisoformat(day).replace(hour=hour))


@pytest.fixture
def tagged(db) -> dict[str, Any]:
    """Three actors, two topics, one thread, two outlets and four tagged articles."""
    actors = {
        "ISR": Actor.objects.create(id="ISR", kind="state", name_ar="إسرائيل", name_en="Israel"),
        "QAT": Actor.objects.create(id="QAT", kind="state", name_ar="قطر", name_en="Qatar"),
        "hamas": Actor.objects.create(id="hamas", kind="org", name_ar="حماس", name_en="Hamas"),
        "EGY": Actor.objects.create(id="EGY", kind="state", name_ar="مصر", name_en="Egypt"),
    }
    topics = {
        "ceasefire": Topic.objects.create(
            id="ceasefire", name_ar="وقف إطلاق النار", name_en="Ceasefire"
        ),
        "hostages": Topic.objects.create(id="hostages", name_ar="الرهائن", name_en="Hostages"),
    }
    thread = Thread.objects.create(
        key="gaza-truce",
        name_ar="مفاوضات الهدنة في غزة",
        name_en="Gaza truce talks",
        first_date=dt.date(2024, 1, 5),
        last_date=dt.date(2024, 3, 1),
    )
    thread.core_parties.add(actors["ISR"], actors["hamas"])
    thread.mediators.add(actors["QAT"], actors["EGY"])
    jazeera = Source.objects.create(name="aljazeera", display_name="الجزيرة")
    asharq = Source.objects.create(name="aawsat", display_name="الشرق الأوسط")
    text1 = "قالت قطر إن المفاوضات بين إسرائيل وحماس استؤنفت في الدوحة."
    a1 = make_article(
        "استئناف المفاوضات في الدوحة",
        text1,
        published=at("2024-03-01"),
        source=jazeera,
        thread=thread,
        actors=["ISR", "QAT", "hamas"],
        parties=["ISR", "hamas"],
        mediators=["QAT"],
        topics=["ceasefire"],
        key_sentence="استؤنفت المفاوضات في الدوحة.",
        mentions=[
            {"actor": "QAT", "start": text1.index("قطر"), "end": text1.index("قطر") + 3},
            {"actor": "ISR", "start": text1.index("إسرائيل"), "end": text1.index("إسرائيل") + 7},
        ],
        cited_sources=["رويترز"],
    )
    a2 = make_article(
        "مصر تقترح هدنة",
        "اقترحت مصر هدنة جديدة ومفاوضات حول الرهائن بين إسرائيل وحماس.",
        published=at("2024-02-10"),
        source=asharq,
        thread=thread,
        actors=["EGY", "ISR", "hamas"],
        parties=["ISR", "hamas"],
        mediators=["EGY"],
        topics=["ceasefire", "hostages"],
    )
    a3 = make_article(
        "Qatar hosts talks",
        "Qatar hosted a new round of talks between Israel and Hamas.",
        published=at("2024-01-05"),
        source=jazeera,
        thread=thread,
        lang="en",
        actors=["ISR", "QAT", "hamas"],
        parties=["ISR", "hamas"],
        mediators=["QAT"],
        topics=["hostages"],
    )
    a4 = make_article(
        "زيارة وزير",
        "زار وزير الخارجية القطري القاهرة لبحث العلاقات الثنائية.",
        published=at("2024-02-20"),
        source=asharq,
        actors=["EGY", "QAT"],
    )
    return {
        "actors": actors,
        "topics": topics,
        "thread": thread,
        "sources": {"jazeera": jazeera, "asharq": asharq},
        "articles": [a1, a2, a3, a4],
    }
