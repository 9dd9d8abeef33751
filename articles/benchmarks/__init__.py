"""Benchmarks behind ``manage.py benchmark KIND``: each prints one JSON line of figures."""
