"""The article table's columns, named once, grouped by who writes or reads them.

Ingest, processing, tagging, the one-statement bulk writes, the benchmark
loader, the rollups and the list's cards all take their column lists from
here, so a new column is added in one place (and the model).
"""

from __future__ import annotations

# What ingest stores from a record (COPY into a staging table, then INSERT).
STORED = (
    "title",
    "raw_text",
    "text",
    "lang",
    "url",
    "external_id",
    "published_at",
    "content_hash",
    "source_id",
    "publisher",
    "byline",
    "story_index",
)
# What processing writes (search terms, status); the cluster is written apart.
PROCESSED = ("status", "error", "processed_at", "search_text")
# What tagging writes, corrections applied.
TAGS = (
    "is_negotiation",
    "actors",
    "parties",
    "mediators",
    "topics",
    "thread_id",
    "confidence",
    "mentions",
    "persons",
    "cited_sources",
    "key_sentence",
    "tagger_version",
    "tagged_at",
)
# What the rollups count (the triggers of migration 0018 compare these).
COUNTED = (
    "published_at",
    "actors",
    "parties",
    "mediators",
    "topics",
    "thread_id",
    "source_id",
    "lang",
)
# What a list row or a timeline card shows; bodies and search data stay on disk.
CARD = (
    "id",
    "title",
    "published_at",
    "source_id",
    "publisher",
    "lang",
    "status",
    "key_sentence",
    "thread_id",
    "actors",
    "parties",
    "mediators",
    "topics",
)
# PostgreSQL types of the columns a worker writes in bulk (``services.rows``).
TYPES = {
    "status": "varchar(10)",
    "error": "text",
    "processed_at": "timestamptz",
    "search_text": "text",
    "cluster_id": "bigint",
    "is_negotiation": "boolean",
    "actors": "varchar(40)[]",
    "parties": "varchar(40)[]",
    "mediators": "varchar(40)[]",
    "topics": "varchar(40)[]",
    "thread_id": "bigint",
    "confidence": "jsonb",
    "mentions": "jsonb",
    "persons": "jsonb",
    "cited_sources": "varchar(200)[]",
    "key_sentence": "text",
    "tagger_version": "varchar(40)",
    "tagged_at": "timestamptz",
}
