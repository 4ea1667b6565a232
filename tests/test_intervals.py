"""Wilson intervals, proportions and agreement statistics."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring.stats.intervals import Proportion, accuracy, cohen_kappa, proportion, wilson_interval


def test_empty_sample_is_uninformative() -> None:
    assert wilson_interval(0, 0) == (0.0, 1.0)
    assert proportion(0, 0) == Proportion(score=0.0, n=0, ci_low=0.0, ci_high=1.0)


def test_known_values() -> None:
    low, high = wilson_interval(5, 10)
    assert low == pytest.approx(0.2366, abs=1e-4) and high == pytest.approx(0.7634, abs=1e-4)
    low, high = wilson_interval(0, 10)
    assert low == 0.0 and high == pytest.approx(0.2775, abs=1e-4)
    low, high = wilson_interval(28, 1000)
    assert low == pytest.approx(0.01946, abs=1e-4) and high == pytest.approx(0.04013, abs=1e-4)


def test_invalid_counts_raise() -> None:
    with pytest.raises(ValueError):
        wilson_interval(3, 2)
    with pytest.raises(ValueError):
        wilson_interval(-1, 2)


@given(st.integers(min_value=0, max_value=5000), st.integers(min_value=0, max_value=5000))
def test_interval_contains_estimate_and_stays_in_unit_range(a: int, b: int) -> None:
    k, n = min(a, b), max(a, b)
    low, high = wilson_interval(k, n)
    assert 0.0 <= low <= high <= 1.0
    if n:
        assert low - 1e-12 <= k / n <= high + 1e-12


def test_proportion_to_dict_is_plain_json() -> None:
    d = proportion(3, 4).to_dict()
    assert set(d) == {"score", "n", "ci_low", "ci_high"}
    assert d["score"] == 0.75 and d["n"] == 4


def test_accuracy_and_kappa_known_values() -> None:
    a = [True, True, False, False]
    b = [True, False, False, False]
    assert accuracy(a, b) == 0.75
    # po = .75, pe = .5*.25 + .5*.75 = .5 -> kappa .5
    assert cohen_kappa(a, b) == pytest.approx(0.5)
    assert cohen_kappa(a, a) == 1.0
    assert cohen_kappa([True, False], [False, True]) == pytest.approx(-1.0)


def test_kappa_degenerate_cases() -> None:
    assert cohen_kappa([], []) == 1.0
    assert cohen_kappa([False] * 5, [False] * 5) == 1.0
    assert cohen_kappa([False] * 5, [True] * 5) == 0.0
    with pytest.raises(ValueError):
        cohen_kappa([True], [True, False])


@given(st.lists(st.tuples(st.booleans(), st.booleans()), max_size=60))
def test_kappa_is_symmetric_and_bounded(pairs: list[tuple[bool, bool]]) -> None:
    a = [x for x, _ in pairs]
    b = [y for _, y in pairs]
    k = cohen_kappa(a, b)
    assert math.isclose(k, cohen_kappa(b, a), abs_tol=1e-12)
    assert -1.0 - 1e-12 <= k <= 1.0 + 1e-12
