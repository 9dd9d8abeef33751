"""One lexicon and tagger for the whole NLP test session (building them takes ~1 s).

``tagger`` decides by the rules alone: the behaviour tests pin the rule
frames, which are the evidence the learned models weigh (and the tagger's
calls when a model file is missing). ``learned`` is the tagger as shipped,
with the committed models; its tests check the loading and the plumbing,
not the scores (``make eval`` measures those).
"""

from __future__ import annotations

import pytest

from articles.nlp.learn.registry import load_models
from articles.nlp.lexicon import Lexicon
from articles.nlp.tagger import Tagger


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    return Lexicon.from_data_dir()


@pytest.fixture(scope="session")
def tagger(lexicon: Lexicon) -> Tagger:
    return Tagger(lexicon, models={})


@pytest.fixture(scope="session")
def learned(tagger: Tagger) -> Tagger:
    return tagger.with_models(load_models())
