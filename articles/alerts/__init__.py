"""Which watchlists a newly tagged article matches, for thousands of watchlists at once.

Pure Python, no Django. A watchlist's filters are parsed once, when it is
saved, by the list page's own filter form (``articles.filters``) and kept
as ``criteria``; here they become ``Rule`` objects that test an article in
memory exactly as the list's SQL would (``tests/alerts/test_rules.py``
holds the two to each other), and a ``RuleIndex`` files every rule under
its most selective term, so an article is only tested against the few
rules that could match it.
"""

from .rules import Facts, Rule, RuleIndex

__all__ = ["Facts", "Rule", "RuleIndex"]
