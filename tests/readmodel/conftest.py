"""Fixtures of the pipeline tests: the lexicon, a store without queueing."""

from __future__ import annotations

from pathlib import Path

import pytest

from articles.ingest import Record
from articles.models import IngestBatch
from articles.services.ingest import create_batch, ingest_items

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"


@pytest.fixture
def lexicon(db):
    """The shipped lexicon, topics and threads, loaded as ``make demo`` loads them."""
    from articles.services.lexicon import load_lexicon

    return load_lexicon()


@pytest.fixture
def store():
    """Store records through the ingest service without queueing workers."""

    def _store(*records: Record, queue: bool = False) -> IngestBatch:
        batch = create_batch(kind=IngestBatch.Kind.COMMAND, filename="test")
        return ingest_items(batch, list(records), queue=queue)

    return _store


def shared_file(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not present")
    return path
