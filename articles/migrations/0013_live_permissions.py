"""Give the groups their permissions on live sources, watchlists and alerts.

Admins manage live sources (analysts cannot see them); analysts keep
watchlists of their own and read their alerts. Which watchlist is whose is
not a permission: the views only ever read the signed-in user's rows.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ANALYST_PERMS = [
    "view_watchlist",
    "add_watchlist",
    "change_watchlist",
    "delete_watchlist",
    "view_alert",
]
ADMIN_MODELS = ["livesource", "liveentry", "crawlhost", "watchlist", "alert"]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(content_type__app_label="articles")
    analysts, _ = Group.objects.get_or_create(name="analysts")
    analysts.permissions.add(*perms.filter(codename__in=ANALYST_PERMS))
    admins, _ = Group.objects.get_or_create(name="admins")
    admins.permissions.add(*perms.filter(content_type__model__in=ADMIN_MODELS))
    admins.permissions.add(*Permission.objects.filter(content_type__app_label="django_celery_beat"))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(
        content_type__app_label="articles", content_type__model__in=ADMIN_MODELS
    )
    for group in Group.objects.filter(name__in=["analysts", "admins"]):
        group.permissions.remove(*perms)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0012_live_sources_and_watchlists"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
