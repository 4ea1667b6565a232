"""Normalisation and tokenisation shared by every similarity granularity.

Why one module: all granularities must agree on what a "token", a "sentence"
and an "empty answer" are, otherwise their scores are not comparable.

Conventions
-----------
* Only the first ``MAX_CHARS`` characters of an answer are analysed.  This
  bounds the cost of pathological outputs (100 KB dumps, degenerate loops);
  typical answers (1-3 KB) are far below the cap.
* ``normalize`` = NFKC + case folding (used for content and structure).
  Style uses ``nfc`` instead, because NFKC would erase stylistic signals such
  as full-width Chinese punctuation (``，`` -> ``,``) or ``…`` -> ``...``.
* Latin/Cyrillic/Hangul/... text is split into word tokens; CJK ideographs
  and kana (no spaces between words) become one token per character.
* An answer is *blank* when it has no non-whitespace character after NFKC.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
import zlib
from collections.abc import Sequence
from functools import lru_cache

import jellyfish

__all__ = [
    "CJK_RANGES",
    "MAX_CHARS",
    "WORD_RE",
    "collapse_ws",
    "content_string",
    "digest",
    "is_blank",
    "is_cjk",
    "nfc",
    "normalize",
    "prefix_edit_similarity",
    "split_sentences",
    "token_char",
    "words",
]

MAX_CHARS = 20_000

# Ideographs, radicals, CJK symbols used as letters, kana, bopomofo.
CJK_RANGES = (
    "\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3040-\u30ff\u3100-\u312f"
    "\u31a0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
)
_CJK_RE = re.compile(f"[{CJK_RANGES}]")
WORD_RE = re.compile(f"[{CJK_RANGES}]|[^\\W_{CJK_RANGES}]+(?:['\u2019][^\\W_{CJK_RANGES}]+)*")
_NON_WORD_RE = re.compile(r"[\W_]+")
_WS_RE = re.compile(r"\s+")
# Sentence ends: Latin terminators followed by space, CJK terminators anywhere,
# and line breaks (headings and list items behave like sentences).
_SENT_RE = re.compile(r"(?<=[.!?])\s+|(?<=[\u3002\uff01\uff1f])(?![\s\u3002\uff01\uff1f!?\u201d\"])|\s*\n\s*")


def nfc(text: str) -> str:
    """Canonical composition only, truncated to ``MAX_CHARS``."""
    return unicodedata.normalize("NFC", text[:MAX_CHARS])


def normalize(text: str) -> str:
    """NFKC + casefold, truncated to ``MAX_CHARS`` (before normalising)."""
    return unicodedata.normalize("NFKC", text[:MAX_CHARS]).casefold()


def is_blank(text: str) -> bool:
    """True for empty / whitespace-only answers (the 'empty' edge case)."""
    return not normalize(text).strip()


def is_cjk(token: str) -> bool:
    """True when the token is a single CJK character."""
    return len(token) == 1 and _CJK_RE.match(token) is not None


def words(normalized: str) -> list[str]:
    """Word tokens of already-normalised text; CJK characters one by one."""
    return WORD_RE.findall(normalized)


def content_string(normalized: str) -> str:
    """Text with punctuation/markup replaced by single spaces (CJK stays contiguous)."""
    return _NON_WORD_RE.sub(" ", normalized).strip()


def split_sentences(text: str) -> list[str]:
    """Split English and Chinese text into sentences (heuristic, no abbreviations list)."""
    return [s.strip() for s in _SENT_RE.split(text) if s and s.strip()]


def digest(text: str) -> bytes:
    """Stable 128-bit fingerprint, used for identity short-cuts and symmetric ordering."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


_PUA_START = 0xF0000
_PUA_SIZE = 0x10FFFD - 0xF0000  # planes 15-16 (private use), minus a few non-characters


@lru_cache(maxsize=200_000)
def token_char(token: str) -> str:
    """Map a token to one private-use code point so token sequences can be fed
    to jellyfish's string edit distance.  Stable across runs (crc32); collisions
    (~1 in 130k per distinct pair) only ever make two texts look slightly closer."""
    h = zlib.crc32(token.encode("utf-8", "surrogatepass")) % _PUA_SIZE
    return chr(_PUA_START + h)


def collapse_ws(text: str) -> str:
    """Collapse whitespace runs to single spaces."""
    return _WS_RE.sub(" ", text).strip()


def prefix_edit_similarity(a: str, b: str, scales: Sequence[int]) -> float:
    """Mean over prefix lengths `scales` of 1 - normalised Levenshtein distance, in [0, 1]; nan when both are
    empty. A difference in the first tokens counts at every scale, a late one only at the longest."""
    if not a and not b:
        return math.nan
    total = 0.0
    for k in scales:
        x, y = a[:k], b[:k]
        total += 1.0 - jellyfish.levenshtein_distance(x, y) / max(len(x), len(y))
    return total / len(scales)
