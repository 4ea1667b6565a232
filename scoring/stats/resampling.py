"""Statistics over prompts: bootstrap CIs, paired sign-flip tests, and the
model x model similarity matrix.

Why resampling: per-prompt similarity scores are bounded, skewed and few
(~100 prompts), so percentile bootstrap and permutation tests are safer than
normal-theory intervals.  Both come from ``scipy.stats`` (``bootstrap``,
``permutation_test``), seeded via ``numpy.random.default_rng``.

Why the percentile bootstrap and not scipy's default BCa: BCa's acceleration
is estimated by a jackknife that materialises n leave-one-out samples, so its
cost grows as n**2 with the number of prompts; the percentile interval costs
n_resamples * n.  On the committed run BCa moves an endpoint by at most 0.006
(benchmarks/bench_bootstrap_method.py), and the percentile interval keeps the
hand-written version's numbers: with the same seed scipy draws the same resamples.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.stats import bootstrap, permutation_test

from scoring.similarity import Measure, get_measure
from scoring.similarity.text import is_blank

__all__ = [
    "MeanCI",
    "PermutationResult",
    "SimilarityMatrix",
    "bootstrap_mean_ci",
    "homogenization_index",
    "paired_permutation_test",
    "similarity_matrix",
]

Alternative = Literal["greater", "less", "two-sided"]
SeedLike = int | Sequence[int]
_CHUNK = 4_000_000  # max resample matrix entries held in memory at once


@dataclass(frozen=True)
class MeanCI:
    """Sample mean with a percentile-bootstrap confidence interval."""

    mean: float
    n: int
    ci_low: float
    ci_high: float

    def to_dict(self) -> dict[str, float | int]:
        return {"mean": self.mean, "n": self.n, "ci_low": self.ci_low, "ci_high": self.ci_high}


@dataclass(frozen=True)
class PermutationResult:
    """Outcome of a paired sign-flip permutation test on x - y."""

    mean_difference: float
    p_value: float
    n: int
    n_permutations: int
    alternative: str
    exact: bool

    def to_dict(self) -> dict[str, float | int | str | bool]:
        return dict(vars(self))


def _finite(values: ArrayLike) -> NDArray[np.float64]:
    arr = np.asarray(values, dtype=np.float64).ravel()
    return arr[np.isfinite(arr)]


def bootstrap_mean_ci(
    values: ArrayLike, n_resamples: int = 2000, alpha: float = 0.05, seed: SeedLike = 0
) -> MeanCI:
    """Percentile bootstrap CI for the mean (``scipy.stats.bootstrap``, method="percentile").

    Non-finite values are dropped (``n`` counts the rest); no values -> all
    nan with n=0; one value -> a zero-width interval.  The interval is widened
    to contain the sample mean if the percentiles ever miss it."""
    arr = _finite(values)
    n = int(arr.size)
    if n == 0:
        return MeanCI(math.nan, 0, math.nan, math.nan)
    mean = float(arr.mean())
    if n == 1 or np.all(arr == arr[0]):
        return MeanCI(mean, n, mean, mean)
    res = bootstrap((arr,), np.mean, n_resamples=n_resamples, batch=max(1, _CHUNK // n), vectorized=True,
                    confidence_level=1 - alpha, method="percentile", rng=np.random.default_rng(seed))
    lo, hi = float(res.confidence_interval.low), float(res.confidence_interval.high)
    return MeanCI(mean, n, min(lo, mean), max(hi, mean))


def _mean_difference(x: NDArray[np.float64], y: NDArray[np.float64], axis: int = -1) -> NDArray[np.float64]:
    out: NDArray[np.float64] = np.mean(x - y, axis=axis)
    return out


def paired_permutation_test(
    x: ArrayLike,
    y: ArrayLike,
    n_permutations: int = 10000,
    seed: SeedLike = 0,
    alternative: Alternative = "greater",
) -> PermutationResult:
    """Paired permutation test of H0: x_i and y_i are exchangeable within each pair (``scipy.stats.
    permutation_test``, permutation_type="samples": swapping a pair flips the sign of x_i - y_i).

    "greater" tests mean(x - y) > 0.  Pairs with a non-finite member are
    dropped.  If 2**n <= n_permutations all swap patterns are enumerated
    (exact p); otherwise p = (1 + #extreme) / (1 + n_permutations).  Two-sided
    is scipy's: twice the smaller one-sided p, capped at 1."""
    if alternative not in ("greater", "less", "two-sided"):
        raise ValueError(f"alternative must be greater/less/two-sided, not {alternative!r}")
    xa, ya = np.asarray(x, dtype=np.float64).ravel(), np.asarray(y, dtype=np.float64).ravel()
    if xa.shape != ya.shape:
        raise ValueError(f"x and y must be paired: {xa.size} != {ya.size}")
    keep = np.isfinite(xa) & np.isfinite(ya)
    xa, ya = xa[keep], ya[keep]
    n = int(xa.size)
    if n == 0:
        return PermutationResult(math.nan, math.nan, 0, 0, alternative, False)
    if n == 1:  # scipy needs two pairs; the null of one pair is {d, -d}, so "as extreme" is half or all of it
        d = float(xa[0] - ya[0])
        p = 0.5 if (d > 0 and alternative == "greater") or (d < 0 and alternative == "less") else 1.0
        return PermutationResult(d, p, 1, 2, alternative, True)
    exact = n <= 30 and 2**n <= n_permutations
    res = permutation_test((xa, ya), _mean_difference, permutation_type="samples", vectorized=True,
                           n_resamples=2**n if exact else n_permutations, batch=max(1, _CHUNK // n),
                           alternative=alternative, rng=np.random.default_rng(seed))
    total = 2**n if exact else n_permutations + 1
    return PermutationResult(float((xa - ya).mean()), float(res.pvalue), n, total, alternative, exact)


def homogenization_index(pair: float, floor: float, ceiling: float, clip: bool = True) -> float:
    """Place a pair's similarity on [0, 1] between a floor and a ceiling.

    ``(pair - floor) / (ceiling - floor)``: floor = similarity to an unrelated
    model, ceiling = a model's similarity to its own resampled answers (A/A).
    Clipped to [0, 1] by default.  Returns nan if any input is nan or if
    ``ceiling <= floor`` (no dynamic range: the index is undefined)."""
    if any(math.isnan(v) for v in (pair, floor, ceiling)) or ceiling - floor <= 1e-12:
        return math.nan
    h = (pair - floor) / (ceiling - floor)
    return min(1.0, max(0.0, h)) if clip else h


@dataclass(frozen=True)
class SimilarityMatrix:
    """Model x model similarity over prompts, with per-cell bootstrap CIs.

    ``scores[i, j, p]`` is the per-prompt similarity (nan where excluded), kept
    so that paired tests between cells can be run on common prompts.  The
    diagonal is 1.0 by the identical-text convention, not an A/A ceiling."""

    models: tuple[str, ...]
    granularity: str
    scores: NDArray[np.float64]
    mean: NDArray[np.float64]
    ci_low: NDArray[np.float64]
    ci_high: NDArray[np.float64]
    n: NDArray[np.int64]
    excluded: NDArray[np.int64]

    def cell(self, a: str, b: str) -> MeanCI:
        i, j = self.models.index(a), self.models.index(b)
        return MeanCI(
            float(self.mean[i, j]), int(self.n[i, j]), float(self.ci_low[i, j]),
            float(self.ci_high[i, j]),
        )  # fmt: skip

    def to_dict(self) -> dict[str, Any]:
        cells = {
            f"{a}|{b}": {**self.cell(a, b).to_dict(), "excluded": int(self.excluded[i, j])}
            for i, a in enumerate(self.models)
            for j, b in enumerate(self.models)
        }
        return {"models": list(self.models), "granularity": self.granularity, "cells": cells}


def _usable(text: str | None) -> bool:
    return text is not None and not is_blank(text)


def _score_tensor(
    texts: list[Sequence[str | None]],
    valid: NDArray[np.bool_],
    measure: Measure[Any] | Callable[[str, str], float],
) -> NDArray[np.float64]:
    """Per-prompt scores (models x models x prompts); features extracted once per answer."""
    n_models, n_prompts = valid.shape
    if isinstance(measure, Measure):
        inputs: list[list[Any]] = [
            [measure.features(t) if ok and t is not None else None for t, ok in zip(row, ok_row, strict=True)]
            for row, ok_row in zip(texts, valid, strict=True)
        ]
        pair: Callable[[Any, Any], float] = measure.compare
    else:
        inputs, pair = [list(row) for row in texts], measure
    scores = np.full((n_models, n_models, n_prompts), np.nan)
    for i in range(n_models):
        scores[i, i, valid[i]] = 1.0
        for j in range(i + 1, n_models):
            for p in np.flatnonzero(valid[i] & valid[j]):
                scores[i, j, p] = scores[j, i, p] = pair(inputs[i][p], inputs[j][p])
    return scores


def similarity_matrix(
    answers: Mapping[str, Sequence[str | None]],
    granularity: str | Measure[Any] | Callable[[str, str], float] = "combined",
    n_resamples: int = 2000,
    alpha: float = 0.05,
    seed: int = 0,
) -> SimilarityMatrix:
    """Similarity of every model pair, averaged over prompts with bootstrap CIs.

    ``answers[model][p]`` is the model's answer to prompt p; all sequences must
    have the same length.  For a pair, prompt p is used only if both answers
    are non-None and non-blank; ``excluded[i, j]`` counts the rest.  A
    ``Measure`` (or its name) extracts features once per answer; a plain
    callable is invoked per pair (slower).  Cell (i, j) is bootstrapped with
    seed ``[seed, i, j]``."""
    models = tuple(answers)
    lengths = {len(answers[m]) for m in models}
    if len(lengths) > 1:
        raise ValueError(f"answers must be aligned by prompt; got lengths {sorted(lengths)}")
    n_models, n_prompts = len(models), lengths.pop() if lengths else 0
    measure = get_measure(granularity) if isinstance(granularity, str) else granularity
    texts = [answers[m] for m in models]
    valid = np.array([[_usable(t) for t in row] for row in texts], dtype=bool)
    scores = _score_tensor(texts, valid.reshape(n_models, n_prompts), measure)
    stats = np.full((3, n_models, n_models), np.nan)
    counts = np.zeros((n_models, n_models), dtype=np.int64)
    for i in range(n_models):
        for j in range(i, n_models):
            ci = bootstrap_mean_ci(scores[i, j], n_resamples, alpha, seed=[seed, i, j])
            stats[:, i, j] = stats[:, j, i] = (ci.mean, ci.ci_low, ci.ci_high)
            counts[i, j] = counts[j, i] = ci.n
    granularity_name = getattr(measure, "name", getattr(measure, "__name__", "custom"))
    return SimilarityMatrix(
        models, str(granularity_name), scores, stats[0], stats[1], stats[2], counts,
        n_prompts - counts,
    )  # fmt: skip
