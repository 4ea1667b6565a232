"""Proportions with Wilson intervals, and agreement statistics.

ICE scores are small-sample rates (often near 0 or 1), where the Wilson interval stays inside [0, 1]
and keeps honest coverage; the interval is scipy's (`binomtest(...).proportion_ci(method="wilson")`), so
the formula is a maintained library's, not ours. Agreement with reference labels is reported as accuracy
and Cohen's kappa.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

from scipy.special import ndtr
from scipy.stats import binomtest

__all__ = ["Z_95", "Proportion", "accuracy", "cohen_kappa", "proportion", "wilson_interval"]

Z_95 = 1.959963984540054


def wilson_interval(successes: int, n: int, z: float = Z_95) -> tuple[float, float]:
    """Wilson score interval for `successes` out of `n`; n == 0 gives the uninformative (0.0, 1.0).

    `z` is the two-sided normal quantile (Z_95: 95%); scipy takes the confidence level it stands for."""
    if n < 0 or successes < 0 or successes > n:
        raise ValueError(f"need 0 <= successes <= n, got successes={successes}, n={n}")
    if n == 0:
        return (0.0, 1.0)
    level = 0.95 if z == Z_95 else float(1.0 - 2.0 * ndtr(-z))
    ci = binomtest(successes, n).proportion_ci(confidence_level=level, method="wilson")
    return (max(0.0, float(ci.low)), min(1.0, float(ci.high)))


@dataclass(frozen=True)
class Proportion:
    """A rate with its sample size and 95% Wilson interval, as reported in ICE JSON outputs."""

    score: float
    n: int
    ci_low: float
    ci_high: float

    def to_dict(self) -> dict[str, float | int]:
        """Plain JSON types."""
        return asdict(self)


def proportion(successes: int, n: int) -> Proportion:
    """`successes / n` (0.0 when n == 0) with its Wilson interval."""
    low, high = wilson_interval(successes, n)
    return Proportion(score=successes / n if n else 0.0, n=n, ci_low=low, ci_high=high)


def _check_pair(a: Sequence[bool], b: Sequence[bool]) -> None:
    if len(a) != len(b):
        raise ValueError(f"label sequences differ in length: {len(a)} != {len(b)}")


def accuracy(a: Sequence[bool], b: Sequence[bool]) -> float:
    """Fraction of positions where the two label sequences agree (1.0 for empty input)."""
    _check_pair(a, b)
    if not a:
        return 1.0
    return sum(bool(x) == bool(y) for x, y in zip(a, b, strict=True)) / len(a)


def cohen_kappa(a: Sequence[bool], b: Sequence[bool]) -> float:
    """Cohen's kappa of two binary raters: agreement beyond chance (1.0 when both are constant and equal)."""
    _check_pair(a, b)
    n = len(a)
    if n == 0:
        return 1.0
    observed = accuracy(a, b)
    pa = sum(bool(x) for x in a) / n
    pb = sum(bool(y) for y in b) / n
    expected = pa * pb + (1 - pa) * (1 - pb)
    if expected >= 1.0:
        return 1.0 if observed >= 1.0 else 0.0
    return (observed - expected) / (1 - expected)
