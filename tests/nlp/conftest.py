"""One lexicon and tagger for the whole NLP test session (building them takes ~1 s)."""

from __future__ import annotations

import pytest

from articles.nlp.lexicon import Lexicon
from articles.nlp.tagger import Tagger


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    return Lexicon.from_data_dir()


@pytest.fixture(scope="session")
def tagger(lexicon: Lexicon) -> Tagger:
    return Tagger(lexicon)
