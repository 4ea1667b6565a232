"""Sparse count vectors with a precomputed norm, shared by the granularities.

Why a module of its own: content n-grams, style sentence openers and the
structure layout are all compared by cosine over sparse counts, and the norm
must be computed once per answer (extraction), not once per pair.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["SparseVector", "sparse_cosine", "sparse_vector"]


@dataclass(frozen=True)
class SparseVector:
    """Non-negative (weighted) counts with their Euclidean norm precomputed."""

    counts: Mapping[str, float]
    norm: float


def sparse_vector(items: Mapping[str, float]) -> SparseVector:
    """Freeze a Counter (or any item -> non-negative weight map) with its norm."""
    return SparseVector(dict(items), math.sqrt(sum(v * v for v in items.values())))


def sparse_cosine(a: SparseVector, b: SparseVector) -> float:
    """Cosine in [0, 1]; nan when both vectors are empty, 0.0 when one is."""
    if not a.counts and not b.counts:
        return math.nan
    if not a.counts or not b.counts:
        return 0.0
    small, large = (a, b) if len(a.counts) <= len(b.counts) else (b, a)
    dot = sum(v * large.counts.get(k, 0.0) for k, v in small.counts.items())
    return min(1.0, max(0.0, dot / (a.norm * b.norm)))
