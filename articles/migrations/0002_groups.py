"""Create the "admins" and "analysts" groups with their model permissions.

Permissions are normally created after all migrations have run, so they are
created here first for the apps involved; the migration can then run on an
empty database as well as on an existing one.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ANALYST_PERMS = [
    "view_article",
    "view_actor",
    "view_actoralias",
    "view_person",
    "view_topic",
    "view_thread",
    "view_milestone",
    "view_source",
    "view_storycluster",
    "view_correction",
    "add_correction",
]


def create_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    app_perms = Permission.objects.filter(content_type__app_label="articles")

    analysts, _ = Group.objects.get_or_create(name="analysts")
    analysts.permissions.add(*app_perms.filter(codename__in=ANALYST_PERMS))

    admins, _ = Group.objects.get_or_create(name="admins")
    admins.permissions.add(*app_perms)
    admins.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="auth",
            codename__in=["view_user", "add_user", "change_user", "view_group"],
        )
    )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["analysts", "admins"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
