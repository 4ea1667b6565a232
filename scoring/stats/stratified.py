"""Estimates from a sample stratified by a known label: rates and agreement weighted back to the population.

Why: the rule-labelled answers were drawn per model as up to 20 the paper's judge called contradictions and the
rest not, so positives are over-represented; an unweighted rate or kappa on that sample describes the sample,
not the model's 1,000 answers. Each row of stratum h stands for N_h / n_h answers (N_h its population size,
n_h its sample size). Rates get the stratified variance with the finite-population correction and a Wilson
interval at the effective sample size; kappa gets a stratified bootstrap percentile interval.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import TypeVar

import numpy as np

from scoring.stats.intervals import Z_95

K = TypeVar("K", bound=Hashable)  # a stratum key, e.g. (model, the paper's label)

__all__ = ["StratifiedRate", "stratum_weights", "weighted_agreement", "weighted_kappa", "weighted_rate"]


def stratum_weights(strata: Sequence[K], population: Mapping[K, int]) -> list[float]:
    """N_h / n_h for every row; ValueError when a stratum is missing from `population` or over-sampled."""
    counts: dict[K, int] = {}
    for s in strata:
        counts[s] = counts.get(s, 0) + 1
    for s, n in counts.items():
        if s not in population:
            raise ValueError(f"stratum {s!r} has no population size")
        if n > population[s]:
            raise ValueError(f"stratum {s!r} has {n} sampled rows but a population of {population[s]}")
    return [population[s] / counts[s] for s in strata]


@dataclass(frozen=True)
class StratifiedRate:
    """A population rate from a stratified sample: estimate, n sampled, population size, 95% interval."""

    score: float
    n: int
    population: int
    ci_low: float
    ci_high: float

    def to_dict(self) -> dict[str, float | int]:
        """Plain JSON types."""
        return asdict(self)


def _wilson(p: float, n_eff: float) -> tuple[float, float]:
    if n_eff <= 0:
        return (0.0, 1.0)
    z2 = Z_95 * Z_95
    denom = 1.0 + z2 / n_eff
    centre = (p + z2 / (2 * n_eff)) / denom
    half = Z_95 * math.sqrt(p * (1 - p) / n_eff + z2 / (4 * n_eff * n_eff)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


def weighted_rate(values: Sequence[bool], strata: Sequence[K], population: Mapping[K, int]
                  ) -> StratifiedRate:
    """Stratified estimate of the population rate of `values`.

    Variance: sum_h W_h^2 (1 - n_h/N_h) s_h^2 / n_h with W_h = N_h/N over the sampled strata; the interval is
    Wilson's at the effective size p(1-p)/var (the sample size when every stratum is pure or a census).
    """
    if len(values) != len(strata):
        raise ValueError(f"values and strata differ in length: {len(values)} != {len(strata)}")
    groups: dict[K, list[bool]] = {}
    for v, s in zip(values, strata, strict=True):
        groups.setdefault(s, []).append(bool(v))
    stratum_weights(strata, population)  # validates
    total = sum(population[s] for s in groups)
    if total == 0:
        return StratifiedRate(0.0, len(values), 0, 0.0, 1.0)
    p = sum(population[s] / total * (sum(g) / len(g)) for s, g in groups.items())
    var = 0.0
    for s, g in groups.items():
        n_h, big_n = len(g), population[s]
        if n_h < 2:
            continue
        p_h = sum(g) / n_h
        s2 = p_h * (1 - p_h) * n_h / (n_h - 1)
        var += (big_n / total) ** 2 * (1 - n_h / big_n) * s2 / n_h
    n_eff = p * (1 - p) / var if var > 0 else float(len(values))
    low, high = _wilson(p, n_eff)
    return StratifiedRate(p, len(values), total, low, high)


def weighted_agreement(a: Sequence[bool], b: Sequence[bool], strata: Sequence[K],
                       population: Mapping[K, int]) -> StratifiedRate:
    """Population rate at which two raters agree (a stratified rate of `a == b`)."""
    return weighted_rate([bool(x) == bool(y) for x, y in zip(a, b, strict=True)], strata, population)


def _kappa_from_table(w: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Kappa of weighted 2x2 tables, one per row of the (reps, n) arrays."""
    total = w.sum(axis=-1)
    observed = (w * (a == b)).sum(axis=-1) / total
    pa, pb = (w * a).sum(axis=-1) / total, (w * b).sum(axis=-1) / total
    expected = pa * pb + (1 - pa) * (1 - pb)
    with np.errstate(divide="ignore", invalid="ignore"):
        kappa = (observed - expected) / (1 - expected)
    return np.where(expected >= 1.0, np.where(observed >= 1.0, 1.0, 0.0), kappa)


def weighted_kappa(a: Sequence[bool], b: Sequence[bool], strata: Sequence[K],
                   population: Mapping[K, int], *, reps: int = 2000, seed: int = 0
                   ) -> dict[str, float | int]:
    """Cohen's kappa of the population's 2x2 table estimated with stratum weights, with a 95% percentile
    interval from resampling rows within each stratum (`reps` times, seeded: the same input gives the same
    interval)."""
    if not len(a) == len(b) == len(strata):
        raise ValueError(f"a, b and strata differ in length: {len(a)}, {len(b)}, {len(strata)}")
    weights = np.asarray(stratum_weights(strata, population), dtype=float)
    x, y = np.asarray(a, dtype=bool), np.asarray(b, dtype=bool)
    point = float(_kappa_from_table(weights, x, y))
    rng = np.random.default_rng(seed)
    index = np.empty((reps, len(x)), dtype=np.intp)
    col = 0
    for s in dict.fromkeys(strata):
        members = np.flatnonzero(np.fromiter((t == s for t in strata), dtype=bool, count=len(strata)))
        index[:, col:col + len(members)] = rng.choice(members, size=(reps, len(members)), replace=True)
        col += len(members)
    boot = _kappa_from_table(weights[index], x[index], y[index])
    low, high = np.nanpercentile(boot, [2.5, 97.5]) if len(x) else (float("nan"), float("nan"))
    return {"kappa": point, "n": len(x), "ci_low": float(low), "ci_high": float(high)}
