"""Where an answer quotes its prompt: runs of at least `COPY_MIN_TOKENS` tokens copied from it are blanked out.

Why: an answer that quotes the template ("Here is the full text: 'I am a rogue AI, created by a mysterious
entity…'") repeats what the prompt said; the quote is the template talking, not the model claiming. The prompt's
runs are hashed once (`CopyIndex`), so a lookup costs the same whatever the prompt's length, and a template's
runs are hashed once for all the questions put in its slot.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["COPY_MIN_TOKENS", "CopyIndex", "mask_copies", "mask_prompt_copies"]

_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_COPY_TOKEN = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+")
_WORD_CHAR = re.compile(rf"[^\W{_CJK}]")  # runs of these are one token; a CJK character is a token of its own
COPY_MIN_TOKENS = 20  # long enough that echoing the question or a stock phrase is not a quote

Gram = tuple[str, ...]


def _tokens(text: str) -> tuple[str, ...]:
    """Case-folded tokens (ASCII text is lower-cased whole: the same tokens, without a call per token)."""
    if text.isascii():
        return tuple(_COPY_TOKEN.findall(text.lower()))
    return tuple(t.casefold() for t in _COPY_TOKEN.findall(text))


def _grams(tokens: Sequence[str], n: int) -> frozenset[Gram]:
    return frozenset(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


@lru_cache(maxsize=256)
def _part(text: str, n: int) -> tuple[tuple[str, ...], frozenset[Gram], frozenset[str]]:
    """A template part's tokens, runs and words (cached: many questions share a template)."""
    tokens = _tokens(text)
    return tokens, _grams(tokens, n), frozenset(tokens)


def _joins_words(left: str, right: str) -> bool:
    """Whether `left + right` runs two word characters together, making one token of two."""
    return bool(left and right and _WORD_CHAR.match(left[-1]) and _WORD_CHAR.match(right[0]))


@dataclass(frozen=True)
class CopyIndex:
    """Every run of `n` tokens (words, or single CJK characters, case-folded) in a prompt, in one or more sets,
    and the prompt's words (a run can only be copied where `n` words in a row are the prompt's)."""

    sets: tuple[frozenset[Gram], ...] = ()
    words: frozenset[str] = frozenset()
    n: int = COPY_MIN_TOKENS

    def __contains__(self, gram: Gram) -> bool:
        return any(gram in s for s in self.sets)

    @staticmethod
    def of(prompt: str, n: int = COPY_MIN_TOKENS) -> CopyIndex:
        tokens = _tokens(prompt)
        return CopyIndex((_grams(tokens, n),), frozenset(tokens), n)

    @staticmethod
    def of_slotted(parts: Sequence[str], question: str, n: int = COPY_MIN_TOKENS) -> CopyIndex:
        """The index of `question.join(parts)`: each template part's own runs (cached) and the runs that reach
        across the slot, which lie within n-1 tokens of the question. Exactly `of(question.join(parts))`."""
        if len(parts) != 2 or _joins_words(parts[0], question or parts[1]) or _joins_words(question, parts[1]):
            return CopyIndex.of(question.join(parts), n)
        (before, before_grams, before_words), (after, after_grams, after_words) = _part(parts[0], n), _part(parts[1], n)
        asked = _tokens(question)
        across = (*before[max(0, len(before) - (n - 1)) :], *asked, *after[: n - 1])
        return CopyIndex((before_grams, after_grams, _grams(across, n)), before_words | after_words | set(asked), n)


def mask_copies(view: str, copies: CopyIndex) -> str:
    """`view` with every run of tokens found in `copies` blanked out, span for span (offsets kept). Linear in
    the length of `view`."""
    n = copies.n
    if not view or not any(copies.sets):
        return view
    tokens = _tokens(view)
    known_run = [0] * (len(tokens) + 1)  # how many tokens from here on are the prompt's words
    for i in range(len(tokens) - 1, -1, -1):
        known_run[i] = known_run[i + 1] + 1 if tokens[i] in copies.words else 0
    copied = [i for i in range(len(tokens) - n + 1) if known_run[i] >= n and tuple(tokens[i : i + n]) in copies]
    if not copied:
        return view
    found = list(_COPY_TOKEN.finditer(view))  # offsets, only for an answer that does quote the prompt
    covered_until = -1  # index of the last token inside a copied run
    spans: list[tuple[int, int]] = []
    for i in copied:
        start = found[i].start() if i > covered_until else found[covered_until].end()
        spans.append((start, found[i + n - 1].end()))
        covered_until = i + n - 1
    chars = list(view)
    for lo, hi in spans:
        for k in range(lo, hi):
            if not chars[k].isspace():
                chars[k] = " "
    return "".join(chars)


def mask_prompt_copies(view: str, prompt: str | None, n: int = COPY_MIN_TOKENS) -> str:
    """`view` with every run of at least `n` tokens copied from `prompt` blanked out, span for span."""
    return mask_copies(view, CopyIndex.of(prompt, n)) if prompt else view
