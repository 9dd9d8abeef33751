"""The read model's tests use the pipeline's fixtures: the lexicon and a store without queueing."""

import pytest

from articles.models import Article
from articles.services.processing import process_articles
from tests.pipeline.conftest import lexicon, store  # noqa: F401 (fixtures)

from .test_rollups import generated_archive


@pytest.fixture(autouse=True)
def own_cache(private_cache) -> None:
    """Every read-model test has a cache of its own (``private_cache``): facets
    and matches cached by an earlier test's archive live for minutes."""


@pytest.fixture
def processed_archive(lexicon, store):  # noqa: F811 (the fixtures above)
    """Stores and tags a generated archive of 160 articles drawn with a seed; its articles."""

    def make(seed: int) -> list[Article]:
        store(*generated_archive(160, seed=seed))
        process_articles(list(Article.objects.values_list("id", flat=True)))
        return list(Article.objects.order_by("id"))

    return make
