"""Ingest, process and tag everything under PATH through the real workers."""

from articles.benchmarks._harness import PipelineBenchmark

_benchmark = PipelineBenchmark("pipeline", tag=True, timeout=900)
add_arguments, run = _benchmark.add_arguments, _benchmark.run
