"""A bloc's members beside the bloc as a side: kept only on their own strong evidence.

When a bloc negotiates (the GCC with the US secretary of state, the P5+1
with Iran, the coalition in Yemen), its member states are named around it:
listed to say who the bloc is, chairing or hosting its meeting, speaking
for it. The labelled convention is that the bloc is the side and a member
is one only when the story has it negotiate in its own right. The side
model reads each actor on its own and cannot see that its bloc already
holds the seat, so members of a bloc it calls a side must clear a higher
bar (``cutoff``), chosen with the decision threshold on the training
folds alone (``choose_threshold_and_cutoff``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from articles.nlp import vocab

# Candidate bars; 0 keeps every member (the rule off).
CUTOFFS = (0.0, 0.6, 0.7, 0.8, 0.9)


def drop_weak_members(parties: Mapping[str, float], cutoff: float) -> dict[str, float]:
    """``parties`` (actor → probability) without the members of a bloc that is
    itself a side whose probability is under ``cutoff``."""
    if cutoff <= 0.0:
        return dict(parties)
    blocs = vocab.context_names().blocs
    weak = {
        m
        for bloc, members in blocs.items()
        if bloc in parties
        for m in members
        if m in parties and parties[m] < cutoff
    }
    return {a: p for a, p in parties.items() if a not in weak}


Articles = Sequence[tuple[Mapping[str, float], frozenset[str], int]]


def side_f1(articles: Articles, threshold: float, cutoff: float) -> float:
    """Side F1 over ``articles`` decided at ``threshold``, then the bar: each
    is (actor → inner out-of-fold probability, gold sides, gold sides the
    tagger has no candidate for)."""
    tp = fp = fn = 0
    for probs, gold, unseen in articles:
        sides = {a: p for a, p in probs.items() if p >= threshold}
        kept = set(drop_weak_members(sides, cutoff))
        tp += len(kept & gold)
        fp += len(kept - gold)
        fn += len(gold - kept) + unseen
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def choose_cutoff(articles: Articles, threshold: float) -> float:
    """The bar of ``CUTOFFS`` with the best side F1 at ``threshold``. The
    first wins a tie, so the rule is off unless it helps."""
    best = (-1.0, CUTOFFS[0])
    for cutoff in CUTOFFS:
        f1 = side_f1(articles, threshold, cutoff)
        if f1 > best[0] + 1e-9:
            best = (f1, cutoff)
    return best[1]


def choose_threshold_and_cutoff(
    articles: Articles, thresholds: Sequence[float]
) -> tuple[float, float]:
    """The side threshold and the bar, chosen together by the F1 of the call
    the tagger makes (a threshold chosen alone is scored on members the bar
    then takes away).

    Each pair is scored by its F1 averaged with the F1 of the thresholds next
    to it: the inner predictions of a few dozen threads put spikes in the
    curve, and a threshold on a plateau holds on new articles where a spike
    does not. The first wins a tie.
    """
    grid = {(t, c): side_f1(articles, t, c) for t in thresholds for c in CUTOFFS}
    best = (-1.0, thresholds[0], CUTOFFS[0])
    for i, t in enumerate(thresholds):
        near = thresholds[max(0, i - 1) : i + 2]
        for c in CUTOFFS:
            f1 = sum(grid[(x, c)] for x in near) / len(near)
            if f1 > best[0] + 1e-9:
                best = (f1, t, c)
    return best[1], best[2]
