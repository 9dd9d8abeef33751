"""The write side: one module per verb (ingest, process, tag, correct, lexicon)."""
