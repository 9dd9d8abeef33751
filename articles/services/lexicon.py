"""The lexicon in the database: loaded from the shipped files, edited in the admin.

Workers hold a ``Tagger`` built from these rows and rebuild it when the
version in ``LexiconState`` has moved (every edit bumps it through the
signals in ``articles.signals``), so an admin's change reaches the workers
without a restart.
"""

from __future__ import annotations

import threading
from pathlib import Path

from django.db import transaction
from django.db.models import F

from articles.models import (
    Actor,
    ActorAlias,
    LexiconState,
    Outlet,
    Person,
    PersonAlias,
    Thread,
    Topic,
)
from articles.nlp import vocab
from articles.nlp.lexicon import DEFAULT_DATA_DIR, Lexicon
from articles.nlp.tagger import Tagger
from articles.nlp.threads import ThreadDef, load_thread_defs

# Display names of the spec's topic ids (defined in articles/nlp/data/topics.yaml).
TOPICS: dict[str, tuple[str, str]] = {t.id: (t.name_ar, t.name_en) for t in vocab.topics()}


def mark_seen(actor_ids: set[str]) -> None:
    """Note that these actors are named in an article (the menus offer only such actors).

    Idempotent and cheap: only rows not yet marked are written.
    """
    if actor_ids:
        Actor.objects.filter(pk__in=actor_ids, seen=False).update(seen=True)


def bump_version() -> None:
    LexiconState.objects.get_or_create(id=1)
    LexiconState.objects.filter(id=1).update(version=F("version") + 1)


@transaction.atomic
def load_lexicon(data_dir: Path = DEFAULT_DATA_DIR) -> dict[str, int]:
    """Load the shipped lexicon, topics and threads; keeps admins' additions.

    Rows that exist keep their edited names; missing rows and aliases are
    added. Running it twice changes nothing.
    """
    lexicon = Lexicon.from_data_dir(data_dir)
    actors, persons, outlets = lexicon.to_records()
    for tid, (ar, en) in TOPICS.items():
        Topic.objects.get_or_create(id=tid, defaults={"name_ar": ar, "name_en": en})
    existing = set(Actor.objects.values_list("id", flat=True))
    Actor.objects.bulk_create(
        [
            Actor(id=r["id"], kind=r["kind"], name_ar=r["name_ar"], name_en=r["name_en"])
            for r in actors
            if r["id"] not in existing
        ]
    )
    ActorAlias.objects.bulk_create(
        [
            ActorAlias(actor_id=r["id"], text=a["text"][:200], lang=a["lang"], kind=a["kind"])
            for r in actors
            for a in r["aliases"]
        ],
        ignore_conflicts=True,
    )
    known_people = set(Person.objects.values_list("name_ar", flat=True))
    valid_ids = existing | {r["id"] for r in actors}
    Person.objects.bulk_create(
        [
            Person(
                name_ar=r["name_ar"],
                name_en=r["name_en"],
                affiliation_id=r["affiliation"] if r["affiliation"] in valid_ids else None,
                title_en=r["title_en"][:300],
            )
            for r in persons
            if r["name_ar"] not in known_people
        ],
        ignore_conflicts=True,
    )
    person_ids = dict(Person.objects.values_list("name_ar", "id"))
    PersonAlias.objects.bulk_create(
        [
            PersonAlias(person_id=person_ids[r["name_ar"]], text=a["text"][:200], lang=a["lang"])
            for r in persons
            if r["name_ar"] in person_ids
            for a in r["aliases"]
        ],
        ignore_conflicts=True,
    )
    Outlet.objects.bulk_create(
        [
            Outlet(
                name_ar=r["name_ar"],
                name_en=r["name_en"],
                aliases=[a["text"] for a in r["aliases"]],
            )
            for r in outlets
        ],
        ignore_conflicts=True,
    )
    threads = load_threads()
    bump_version()
    return {
        "actors": Actor.objects.count(),
        "aliases": ActorAlias.objects.count(),
        "persons": Person.objects.count(),
        "outlets": Outlet.objects.count(),
        "topics": Topic.objects.count(),
        "threads": threads,
    }


