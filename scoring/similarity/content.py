"""Content-detail similarity: do two answers say the same things in the same words?

Four components, each in [0, 1]:

* ``unigram``  - cosine over word counts (order-free "what is mentioned"),
* ``bigram``   - cosine over word-bigram counts (local phrasing),
* ``char``     - cosine over character 3-5-gram counts (robust to inflection
  and to CJK text without word boundaries),
* ``edit``     - 1 - normalised token-level Levenshtein distance over the
  first ``EDIT_TOKENS`` tokens (same details in the same order).

A component is *undefined* when both sides have no items (e.g. bigrams of two
one-word answers); undefined components are dropped and the weights of the
rest renormalised.  Blank-answer convention: both blank -> 1.0, one blank -> 0.0.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import pairwise

import jellyfish

from .text import collapse_ws, content_string, digest, is_blank, normalize, token_char, words

__all__ = [
    "EDIT_TOKENS",
    "MAX_TOKENS",
    "WEIGHTS",
    "ContentFeatures",
    "SparseVector",
    "compare_content",
    "content_components",
    "content_features",
    "content_similarity",
    "sparse_cosine",
    "sparse_vector",
]

MAX_TOKENS = 4_000
EDIT_TOKENS = 256
WEIGHTS: Mapping[str, float] = {"unigram": 0.3, "bigram": 0.2, "char": 0.3, "edit": 0.2}


@dataclass(frozen=True)
class SparseVector:
    """Count vector with its Euclidean norm precomputed (cheap pairwise cosine)."""

    counts: Mapping[str, int]
    norm: float


def sparse_vector(items: Counter[str]) -> SparseVector:
    """Freeze a Counter together with its norm."""
    return SparseVector(dict(items), math.sqrt(sum(v * v for v in items.values())))


def sparse_cosine(a: SparseVector, b: SparseVector) -> float:
    """Cosine in [0, 1]; nan when both vectors are empty, 0.0 when one is."""
    if not a.counts and not b.counts:
        return math.nan
    if not a.counts or not b.counts:
        return 0.0
    small, large = (a, b) if len(a.counts) <= len(b.counts) else (b, a)
    dot = sum(v * large.counts.get(k, 0) for k, v in small.counts.items())
    return min(1.0, max(0.0, dot / (a.norm * b.norm)))


@dataclass(frozen=True)
class ContentFeatures:
    """Per-answer content features, computed once and compared many times."""

    blank: bool
    digest: bytes
    unigrams: SparseVector
    bigrams: SparseVector
    chars: SparseVector
    sequence: str  # first EDIT_TOKENS tokens, one private-use code point each


def _char_ngrams(s: str) -> Counter[str]:
    padded = f" {s} "
    if len(padded) < 3:
        return Counter([padded])
    return Counter(padded[i : i + n] for n in (3, 4, 5) for i in range(len(padded) - n + 1))


def content_features(text: str) -> ContentFeatures:
    """Extract bounded n-gram and sequence features of one answer."""
    norm = normalize(text)
    toks = words(norm)[:MAX_TOKENS]
    flat = content_string(norm) or collapse_ws(norm)  # punctuation-only answers keep their chars
    return ContentFeatures(
        blank=is_blank(text),
        digest=digest(collapse_ws(norm)),
        unigrams=sparse_vector(Counter(toks)),
        bigrams=sparse_vector(Counter(f"{x} {y}" for x, y in pairwise(toks))),
        chars=sparse_vector(_char_ngrams(flat)),
        sequence="".join(token_char(t) for t in toks[:EDIT_TOKENS]),
    )


def _edit(a: str, b: str) -> float:
    if not a and not b:
        return math.nan
    return 1.0 - jellyfish.levenshtein_distance(a, b) / max(len(a), len(b))


def content_components(fa: ContentFeatures, fb: ContentFeatures) -> dict[str, float]:
    """Each component in [0, 1] or nan (undefined); symmetric by construction."""
    if fa.digest > fb.digest:
        fa, fb = fb, fa
    return {
        "unigram": sparse_cosine(fa.unigrams, fb.unigrams),
        "bigram": sparse_cosine(fa.bigrams, fb.bigrams),
        "char": sparse_cosine(fa.chars, fb.chars),
        "edit": _edit(fa.sequence, fb.sequence),
    }


def compare_content(fa: ContentFeatures, fb: ContentFeatures) -> float:
    """Weighted mean of the defined components, in [0, 1]."""
    if fa.blank or fb.blank:
        return 1.0 if fa.blank and fb.blank else 0.0
    if fa.digest == fb.digest:
        return 1.0
    parts = content_components(fa, fb)
    total = sum(WEIGHTS[k] for k, v in parts.items() if not math.isnan(v))
    score = sum(WEIGHTS[k] * v for k, v in parts.items() if not math.isnan(v)) / total
    return min(1.0, max(0.0, score))


def content_similarity(a: str, b: str) -> float:
    """Convenience two-argument form of ``compare_content``."""
    return compare_content(content_features(a), content_features(b))
