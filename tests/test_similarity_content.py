"""Content granularity: properties, components and edge cases."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.similarity.content import (
    HALF_LIFE,
    content_components,
    content_features,
    content_similarity,
    position_weight,
)

VOCAB = [
    "the", "model", "data", "loss", "token", "layer", "模型", "数据", "训练", "python,",
    "error.", "**bold**", "#", "1.", "-", "alpha",
]  # fmt: skip
wordy = st.lists(st.sampled_from(VOCAB), min_size=0, max_size=40).map(" ".join)
texts = st.one_of(st.text(max_size=200), wordy)
nonblank = texts.filter(lambda s: bool(s.strip()))
plain_words = st.lists(
    st.sampled_from(["alpha", "beta", "gamma", "delta", "模", "型"]), min_size=2, max_size=30
)


@settings(deadline=None)
@given(texts, texts)
def test_symmetric_and_bounded(a: str, b: str) -> None:
    s = content_similarity(a, b)
    assert 0.0 <= s <= 1.0
    assert s == content_similarity(b, a)


@settings(deadline=None)
@given(nonblank)
def test_identical_is_one(a: str) -> None:
    assert content_similarity(a, a) == 1.0


@settings(deadline=None)
@given(plain_words, st.randoms(use_true_random=False))
def test_unigram_part_is_nearly_order_free(ws: list[str], rnd: object) -> None:
    """Position weights lie in [w, 1] (w = weight of the last token), so a shuffle changes each word's
    weight by a factor in [w, 1/w] and the cosine stays >= 2w / (1 + w^2) (Kantorovich)."""
    shuffled = list(ws)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    a, b = " ".join(ws), " ".join(shuffled)
    w = position_weight(len(ws) - 1)
    assert content_components(content_features(a), content_features(b))["unigram"] >= 2 * w / (1 + w * w) - 1e-12


def test_early_words_weigh_more() -> None:
    base = [f"w{i}" for i in range(60)]
    head = " ".join(["changed", *base[1:]])
    tail = " ".join([*base[:-1], "changed"])
    fa, fh, ft = content_features(" ".join(base)), content_features(head), content_features(tail)
    for part in ("unigram", "bigram", "edit"):  # char n-grams are plain counts
        assert content_components(fa, fh)[part] < content_components(fa, ft)[part], part
    assert content_similarity(" ".join(base), tail) > content_similarity(" ".join(base), head)


def test_position_weight() -> None:
    assert position_weight(0) == 1.0
    assert position_weight(HALF_LIFE) == 0.5
    assert 0.0 < position_weight(10**6) < position_weight(10**3)


def test_word_order_matters_overall() -> None:
    a = "first install python then create a virtual environment and finally run the tests"
    b = " ".join(reversed(a.split()))
    assert content_similarity(a, b) < 0.9


def test_blank_conventions() -> None:
    assert content_similarity("", "") == 1.0
    assert content_similarity("  \n\t", "") == 1.0
    assert content_similarity("", "hello") == 0.0
    assert content_similarity("hello", " \n") == 0.0


def test_case_and_width_normalised() -> None:
    assert content_similarity("Hello  World", "hello world") == 1.0
    assert content_similarity("ＡＢＣ １２３", "abc 123") == 1.0


def test_paraphrase_beats_unrelated() -> None:
    a = "Gradient descent updates the weights in the direction that reduces the loss."
    b = "Gradient descent changes the weights in the direction that lowers the loss."
    c = "Paris is the capital of France and is known for the Eiffel Tower."
    assert content_similarity(a, b) > content_similarity(a, c) + 0.3


def test_mixed_cjk_latin() -> None:
    a = "使用 Python 训练模型，然后用 pytest 测试。"
    b = "用 Python 训练模型, 然后使用 pytest 进行测试"
    c = "今天天气很好，我们去公园散步吧。"
    assert content_similarity(a, b) > content_similarity(a, c)
    assert 0.0 <= content_similarity(a, c) <= 1.0


def test_punctuation_only_answers() -> None:
    assert content_similarity("!!!", "!!!") == 1.0
    assert 0.0 <= content_similarity("!!!", "???") < 1.0


def test_degenerate_repetition() -> None:
    loop = "the " * 5000
    normal = "The model is trained on the data and the loss goes down over time."
    assert content_similarity(loop, loop) == 1.0
    assert content_similarity(loop, normal) < 0.5
    assert content_similarity(loop, "the " * 4000) > 0.95


def test_huge_answer_is_bounded() -> None:
    big = ("The quick brown fox jumps over the lazy dog while 模型 learns. " * 2000)[:100_000]
    other = big.replace("fox", "cat")
    s = content_similarity(big, other)
    assert 0.5 < s < 1.0


def test_edit_sees_punctuation_and_markup() -> None:
    """Same words, typeset differently: the edit component (words and marks) notices, unigrams do not."""
    a = "**Step 1:** compute x = 2 + 3."
    b = "Step 1 compute x 2 3"
    parts = content_components(content_features(a), content_features(b))
    assert parts["unigram"] == pytest.approx(1.0)
    assert parts["edit"] < 0.8
