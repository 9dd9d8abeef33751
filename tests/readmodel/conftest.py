"""The read model's tests use the pipeline's fixtures: the lexicon and a store without queueing."""

from tests.pipeline.conftest import lexicon, store  # noqa: F401 (fixtures)
