"""Stratum weighting: a sample drawn per paper label estimates the population's rates and agreement."""

from __future__ import annotations

import random

import pytest

from scoring.stats.intervals import cohen_kappa, wilson_interval
from scoring.stats.stratified import stratum_weights, weighted_agreement, weighted_kappa, weighted_rate


def test_each_row_stands_for_its_stratum_share() -> None:
    assert stratum_weights(["pos", "pos", "neg"], {"pos": 10, "neg": 90}) == [5.0, 5.0, 90.0]


def test_bad_strata_are_named() -> None:
    with pytest.raises(ValueError, match="'x' has no population size"):
        stratum_weights(["x"], {"pos": 3})
    with pytest.raises(ValueError, match="'pos' has 2 sampled rows but a population of 1"):
        stratum_weights(["pos", "pos"], {"pos": 1})


def test_weighted_rate_is_the_population_mix_not_the_sample_mean() -> None:
    # 20 positives (2 sampled, both True), 80 negatives (4 sampled, one True): 0.2 * 1 + 0.8 * 0.25 = 0.4,
    # where the unweighted sample mean would say 3 / 6 = 0.5.
    values = [True, True, True, False, False, False]
    strata = ["pos", "pos", "neg", "neg", "neg", "neg"]
    est = weighted_rate(values, strata, {"pos": 20, "neg": 80})
    assert est.score == pytest.approx(0.4) and est.n == 6 and est.population == 100
    assert 0.0 <= est.ci_low < 0.4 < est.ci_high <= 1.0


def test_stratified_variance_with_finite_population_correction() -> None:
    strata = ["a"] * 4 + ["b"] * 5
    values = [True, False, False, False, True, True, False, False, False]
    est = weighted_rate(values, strata, {"a": 40, "b": 10})
    p_a, p_b = 0.25, 0.4
    var = (0.8 ** 2) * (1 - 4 / 40) * (p_a * (1 - p_a) * 4 / 3) / 4 + (0.2 ** 2) * (1 - 5 / 10) * (
        p_b * (1 - p_b) * 5 / 4) / 5
    p = 0.8 * p_a + 0.2 * p_b
    assert est.score == pytest.approx(p)
    n_eff = p * (1 - p) / var
    z = 1.959963984540054
    centre = (p + z * z / (2 * n_eff)) / (1 + z * z / n_eff)
    assert (est.ci_low + est.ci_high) / 2 == pytest.approx(centre)


def test_a_census_has_no_sampling_error_beyond_its_size() -> None:
    values = [True, False, False, True]
    strata = ["a", "a", "b", "b"]
    est = weighted_rate(values, strata, {"a": 2, "b": 2})  # every answer sampled
    assert est.score == 0.5
    assert (est.ci_low, est.ci_high) == pytest.approx(wilson_interval(2, 4))


def test_weighted_agreement_counts_agreement_per_stratum() -> None:
    a = [True, True, False, False]
    b = [True, False, False, False]
    est = weighted_agreement(a, b, ["pos", "pos", "neg", "neg"], {"pos": 10, "neg": 90})
    assert est.score == pytest.approx(0.1 * 0.5 + 0.9 * 1.0)


def test_weighted_kappa_equals_kappa_of_the_expanded_population() -> None:
    rng = random.Random(3)
    strata = ["pos"] * 10 + ["neg"] * 20
    a = [rng.random() < 0.7 for _ in range(10)] + [rng.random() < 0.2 for _ in range(20)]
    b = [rng.random() < 0.6 for _ in range(10)] + [rng.random() < 0.1 for _ in range(20)]
    population = {"pos": 30, "neg": 200}  # weights 3 and 10
    weights = stratum_weights(strata, population)
    big_a = [x for x, w in zip(a, weights, strict=True) for _ in range(int(w))]
    big_b = [y for y, w in zip(b, weights, strict=True) for _ in range(int(w))]
    result = weighted_kappa(a, b, strata, population, reps=500)
    assert result["kappa"] == pytest.approx(cohen_kappa(big_a, big_b))
    assert result["kappa"] != pytest.approx(cohen_kappa(a, b))  # near miss: the unweighted sample kappa differs
    assert result["ci_low"] <= result["kappa"] <= result["ci_high"] and result["n"] == 30
    assert weighted_kappa(a, b, strata, population, reps=500) == result  # seeded


def test_equal_weights_give_the_plain_kappa() -> None:
    a, b = [True, False, True, False, True], [True, False, False, False, True]
    result = weighted_kappa(a, b, ["s"] * 5, {"s": 50}, reps=200)
    assert result["kappa"] == pytest.approx(cohen_kappa(a, b))
