"""The statistics now come from scipy: they agree with the hand-written ones they replaced.

Two kinds of evidence: the committed run's numbers as the hand-written code computed them
(`stats_hand_written_run.json`, from the report at the last commit before scipy), and the textbook
formulas those functions implemented, kept here as independent oracles on many other inputs.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from distillbench.cases.recorded import recorded_rse_cases
from distillbench.gate.baseline_stats import mcnemar_exact
from scoring.similarity.section import similarity_section
from scoring.stats.intervals import Z_95, wilson_interval
from scoring.stats.resampling import bootstrap_mean_ci, paired_permutation_test

HERE = Path(__file__).resolve().parent
BEFORE: dict[str, Any] = json.loads((HERE / "stats_hand_written_run.json").read_text(encoding="utf-8"))
CASSETTES = HERE.parent / "cassettes"


def textbook_wilson(k: int, n: int, z: float = Z_95) -> tuple[float, float]:
    """Wilson (1927) as the project wrote it before scipy."""
    p, z2 = k / n, z * z
    denom = 1.0 + z2 / n
    centre = (p + z2 / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denom
    return (0.0 if k == 0 else max(0.0, centre - half), 1.0 if k == n else min(1.0, centre + half))


def textbook_bootstrap(arr: np.ndarray, n_resamples: int, seed: list[int],
                       chunk: int = 4_000_000) -> tuple[float, float]:
    """The percentile bootstrap the project wrote before scipy (same draws: rng.integers in chunks)."""
    n, rng = arr.size, np.random.default_rng(seed)
    rows = max(1, chunk // n)
    means = np.concatenate([arr[rng.integers(0, n, size=(min(rows, n_resamples - i), n))].mean(axis=1)
                            for i in range(0, n_resamples, rows)])
    lo, hi = np.quantile(means, [0.025, 0.975])
    return float(lo), float(hi)


def sign_flip_exact(d: np.ndarray) -> float:
    """One-sided ('greater') exact sign-flip p-value by enumerating all 2**n sign patterns."""
    n = d.size
    codes = np.arange(2**n, dtype=np.int64)[:, None] >> np.arange(n)
    null = ((1 - 2 * (codes & 1)) @ d) / n
    return float(np.mean(null >= d.mean() - 1e-12))


# --- on the committed run ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("k", "n", "low", "high"), BEFORE["ice_wilson"])
def test_wilson_equals_the_committed_runs_intervals(k: int, n: int, low: float, high: float) -> None:
    got = wilson_interval(k, n)
    assert got[0] == pytest.approx(low, abs=1e-12) and got[1] == pytest.approx(high, abs=1e-12)


def test_similarity_section_of_the_committed_run_agrees_with_the_hand_written_statistics() -> None:
    """Bootstrap intervals are identical to 1e-12 (scipy draws the same resamples from the same seed); the
    permutation p-values differ only by Monte Carlo error (scipy draws its swaps differently)."""
    if not CASSETTES.is_dir():
        pytest.fail(f"committed cassettes missing: {CASSETTES}")
    section = similarity_section(recorded_rse_cases(CASSETTES), {"smollm2-135m-instruct": "reference"})
    n_perm = BEFORE["n_permutations"]
    pvalues = 0
    for path, before in BEFORE["similarity"].items():
        node: Any = section
        for key in path.split("/"):
            node = node[int(key)] if isinstance(node, list) else node[key]
        if path.endswith("p_value"):
            pvalues += 1
            mc_error = 4 * math.sqrt(before * (1 - before) / n_perm) + 2 / (n_perm + 1)
            assert abs(node - before) <= mc_error, path
        else:
            assert node == pytest.approx(before, abs=1e-12), path
    assert pvalues == 8 and len(BEFORE["similarity"]) > 200


# --- against the textbook formulas on other inputs ---------------------------------------------------------

def test_wilson_equals_the_textbook_formula_for_every_count_up_to_120() -> None:
    for n in range(1, 121):  # the committed run's denominators are 110 and 6
        for k in range(n + 1):
            got, want = wilson_interval(k, n), textbook_wilson(k, n)
            assert got == pytest.approx(want, abs=1e-12), (k, n)
    assert wilson_interval(7, 40, z=2.5758293035489004) == pytest.approx(textbook_wilson(7, 40, 2.5758293035489004),
                                                                        abs=1e-12)  # a 99% interval


@pytest.mark.parametrize(("n", "n_resamples"), [(2, 500), (63, 2000), (3000, 2000)])  # 3000: two chunks
def test_bootstrap_draws_the_textbook_resamples(n: int, n_resamples: int) -> None:
    arr = np.random.default_rng(n).beta(2, 5, size=n)
    ci = bootstrap_mean_ci(arr, n_resamples, seed=[0, 1, 2])
    lo, hi = textbook_bootstrap(arr, n_resamples, [0, 1, 2])
    assert ci.ci_low == pytest.approx(min(lo, ci.mean), abs=1e-12)
    assert ci.ci_high == pytest.approx(max(hi, ci.mean), abs=1e-12)


def test_permutation_test_is_exact_where_it_enumerates_and_within_monte_carlo_error_elsewhere() -> None:
    rng = np.random.default_rng(7)
    for n in (2, 5, 11):
        x, y = rng.random(n), rng.random(n)
        res = paired_permutation_test(x, y, 10000)
        assert res.exact and res.p_value == pytest.approx(sign_flip_exact(x - y), abs=1e-12)
    x = rng.random(13)
    y = x - 0.05 + rng.normal(0, 0.1, 13)
    exact = sign_flip_exact(x - y)
    mc = paired_permutation_test(x, y, 4000, seed=3)  # 2**13 > 4000: Monte Carlo
    assert not mc.exact and abs(mc.p_value - exact) <= 4 * math.sqrt(exact * (1 - exact) / 4000) + 1 / 4001
    assert mc == paired_permutation_test(x, y, 4000, seed=3) and mc != paired_permutation_test(x, y, 4000, seed=4)


def test_mcnemar_is_twice_the_smaller_binomial_tail() -> None:
    for b in range(30):
        for c in range(30):
            n, k = b + c, min(b, c)
            want = min(1.0, 2 * sum(math.comb(n, i) for i in range(k + 1)) / 2**n) if n else 1.0
            assert mcnemar_exact(b, c) == pytest.approx(want, rel=1e-12, abs=1e-300), (b, c)
