"""Ingest and process everything under PATH through the real workers (no tagging)."""

from articles.benchmarks._harness import PipelineBenchmark

_benchmark = PipelineBenchmark("ingest", tag=False, timeout=600)
add_arguments, run = _benchmark.add_arguments, _benchmark.run
