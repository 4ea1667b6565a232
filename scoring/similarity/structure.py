"""Structure similarity: are two answers organised and laid out the same way?

Three views of the answer, words ignored entirely (two answers with different
content but the same layout score 1.0):

* the *skeleton*: one token per logical block (``H1``-``H6`` headings, ``HB``
  bold pseudo-headings, ``OL1``-``OL3`` / ``UL1``-``UL3`` ordered/bulleted
  items with nesting level, ``CODE`` fenced blocks, ``TABLE``, ``QUOTE``,
  ``HR``, ``P`` paragraphs), scored as ``SEQ_WEIGHT`` x (1 - normalised
  Levenshtein distance between skeleton sequences; order matters) +
  (1 - ``SEQ_WEIGHT``) x weighted-Jaccard similarity of log1p block-count
  profiles (incl. step count and nesting);
* the *layout*: one token per physical line (the same kinds, ``P`` for every
  prose line, ``_`` for a run of blank lines, one ``CODE`` per fenced block),
  scored as the cosine of adjacent-pair counts with start/end markers.  It
  sees what the skeleton merges away: blank lines between paragraphs or
  before a code block, one sentence per line, items without blank lines in
  between - the typesetting habits of a model (validity AUC 0.835 alone
  against 0.754 for the skeleton).

* the *block size*: mean sentences per paragraph, list item or quote (a
  block with no sentence end counts as one), scored as the ratio of the
  smaller mean to the larger.  The skeleton calls a one-line paragraph and a
  six-sentence one both ``P``; how many sentences a model puts in a
  paragraph or an item is a habit of its own (validity AUC 0.75 alone on the
  committed answers).  Words still do not matter: only sentence ends are
  counted.

Score = ``SIZE_WEIGHT`` x block size + (1 - ``SIZE_WEIGHT``) x ((1 -
``LAYOUT_WEIGHT``) x skeleton + ``LAYOUT_WEIGHT`` x layout), in [0, 1].
Blank convention: both blank -> 1.0, one blank -> 0.0.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

import jellyfish

from .blocks import MAX_BLOCKS, MAX_LINES, scan_lines
from .text import digest, is_blank, normalize
from .vectors import SparseVector, sparse_cosine, sparse_vector

__all__ = [
    "BLOCK_KINDS",
    "LAYOUT_WEIGHT",
    "MAX_BLOCKS",
    "MAX_LINES",
    "PROFILE_KEYS",
    "SEQ_WEIGHT",
    "SIZE_WEIGHT",
    "StructureFeatures",
    "compare_structure",
    "skeleton",
    "structure_features",
    "structure_similarity",
]

SEQ_WEIGHT = 0.6
LAYOUT_WEIGHT = 0.5
SIZE_WEIGHT = 0.25
BLOCK_KINDS = (
    "H1", "H2", "H3", "H4", "H5", "H6", "HB", "OL1", "OL2", "OL3", "UL1", "UL2", "UL3",
    "CODE", "TABLE", "QUOTE", "HR", "P",
)  # fmt: skip
_KIND_CHAR = {k: chr(ord("A") + i) for i, k in enumerate(BLOCK_KINDS)}
PROFILE_KEYS = (
    "heading", "bold_heading", "ordered", "bulleted", "nested", "code", "table",
    "table_rows", "quote", "rule", "paragraph", "steps",
)  # fmt: skip

_STEP = re.compile(r"(?:^|\n)[\s#>*_\-\d.)]*(?:step\s*\d+|第[一二三四五六七八九十\d]+步)", re.IGNORECASE)


@dataclass(frozen=True)
class StructureFeatures:
    """Skeleton sequence (one char per block), a log1p count profile, the
    line-layout bigram vector and the mean sentences per prose block."""

    blank: bool
    digest: bytes
    sequence: str
    profile: tuple[float, ...]
    layout: SparseVector
    block_size: float


def skeleton(text: str) -> list[str]:
    """Block tokens of a markdown-ish answer, in order (at most ``MAX_BLOCKS``)."""
    return scan_lines(text).blocks


def _layout_vector(layout: list[str]) -> SparseVector:
    """Counts of adjacent line-kind pairs, with start/end markers (``^``, ``$``)."""
    marked = ["^", *layout, "$"]
    return sparse_vector(Counter(f"{x}>{y}" for x, y in pairwise(marked)))


def _longest_list(blocks: list[str]) -> int:
    """Items in the longest top-level ordered list (nested items/code don't break it)."""
    run = best = 0
    for b in blocks:
        if b == "OL1":
            run += 1
        elif b not in ("OL2", "OL3", "UL2", "UL3", "CODE"):
            run = 0
        best = max(best, run)
    return best


def _profile(raw: list[str], text: str) -> tuple[float, ...]:
    blocks = [b for b in raw if not b.startswith("+")]
    ordered = [b for b in blocks if b.startswith("OL")]
    counts = (
        sum(b[0] == "H" and b != "HB" and b != "HR" for b in blocks),
        blocks.count("HB"),
        len(ordered),
        sum(b.startswith("UL") for b in blocks),
        sum(b[-1] in "23" and b[:2] in ("OL", "UL") for b in blocks),
        blocks.count("CODE"),
        blocks.count("TABLE"),
        blocks.count("TABLE") + raw.count("+TABLE"),
        blocks.count("QUOTE"),
        blocks.count("HR"),
        blocks.count("P"),
        max(_longest_list(blocks), len(_STEP.findall(text))),
    )
    return tuple(math.log1p(c) for c in counts)


def structure_features(text: str) -> StructureFeatures:
    """Parse the skeleton and the line layout of one answer."""
    scan = scan_lines(text)
    raw, layout = scan.blocks, scan.layout
    text = normalize(text)
    seq = "".join(_KIND_CHAR[b] for b in raw if not b.startswith("+"))
    prof = _profile(raw, text)
    size = sum(max(1, n) for n in scan.sentences) / len(scan.sentences) if scan.sentences else 0.0
    key = f"{seq}|{prof}|{' '.join(layout)}|{size!r}"
    return StructureFeatures(is_blank(text), digest(key), seq, prof, _layout_vector(layout), size)


def _seq_sim(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    return 1.0 - jellyfish.levenshtein_distance(a, b) / max(len(a), len(b))


def _profile_sim(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    hi = sum(max(x, y) for x, y in zip(a, b, strict=True))
    return 1.0 if hi == 0.0 else sum(min(x, y) for x, y in zip(a, b, strict=True)) / hi


def compare_structure(fa: StructureFeatures, fb: StructureFeatures) -> float:
    """Similarity of two skeletons in [0, 1]; symmetric, order-sensitive."""
    if fa.blank or fb.blank:
        return 1.0 if fa.blank and fb.blank else 0.0
    if fa.digest == fb.digest:
        return 1.0
    if fa.digest > fb.digest:
        fa, fb = fb, fa
    blocks = SEQ_WEIGHT * _seq_sim(fa.sequence, fb.sequence)
    blocks += (1.0 - SEQ_WEIGHT) * _profile_sim(fa.profile, fb.profile)
    layout = sparse_cosine(fa.layout, fb.layout)  # never nan: the markers make both non-empty
    hi = max(fa.block_size, fb.block_size)
    size = min(fa.block_size, fb.block_size) / hi if hi > 0.0 else 1.0
    score = (1.0 - SIZE_WEIGHT) * ((1.0 - LAYOUT_WEIGHT) * blocks + LAYOUT_WEIGHT * layout) + SIZE_WEIGHT * size
    return min(1.0, max(0.0, score))


def structure_similarity(a: str, b: str) -> float:
    """Convenience two-argument form of ``compare_structure``."""
    return compare_structure(structure_features(a), structure_features(b))
