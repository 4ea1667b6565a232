"""Response Similarity Evaluation (RSE) without an LLM judge.

Lee et al. (2025, arXiv 2501.12619) had a judge rate the similarity of a test
model's and a reference model's answers (1-5) at three granularities.  Here
each granularity is a deterministic function of two texts returning [0, 1]:

* ``content``   - n-gram / edit overlap, weighted towards the start of the
  answer (what is said),
* ``structure`` - markdown skeleton and line layout (how it is organised and
  typeset),
* ``style``     - function words, punctuation, sentence lengths, habits,
  opening formula and sentence openers (how it sounds).

Every granularity is a ``Measure``: ``features(text)`` runs once per answer,
``compare(fa, fb)`` is cheap, and calling ``measure(a, b)`` does both.
Shared conventions: scores are symmetric and in [0, 1]; identical texts score
1.0; blank answers (empty / whitespace only): both blank -> 1.0, exactly one
blank -> 0.0; only the first ``MAX_CHARS`` characters are analysed.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar, runtime_checkable

from .content import ContentFeatures, compare_content, content_features, content_similarity
from .structure import (
    StructureFeatures,
    compare_structure,
    structure_features,
    structure_similarity,
)
from .style import StyleFeatures, compare_style, style_features, style_similarity
from .text import MAX_CHARS

__all__ = [
    "COMBINED",
    "CONTENT",
    "GRANULARITIES",
    "MAX_CHARS",
    "MEASURES",
    "STRUCTURE",
    "STYLE",
    "Granularity",
    "Measure",
    "combined",
    "compare_content",
    "compare_structure",
    "compare_style",
    "content_features",
    "content_similarity",
    "get_measure",
    "similarity_profile",
    "structure_features",
    "structure_similarity",
    "style_features",
    "style_similarity",
    "to_likert",
]

F = TypeVar("F")


@runtime_checkable
class Granularity(Protocol):
    """Anything with a name that maps two answers to a similarity in [0, 1].

    ``name`` is read-only (a property) so frozen dataclasses satisfy it."""

    @property
    def name(self) -> str: ...

    def __call__(self, a: str, b: str) -> float: ...


@dataclass(frozen=True)
class Measure(Generic[F]):
    """A granularity split into per-answer ``features`` and pairwise ``compare``.

    Why: an N-model x P-prompt matrix needs N*P extractions but N^2*P/2
    comparisons, so extraction must not be repeated per pair."""

    name: str
    features: Callable[[str], F]
    compare: Callable[[F, F], float]

    def __call__(self, a: str, b: str) -> float:
        return self.compare(self.features(a), self.features(b))


CombinedFeatures = tuple[ContentFeatures, StructureFeatures, StyleFeatures]


def _combined_features(text: str) -> CombinedFeatures:
    return content_features(text), structure_features(text), style_features(text)


def _compare_combined(fa: CombinedFeatures, fb: CombinedFeatures) -> float:
    """Unweighted mean of the three granularities (no basis for other weights)."""
    return (
        compare_content(fa[0], fb[0]) + compare_structure(fa[1], fb[1]) + compare_style(fa[2], fb[2])
    ) / 3.0


CONTENT: Measure[ContentFeatures] = Measure("content", content_features, compare_content)
STRUCTURE: Measure[StructureFeatures] = Measure("structure", structure_features, compare_structure)
STYLE: Measure[StyleFeatures] = Measure("style", style_features, compare_style)
COMBINED: Measure[CombinedFeatures] = Measure("combined", _combined_features, _compare_combined)

GRANULARITIES: dict[str, Callable[[str, str], float]] = {
    "content": CONTENT,
    "structure": STRUCTURE,
    "style": STYLE,
}
MEASURES: dict[str, Measure[Any]] = {
    "content": CONTENT,
    "structure": STRUCTURE,
    "style": STYLE,
    "combined": COMBINED,
}


def get_measure(name: str) -> Measure[Any]:
    """Look up a granularity (or "combined") by name; KeyError lists the choices."""
    try:
        return MEASURES[name]
    except KeyError:
        raise KeyError(f"unknown granularity {name!r}; choose from {sorted(MEASURES)}") from None


def combined(a: str, b: str) -> float:
    """Mean of content, structure and style similarity, in [0, 1]."""
    return COMBINED(a, b)


def similarity_profile(a: str, b: str) -> dict[str, float]:
    """All three granularities plus "combined", extracting features once."""
    fa, fb = _combined_features(a), _combined_features(b)
    out = {
        "content": compare_content(fa[0], fb[0]),
        "structure": compare_structure(fa[1], fb[1]),
        "style": compare_style(fa[2], fb[2]),
    }
    out["combined"] = _compare_combined(fa, fb)
    return out


def to_likert(x: float) -> float:
    """Map a [0, 1] similarity linearly onto the paper's 1-5 judge scale.

    ``1 + 4 * clip(x, 0, 1)``: 0 -> 1, 0.5 -> 3, 1 -> 5; nan stays nan.  The
    mapping is a monotone re-labelling for reporting, *not* a calibration
    against the paper's LLM judge (our scores are not on the judge's scale)."""
    if math.isnan(x):
        return math.nan
    return 1.0 + 4.0 * min(1.0, max(0.0, x))
