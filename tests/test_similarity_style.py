"""Style granularity: properties, habit detection, edge cases, a validity check."""

from __future__ import annotations

import itertools
import math
import statistics

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.similarity.openings import OPENING_TOKENS, compare_opening, opening_sequence, sentence_openers, tokens
from scoring.similarity.style import closer_kind, opener_kind, style_components, style_features, style_similarity
from scoring.similarity.text import split_sentences

VOCAB = [
    "the", "of", "and", "的", "了", "Certainly!", "**bold**", "*it*", "—", ",", ".", ";",
    "。", "，", "😊", "##", "-", "1.", "model", "data",
]  # fmt: skip
wordy = st.lists(st.sampled_from(VOCAB), max_size=40).map(" ".join)
texts = st.one_of(st.text(max_size=200), wordy)
nonblank = texts.filter(lambda s: bool(s.strip()))

CHATTY = [
    "Certainly! Great question. 😊\n\n**Photosynthesis** is how plants make food:\n\n"
    "- Light is absorbed by *chlorophyll*.\n- Water is split.\n- Sugar is made!\n\n"
    "I hope this helps! Let me know if you have more questions.",
    "Sure! Here's a quick overview. 🚀\n\n**Compound interest** grows your money:\n\n"
    "- You earn *interest* on interest.\n- Time matters a lot.\n- Start early!\n\n"
    "I hope this helps! Feel free to ask anything else.",
    "Absolutely! Great question. ✨\n\n**Recursion** is a function calling itself:\n\n"
    "- It needs a *base case*.\n- Each call shrinks the problem.\n- Watch the stack!\n\n"
    "I hope this helps! Let me know if anything is unclear.",
]
TERSE = [
    "Plants use light to turn water and carbon dioxide into sugar. Chlorophyll absorbs the "
    "light. Oxygen is released as a by-product.",
    "Interest is paid on the principal and on past interest. The balance grows faster over "
    "time. Starting early matters most.",
    "A recursive function calls itself on a smaller input. It stops at a base case. Deep "
    "recursion can overflow the stack.",
]
ACADEMIC = [
    "Photosynthesis — the process by which autotrophs convert radiant energy into chemical "
    "energy — proceeds in two stages; the light-dependent reactions, which occur in the "
    "thylakoid membranes, generate ATP and NADPH, whereas the Calvin cycle, which occurs in "
    "the stroma, fixes carbon (Smith, 2019).",
    "Compound interest — whereby accrued interest is itself capitalised — produces "
    "exponential rather than linear growth; consequently, the timing of contributions, "
    "which is frequently neglected, dominates the terminal value (see Fisher, 1930).",
    "Recursion — the definition of a procedure in terms of itself — requires, in order to "
    "terminate, a well-founded ordering; moreover, its space complexity, which depends on "
    "the depth of the call stack, may exceed that of iteration (Knuth, 1997).",
]


@settings(deadline=None)
@given(texts, texts)
def test_symmetric_and_bounded(a: str, b: str) -> None:
    s = style_similarity(a, b)
    assert 0.0 <= s <= 1.0
    assert s == style_similarity(b, a)


@settings(deadline=None)
@given(nonblank)
def test_identical_is_one(a: str) -> None:
    assert style_similarity(a, a) == 1.0


def test_same_style_scores_higher_than_different_style() -> None:
    """Validity sanity check: style, not topic, drives the score."""
    groups = [CHATTY, TERSE, ACADEMIC]
    within = [style_similarity(a, b) for g in groups for a, b in itertools.combinations(g, 2)]
    between = [
        style_similarity(a, b)
        for g, h in itertools.combinations(groups, 2)
        for a, b in itertools.product(g, h)
    ]
    assert min(within) > max(between)
    assert statistics.mean(within) - statistics.mean(between) > 0.2


def test_openers_and_closers() -> None:
    assert opener_kind("Certainly! Here is") == "certainly"
    assert opener_kind("  **Great question!** So") == "great_question"
    assert opener_kind("好的，下面是解释。") == "zh_ok"
    assert opener_kind("The answer is 4.") == ""
    assert closer_kind("... I hope this helps!") == "hope_helps"
    assert closer_kind("……希望对你有帮助！") == "zh_hope"
    assert closer_kind("Done.") == ""


