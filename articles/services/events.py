"""Store the events of tagged articles, with analysts' event corrections applied on top.

The tagger's events (``TagResult.events``) are recomputed on every
(re-)tag; each article's rows are replaced whole, in the same transaction
as its tags, so a task that runs twice leaves the same rows. Corrections
are rows of their own (``EventCorrection``) and are applied again after
every re-tag, in the order they were made: they survive any number of
re-tags and tagger versions.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles import cache
from articles.models import Article, Event, EventCorrection, EventType
from articles.nlp.types import EventTag

SENTENCE_CHARS = 600
# A date the text gives more than this far from the report is more likely
# a misread (or a reference to history) than the day of this move: the
# timeline then places the event on the day it was reported.
MAX_DATE_DISTANCE = dt.timedelta(days=366)
_TYPES = frozenset(EventType.values)


@dataclass
class EventRow:
    """One event between the tagger and the table, with corrections applied."""

    type: str
    actors: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    via: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    when: dt.date | None = None
    attributed_to: str = ""
    start: int = 0
    end: int = 0
    confidence: float = 1.0
    origin: str = Event.Origin.TAGGER
    correction_id: int | None = None

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


def from_tags(
    events: Iterable[EventTag], *, actors: set[str], topics: set[str], text_length: int
) -> list[EventRow]:
    """The tagger's events as rows: unknown types and ids dropped, offsets and dates checked.

    A bad value from the tagger costs its own event or field, never the
    chunk: the table's constraints would otherwise fail the whole write.
    """
    rows: list[EventRow] = []
    for e in events:
        if e.type not in _TYPES:
            continue
        start, end = int(e.start or 0), int(e.end or 0)
        if not 0 <= start <= end <= text_length:
            start = end = 0
        rows.append(
            EventRow(
                type=e.type,
                actors=_known(e.actors, actors),
                targets=_known(e.targets, actors),
                via=_known(e.via, actors),
                topics=_known(e.topics, topics),
                when=_date(e.when),
                attributed_to=(e.attributed_to or "").strip()[:200],
                start=start,
                end=end,
                confidence=min(1.0, max(0.0, float(e.confidence))),
            )
        )
    return rows


def _known(ids: Iterable[str], known: set[str]) -> list[str]:
    return sorted({i for i in ids if i in known})


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def apply_corrections(
    rows: list[EventRow], corrections: Iterable[EventCorrection]
) -> list[EventRow]:
    """Apply event corrections in the order they were made; later ones win.

    A removal or retype finds the events of its type whose sentence overlaps
    the corrected sentence, so it keeps working when a new tagger version
    cuts the sentence a little differently.
    """
    out = list(rows)
    A = EventCorrection.Action
    for c in corrections:
        if c.action == A.REMOVE:
            out = [r for r in out if not (r.type == c.type and r.overlaps(c.start, c.end))]
        elif c.action == A.RETYPE:
            out = [
                replace(r, type=c.new_type, origin=Event.Origin.ANALYST, correction_id=c.pk)
                if r.type == c.type and r.overlaps(c.start, c.end)
                else r
                for r in out
            ]
        elif c.action == A.ADD:
            out.append(
                EventRow(
                    type=c.type,
                    actors=sorted(set(c.actors)),
                    targets=sorted(set(c.targets)),
                    via=sorted(set(c.via)),
                    topics=sorted(set(c.topics)),
                    when=c.when,
                    attributed_to=c.attributed_to,
                    start=c.start,
                    end=c.end,
                    origin=Event.Origin.ANALYST,
                    correction_id=c.pk,
                )
            )
    return _dedupe(out)


def _dedupe(rows: list[EventRow]) -> list[EventRow]:
    """One row per (type, sentence, actors): an analyst's copy wins over the tagger's."""
    seen: dict[tuple, EventRow] = {}
    for r in rows:
        key = (r.type, r.start, r.end, tuple(r.actors))
        if key not in seen or r.origin == Event.Origin.ANALYST:
            seen[key] = r
    return list(seen.values())


def sentence_of(text: str, start: int, end: int) -> str:
    """The reported sentence with its white space folded, capped for the timeline."""
    sentence = " ".join(text[start:end].split())
    if len(sentence) > SENTENCE_CHARS:
        sentence = sentence[: SENTENCE_CHARS - 1].rstrip() + "…"
    return sentence


def placed_on(when: dt.date | None, reported_on: dt.date | None) -> dt.date | None:
    """The day the timeline puts an event on: its own date if plausible, else its report's."""
    if when is None:
        return reported_on
    if reported_on is not None and abs(when - reported_on) > MAX_DATE_DISTANCE:
        return reported_on
    return when


