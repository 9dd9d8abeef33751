"""Logistic models stored as plain JSON and applied with a dot product.

Why not pickle a scikit-learn estimator: a pickle ties the file to one
library version, cannot be read in a review, and costs a second to import
in every worker. A linear model is its feature names, weights and an
intercept; predicting is a sum over the features an article has, which is
deterministic, fast and needs nothing but Python.

Training uses scikit-learn (imported only here, only when training). Weights
are rounded to six decimals before they are written, so a retrain on the
same data gives the same file byte for byte on any machine whose solver
agrees to that precision.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

Features = Mapping[str, float]
_DIGITS = 6


class LinearModel:
    """A binary logistic model read from its JSON form."""

    __slots__ = ("intercept", "threshold", "weights")

    def __init__(self, spec: Mapping[str, Any]) -> None:
        self.weights: dict[str, float] = dict(spec.get("weights") or {})
        self.intercept: float = float(spec.get("intercept") or 0.0)
        self.threshold: float = float(spec.get("threshold", 0.5))

    def score(self, features: Features) -> float:
        w = self.weights
        return self.intercept + sum(v * w[k] for k, v in features.items() if k in w)

    def probability(self, features: Features) -> float:
        z = self.score(features)
        if z < -30:
            return 0.0
        if z > 30:
            return 1.0
        return 1.0 / (1.0 + math.exp(-z))

    def decide(self, features: Features) -> tuple[bool, float]:
        p = self.probability(features)
        return p >= self.threshold, p


def fit(
    rows: Sequence[Features],
    labels: Sequence[bool],
    *,
    c: float = 1.0,
    balanced: bool = False,
    threshold: float = 0.5,
) -> dict[str, Any]:
    """Train a logistic regression and return its JSON-able form.

    Features are taken as given (they are already on comparable scales:
    flags, small counts through log1p, shares). ``c`` is the inverse of the
    L2 penalty: small values keep weights small, which is what lets a model
    fitted on a few hundred examples hold on new text.
    """
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    names = sorted({k for r in rows for k in r})
    index = {k: i for i, k in enumerate(names)}
    x = np.zeros((len(rows), len(names)))
    for i, r in enumerate(rows):
        for k, v in r.items():
            x[i, index[k]] = v
    y = np.array([bool(v) for v in labels])
    if len(set(y.tolist())) < 2:
        # One class only: a constant model that always says it.
        return {
            "weights": {},
            "intercept": 30.0 if y.size and y[0] else -30.0,
            "threshold": threshold,
        }
    model = LogisticRegression(
        C=c,
        class_weight="balanced" if balanced else None,
        max_iter=5000,
        tol=1e-8,
        solver="lbfgs",
    )
    # One BLAS thread: the same sums in the same order on every machine
    # (and no thread fight on a shared one).
    with threadpool_limits(1):
        model.fit(x, y)
    weights = {
        k: round(float(w), _DIGITS)
        for k, w in zip(names, model.coef_[0], strict=True)
        if round(float(w), _DIGITS) != 0.0
    }
    return {
        "weights": dict(sorted(weights.items())),
        "intercept": round(float(model.intercept_[0]), _DIGITS),
        "threshold": threshold,
    }


def top_weights(spec: Mapping[str, Any], n: int = 12) -> list[tuple[str, float]]:
    """The heaviest weights, for the model card."""
    items: Iterable[tuple[str, float]] = (spec.get("weights") or {}).items()
    return sorted(items, key=lambda kv: -abs(kv[1]))[:n]


def _inner_fold(group: str, k: int) -> int:
    import hashlib

    return int.from_bytes(hashlib.sha1(group.encode("utf-8")).digest()[:4], "big") % k


def inner_probabilities(
    rows: Sequence[Features],
    labels: Sequence[bool],
    groups: Sequence[str],
    *,
    c: float,
    balanced: bool = False,
    inner: int = 4,
) -> list[float]:
    """Each row's probability from a model fitted without its inner fold
    (split by ``groups``): what a setting chosen on the training data is
    scored with, so that no row judges a model it helped fit."""
    fold_of = [_inner_fold(g, inner) for g in groups]
    probs = [0.0] * len(rows)
    for k in range(inner):
        train = [i for i in range(len(rows)) if fold_of[i] != k]
        test = [i for i in range(len(rows)) if fold_of[i] == k]
        if not test:
            continue
        model = LinearModel(
            fit([rows[i] for i in train], [labels[i] for i in train], c=c, balanced=balanced)
        )
        for i in test:
            probs[i] = model.probability(rows[i])
    return probs


# Decision thresholds a model may be given (``fit_tuned``).
THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7)


def fit_tuned(
    rows: Sequence[Features],
    labels: Sequence[bool],
    groups: Sequence[str],
    *,
    grid: Sequence[float] = (0.1, 0.3, 1.0, 3.0),
    thresholds: Sequence[float] = THRESHOLDS,
    balanced: bool = False,
    inner: int = 4,
    smooth: bool = False,
) -> dict[str, Any]:
    """``fit`` with its penalty and decision threshold chosen on the training data alone.

    The rows are split into ``inner`` folds by ``groups`` (a thread never on
    both sides); each penalty in ``grid`` is scored by the F1 of its
    out-of-fold predictions at the best threshold, and the winner is
    refitted on all rows. The articles a reported figure is measured on are
    never part of this choice.
    """
    best: tuple[float, float, float] = (-1.0, grid[0], 0.5)
    for c in grid:
        probs = inner_probabilities(rows, labels, groups, c=c, balanced=balanced, inner=inner)
        f1s = []
        for t in thresholds:
            tp = sum(1 for p, y in zip(probs, labels, strict=True) if p >= t and y)
            fp = sum(1 for p, y in zip(probs, labels, strict=True) if p >= t and not y)
            fn = sum(1 for p, y in zip(probs, labels, strict=True) if p < t and y)
            f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
        for i, t in enumerate(thresholds):
            # Smoothed: the F1 averaged with its neighbours', so that a spike
            # of a few rows at one threshold does not decide it.
            near = f1s[max(0, i - 1) : i + 2] if smooth else [f1s[i]]
            f1 = sum(near) / len(near)
            if f1 > best[0] + 1e-9:
                best = (f1, c, t)
    _, c, t = best
    spec = fit(rows, labels, c=c, balanced=balanced, threshold=t)
    spec["c"] = c
    return spec
