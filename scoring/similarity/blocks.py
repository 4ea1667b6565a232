"""Line-by-line markdown reading shared by the structure granularity.

``scan_lines`` reads an answer once and returns two token sequences:

* logical *blocks*: ``H1``-``H6`` headings, ``HB`` bold pseudo-headings,
  ``OL1``-``OL3`` / ``UL1``-``UL3`` list items with nesting level, ``CODE``,
  ``TABLE`` / ``QUOTE`` (``+TABLE`` / ``+QUOTE`` for continuation rows),
  ``HR`` and ``P`` paragraphs (prose lines continuing a paragraph or list item
  are merged into it), at most ``MAX_BLOCKS``;
* the physical *layout*: one token per line with the same kinds (every prose
  line ``P``), ``_`` for a run of blank lines between content, and one
  ``CODE`` per fenced block (its body is not read), at most ``MAX_LINES``;
* the *sentences* of each prose-bearing block (paragraph, list item, quote),
  in block order: how much a model puts in one paragraph or item.

Recognised markers include Chinese list numbering (``一、``, ``1、``) and
full-width digits (the text is NFKC-normalised first).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .text import CJK_RANGES, normalize

__all__ = ["MAX_BLOCKS", "MAX_LINES", "Scan", "scan_lines"]

MAX_BLOCKS = 300
MAX_LINES = 600

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
_PROSE_KINDS = ("P", "QUOTE")
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|[。！？]")


@dataclass
class Scan:
    """What one reading of an answer yields (see the module docstring)."""

    blocks: list[str] = field(default_factory=list)
    layout: list[str] = field(default_factory=list)
    sentences: list[int] = field(default_factory=list)


def _level(indent: str) -> int:
    width = len(indent.replace("\t", "    "))
    return 1 + min(2, (width + 1) // 3)


def scan_lines(text: str) -> Scan:
    """Logical blocks (see ``skeleton``), the physical layout (one token per
    line, ``_`` for a run of blank lines, a fenced code block is one ``CODE``)
    and the sentence-end count of each prose-bearing block."""
    scan = Scan()
    out, layout, sizes = scan.blocks, scan.layout, scan.sentences
    in_code = False
    prev = ""  # kind of the block the previous line belonged to ("" after a blank line)
    for line in normalize(text).splitlines():
        if in_code:
            in_code = _FENCE.match(line) is None
            continue
        kind = ""
        body = 0  # where the line's prose starts (after a list marker)
        if not line.strip():
            if prev and len(layout) < MAX_LINES:
                layout.append("_")
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
            kind, body = f"OL{_level(m.group(1))}", m.end() - 1
        elif m := _BULLET.match(line):
            kind, body = f"UL{_level(m.group(1))}", m.end() - 1
        elif _TABLE.match(line):
            kind = "TABLE"
        elif _QUOTE.match(line):
            kind = "QUOTE"
        else:  # plain line: continues a paragraph, list item, table or quote
            kind = "P"
        if len(layout) < MAX_LINES:
            layout.append(kind)
        said = len(_SENTENCE_END.findall(line, body)) if kind in _PROSE_KINDS or body else 0
        if kind == "P" and (prev in _PROSE_KINDS or prev[:2] in ("OL", "UL")):
            if sizes:
                sizes[-1] += said
            continue
        if len(out) < MAX_BLOCKS:  # "+": a continuation row, counted but not a new block
            out.append("+" + kind if kind in ("TABLE", "QUOTE") and prev == kind else kind)
            if kind in _PROSE_KINDS or body:
                if kind == "QUOTE" and prev == "QUOTE" and sizes:
                    sizes[-1] += said
                else:
                    sizes.append(said)
        prev = kind
    if layout[-1:] == ["_"]:
        layout.pop()
    return scan
