"""Holm's adjustment (scoring.stats.multiplicity), on a worked example and as properties."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring.stats.multiplicity import holm


def test_worked_example() -> None:
    # sorted: 0.005*4 = 0.02, 0.01*3 = 0.03, 0.03*2 = 0.06, 0.04*1 = 0.04 -> raised to 0.06 (step-down monotone)
    assert holm([0.01, 0.04, 0.03, 0.005]) == pytest.approx([0.03, 0.06, 0.06, 0.02])


def test_one_test_is_left_alone_and_large_values_cap_at_one() -> None:
    assert holm([0.2]) == [0.2]
    assert holm([0.6, 0.7]) == [1.0, 1.0]
    assert holm([]) == []


def test_a_lone_small_p_among_four_no_longer_passes_alpha() -> None:
    """The case that made it necessary: one granularity at p = 0.028 of four is no finding at 0.05."""
    adjusted = holm([0.028, 0.57, 0.65, 0.065])
    assert adjusted[0] == pytest.approx(0.112) and min(adjusted) > 0.05
    assert min(holm([0.0026, 0.55, 0.032, 0.014])) < 0.05  # near miss: a real drift is still flagged


@given(st.lists(st.floats(0, 1), max_size=8))
def test_adjusted_values_bound_the_raw_ones_and_keep_their_order(ps: list[float]) -> None:
    adjusted = holm(ps)
    assert all(p <= q <= 1.0 for p, q in zip(ps, adjusted, strict=True))
    ranked = sorted(range(len(ps)), key=lambda i: ps[i])
    assert all(adjusted[a] <= adjusted[b] for a, b in itertools.pairwise(ranked))
