"""Reading deploy/compose.yaml the way docker compose does, for the tests that check and run it."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[2]
COMPOSE = REPO / "deploy" / "compose.yaml"
DOCKERFILE = REPO / "deploy" / "Dockerfile"
# The services built from the product's image, as opposed to PostgreSQL,
# Redis and the optional object store.
_VARIABLE = re.compile(r"\$\{(\w+)(?::?([-?])([^}]*))?\}")


def services() -> dict[str, dict[str, Any]]:
    return yaml.safe_load(COMPOSE.read_text())["services"]


def app_services() -> dict[str, dict[str, Any]]:
    """Services that run the product's image (web, workers, beat, migrate)."""
    return {name: s for name, s in services().items() if "build" in s}


def interpolate(value: str, env: Mapping[str, str]) -> str:
    """``${NAME}``, ``${NAME:-default}`` and ``${NAME:?message}`` as compose expands them."""

    def one(m: re.Match[str]) -> str:
        name, op, arg = m.groups()
        if env.get(name):
            return env[name]
        if op == "?":
            raise KeyError(f"{name}: {arg}")
        return arg or ""

    return _VARIABLE.sub(one, value)


def command(name: str, env: Mapping[str, str]) -> list[str]:
    return [interpolate(part, env) for part in services()[name]["command"]]


def option(argv: list[str], flag: str) -> str | None:
    """The value after ``flag`` in ``argv``, if given."""
    return argv[argv.index(flag) + 1] if flag in argv else None


def worker_queues(env: Mapping[str, str] | None = None) -> dict[str, list[str]]:
    """Each Celery worker service and the queues it consumes (its -Q)."""
    out = {}
    for name in app_services():
        argv = command(name, env or {})
        if argv[:4] == ["celery", "-A", "negotiation_tracker", "worker"]:
            out[name] = (option(argv, "-Q") or "").split(",")
    return out
