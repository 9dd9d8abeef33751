"""What a web worker loads before its first request, then keeps out of the collector's way.

A worker's first search loads the search words (340,000 forms, a tenth of
a second) and its first request imports every view; done here, no analyst
waits for them. Then ``gc.freeze()``: the objects of the loaded code and
data move to a generation the collector never walks, so its full passes,
which come every few hundred requests, traverse only what requests made
since: 6–9 ms each instead of 80–110 ms over a worker's 200,000 objects
(see docs/benchmarks.md).
"""

from __future__ import annotations

import gc

from django.urls import get_resolver


def prepare_worker() -> None:
    """Import every view, load the search words, and freeze what is loaded."""
    from articles.nlp import search

    get_resolver().url_patterns  # noqa: B018 (the import of every view is the point)
    search.load()
    gc.collect()
    gc.freeze()