def load_threads(defs: list[ThreadDef] | None = None) -> int:
    """Create the shipped threads that are missing, with their parties and topics."""
    defs = load_thread_defs() if defs is None else defs
    actor_ids = set(Actor.objects.values_list("id", flat=True))
    for d in defs:
        thread, created = Thread.objects.get_or_create(
            key=d.key,
            defaults={
                "name_ar": d.name_ar,
                "name_en": d.name_en,
                "description": getattr(d, "description", "") or "",
                "starts_on": d.start,
                "ends_on": d.end,
                "keywords": list(getattr(d, "keywords", ()) or ()),
                "status": Thread.Status.ACTIVE,
            },
        )
        if created:
            thread.core_parties.set([a for a in d.parties if a in actor_ids])
            thread.mediators.set([a for a in d.mediators if a in actor_ids])
            thread.topics.set([t for t in d.topics if t in TOPICS])
            if d.core != d.parties:
                thread.anchors.set([a for a in d.core if a in actor_ids])
    return Thread.objects.count()


def lexicon_from_db() -> Lexicon:
    aliases: dict[str, list[dict]] = {}
    for actor_id, text, lang, kind in ActorAlias.objects.values_list(
        "actor_id", "text", "lang", "kind"
    ):
        aliases.setdefault(actor_id, []).append({"text": text, "lang": lang, "kind": kind})
    actors = [
        {"id": i, "kind": k, "name_ar": ar, "name_en": en, "aliases": aliases.get(i, [])}
        for i, k, ar, en in Actor.objects.filter(active=True).values_list(
            "id", "kind", "name_ar", "name_en"
        )
    ]
    p_aliases: dict[int, list[dict]] = {}
    for pid, text, lang in PersonAlias.objects.values_list("person_id", "text", "lang"):
        p_aliases.setdefault(pid, []).append({"text": text, "lang": lang, "kind": "name"})
    persons = [
        {
            "name_ar": ar,
            "name_en": en,
            "affiliation": aff,
            "title_en": title,
            "aliases": p_aliases.get(pid, []),
        }
        for pid, ar, en, aff, title in Person.objects.values_list(
            "id", "name_ar", "name_en", "affiliation_id", "title_en"
        )
    ]
    outlets = [
        {
            "name_ar": ar,
            "name_en": en,
            "aliases": [
                {"text": t, "lang": "en" if t.isascii() else "ar", "kind": "name"} for t in al or []
            ],
        }
        for ar, en, al in Outlet.objects.values_list("name_ar", "name_en", "aliases")
    ]
    return Lexicon.from_records(actors, persons, outlets)


def threads_from_db() -> list[ThreadDef]:
    """Thread definitions the tagger assigns to: every reviewed, unmerged thread."""
    defs = []
    threads = (
        Thread.objects.exclude(status=Thread.Status.PROPOSED)
        .filter(merged_into__isnull=True)
        .prefetch_related("core_parties", "mediators", "topics", "anchors")
    )
    for t in threads:
        defs.append(
            ThreadDef(
                key=t.key,
                name_ar=t.name_ar,
                name_en=t.name_en,
                parties=frozenset(a.pk for a in t.core_parties.all()),
                mediators=frozenset(a.pk for a in t.mediators.all()),
                topics=frozenset(x.pk for x in t.topics.all()),
                start=t.starts_on,
                end=t.ends_on,
                keywords=tuple(t.keywords or ()),
                core=frozenset(a.pk for a in t.anchors.all())
                or frozenset(a.pk for a in t.core_parties.all()),
            )
        )
    return defs


_cache_lock = threading.Lock()
_cached: tuple[int, Tagger] | None = None


def current_tagger() -> tuple[Tagger, str]:
    """The tagger for the lexicon and threads as they are now in the database.

    One small query per call; the tagger is rebuilt only when the version
    moved, so workers pay the build once per edit, not once per batch.
    """
    global _cached
    state, _ = LexiconState.objects.get_or_create(id=1)
    with _cache_lock:
        if _cached is None or _cached[0] != state.version:
            _cached = (state.version, Tagger(lexicon_from_db(), threads_from_db()))
        # The lexicon's version and the tagger's own (code, cue words, models):
        # a re-tag of the archive is due when either moves.
        return _cached[1], f"lex{state.version}-{_cached[1].version}"


def accept_candidate(candidate, affiliation_id: str | None = None) -> Person:
    """Add an unknown name to the lexicon as a person (one click in the admin)."""
    from articles.models import Candidate

    with transaction.atomic():
        person, _ = Person.objects.get_or_create(
            name_ar=candidate.name,
            defaults={
                "affiliation_id": affiliation_id or candidate.suggested_affiliation_id,
                "title_en": candidate.title,
            },
        )
        candidate.status = Candidate.Status.ACCEPTED
        candidate.save(update_fields=["status"])
    return person
