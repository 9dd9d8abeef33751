"""One way of splitting labelled articles into folds, shared by every model.

Quality is judged on articles the tagger never saw, so a figure is only
worth reporting when the articles it is measured on took no part in the
tuning. Articles of one negotiation thread always land in the same fold
(a model must not learn a thread's parties from one of its articles and be
scored on another); articles with no thread are units of their own.

Units are dealt out largest first, each to the fold that holds the fewest
articles of its kind so far (negotiation or not), ties broken by a hash of
the unit's key. A plain hash of the key would leave one fold with a
quarter of the negotiations when a single thread is large; dealing keeps
every fold a fair test. The split depends only on the thread keys and ids,
so it is the same on every machine and for every component that learns.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

FOLDS = 5


def group_key(gold: Mapping[str, Any]) -> str:
    """The unit that is never split: the thread, or the article itself."""
    thread = gold.get("thread")
    return f"thread:{thread}" if thread else f"article:{gold['id']}"


def _hash(key: str) -> int:
    return int.from_bytes(hashlib.sha1(key.encode("utf-8")).digest()[:8], "big")


def assign(
    golds: Iterable[Mapping[str, Any]], folds: int = FOLDS, salt: str = ""
) -> dict[str, int]:
    """The fold (0 .. folds-1) of every article id.

    With a salt the units are dealt in an order drawn from the salted hash
    alone, so the large threads meet different companions: one more split
    by thread, as fair as the default one, on which a change that gained
    only by the luck of the default split shows it.
    """
    members: dict[str, list[str]] = defaultdict(list)
    negotiations: dict[str, int] = defaultdict(int)
    for gold in golds:
        key = group_key(gold)
        members[key].append(str(gold["id"]))
        negotiations[key] += bool(gold.get("is_negotiation"))
    if salt:
        order = sorted(members, key=lambda k: _hash(f"{salt}:{k}"))
    else:
        order = sorted(members, key=lambda k: (-negotiations[k], -len(members[k]), _hash(k)))
    # load[fold][kind]: articles dealt so far; kind 1 counts negotiation units.
    load = [[0, 0] for _ in range(folds)]
    out: dict[str, int] = {}
    for key in order:
        kind = int(negotiations[key] > 0)
        fold = min(range(folds), key=lambda f: (load[f][kind], load[f][1 - kind], f))
        load[fold][kind] += len(members[key])
        for aid in members[key]:
            out[aid] = fold
    return out


def split(
    golds: Iterable[Mapping[str, Any]], folds: int = FOLDS, salt: str = ""
) -> dict[int, list[str]]:
    """Article ids per fold."""
    out: dict[int, list[str]] = {k: [] for k in range(folds)}
    for aid, fold in assign(golds, folds, salt).items():
        out[fold].append(aid)
    return out
