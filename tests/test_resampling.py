"""Bootstrap CIs, sign-flip tests, homogenization index and the similarity matrix."""

from __future__ import annotations

import math
import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.similarity import STRUCTURE, structure_similarity
from scoring.stats.resampling import (
    bootstrap_mean_ci,
    homogenization_index,
    paired_permutation_test,
    similarity_matrix,
)

finite = st.floats(-1e6, 1e6, allow_nan=False)


@settings(deadline=None)
@given(st.lists(finite, min_size=1, max_size=60), st.integers(0, 2**32))
def test_ci_contains_mean(values: list[float], seed: int) -> None:
    ci = bootstrap_mean_ci(values, n_resamples=200, seed=seed)
    assert ci.n == len(values)
    assert ci.ci_low <= ci.mean <= ci.ci_high
    assert ci.mean == pytest.approx(float(np.mean(values)))


def test_bootstrap_deterministic_and_shrinks() -> None:
    rng = np.random.default_rng(1)
    small, large = rng.random(20), rng.random(2000)
    assert bootstrap_mean_ci(small, seed=3) == bootstrap_mean_ci(small, seed=3)
    assert bootstrap_mean_ci(small, seed=3) != bootstrap_mean_ci(small, seed=4)
    w_small = bootstrap_mean_ci(small).ci_high - bootstrap_mean_ci(small).ci_low
    w_large = bootstrap_mean_ci(large).ci_high - bootstrap_mean_ci(large).ci_low
    assert w_large < w_small / 3


def test_bootstrap_edge_cases() -> None:
    empty = bootstrap_mean_ci([])
    assert empty.n == 0 and math.isnan(empty.mean) and math.isnan(empty.ci_low)
    assert bootstrap_mean_ci([0.7]).to_dict() == {"mean": 0.7, "n": 1, "ci_low": 0.7, "ci_high": 0.7}
    assert bootstrap_mean_ci([1.0, math.nan, 3.0, math.inf]).n == 2


def test_permutation_null_is_calibrated() -> None:
    rng = np.random.default_rng(2025)
    hits = 0
    for k in range(400):
        x, y = rng.normal(size=25), rng.normal(size=25)
        hits += paired_permutation_test(x, y, n_permutations=2000, seed=k).p_value <= 0.05
    assert 0.02 <= hits / 400 <= 0.08


def test_permutation_detects_clear_effect() -> None:
    rng = np.random.default_rng(0)
    y = rng.random(100)
    x = y + 0.1 + rng.normal(0, 0.05, 100)
    res = paired_permutation_test(x, y)
    assert res.p_value < 0.001 and res.mean_difference > 0.05 and res.n == 100
    assert res.p_value >= 1 / (res.n_permutations)  # +1 smoothing: never exactly 0
    assert paired_permutation_test(x, y, alternative="less").p_value > 0.99
    assert paired_permutation_test(x, y, alternative="two-sided").p_value < 0.001
    assert paired_permutation_test(x, y, seed=5) == paired_permutation_test(x, y, seed=5)


def test_permutation_exact_small_n_and_errors() -> None:
    res = paired_permutation_test([1.0, 2.0, 3.0], [0.0, 0.0, 0.0])
    assert res.exact and res.p_value == pytest.approx(1 / 8)
    assert paired_permutation_test([1.0, math.nan], [0.0, 0.0]).n == 1
    assert math.isnan(paired_permutation_test([], []).p_value)
    with pytest.raises(ValueError):
        paired_permutation_test([1.0, 2.0], [1.0])
    with pytest.raises(ValueError):
        paired_permutation_test([1.0] * 20, [0.0] * 20, alternative="sideways")  # type: ignore[arg-type]


def test_homogenization_index() -> None:
    assert homogenization_index(0.2, 0.2, 0.8) == 0.0
    assert homogenization_index(0.8, 0.2, 0.8) == 1.0
    assert homogenization_index(0.5, 0.2, 0.8) == pytest.approx(0.5)
    assert homogenization_index(0.9, 0.2, 0.8) == 1.0
    assert homogenization_index(0.9, 0.2, 0.8, clip=False) == pytest.approx(7 / 6)
    assert math.isnan(homogenization_index(0.5, 0.4, 0.4))
    assert math.isnan(homogenization_index(0.5, 0.6, 0.4))
    assert math.isnan(homogenization_index(math.nan, 0.2, 0.8))


WORDS = [
    "model",
    "data",
    "loss",
    "token",
    "layer",
    "gradient",
    "cache",
    "query",
    "answer",
    "method",
    "value",
    "error",
]


def synthetic_answer(rng: random.Random, style: int, size: int = 2000) -> str:
    """~2 KB markdown (style 0) or prose (style 1) answer."""
    parts = ["Certainly! Here is an overview.\n"] if style == 0 else []
    while sum(map(len, parts)) < size:
        sent = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 18))).capitalize() + "."
        parts.append(f"## {sent[:20]}\n\n1. **{sent[:8]}** {sent}\n" if style == 0 else sent)
    return ("\n" if style == 0 else " ").join(parts)


def test_matrix_shape_symmetry_and_exclusions() -> None:
    rng = random.Random(0)
    answers: dict[str, list[str | None]] = {
        m: [synthetic_answer(rng, s, 300) for _ in range(8)] for m, s in [("a", 0), ("b", 0), ("c", 1)]
    }
    answers["a"][0] = None
    answers["b"][1] = "   "
    mat = similarity_matrix(answers, "structure", n_resamples=200)
    assert mat.models == ("a", "b", "c") and mat.granularity == "structure"
    assert np.array_equal(mat.mean, mat.mean.T) and np.array_equal(mat.n, mat.n.T)
    assert mat.n[0, 1] == 6 and mat.excluded[0, 1] == 2
    assert mat.n[0, 2] == 7 and mat.n[2, 2] == 8 and mat.mean[2, 2] == 1.0
    assert mat.mean[0, 1] > mat.mean[0, 2]
    assert mat.cell("a", "b").ci_low <= mat.cell("a", "b").mean <= mat.cell("a", "b").ci_high
    assert math.isnan(mat.scores[0, 1, 0]) and mat.to_dict()["cells"]["a|b"]["excluded"] == 2
    # a plain callable gives the same numbers as the feature-caching Measure
    slow = similarity_matrix(answers, structure_similarity, n_resamples=200)
    fast = similarity_matrix(answers, STRUCTURE, n_resamples=200)
    assert np.allclose(slow.mean, fast.mean) and np.allclose(fast.mean, mat.mean)
    with pytest.raises(ValueError, match="aligned"):
        similarity_matrix({"a": ["x"], "b": ["x", "y"]}, "content")


def test_matrix_10_models_100_prompts_separates_styles() -> None:
    rng = random.Random(1)
    answers = {f"m{i}": [synthetic_answer(rng, i % 2) for _ in range(100)] for i in range(10)}
    mat = similarity_matrix(answers, "combined")
    assert mat.mean.shape == (10, 10) and int(mat.n[0, 1]) == 100
    assert mat.mean[0, 2] > mat.mean[0, 1]  # same synthetic style is more similar