def to_models(article: Article, rows: Iterable[EventRow], *, version: str) -> list[Event]:
    """Unsaved ``Event`` rows for an article, with what the timeline needs copied from it."""
    reported_on = timezone.localdate(article.published_at) if article.published_at else None
    return [
        Event(
            article_id=article.pk,
            thread_id=article.thread_id,
            type=r.type,
            actors=r.actors,
            targets=r.targets,
            via=r.via,
            topics=r.topics,
            when=r.when,
            day=placed_on(r.when, reported_on),
            reported_on=reported_on,
            published_at=article.published_at,
            source_id=article.source_id,
            attributed_to=r.attributed_to,
            start=r.start,
            end=r.end,
            sentence=sentence_of(article.text, r.start, r.end),
            tagger_version=version,
            confidence=r.confidence,
            origin=r.origin,
            correction_id=r.correction_id,
        )
        for r in rows
    ]


def _rows_of(events: Iterable[Event]) -> list[EventRow]:
    """Stored events back as rows, to apply one more correction to them."""
    names = [f.name for f in dataclasses.fields(EventRow)]
    return [EventRow(**{n: getattr(e, n) for n in names}) for e in events]


def store_events(articles: list[Article]) -> set[tuple[int, dt.date]]:
    """Replace the events of freshly tagged ``articles`` (their ``_event_rows``), corrections on top.

    Runs inside the caller's transaction, after the tags are written.
    Returns the (thread, month) pairs whose story changed: where the
    articles' events and roles were before and where they are now.
    """
    from articles.services import story

    if not articles:
        return set()
    ids = [a.pk for a in articles]
    old = list(
        Event.objects.filter(article_id__in=ids)
        .exclude(thread_id=None)
        .values_list("thread_id", "reported_on", "day")
        .distinct()
    )
    touched = story.months_of([(t, r) for t, r, _ in old] + [(t, d) for t, _, d in old])
    Event.objects.filter(article_id__in=ids).delete()
    corrections: dict[int, list[EventCorrection]] = defaultdict(list)
    for c in EventCorrection.objects.filter(article_id__in=ids).order_by("created_at", "id"):
        corrections[c.article_id].append(c)
    new: list[Event] = []
    for a in articles:
        rows = apply_corrections(getattr(a, "_event_rows", []), corrections.get(a.pk, ()))
        new.extend(to_models(a, rows, version=a.tagger_version))
        for thread_id in {getattr(a, "_old_thread_id", None), a.thread_id} - {None}:
            if a.published_at is not None:
                touched.add((thread_id, story.month_of(timezone.localdate(a.published_at))))
    Event.objects.bulk_create(new, batch_size=1000)
    touched |= story.months_of((e.thread_id, e.day) for e in new)
    return touched


