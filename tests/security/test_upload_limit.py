"""Uploads are capped before their bytes reach the disk."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadhandler import StopUpload, TemporaryFileUploadHandler
from django.test import Client
from django.urls import reverse

from articles.models import IngestBatch
from articles.upload_limits import CappedUploadHandler
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def _file(size: int) -> io.BytesIO:
    upload = io.BytesIO(b'{"title": "t", "text": "' + b"x" * size + b'"}\n')
    upload.name = "big.jsonl"
    return upload


@pytest.fixture
def written(monkeypatch) -> list[int]:
    """Bytes the temporary-file handler (the one that writes to disk) received."""
    seen: list[int] = []
    original = TemporaryFileUploadHandler.receive_data_chunk

    def counting(self, raw_data: bytes, start: int):
        seen.append(len(raw_data))
        return original(self, raw_data, start)

    monkeypatch.setattr(TemporaryFileUploadHandler, "receive_data_chunk", counting)
    return seen


@pytest.mark.parametrize("url", ["upload", "admin:articles_ingestbatch_upload"])
def test_an_upload_over_the_cap_is_refused_before_it_is_written(
    settings, written, url: str
) -> None:
    settings.UPLOAD_MAX_BYTES = 64 * 1024
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0  # every file would go to a temporary file
    client = Client()
    client.force_login(make_user("chief", "admins", is_staff=True))
    response = client.post(reverse(url), {"files": _file(1024 * 1024)})
    assert response.status_code == 413
    message = str(response.context["form"].non_field_errors()[0])
    assert message in response.content.decode() and "64" in message
    assert not IngestBatch.objects.exists()
    assert sum(written) == 0


def test_a_body_growing_past_the_cap_is_cut_there(settings) -> None:
    """A missing or lying Content-Length does not get past the count of bytes."""
    settings.UPLOAD_MAX_BYTES = 1000

    class Request:
        pass

    request = Request()
    handler = CappedUploadHandler(request)
    handler.handle_raw_input(None, {}, None, b"--b")
    handler.new_file("files", "a.jsonl", "application/json", None)
    assert handler.receive_data_chunk(b"x" * 600, 0) == b"x" * 600
    with pytest.raises(StopUpload):
        handler.receive_data_chunk(b"x" * 600, 600)
    assert request.upload_too_large


def test_a_declared_length_over_the_cap_stops_at_the_first_file(settings) -> None:
    settings.UPLOAD_MAX_BYTES = 1000
    handler = CappedUploadHandler(None)
    handler.handle_raw_input(None, {}, 5000, b"--b")
    with pytest.raises(StopUpload):
        handler.new_file("files", "a.jsonl", "application/json", None)
