"""Arabic and English understanding of news articles.

Pure Python: nothing in this package imports Django, so it can be tested,
profiled and run from the command line on its own (``python -m articles.nlp``).
"""
