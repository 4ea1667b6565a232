"""The lab benchmark's power curve: the prompt count that reaches 80% power, found by bisection."""

from __future__ import annotations

from types import ModuleType

import numpy as np
import pytest

from tests.conftest import load_benchmark


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return load_benchmark("bench_lab")


def test_a_larger_effect_needs_fewer_prompts_and_the_found_k_has_the_power(bench: ModuleType) -> None:
    rng = np.random.default_rng(0)
    noise = rng.normal(0.0, 1.0, 200)
    k_big = bench.prompts_for_power(noise + 1.0, 0.8, 400, 400, np.random.default_rng(1))
    k_small = bench.prompts_for_power(noise + 0.3, 0.8, 400, 400, np.random.default_rng(1))
    assert k_big is not None and k_small is not None and k_big < k_small <= 200
    assert bench.sign_flip_power(noise + 0.3, k_small, 400, 400, np.random.default_rng(2)) >= 0.7
    assert bench.sign_flip_power(noise + 0.3, max(1, k_small // 2), 400, 400, np.random.default_rng(2)) < 0.8


def test_no_effect_never_reaches_the_power(bench: ModuleType) -> None:
    diffs = np.random.default_rng(3).normal(0.0, 1.0, 60)
    diffs -= diffs.mean()
    assert bench.prompts_for_power(diffs, 0.8, 300, 300, np.random.default_rng(4)) is None
