"""Content-detail similarity: do two answers say the same things in the same words?

Four components, each in [0, 1]:

* ``unigram``  - cosine over position-weighted word counts ("what is mentioned"),
* ``bigram``   - cosine over position-weighted word-bigram counts (local phrasing),
* ``char``     - cosine over character 3-5-gram counts (robust to inflection
  and to CJK text without word boundaries; *not* position-weighted, see below),
* ``edit``     - 1 - normalised token-level Levenshtein distance, averaged over
  the prefixes of ``EDIT_SCALES`` tokens (same details in the same order).
  Tokens here are words *and* single punctuation / markup characters
  (``*``, ``\\``, ``(``, ``=`` ...), so the same words set the same way agree
  more: on the validity benchmark (greedy / sampled AUC) 0.774 / 0.739 with
  words only, 0.795 / 0.765 with marks (content 0.733 / 0.734 -> 0.740 /
  0.739).

Why position weighting: answers are sampled token by token, so two samples
that part ways early are conditioned on different text from then on and their
later words agree less, whoever wrote them.  Late text therefore carries less
information about *which model* wrote an answer than early text (on the
validity benchmark: unigram AUC 0.736 -> 0.783, edit 0.773 -> 0.871).  The
word n-gram starting at token position ``i`` (0-based) counts
``1 / (1 + i / HALF_LIFE)``: half weight at ``HALF_LIFE`` tokens, a third at
twice that, never zero.  The edit component applies the same idea with
doubling prefixes (8, 16, ..., 256 tokens): a difference in the first tokens
counts at every scale, one at token 200 only at the longest; prefixes longer
than an answer are the whole answer.
Character n-grams stay plain counts, an order-free backstop against
paraphrase: weighting them too gained +0.009 content AUC (+0.002 combined)
for twice the extraction time.

Weights are applied symmetrically, so the cosines stay symmetric and
identical texts still score 1.0.  A component is *undefined* when both sides
have no items (e.g. bigrams of two one-word answers); undefined components
are dropped and the weights of the rest renormalised.  Blank-answer
convention: both blank -> 1.0, one blank -> 0.0.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import pairwise

from .openings import tokens
from .text import collapse_ws, content_string, digest, is_blank, normalize, prefix_edit_similarity, token_char, words
from .vectors import SparseVector, sparse_cosine, sparse_vector

__all__ = [
    "EDIT_SCALES",
    "EDIT_TOKENS",
    "HALF_LIFE",
    "MAX_TOKENS",
    "WEIGHTS",
    "ContentFeatures",
    "SparseVector",
    "compare_content",
    "content_components",
    "content_features",
    "content_similarity",
    "position_weight",
    "sparse_cosine",
    "sparse_vector",
]

MAX_TOKENS = 4_000
EDIT_TOKENS = 256
EDIT_SCALES = (8, 16, 32, 64, 128, EDIT_TOKENS)
HALF_LIFE = 32
WEIGHTS: Mapping[str, float] = {"unigram": 0.3, "bigram": 0.2, "char": 0.3, "edit": 0.2}


def position_weight(i: int) -> float:
    """Weight of an item at token position ``i``: 1, 1/2 at ``HALF_LIFE``, ... (> 0)."""
    return 1.0 / (1.0 + i / HALF_LIFE)


def _weighted(items: Iterable[tuple[int, str]]) -> SparseVector:
    acc: defaultdict[str, float] = defaultdict(float)
    for i, item in items:
        acc[item] += position_weight(i)
    return sparse_vector(acc)


@dataclass(frozen=True)
class ContentFeatures:
    """Per-answer content features, computed once and compared many times."""

    blank: bool
    digest: bytes
    unigrams: SparseVector
    bigrams: SparseVector
    chars: SparseVector
    sequence: str  # first EDIT_TOKENS tokens (words and marks), one private-use code point each


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
        unigrams=_weighted(enumerate(toks)),
        bigrams=_weighted(enumerate(f"{x} {y}" for x, y in pairwise(toks))),
        chars=sparse_vector(_char_ngrams(flat)),
        sequence="".join(token_char(t) for t in tokens(norm, EDIT_TOKENS)),
    )


def _edit(a: str, b: str) -> float:
    """Mean over ``EDIT_SCALES`` of prefix edit similarity; nan when both are empty."""
    return prefix_edit_similarity(a, b, EDIT_SCALES)


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
