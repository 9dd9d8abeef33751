"""Accounts in the admin site: admins place people in the two groups; only superusers grant more.

The "admins" group may add and change accounts so it can welcome new
analysts. Without these limits an admin could tick "superuser" on their
own account, or give themselves any single permission (``change_group``,
then every permission through a group). Here a non-superuser sees those
fields read-only, may choose only among the product's two groups, and may
not change or delete a superuser's account (a password reset would be a
takeover).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied

from articles.permissions import ADMINS, ANALYSTS

ROOT_ONLY_FIELDS = ("is_superuser", "user_permissions")


class LimitedUserAdmin(UserAdmin):
    def get_readonly_fields(self, request: Any, obj: Any = None) -> tuple[str, ...]:
        fields = tuple(super().get_readonly_fields(request, obj))
        if request.user.is_superuser:
            return fields
        return fields + ROOT_ONLY_FIELDS

    def formfield_for_manytomany(self, db_field: Any, request: Any, **kwargs: Any) -> Any:
        if db_field.name == "groups" and not request.user.is_superuser:
            kwargs["queryset"] = Group.objects.filter(name__in=[ANALYSTS, ADMINS])
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request: Any, obj: User, form: Any, change: bool) -> None:
        # A second line behind the read-only fields: nothing but a superuser makes one.
        if obj.is_superuser and not request.user.is_superuser:
            raise PermissionDenied
        super().save_model(request, obj, form, change)


admin.site.unregister(User)
admin.site.register(User, LimitedUserAdmin)
