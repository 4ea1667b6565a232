"""Holm's step-down adjustment: several tests of one question, one family-wise error rate.

A baseline check asks "did this pair drift toward its reference?" at four granularities (or "did this model's
identity answers get worse?" at three ICE scores). Each test at alpha alone lets the family flag a change that is
not there up to four times as often; Holm (1979) keeps the family at alpha and is uniformly more powerful than
Bonferroni. scipy has no Holm (only Benjamini-Hochberg, which controls the false-discovery rate instead), and the
procedure is five lines, so it lives here.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["holm"]


def holm(p_values: Sequence[float]) -> list[float]:
    """Holm-adjusted p-values, in the input's order: the k-th smallest times (m - k + 1), made non-decreasing in
    that order and capped at 1. A test rejects at alpha when its adjusted p-value is below alpha."""
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i])
    adjusted = [0.0] * m
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p_values[i]))
        adjusted[i] = running
    return adjusted
