"""Response-style similarity: do two answers *sound* the same, whatever they say?

Six profiles, each compared into [0, 1] (nan = undefined, dropped):

* ``function_words``   - Hellinger affinity of EN + ZH function-word counts
  (classic stylometry: topic-independent word habits),
* ``punctuation``      - Hellinger affinity of the counts of every punctuation
  and symbol character (Unicode categories P* and S*: ``*``, ``#``, ``\\``,
  ``$``, ``=`` as well as ``.,;:``; ASCII and full-width kept apart, so the
  text is only NFC-normalised here),
* ``sentence_length``  - histogram intersection of sentence lengths (tokens),
* ``habits``           - mean per-feature min/max ratio of formatting rates
  (markdown, emphasis, emoji, dashes, ...) plus opener/closer agreement,
* ``opening``          - edit similarity of the first tokens, weighted towards
  the very first (the model's habitual opening formula; see ``openings``),
* ``sentence_openers`` - cosine of the first-token counts of sentences and
  lines (how sentences habitually start; see ``openings``).

Hellinger affinity = cosine of the square-rooted counts (the Bhattacharyya
coefficient of the two frequency profiles), in [0, 1].  Why the square root:
a plain cosine is dominated by the few most frequent items ("the", ",") whose
rates differ little between writers, while habits live in the middle of the
profile ("let's", "\\", "**"); the square root is the usual variance-stabilising
damping of counts (Burrows' Delta standardises for the same reason, but needs
corpus statistics).  Validity AUC (greedy / sampled): function words 0.715 /
0.678 -> 0.734 / 0.713; punctuation 0.729 / 0.698 (fixed list of 35 marks) ->
0.752 / 0.720.

Score = unweighted mean of the defined profiles (no basis for other weights).
Blank convention: both blank -> 1.0, one blank -> 0.0.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .openings import closer_kind, compare_opening, opener_kind, opening_sequence, sentence_openers
from .text import digest, is_blank, is_cjk, nfc, split_sentences, words
from .vectors import SparseVector, sparse_cosine, sparse_vector

__all__ = [
    "FUNCTION_WORDS",
    "HABIT_KEYS",
    "StyleFeatures",
    "closer_kind",
    "compare_style",
    "opener_kind",
    "style_components",
    "style_features",
    "style_similarity",
]

_FW_TEXT = """
a an the and or but if then so because as of in on at by for with about to from into over
under between through during before after above below up down out off than that this these
those there here which who whom whose what when where why how it its i me my we us our you
your he him his she her they them their is are was were be been being am do does did have
has had will would can could shall should may might must not no nor all any each every some
such both either neither more most very just also only too however therefore thus while
although though whether yet let's
的 了 是 在 和 也 就 都 而 与 或 但 这 那 我 你 他 她 它 们 吗 呢 吧 啊 着 过 把 被 让 给 对 从
向 以 之 其 会 能 要 很 还 又 所 因 如 则 并 即 等 及 于 为 个 些 不 没
"""
FUNCTION_WORDS: tuple[str, ...] = tuple(_FW_TEXT.split())
_FW_INDEX = {w: i for i, w in enumerate(FUNCTION_WORDS)}
_LEN_EDGES = np.array([0, 5, 10, 15, 20, 30, 45, np.inf])

_HABIT_RES = {
    "heading": re.compile(r"^\s{0,3}#{1,6}\s", re.M),
    "list_item": re.compile(r"^\s*(?:[-*+\u2022]|\d{1,3}[.)])\s", re.M),
    "bold": re.compile(r"\*\*[^*\n]+\*\*|__[^_\n]+__"),
    "italic": re.compile(r"(?<![*\w])\*[^*\s][^*\n]*?\*(?![*\w])"),
    "inline_code": re.compile(r"(?<!`)`[^`\n]+`(?!`)"),
    "code_block": re.compile(r"^\s*```", re.M),
    "table_row": re.compile(r"^\s*\|.*\|\s*$", re.M),
    "emoji": re.compile("[\U0001f300-\U0001faff\u2600-\u27bf\U0001f000-\U0001f2ff]"),
    "em_dash": re.compile("\u2014|\u2013| -- "),
    "exclamation": re.compile("[!\uff01]"),
    "question": re.compile("[?\uff1f]"),
    "paragraph": re.compile(r"\n\s*\n"),
}
HABIT_KEYS: tuple[str, ...] = (*_HABIT_RES, "fw_density", "cjk_ratio", "opener", "closer")


@dataclass(frozen=True)
class StyleFeatures:
    """Per-answer style vectors (dense, fixed-length)."""

    blank: bool
    digest: bytes
    function_words: NDArray[np.float64]  # square-rooted counts
    punctuation: SparseVector  # square-rooted counts of P* / S* characters
    sentence_lengths: NDArray[np.float64]  # normalised histogram, or empty
    rates: NDArray[np.float64]  # HABIT_KEYS minus opener/closer
    opener: str
    closer: str
    opening: str  # first tokens, one code point each (see ``openings``)
    sentence_openers: SparseVector


def style_features(text: str) -> StyleFeatures:
    """Extract the style profile of one answer (NFC text, case folded for words)."""
    raw = nfc(text)
    folded = raw.casefold()
    toks = words(folded)
    fw = np.zeros(len(FUNCTION_WORDS))
    for t in toks:
        if (i := _FW_INDEX.get(t)) is not None:
            fw[i] += 1
    punct = Counter(c for c in raw if unicodedata.category(c)[0] in "PS")
    sentences = split_sentences(raw)
    lengths = [len(words(s)) for s in sentences]
    hist = np.histogram(lengths, _LEN_EDGES)[0].astype(np.float64)
    hist = hist / hist.sum() if hist.sum() > 0 else hist[:0]
    per_k = 1000.0 / max(len(raw), 1)
    rates = [len(r.findall(raw)) * per_k for r in _HABIT_RES.values()]
    n_tok = max(len(toks), 1)
    rates += [float(fw.sum()) / n_tok, sum(map(is_cjk, toks)) / n_tok]
    return StyleFeatures(
        blank=is_blank(text),
        digest=digest(raw),
        function_words=np.sqrt(fw),
        punctuation=sparse_vector({c: math.sqrt(n) for c, n in punct.items()}),
        sentence_lengths=hist,
        rates=np.array(rates),
        opener=opener_kind(raw),
        closer=closer_kind(raw),
        opening=opening_sequence(folded),
        sentence_openers=sentence_openers(sentences),
    )


def _cosine(a: NDArray[np.float64], b: NDArray[np.float64]) -> float:
    na, nb = float(np.linalg.norm(a)), float(np.linalg.norm(b))
    if na == 0.0 and nb == 0.0:
        return math.nan
    if na == 0.0 or nb == 0.0:
        return 0.0
    return min(1.0, max(0.0, float(a @ b) / (na * nb)))


def _ratio(a: NDArray[np.float64], b: NDArray[np.float64]) -> NDArray[np.float64]:
    hi = np.maximum(a, b)
    return np.where(hi > 0, np.minimum(a, b) / np.where(hi > 0, hi, 1.0), 1.0)


def style_components(fa: StyleFeatures, fb: StyleFeatures) -> dict[str, float]:
    """Each profile's similarity in [0, 1], nan when undefined; symmetric."""
    if fa.digest > fb.digest:
        fa, fb = fb, fa
    if fa.sentence_lengths.size and fb.sentence_lengths.size:
        lengths = min(1.0, float(np.minimum(fa.sentence_lengths, fb.sentence_lengths).sum()))
    else:
        lengths = math.nan if fa.sentence_lengths.size == fb.sentence_lengths.size else 0.0
    agree = [float(fa.opener == fb.opener), float(fa.closer == fb.closer)]
    habits = (float(_ratio(fa.rates, fb.rates).sum()) + sum(agree)) / (fa.rates.size + 2)
    return {
        "function_words": _cosine(fa.function_words, fb.function_words),
        "punctuation": sparse_cosine(fa.punctuation, fb.punctuation),
        "sentence_length": lengths,
        "habits": habits,
        "opening": compare_opening(fa.opening, fb.opening),
        "sentence_openers": sparse_cosine(fa.sentence_openers, fb.sentence_openers),
    }


def compare_style(fa: StyleFeatures, fb: StyleFeatures) -> float:
    """Unweighted mean of the defined style profiles, in [0, 1]."""
    if fa.blank or fb.blank:
        return 1.0 if fa.blank and fb.blank else 0.0
    if fa.digest == fb.digest:
        return 1.0
    parts = [v for v in style_components(fa, fb).values() if not math.isnan(v)]
    return min(1.0, max(0.0, sum(parts) / len(parts)))


def style_similarity(a: str, b: str) -> float:
    """Convenience two-argument form of ``compare_style``."""
    return compare_style(style_features(a), style_features(b))
