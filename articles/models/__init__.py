"""The article store, the lexicon, threads and analysts' corrections."""

from .articles import Article, ArticleBand, IngestBatch, Source, StoryCluster
from .corrections import Correction
from .events import Event, EventCorrection, EventDay, EventType, RoleMonth, ThreadState
from .lexicon import Actor, ActorAlias, Candidate, LexiconState, Outlet, Person, PersonAlias, Topic
from .search import SearchIndexState
from .threads import Milestone, Thread

__all__ = [
    "Actor",
    "ActorAlias",
    "Article",
    "ArticleBand",
    "Candidate",
    "Correction",
    "Event",
    "EventCorrection",
    "EventDay",
    "EventType",
    "IngestBatch",
    "LexiconState",
    "Milestone",
    "Outlet",
    "Person",
    "PersonAlias",
    "RoleMonth",
    "SearchIndexState",
    "Source",
    "StoryCluster",
    "Thread",
    "ThreadState",
    "Topic",
]