def record_event_correction(
    article: Article,
    *,
    action: str,
    event: Event | None = None,
    type: str = "",
    new_type: str = "",
    start: int = 0,
    end: int = 0,
    actors: Iterable[str] = (),
    targets: Iterable[str] = (),
    via: Iterable[str] = (),
    topics: Iterable[str] = (),
    when: dt.date | None = None,
    attributed_to: str = "",
    user=None,
    note: str = "",
) -> EventCorrection:
    """Store one event correction and show it on the article, the timeline and the state at once.

    A removal or retype names the event (one of the article's rows); an
    addition names a sentence by its offsets and the move it reports.
    """
    A = EventCorrection.Action
    if action in (A.REMOVE, A.RETYPE):
        if event is None or event.article_id != article.pk:
            raise ValidationError(_("Choose one of this article's events."))
        type, start, end = event.type, event.start, event.end
        if end <= start:  # an event with no sentence: name the whole text
            start, end = 0, max(len(article.text), 1)
    if action == A.RETYPE and (not new_type or new_type == type):
        raise ValidationError(_("Choose a different type."))
    if not 0 <= start < end <= max(len(article.text), 1):
        raise ValidationError(_("Select a sentence of the article."))
    with transaction.atomic():
        locked = (
            Article.objects.select_for_update()
            .only("id", "text", "thread_id", "published_at", "source_id", "tagger_version")
            .get(pk=article.pk)
        )
        correction = EventCorrection(
            article=locked,
            action=action,
            type=type,
            new_type=new_type if action == A.RETYPE else "",
            start=start,
            end=end,
            actors=sorted(set(actors)) if action == A.ADD else [],
            targets=sorted(set(targets)) if action == A.ADD else [],
            via=sorted(set(via)) if action == A.ADD else [],
            topics=sorted(set(topics)) if action == A.ADD else [],
            when=when if action == A.ADD else None,
            attributed_to=attributed_to.strip()[:200] if action == A.ADD else "",
            created_by=user,
            note=note,
        )
        correction.full_clean(exclude=["article", "created_by"])
        correction.save()
        current = list(Event.objects.filter(article_id=locked.pk).order_by("id"))
        rows = apply_corrections(_rows_of(current), [correction])
        write_article_events(locked, rows, old_threads={e.thread_id for e in current})
        if action in (A.ADD, A.RETYPE):
            from articles.services import alerts

            alerts.after_new_events(locked.pk, {correction.new_type or correction.type})
    return correction


def write_article_events(
    article: Article, rows: Iterable[EventRow], *, old_threads: Iterable[int | None] = ()
) -> list[Event]:
    """Replace one article's events with ``rows`` and refresh the story they feed.

    The caller holds the transaction (and, when it matters, the article's
    row lock).
    """
    from articles.services import story

    gone = list(Event.objects.filter(article_id=article.pk).values_list("thread_id", "day"))
    Event.objects.filter(article_id=article.pk).delete()
    created = Event.objects.bulk_create(to_models(article, rows, version=article.tagger_version))
    events_months = story.months_of(gone + [(e.thread_id, e.day) for e in created])
    refresh_article_story(article, old_threads=old_threads, also=events_months)
    # The threads' pages read their moves (a planned round stretches the timeline's window).
    cache.invalidate(cache.thread_scope(t) for t, _ in events_months)
    return created


def refresh_article_story(
    article: Article,
    *,
    old_threads: Iterable[int | None] = (),
    also: set[tuple[int, dt.date]] | None = None,
) -> None:
    """Refresh the read models an article feeds, in its old and new threads (and the
    ``also`` (thread, month) pairs its events are placed in)."""
    from articles.services import story

    pairs = set(also or ())
    if article.published_at is not None:
        month = story.month_of(timezone.localdate(article.published_at))
        pairs |= {(t, month) for t in {*old_threads, article.thread_id} - {None}}
    story.refresh(pairs)


def follow_article(article: Article, *, old_thread_id: int | None) -> None:
    """After a tag correction: the article's events follow its thread, the story is refreshed.

    A role added or removed, or a thread set, changes the role history of
    the article's month; a new thread carries the events with it.
    """
    from articles.services import story
    from articles.services.lexicon import mark_seen

    moved: set[tuple[int, dt.date]] = set()
    if article.thread_id != old_thread_id:
        days = list(Event.objects.filter(article_id=article.pk).values_list("day", flat=True))
        Event.objects.filter(article_id=article.pk).update(thread_id=article.thread_id)
        moved = story.months_of((t, d) for t in (old_thread_id, article.thread_id) for d in days)
    mark_seen(set(article.actors))
    refresh_article_story(article, old_threads=[old_thread_id], also=moved)
