"""The signed-in user, read from the shared cache instead of the database on each request.

Every page needs the user row and the user's group names (see
``permissions``): two queries per request, more than a cached page costs
in all. The backend keeps both in Redis under the user's id, and the
signals below drop that entry whenever the user, their group membership
or one of their groups changes. A password change, a deactivation or a
move out of "analysts" therefore counts from the very next request, on
every worker; entries also expire on their own after ``TTL``.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from articles.permissions import remember_group_names

TTL = 300


def _key(user_id: Any) -> str:
    # The database's name too: two databases (a benchmark's scratch one) may share a Redis.
    return f"auth-user:{connection.settings_dict['NAME']}:{user_id}"


class CachedUserBackend(ModelBackend):
    """``ModelBackend`` whose per-request user lookup is served from the cache."""

    def get_user(self, user_id: Any) -> Any:
        user = cache.get(_key(user_id))
        if user is None:
            user = super().get_user(user_id)  # None for unknown or inactive accounts
            if user is None:
                return None
            remember_group_names(user, user.groups.values_list("name", flat=True))
            cache.set(_key(user_id), user, TTL)
        return user


def forget(user_ids: Any) -> None:
    """Drop the cached rows of these users (ids); the next request reads them afresh."""
    cache.delete_many([_key(pk) for pk in user_ids])


@receiver(post_save, sender=get_user_model())
@receiver(post_delete, sender=get_user_model())
def _user_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    forget([instance.pk])


@receiver(post_save, sender=Group)
@receiver(pre_delete, sender=Group)
def _group_changed(sender: Any, instance: Group, **kwargs: Any) -> None:
    # A renamed or deleted group changes what its members may do.
    forget(instance.user_set.values_list("pk", flat=True))


@receiver(m2m_changed, sender=get_user_model().groups.through)
def _membership_changed(
    sender: Any, instance: Any, action: str, reverse: bool, pk_set: Any, **kwargs: Any
) -> None:
    if not reverse:  # user.groups.add/remove/clear(...)
        if action.startswith("post_"):
            forget([instance.pk])
    elif action == "pre_clear":  # group.user_set.clear(): members are still there to list
        forget(instance.user_set.values_list("pk", flat=True))
    elif action in ("post_add", "post_remove"):
        forget(pk_set or [])
