"""The article store, the lexicon, threads, analysts' corrections, live sources and watchlists."""

from .alerts import Alert, Watchlist
from .articles import (
    Article,
    ArticleBand,
    Carriage,
    IngestBatch,
    Source,
    StoryCluster,
    TaskAttempt,
)
from .corrections import Correction
from .events import Event, EventCorrection, EventDay, EventType, RoleMonth, ThreadState
from .lexicon import Actor, ActorAlias, Candidate, LexiconState, Outlet, Person, PersonAlias, Topic
from .live import CrawlHost, LiveEntry, LiveSource
from .rollups import FacetRow, RollupAll, RollupDay, RollupMonth, ThreadActorRollup
from .search import SearchIndexState
from .threads import Milestone, Thread

__all__ = [
    "Actor",
    "ActorAlias",
    "Alert",
    "Article",
    "ArticleBand",
    "Candidate",
    "Carriage",
    "Correction",
    "CrawlHost",
    "Event",
    "EventCorrection",
    "EventDay",
    "EventType",
    "FacetRow",
    "IngestBatch",
    "LexiconState",
    "LiveEntry",
    "LiveSource",
    "Milestone",
    "Outlet",
    "Person",
    "PersonAlias",
    "RoleMonth",
    "RollupAll",
    "RollupDay",
    "RollupMonth",
    "SearchIndexState",
    "Source",
    "StoryCluster",
    "TaskAttempt",
    "Thread",
    "ThreadActorRollup",
    "ThreadState",
    "Topic",
    "Watchlist",
]