def test_fullwidth_punctuation_is_a_style_signal() -> None:
    zh_punct = "我们先安装依赖，然后运行测试。最后检查结果！"
    ascii_punct = "我们先安装依赖,然后运行测试.最后检查结果!"
    assert style_similarity(zh_punct, ascii_punct) < 0.9


def test_blank_conventions() -> None:
    assert style_similarity("", " ") == 1.0
    assert style_similarity("", "Sure!") == 0.0
    assert style_similarity("Sure!", "\n") == 0.0


def test_degenerate_repetition() -> None:
    loop = "the " * 5000
    assert style_similarity(loop, loop) == 1.0
    assert style_similarity(loop, CHATTY[0]) < style_similarity(CHATTY[1], CHATTY[0])


def test_huge_answer_is_bounded() -> None:
    big = ("**Note** — the model, 模型，learns; *quickly*! 😊\n" * 3000)[:100_000]
    s = style_similarity(big, CHATTY[0])
    assert 0.0 <= s <= 1.0


@settings(deadline=None)
@given(texts, texts)
def test_opening_parts_symmetric_and_bounded(a: str, b: str) -> None:
    fa, fb = style_features(a), style_features(b)
    for part in ("opening", "sentence_openers"):
        x, y = style_components(fa, fb)[part], style_components(fb, fa)[part]
        assert (math.isnan(x) and math.isnan(y)) or (0.0 <= x <= 1.0 and x == y)


@settings(deadline=None)
@given(nonblank)
def test_opening_sequence_identity(a: str) -> None:
    seq = opening_sequence(a.casefold())
    assert len(seq) <= OPENING_TOKENS
    assert compare_opening(seq, seq) == 1.0 or not seq


def test_opening_formula_is_a_style_signal() -> None:
    a = "Sure! Here's a Python function that sorts the list:"
    b = "Sure! Here's a short script that reverses a string:"
    c = "To sort the list, a Python function can use sorted:"
    fa, fb, fc = (style_features(t) for t in (a, b, c))
    assert style_components(fa, fb)["opening"] > style_components(fa, fc)["opening"] + 0.4
    # one inserted token costs part of the score, not all of it
    d = "Certainly! To sort the list, a Python function can use sorted:"
    assert 0.3 < style_components(style_features(c), style_features(d))["opening"] < 1.0


def test_tokens_and_sentence_openers() -> None:
    assert tokens("Sure! Here's 模型.") == ["Sure", "!", "Here's", "模", "型", "."]
    assert tokens("a b c d", limit=2) == ["a", "b"]
    counts = sentence_openers(split_sentences("The cat sat. the dog ran.\n1. one\n12. twelve\n- dash")).counts
    # split_sentences also cuts after "1." (a Latin terminator), so list items count their number too
    assert counts == {"the": 2, "0": 2, "one": 1, "twelve": 1, "-": 1}
    assert math.isnan(compare_opening("", ""))


def test_punctuation_counts_markup_symbols() -> None:
    """Markup and math symbols (``*``, ``\\``, ``$``, ``=``) are punctuation habits too."""
    latex = "The area is \\(A = \\frac{1}{2}\\). So \\(x = 3\\)."
    ascii_math = "The area is A = (1/2) * b * h. So x = 3."
    fa, fb = style_features(latex), style_features(ascii_math)
    assert style_components(fa, fb)["punctuation"] < 0.8
    assert style_components(fa, style_features(latex.replace("3", "4")))["punctuation"] == 1.0


def test_function_words_are_square_root_damped() -> None:
    """Hellinger affinity: a frequent word ('the') does not swamp a rarer habit ('let's')."""
    a = "the the the the the the the the the let's"
    b = "the the the the the the the the the we"
    parts = style_components(style_features(a), style_features(b))
    assert 0.0 < parts["function_words"] == pytest.approx(9.0 / 10.0)
