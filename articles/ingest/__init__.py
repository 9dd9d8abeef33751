"""Readers for uploaded article files: bytes in, records out.

Pure Python, no Django: the ``ingest`` command, the upload view and the
Celery task all call ``read_file``/``read_bytes``/``read_stored`` and hand the ``Record``
objects to the store service; ``RowError`` objects go to the upload's
error report.
"""

from .decoding import decode
from .limits import Limits
from .paths import iter_paths
from .readers import FORMATS, read_bytes, read_file, read_stored
from .records import Record, RowError, detect_lang, parse_datetime

__all__ = [
    "FORMATS",
    "Limits",
    "Record",
    "RowError",
    "decode",
    "detect_lang",
    "iter_paths",
    "parse_datetime",
    "read_bytes",
    "read_file",
    "read_stored",
]
