"""Bars over the side model: a bloc's members beside the bloc, outsiders, text sides.

A bloc's members beside the bloc as a side are kept only on their own
strong evidence.

When a bloc negotiates (the GCC with the US secretary of state, the P5+1
with Iran, the coalition in Yemen), its member states are named around it:
listed to say who the bloc is, chairing or hosting its meeting, speaking
for it. The labelled convention is that the bloc is the side and a member
is one only when the story has it negotiate in its own right. The side
model reads each actor on its own and cannot see that its bloc already
holds the seat, so members of a bloc it calls a side must clear a higher
bar (``cutoff``), chosen with the decision threshold on the training
folds alone (``choose_threshold_and_bars``). A member that is a firm text
side (below: «بين السعودية وإيران» in a story of the GCC's talks) is bound
across the table by the text itself and keeps its seat under the bar.

Outsiders on the weak frame (``features.outsider``: an actor the likeliest
thread lists in no role, bound by no frame but the weak one, an agent near
talk words, or a positional one, «مع X» after a talk noun or «الطرفان») are states reacting to a deal, lobbying against it or visiting
a side far more often than they are sides; the side model reads each of
those facts as a weight of its own and sums them, so it cannot hold this
one combination down without holding down every stranger or every actor
on the weak frame. They are kept only above their own bar
(``outsider_min``), chosen with the other two.

Text sides (the ``text_side`` feature: a side frame or a table hint binds
an actor the likeliest thread lists in no role, and no mediation frame
binds it) are the converse: sides in most cases, but the thread prior,
which knows nothing of them, holds many below the threshold. They are
sides down to a lower bar of their own (``text_side_min``; 0 is the rule
off).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from articles.nlp import vocab

# Candidate bars; 0 keeps every member (the rule off).
CUTOFFS = (0.0, 0.6, 0.7, 0.8, 0.9)
# Candidate bars for outsiders on the weak frame; 0 is the rule off.
OUTSIDER_BARS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9)
# F1 within which two outsiders' bars tie on the training folds.
OUTSIDER_TOLERANCE = 0.005
# Candidate lower bars for text sides; 0 is the rule off (the threshold holds).
TEXT_SIDE_BARS = (0.0, 0.1, 0.15, 0.2, 0.25)


def drop_weak_members(
    parties: Mapping[str, float], cutoff: float, own: Collection[str] = ()
) -> dict[str, float]:
    """``parties`` (actor → probability) without the members of a bloc that is
    itself a side whose probability is under ``cutoff``, but for those in
    ``own``: members a firm side frame binds negotiate in their own right."""
    if cutoff <= 0.0:
        return dict(parties)
    blocs = vocab.context_names().blocs
    weak = {
        m
        for bloc, members in blocs.items()
        if bloc in parties
        for m in members
        if m in parties and parties[m] < cutoff and m not in own
    }
    return {a: p for a, p in parties.items() if a not in weak}


# Each article: (actor → inner out-of-fold probability, gold sides, gold
# sides the tagger has no candidate for[, its outsiders on the weak frame[,
# its text sides]]).
Articles = Sequence[tuple]


def is_side(
    p: float,
    threshold: float,
    outsider: bool,
    outsider_min: float,
    text_side: bool,
    text_side_min: float,
) -> bool:
    """The side call on the side model's probability ``p`` of one actor."""
    if text_side and text_side_min > 0.0:
        threshold = min(threshold, text_side_min)
    return p >= threshold and not (outsider and p < outsider_min)


def side_f1(
    articles: Articles,
    threshold: float,
    cutoff: float,
    outsider: float = 0.0,
    text_side: float = 0.0,
) -> float:
    """Side F1 over ``articles`` decided at ``threshold`` (``outsider`` for an
    outsider on the weak frame, ``text_side`` for a text side), then the
    members' bar ``cutoff`` (which text sides are spared)."""
    tp = fp = fn = 0
    for probs, gold, unseen, *rest in articles:
        outsiders = rest[0] if rest else frozenset()
        text_sides = rest[1] if len(rest) > 1 else frozenset()
        sides = {
            a: p
            for a, p in probs.items()
            if is_side(p, threshold, a in outsiders, outsider, a in text_sides, text_side)
        }
        kept = set(drop_weak_members(sides, cutoff, text_sides))
        tp += len(kept & gold)
        fp += len(kept - gold)
        fn += len(gold - kept) + unseen
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def choose_threshold_and_bars(
    articles: Articles,
    thresholds: Sequence[float],
    outsider_bars: Sequence[float] = OUTSIDER_BARS,
    text_side_bars: Sequence[float] = TEXT_SIDE_BARS,
) -> tuple[float, float, float, float]:
    """The side threshold, the members', outsiders' and text sides' bars, scored by
    the F1 of the call the tagger makes (a threshold chosen alone is scored
    on sides the bars then take away).

    Each setting is scored by its F1 averaged with the F1 of the thresholds
    next to it: the inner predictions of a few dozen threads put spikes in
    the curve, and a threshold on a plateau holds on new articles where a
    spike does not. The threshold and the members' bar are chosen first,
    with no bar for outsiders, and the outsiders' bar on top of them: the
    two bars can take the same actor away (a Gulf state beside the
    coalition), and chosen at once a tie would switch the members' bar off
    for articles where only it applies. The text sides' bar comes last, on
    top of the other three. The first wins a tie, but for the outsiders' bar
    (the middle of the bars that tie).
    """

    def smoothed(i: int, c: float, o: float, s: float = 0.0) -> float:
        near = thresholds[max(0, i - 1) : i + 2]
        return sum(side_f1(articles, t, c, o, s) for t in near) / len(near)

    best = (-1.0, 0, CUTOFFS[0])
    for i in range(len(thresholds)):
        for c in CUTOFFS:
            f1 = smoothed(i, c, outsider_bars[0])
            if f1 > best[0] + 1e-9:
                best = (f1, i, c)
    _, i, c = best
    # The outsiders' bar decides a handful of actors, and one actor's call moves
    # its curve by a few thousandths: bars within ``OUTSIDER_TOLERANCE`` of the
    # best tie, and the middle of the plateau they make wins (the lower middle
    # of an even count), as the threshold's neighbours do above; the rule
    # stays off when off ties.
    at = {o: smoothed(i, c, o) for o in outsider_bars}
    tied = [b for b in outsider_bars if at[b] >= max(at.values()) - OUTSIDER_TOLERANCE]
    o = tied[0] if tied[0] == outsider_bars[0] else tied[(len(tied) - 1) // 2]
    top = (-1.0, text_side_bars[0])
    for s in text_side_bars:
        f1 = smoothed(i, c, o, s)
        if f1 > top[0] + 1e-9:
            top = (f1, s)
    return thresholds[i], c, o, top[1]
