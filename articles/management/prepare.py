"""A database ready for the commands: migrated and holding the lexicon.

A newcomer's first command is often ``manage.py ingest FILE`` right after
``make test``, on an embedded database nothing has prepared yet. On the
embedded database (ours to set up) the command migrates it and loads the
lexicon itself, saying so in one line; on any other database it says in
one line what to run instead of failing on a missing table.
"""

from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

from negotiation_tracker import localservices


def unapplied_migrations() -> int:
    connection = connections[DEFAULT_DB_ALIAS]
    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def prepare_database(command: BaseCommand, *, lexicon: bool = True) -> None:
    """Migrate and load the lexicon on the embedded database; elsewhere, say what is missing."""
    from articles.models import Actor

    embedded = localservices.is_embedded()
    done = []
    missing = unapplied_migrations()
    if missing:
        if not embedded:
            raise CommandError(
                f"the database lacks {missing} migrations: run `manage.py migrate` first"
            )
        call_command("migrate", verbosity=0)
        done.append("migrated")
    if lexicon and not Actor.objects.exists():
        if not embedded:
            raise CommandError("the database has no lexicon: run `manage.py load_lexicon` first")
        from articles.services.lexicon import load_lexicon

        load_lexicon()
        done.append("lexicon loaded")
    if done:
        command.stderr.write(f"prepared the embedded database ({', '.join(done)})")


class PreparedCommand(BaseCommand):
    """A command that needs a migrated database (and, unless told, the lexicon).

    Django's own migration check only warns; this one prepares the
    embedded database or stops with one line saying what to run.
    """

    needs_lexicon = True
    requires_migrations_checks = True

    def check_migrations(self) -> None:
        prepare_database(self, lexicon=self.needs_lexicon)
