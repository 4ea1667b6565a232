"""Registry, combined score, profile and Likert mapping."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import scoring.similarity as sim
from scoring.similarity import (
    GRANULARITIES,
    Granularity,
    combined,
    get_measure,
    similarity_profile,
    to_likert,
)

texts = st.text(max_size=300)
nonblank = texts.filter(lambda s: bool(s.strip()))

A = "Certainly! Here's how:\n\n1. Install **numpy**.\n2. Run the tests.\n\nI hope this helps!"
B = "Sure! Steps:\n\n1. Install **pandas**.\n2. Run the script.\n\nHope this helps!"
C = "pip install numpy; then pytest. done"


def test_all_exports_exist() -> None:
    for name in sim.__all__:
        assert hasattr(sim, name), name


def test_registry() -> None:
    assert set(GRANULARITIES) == {"content", "structure", "style"}
    for name, fn in GRANULARITIES.items():
        assert isinstance(fn, Granularity)
        assert fn.name == name
        assert 0.0 <= fn(A, B) <= 1.0
    assert get_measure("combined").name == "combined"
    with pytest.raises(KeyError, match="unknown granularity"):
        get_measure("vibes")


def test_measure_call_equals_features_then_compare() -> None:
    for name in ("content", "structure", "style", "combined"):
        m = get_measure(name)
        assert m(A, B) == m.compare(m.features(A), m.features(B))


def test_profile_and_combined_agree() -> None:
    prof = similarity_profile(A, B)
    assert set(prof) == {"content", "structure", "style", "combined"}
    for name, fn in GRANULARITIES.items():
        assert prof[name] == fn(A, B)
    assert prof["combined"] == pytest.approx((prof["content"] + prof["structure"] + prof["style"]) / 3)
    assert combined(A, B) == prof["combined"]
    assert combined(A, B) > combined(A, C)


@settings(deadline=None, max_examples=50)
@given(texts, texts)
def test_combined_symmetric_and_bounded(a: str, b: str) -> None:
    s = combined(a, b)
    assert 0.0 <= s <= 1.0
    assert s == combined(b, a)


@settings(deadline=None, max_examples=50)
@given(nonblank)
def test_combined_identical_is_one(a: str) -> None:
    assert combined(a, a) == 1.0
    assert all(v == 1.0 for v in similarity_profile(a, a).values())


def test_blank_conventions_shared() -> None:
    assert similarity_profile("", "  ") == dict.fromkeys(["content", "structure", "style", "combined"], 1.0)
    assert similarity_profile("", A) == dict.fromkeys(["content", "structure", "style", "combined"], 0.0)


def test_mixed_script_profile_is_bounded() -> None:
    prof = similarity_profile("使用 numpy 计算均值。", "Use numpy to compute the mean.")
    assert all(0.0 <= v <= 1.0 for v in prof.values())


def test_to_likert() -> None:
    assert to_likert(0.0) == 1.0
    assert to_likert(1.0) == 5.0
    assert to_likert(0.5) == 3.0
    assert to_likert(-3.0) == 1.0 and to_likert(7.0) == 5.0
    assert math.isnan(to_likert(math.nan))


@given(st.floats(0, 1), st.floats(0, 1))
def test_to_likert_monotone(x: float, y: float) -> None:
    lo, hi = sorted((x, y))
    assert 1.0 <= to_likert(lo) <= to_likert(hi) <= 5.0
