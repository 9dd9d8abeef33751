"""Import directions the layout promises: tasks call services, never the reverse."""

from __future__ import annotations

import ast
from pathlib import Path

SERVICES = Path(__file__).resolve().parents[1] / "articles" / "services"


def _imports(path: Path) -> set[str]:
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
            out.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
    return out


def test_no_service_imports_the_tasks_module() -> None:
    offenders = {
        p.name for p in SERVICES.glob("*.py") if any("articles.tasks" in m for m in _imports(p))
    }
    assert offenders == set()


def test_the_task_names_services_send_are_registered_and_routed() -> None:
    from django.conf import settings

    import articles.tasks  # noqa: F401 (registers the tasks)
    from articles.services import queue
    from negotiation_tracker.celery import app

    for name in (queue.PROCESS, queue.TAG, queue.INGEST, queue.RETAG, queue.SEND_ALERT_EMAILS):
        assert name in app.tasks, name
        assert name in settings.CELERY_TASK_ROUTES, name
