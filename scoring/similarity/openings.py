"""How an answer and its sentences begin (and how it ends): the style of openings.

Chat models open with a habitual formula ("Sure! Here's", "To determine the",
"The problem is", "好的，") and start their sentences and lines in habitual
ways ("The ...", "This ...", "- ", "1. ").  Both are classic stylometric
signals and, unlike a fixed list of stock phrases, need no vocabulary:

* ``opening``          - similarity of the first ``OPENING_TOKENS`` tokens
  (words and single punctuation marks, case folded): the mean over prefixes of
  ``OPENING_SCALES`` tokens of 1 - normalised Levenshtein distance, so the very
  first tokens weigh most while one inserted token ("Sure! To ...") only costs
  part of the score.  In [0, 1]; nan when neither answer has a token.
* ``sentence_openers`` - cosine of the counts of the first token of every
  sentence and line (digit runs folded to ``0`` so list numbering is one
  habit, whatever the list's length).  In [0, 1]; nan when both have none.

``opener_kind`` / ``closer_kind`` recognise a short list of stock openers and
closers (the ``habits`` part of the style score uses them).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from .text import WORD_RE, prefix_edit_similarity, token_char
from .vectors import SparseVector, sparse_vector

__all__ = [
    "OPENING_SCALES",
    "OPENING_TOKENS",
    "closer_kind",
    "compare_opening",
    "opener_kind",
    "opening_sequence",
    "sentence_openers",
    "tokens",
]

OPENING_SCALES = (2, 4, 8, 16)
OPENING_TOKENS = OPENING_SCALES[-1]
_TOKEN_RE = re.compile(f"{WORD_RE.pattern}|[^\\w\\s]|_")
_DIGITS = re.compile(r"\d+")

_OPENERS = {
    "certainly": r"certainly\b", "sure": r"sure\b", "of_course": r"of course\b",
    "absolutely": r"absolutely\b", "great_question": r"(?:great|good|excellent) question",
    "happy_to": r"i(?:'d| would| am|'m) (?:be )?(?:happy|glad) to",
    "as_ai": r"as an ai\b", "zh_ok": r"好的|当然|没问题", "zh_question": r"这是一个(?:很)?好(?:的)?问题",
}  # fmt: skip
_CLOSERS = {
    "hope_helps": r"hope (?:this|that|it) helps", "let_me_know": r"let me know",
    "feel_free": r"feel free to", "happy_coding": r"happy (?:coding|learning)",
    "zh_hope": r"希望(?:这|以上|我的)?.{0,6}(?:对你|对您|能)?有(?:所)?帮助",
    "zh_more": r"如(?:果)?有(?:其他|任何)",
}  # fmt: skip
_OPENER_RE = {k: re.compile(r"^\W*" + v, re.IGNORECASE) for k, v in _OPENERS.items()}
_CLOSER_RE = {k: re.compile(v, re.IGNORECASE) for k, v in _CLOSERS.items()}


def opener_kind(text: str) -> str:
    """Which stock opener ('Certainly!', '好的', ...) starts the answer, or ''."""
    head = text.lstrip()[:80]
    return next((k for k, r in _OPENER_RE.items() if r.match(head)), "")


def closer_kind(text: str) -> str:
    """Which stock closer ('I hope this helps', ...) ends the answer, or ''."""
    tail = text.rstrip()[-200:]
    return next((k for k, r in _CLOSER_RE.items() if r.search(tail)), "")


def tokens(text: str, limit: int | None = None) -> list[str]:
    """Word tokens (CJK one character each) and single punctuation/markup marks."""
    out: list[str] = []
    for m in _TOKEN_RE.finditer(text):
        out.append(m.group())
        if limit is not None and len(out) >= limit:
            break
    return out


def opening_sequence(folded: str) -> str:
    """First ``OPENING_TOKENS`` tokens of case-folded text, one code point each."""
    return "".join(token_char(t) for t in tokens(folded, OPENING_TOKENS))


def compare_opening(a: str, b: str) -> float:
    """Mean prefix edit similarity over ``OPENING_SCALES``; nan when both are empty."""
    return prefix_edit_similarity(a, b, OPENING_SCALES)


def sentence_openers(sentences: Iterable[str]) -> SparseVector:
    """Counts of the first token of each sentence (``split_sentences`` also cuts at
    line breaks), case folded, digit runs -> ``0``."""
    firsts = (tokens(s.casefold(), 1) for s in sentences)
    return sparse_vector(Counter(_DIGITS.sub("0", t[0]) for t in firsts if t))
