"""A cap on what one upload request may bring, applied before the bytes reach the disk.

Django's own limits (``DATA_UPLOAD_MAX_MEMORY_SIZE``) leave file parts
out: a file of any size is streamed into a temporary file before a view
sees it. This handler stands first in ``FILE_UPLOAD_HANDLERS``: a request
whose declared length is over ``UPLOAD_MAX_BYTES`` is refused before its
first file byte, and a body that grows past the cap (a lying or missing
Content-Length) is cut off there, so at most the cap is ever written. The
upload views then answer 413 with a message.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload


def upload_limit() -> int:
    return int(settings.UPLOAD_MAX_BYTES)


def refused(request: Any) -> bool:
    """Whether this request's files were refused for their size."""
    return bool(getattr(request, "upload_too_large", False))


class CappedUploadHandler(FileUploadHandler):
    """Counts file bytes and stops the upload at the cap; passes chunks on untouched."""

    def handle_raw_input(
        self, input_data: Any, META: Any, content_length: int, boundary: Any, encoding: Any = None
    ) -> None:
        self.received = 0
        self.over = content_length is not None and content_length > upload_limit()

    def _refuse(self) -> None:
        if self.request is not None:
            self.request.upload_too_large = True
        raise StopUpload(connection_reset=True)

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        if getattr(self, "over", False):
            self._refuse()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received = getattr(self, "received", 0) + len(raw_data)
        if self.received > upload_limit():
            self._refuse()
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None
