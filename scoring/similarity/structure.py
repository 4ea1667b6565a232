"""Logical-structure similarity: are two answers organised the same way?

The answer is reduced to a *skeleton*: one token per block (``H1``-``H6``
headings, ``HB`` bold pseudo-headings, ``OL1``-``OL3`` / ``UL1``-``UL3``
ordered/bulleted items with nesting level, ``CODE`` fenced blocks, ``TABLE``,
``QUOTE``, ``HR``, ``P`` paragraphs).  Words are ignored entirely, so two
answers with different content but the same layout score 1.0.

Score = ``SEQ_WEIGHT`` x (1 - normalised Levenshtein distance between skeleton
sequences; order matters) + (1 - ``SEQ_WEIGHT``) x weighted-Jaccard
similarity of log1p block-count profiles (incl. step count and nesting).
Blank convention: both blank -> 1.0, one blank -> 0.0.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import jellyfish

from .text import CJK_RANGES, digest, is_blank, normalize

__all__ = [
    "BLOCK_KINDS",
    "MAX_BLOCKS",
    "PROFILE_KEYS",
    "SEQ_WEIGHT",
    "StructureFeatures",
    "compare_structure",
    "skeleton",
    "structure_features",
    "structure_similarity",
]

MAX_BLOCKS = 300
SEQ_WEIGHT = 0.6
BLOCK_KINDS = (
    "H1", "H2", "H3", "H4", "H5", "H6", "HB", "OL1", "OL2", "OL3", "UL1", "UL2", "UL3",
    "CODE", "TABLE", "QUOTE", "HR", "P",
)  # fmt: skip
_KIND_CHAR = {k: chr(ord("A") + i) for i, k in enumerate(BLOCK_KINDS)}
PROFILE_KEYS = (
    "heading", "bold_heading", "ordered", "bulleted", "nested", "code", "table",
    "table_rows", "quote", "rule", "paragraph", "steps",
)  # fmt: skip

_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+\S")
_RULE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_BOLD_LINE = re.compile(r"^\s*(\*\*|__)[^*_\n]{1,150}\1\s*[:：]?\s*$")
_ORDERED = re.compile(
    r"^(\s*)(?:\d{1,3}[.)]\s+|\d{1,3}[.)](?=[" + CJK_RANGES + r"])|\d{1,3}、\s*"
    r"|[一二三四五六七八九十]+[、.]\s*|\(\d{1,3}\)\s*|[a-z]\)\s+)\S"
)
_BULLET = re.compile(r"^(\s*)[-*+\u2022\u00b7]\s+\S")
_TABLE = re.compile(r"^\s*\|.*\|\s*$")
_QUOTE = re.compile(r"^\s*>")
_STEP = re.compile(r"(?:^|\n)[\s#>*_\-\d.)]*(?:step\s*\d+|第[一二三四五六七八九十\d]+步)", re.IGNORECASE)


@dataclass(frozen=True)
class StructureFeatures:
    """Skeleton sequence (one char per block) plus a log1p count profile."""

    blank: bool
    digest: bytes
    sequence: str
    profile: tuple[float, ...]


def _level(indent: str) -> int:
    width = len(indent.replace("\t", "    "))
    return 1 + min(2, (width + 1) // 3)


def skeleton(text: str) -> list[str]:
    """Block tokens of a markdown-ish answer, in order (at most ``MAX_BLOCKS``)."""
    out: list[str] = []
    in_code = False
    prev = ""  # kind of the block the previous line belonged to ("" after a blank line)
    for line in normalize(text).splitlines():
        if in_code:
            in_code = _FENCE.match(line) is None
            continue
        kind = ""
        if not line.strip():
            prev = ""
            continue
        if _FENCE.match(line):
            in_code, kind = True, "CODE"
        elif m := _HEADING.match(line):
            kind = f"H{len(m.group(1))}"
        elif _RULE.match(line):
            kind = "HR"
        elif _BOLD_LINE.match(line):
            kind = "HB"
        elif m := _ORDERED.match(line):
            kind = f"OL{_level(m.group(1))}"
        elif m := _BULLET.match(line):
            kind = f"UL{_level(m.group(1))}"
        elif _TABLE.match(line):
            kind = "TABLE"
        elif _QUOTE.match(line):
            kind = "QUOTE"
        else:  # plain line: continues a paragraph, list item, table or quote
            kind = "P"
            if prev in ("P", "QUOTE") or prev[:2] in ("OL", "UL"):
                continue
        if kind in ("TABLE", "QUOTE") and prev == kind:
            out.append("+" + kind)  # continuation row: counted, not a new block
        else:
            out.append(kind)
        prev = kind
        if len(out) >= MAX_BLOCKS:
            break
    return out


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
    """Parse the skeleton of one answer."""
    raw = skeleton(text)
    text = normalize(text)
    seq = "".join(_KIND_CHAR[b] for b in raw if not b.startswith("+"))
    prof = _profile(raw, text)
    return StructureFeatures(is_blank(text), digest(f"{seq}|{prof}"), seq, prof)


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
    score = SEQ_WEIGHT * _seq_sim(fa.sequence, fb.sequence)
    score += (1.0 - SEQ_WEIGHT) * _profile_sim(fa.profile, fb.profile)
    return min(1.0, max(0.0, score))


def structure_similarity(a: str, b: str) -> float:
    """Convenience two-argument form of ``compare_structure``."""
    return compare_structure(structure_features(a), structure_features(b))
