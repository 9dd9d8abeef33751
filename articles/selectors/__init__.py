"""The read side: querysets and plain data for the pages, with no HTTP in them.

Every function here is written for a table of a million articles: it uses
an index (GIN on the tag arrays and the search vector, b-trees on
``published_at`` and ``thread``), it is bounded by a LIMIT or a date window,
and what is costly and shared between analysts (volume series, facets) is
cached briefly under a key built from the filter URL.
"""
