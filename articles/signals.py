"""Every lexicon or thread edit moves the lexicon version, so workers rebuild their tagger.

The version moves inside the edit's own transaction, so a worker sees the
new version exactly when it can see the edit. A thread's or a milestone's
edit also moves the thread's cache version, so its timeline shows it.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from articles import cache
from articles.models import (
    Actor,
    ActorAlias,
    LiveSource,
    Milestone,
    Outlet,
    Person,
    PersonAlias,
    Thread,
)

_WATCHED = (Actor, ActorAlias, Person, PersonAlias, Outlet, Thread)


@receiver(post_save)
@receiver(post_delete)
def _lexicon_changed(sender, **kwargs) -> None:
    if sender in _WATCHED:
        from articles.services.lexicon import bump_version

        bump_version()


@receiver(m2m_changed)
def _thread_definition_changed(sender, **kwargs) -> None:
    if sender in (
        Thread.core_parties.through,
        Thread.mediators.through,
        Thread.topics.through,
        Thread.anchors.through,
    ):
        from articles.services.lexicon import bump_version

        bump_version()


@receiver(post_delete, sender=LiveSource)
def _live_source_deleted(sender, instance, **kwargs) -> None:
    """A deleted source's beat entry goes with it, however it was deleted."""
    from articles.services.sources import drop_schedule

    drop_schedule(instance)


@receiver(post_save, sender=Thread)
@receiver(post_delete, sender=Thread)
def _thread_changed(sender, instance, **kwargs) -> None:
    """A thread edited, merged or deleted: its timeline reads the row again
    (``selectors.threads._versioned_thread``), here at once, elsewhere on commit.
    A new thread also drops the keys this process found no thread for."""
    cache.invalidate([cache.thread_scope(instance.pk)])
    if kwargs.get("created"):
        cache.forget_local()


@receiver(post_save, sender=Milestone)
@receiver(post_delete, sender=Milestone)
def _milestone_changed(sender, instance, **kwargs) -> None:
    """A milestone added or removed shows on its thread's timeline at once."""
    cache.invalidate([cache.thread_scope(instance.thread_id)])
