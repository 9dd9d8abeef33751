"""The signed-in user, read from the shared cache instead of the database on each request.

Every page needs the user row and the user's permissions (see
``permissions``): three queries per request, more than a cached page costs
in all. The backend keeps the user with its permissions in the cache under
the user's id, and the signals below drop that entry whenever the user,
their groups, their permissions or a group's permissions change.

Dropping happens twice: at once, and again when the transaction that made
the change commits. A request that read the user between the two (it still
saw the old, committed row) may have cached it again; the second drop
removes that copy. A bulk ``update()`` sends no signal at all, so entries
also live only ``TTL`` seconds: a deactivation or password change made that
way counts within that time. Without a cache (Redis down) the user is read
from the database on every request.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

TTL = 60


def _ttl() -> int:
    return int(getattr(settings, "AUTH_USER_CACHE_SECONDS", TTL))


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
            # Filled now so the cached copy carries the permissions (``_perm_cache``).
            self.get_all_permissions(user)
            cache.set(_key(user_id), user, _ttl())
        return user


def forget(user_ids: Any) -> None:
    """Drop the cached rows of these users (ids) now and once the transaction commits."""
    keys = [_key(pk) for pk in user_ids]
    if not keys:
        return
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


@receiver(post_save, sender=get_user_model())
@receiver(post_delete, sender=get_user_model())
def _user_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    forget([instance.pk])


@receiver(post_save, sender=Group)
@receiver(pre_delete, sender=Group)
def _group_changed(sender: Any, instance: Group, **kwargs: Any) -> None:
    forget(list(instance.user_set.values_list("pk", flat=True)))


@receiver(pre_delete, sender=Permission)
def _permission_deleted(sender: Any, instance: Permission, **kwargs: Any) -> None:
    users = get_user_model().objects.filter(groups__permissions=instance)
    forget(list(users.values_list("pk", flat=True).distinct()))
    forget(list(instance.user_set.values_list("pk", flat=True)))


@receiver(m2m_changed, sender=get_user_model().groups.through)
@receiver(m2m_changed, sender=get_user_model().user_permissions.through)
def _membership_changed(
    sender: Any, instance: Any, action: str, reverse: bool, pk_set: Any, **kwargs: Any
) -> None:
    if not reverse:  # user.groups.add/remove/clear(...), user.user_permissions...
        if action.startswith("post_"):
            forget([instance.pk])
    elif action == "pre_clear":  # group.user_set.clear(): members are still there to list
        forget(list(instance.user_set.values_list("pk", flat=True)))
    elif action in ("post_add", "post_remove"):
        forget(pk_set or [])


@receiver(m2m_changed, sender=Group.permissions.through)
def _group_permissions_changed(
    sender: Any, instance: Any, action: str, reverse: bool, pk_set: Any, **kwargs: Any
) -> None:
    if not (action.startswith("post_") or action == "pre_clear"):
        return
    users = get_user_model().objects
    if not reverse:  # group.permissions.add/remove/clear(...)
        forget(list(instance.user_set.values_list("pk", flat=True)))
    elif action == "pre_clear":  # permission.group_set.clear()
        groups = list(instance.group_set.values_list("pk", flat=True))
        forget(list(users.filter(groups__in=groups).values_list("pk", flat=True).distinct()))
    else:
        ids = users.filter(groups__in=pk_set or []).values_list("pk", flat=True).distinct()
        forget(list(ids))


@receiver(pre_save, sender=get_user_model())
def _password_changing(
    sender: Any, instance: Any, update_fields: Any = None, **kwargs: Any
) -> None:
    """Note a new password or a deactivation, for the API tokens (below)."""
    if instance.pk is None or (update_fields is not None and "password" not in update_fields):
        instance._nt_revoke_tokens = False
        return
    old = sender.objects.filter(pk=instance.pk).values("password", "is_active").first()
    instance._nt_revoke_tokens = old is not None and (
        old["password"] != instance.password or (old["is_active"] and not instance.is_active)
    )


@receiver(post_save, sender=get_user_model())
def _revoke_tokens(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A new password (or a closed account) ends every API token of the account.

    A token is a second password: whoever changed theirs because it leaked
    must not stay readable through a notebook's token.
    """
    if getattr(instance, "_nt_revoke_tokens", False):
        from knox.models import AuthToken

        AuthToken.objects.filter(user=instance).delete()
        instance._nt_revoke_tokens = False
