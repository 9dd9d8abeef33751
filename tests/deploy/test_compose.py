"""deploy/compose.yaml and deploy/Dockerfile: the shape a deployment relies on.

Docker is not needed here: these read the files; ``test_deployment.py``
runs the same commands as processes on this machine.
"""

from __future__ import annotations

import re

from django.conf import settings

from tests.deploy._compose import (
    DOCKERFILE,
    REPO,
    app_services,
    command,
    option,
    services,
    worker_queues,
)


def test_every_queue_has_a_worker_service_and_no_worker_runs_the_schedule() -> None:
    queues = worker_queues()
    assert sorted(q for qs in queues.values() for q in qs) == sorted(settings.WORK_QUEUES)
    for name in queues:
        argv = command(name, {})
        assert "-B" not in argv and "--beat" not in argv, name
        assert (option(argv, "-n") or "").endswith("@%h"), "worker names stay unique across hosts"


def test_the_schedule_runs_in_exactly_one_process() -> None:
    beats = [
        name for name in app_services() if command(name, {})[:4] == [
            "celery", "-A", "negotiation_tracker", "beat"
        ]
    ]  # fmt: skip
    assert beats == ["beat"]
    assert services()["beat"]["deploy"]["replicas"] == 1


def test_app_services_share_one_image_and_only_urls_and_storage() -> None:
    apps = app_services()
    assert set(apps) == {
        "migrate", "web", "beat",
        "worker-ingest", "worker-processing", "worker-tagging", "worker-maintenance",
    }  # fmt: skip
    images = {(s["image"], s["build"]["dockerfile"]) for s in apps.values()}
    assert len(images) == 1
    for name, service in apps.items():
        env = service["environment"]
        for key in ("DATABASE_URL", "REDIS_URL", "AWS_STORAGE_BUCKET_NAME", "AWS_S3_ENDPOINT_URL"):
            assert key in env, (name, key)
        if name != "migrate":
            assert service["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert command("web", {})[:2] == ["gunicorn", "negotiation_tracker.wsgi:application"]
    migrate = " ".join(command("migrate", {}))
    assert "manage.py migrate" in migrate and "manage.py load_lexicon" in migrate


def test_the_object_store_is_optional() -> None:
    s = services()
    assert s["minio"]["profiles"] == ["minio"] == s["minio-bucket"]["profiles"]
    assert s["web"]["depends_on"]["minio-bucket"]["required"] is False


def test_every_variable_the_compose_file_reads_is_in_the_example_env() -> None:
    text = (REPO / "deploy" / "compose.yaml").read_text()
    example = (REPO / "deploy" / "example.env").read_text()
    used = set(re.findall(r"\$\{(\w+)", text))
    documented = set(re.findall(r"^#? ?(\w+)=", example, re.MULTILINE))
    optional = {"IMAGE", "WEB_PORT", "LOG_LEVEL", "MINIO_IMAGE", "MINIO_MC_IMAGE",
                "MINIO_CONSOLE_PORT", "AWS_LOCATION"}  # fmt: skip
    assert used - optional <= documented


def test_the_image_is_debian_slim_python_311_with_the_pinned_requirements() -> None:
    text = DOCKERFILE.read_text()
    assert re.search(r"^FROM python:3\.11-slim-\w+$", text, re.MULTILINE)
    assert "pip install -r requirements.txt" in text
    assert "pip install --no-deps -r requirements-camel.txt" in text
    assert "manage.py collectstatic --noinput" in text
    users = re.findall(r"^USER (\S+)$", text, re.MULTILINE)
    assert users and users[-1] not in ("root", "0")
