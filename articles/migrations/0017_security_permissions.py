"""Give the groups the permissions every check now asks for.

Pages, the API and the admin ask for permissions, not group names
(``articles.permissions``). Models added after the groups were made
(moves, thread states, rollups) had no permission in either group: admins
get every permission of the app again, analysts may read the moves and
correct them as they correct tags.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ANALYST_PERMS = [
    "view_event",
    "view_eventcorrection",
    "add_eventcorrection",
    "view_threadstate",
]


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
    admins.permissions.add(*perms)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(
        content_type__app_label="articles", codename__in=ANALYST_PERMS
    )
    for group in Group.objects.filter(name="analysts"):
        group.permissions.remove(*perms)


class Migration(migrations.Migration):
    dependencies = [("articles", "0016_hardening_attempts")]

    operations = [migrations.RunPython(grant, revoke)]
