"""Negotiation events: the moves an article reports (spec/events.md).

Pure Python, no Django. ``EventReader.read`` takes the tagger's reading of
an article (``Analysis``) and its decided sides, mediators and topics, and
returns ``EventTag``s: sentences (``sentences``) whose cue words
(``cues``, words in ``data/events.yaml``) report a move of one of the
contract's twelve types, with the actors of the sentence put in slots
(``slots``), a date resolved against the article's (``dates``) and the
source the report is credited to (``attribution``).
"""

from articles.nlp.events.extract import EventReader, fingerprint

__all__ = ["EventReader", "fingerprint"]
