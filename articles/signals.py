"""Every lexicon or thread edit moves the lexicon version, so workers rebuild their tagger.

The version moves inside the edit's own transaction, so a worker sees the
new version exactly when it can see the edit.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from articles.models import Actor, ActorAlias, LiveSource, Outlet, Person, PersonAlias, Thread

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
