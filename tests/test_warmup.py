"""A web worker loads its views and search words before its first request, then freezes them."""

from __future__ import annotations

import gc

from negotiation_tracker.warmup import prepare_worker


def test_a_prepared_worker_has_its_loaded_objects_frozen() -> None:
    from articles.nlp import search

    gc.unfreeze()
    search._data.cache_clear()
    try:
        prepare_worker()
        assert search._data.cache_info().currsize == 1, "the search words are loaded"
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()
