"""Production settings: the documented environment passes ``check --deploy``; a weak key stops the server."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from negotiation_tracker.settings.base import secret_key

REPO = Path(__file__).resolve().parents[2]
REFUSED = "SECRET_KEY is missing or too weak"


def example_env() -> dict[str, str]:
    """The uncommented settings of deploy/example.env, as an operator copies them."""
    text = (REPO / "deploy" / "example.env").read_text()
    return dict(re.findall(r"^(\w+)=(.*)$", text, re.MULTILINE))


def _manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    base = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", "/tmp"),
        "DJANGO_SETTINGS_MODULE": "negotiation_tracker.settings.base",
        # The compose file's servers; `check` connects to neither.
        "DATABASE_URL": "postgres://nt:nt@postgres.invalid:5432/negotiation_tracker",
        "REDIS_URL": "redis://redis.invalid:6379/0",
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_with_the_documented_environment_warns_of_nothing() -> None:
    env = {**example_env(), "SECRET_KEY": secrets.token_urlsafe(50)}
    result = _manage(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize("key", [None, "", "change-me-to-a-long-random-string", "x" * 60])
def test_without_debug_a_missing_or_weak_key_stops_the_server(key: str | None) -> None:
    env = {k: v for k, v in example_env().items() if k != "SECRET_KEY"}
    if key is not None:
        env["SECRET_KEY"] = key
    result = _manage(env, "check")
    assert result.returncode != 0
    assert REFUSED in result.stderr
    assert "docs/deployment.md" in result.stderr


def test_the_key_rule() -> None:
    strong = secrets.token_urlsafe(50)
    assert secret_key(strong, debug=False) == strong
    with pytest.raises(ImproperlyConfigured, match=REFUSED):
        secret_key("", debug=False)
    with pytest.raises(ImproperlyConfigured, match=REFUSED):
        secret_key("django-insecure-" + strong, debug=False)
    # DEBUG on a developer's machine: a key of convenience is allowed.
    assert secret_key("", debug=True)
