"""The read API: the same articles, filters and permissions as the pages, as JSON."""
