"""The validity benchmark's statistics: the ROC AUC and the A/A re-pairing false-positive estimate."""

from __future__ import annotations

import random
from types import ModuleType

import numpy as np
import pytest

from tests.conftest import load_benchmark


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return load_benchmark("bench_rse_validity")


def test_auc_counts_ties_as_half(bench: ModuleType) -> None:
    assert bench.auc(np.array([3.0, 4.0]), np.array([1.0, 2.0])) == 1.0
    assert bench.auc(np.array([1.0]), np.array([1.0])) == 0.5
    assert bench.auc(np.array([1.0, 3.0]), np.array([2.0])) == 0.5


def test_aa_repairing_rejects_about_alpha_when_resamples_are_iid(bench: ModuleType) -> None:
    rng = np.random.default_rng(3)
    rates = []
    for _ in range(10):  # one data set fixes 12 draws; the rate is alpha on average over data sets
        sims = rng.beta(2, 3, size=(60, 12))  # i.i.d. resamples: every re-pairing is a true null
        p = bench.aa_repairing_pvalues(sims, 500, 999, rng)
        assert p.shape == (500,)
        rates.append(float(np.mean(p < 0.05)))
    assert 0.03 <= float(np.mean(rates)) <= 0.07


def test_aa_repairing_detects_resamples_that_drift_with_the_seed(bench: ModuleType) -> None:
    rng = np.random.default_rng(4)
    sims = rng.beta(2, 3, size=(60, 12)) + np.linspace(0.2, 0.0, 12)  # earlier seeds are closer to R
    p = bench.aa_repairing_pvalues(sims, 400, 999, rng)
    assert float(np.mean(p < 0.05)) > 0.5


def test_auc_by_pair_names_the_pair_a_model_is_confused_with(bench: ModuleType) -> None:
    """Two models that write alike ("chatty" and "chatty2") cannot be told apart from each other's A/A pairs;
    a model with its own style ("lists") can: the by-pair table must show exactly that."""
    from scoring.similarity import COMBINED
    from tests.synthetic_answers import TOPICS, bullets, prose

    rng = random.Random(7)
    answers = bench.Answers()
    writers = {"chatty": prose, "chatty2": prose, "lists": bullets}
    for model, write in writers.items():
        for topic in TOPICS:
            samples = {s: COMBINED.features(write(topic, rng)) for s in ("greedy", "s1001", "s1002")}
            answers.features.setdefault(model, {})[topic] = samples
    table = bench.auc_by_pair(bench.greedy_pair_scores(answers), 3)
    assert set(table) == {(m, pair) for m in writers
                          for pair in (("chatty", "chatty2"), ("chatty", "lists"), ("chatty2", "lists"))}
    assert table[("lists", ("chatty", "chatty2"))] < 0.3  # the confusable pair is as close as A/A pairs
    assert table[("lists", ("chatty", "lists"))] == 1.0
    assert 0.3 < table[("chatty", ("chatty", "chatty2"))] < 0.7


def test_within_prompt_auc_ignores_differences_between_prompts(bench: ModuleType) -> None:
    """Prompt "easy" scores every pair high, prompt "hard" every pair low; within each, same-model pairs win.
    Pooled AUC mixes the two baselines (cross pairs of "easy" beat same pairs of "hard"); within-prompt does not."""
    row = lambda x: np.array([x, x, x, x])  # noqa: E731
    scored = {"easy": ([row(0.95), row(0.9)], [row(0.8)]), "hard": ([row(0.3)], [row(0.1), row(0.2)])}
    assert bench.within_prompt_auc(scored, 3) == 1.0
    pos = np.array([0.95, 0.9, 0.3])
    neg = np.array([0.8, 0.1, 0.2])
    assert bench.auc(pos, neg) < 1.0
    assert bench.within_prompt_auc({"tie": ([row(0.5)], [row(0.5)])}, 0) == 0.5
    assert np.isnan(bench.within_prompt_auc({"none": ([], [row(0.5)])}, 0))


def test_cv_logistic_auc_finds_a_signal_in_one_column_and_none_in_noise(bench: ModuleType) -> None:
    rng = np.random.default_rng(5)
    y = np.array([1] * 100 + [0] * 100)
    groups = [f"p{i % 20}" for i in range(200)]
    noise = rng.normal(size=(200, 4))
    signal = noise.copy()
    signal[:, 2] += 3.0 * y  # only the third component separates the classes
    signal[5, 1] = np.nan  # undefined components are imputed, not fatal
    assert bench.cv_logistic_auc(signal, y, groups) > 0.95
    assert 0.35 < bench.cv_logistic_auc(noise, y, groups) < 0.65


def test_auc_over_prompt_sets_grows_as_means_cover_more_prompts(bench: ModuleType) -> None:
    """Same-model pairs are closer on average but overlap with cross pairs prompt by prompt: averaging over
    more prompts separates them better, as the report's per-model means do."""
    from scoring.similarity import COMBINED
    from tests.synthetic_answers import TOPICS, WORDS

    rng = random.Random(11)

    def answer(model: str, topic: str) -> str:  # each model favours its own words, with much overlap
        favoured = WORDS[:8] if model == "a" else WORDS[6:14] if model == "b" else WORDS[12:]
        return f"{topic}: " + " ".join(rng.choice(favoured + WORDS) for _ in range(12)) + "."

    answers = bench.Answers()
    for model in ("a", "b", "c"):
        for topic in TOPICS:
            answers.features.setdefault(model, {})[topic] = {
                s: COMBINED.features(answer(model, topic)) for s in ("greedy", "s1001", "s1002")}
    g = 3
    pairs = bench.greedy_pair_scores(answers)
    curve = [bench.auc_over_prompt_sets(pairs, g, k, 300, np.random.default_rng(0)) for k in (1, 4, 16)]
    assert curve[0] < curve[1] < curve[2]
    assert curve[2] > 0.95
    assert np.isnan(bench.auc_over_prompt_sets(pairs, g, len(TOPICS) + 1, 10, np.random.default_rng(0)))


def test_a_models_contrast_holds_its_own_pairs_and_the_cross_pairs_it_is_in(bench: ModuleType) -> None:
    def pair(who: object, same: bool) -> object:
        return bench.PairScore("p1", same, who, np.zeros(4))

    pairs = [pair("a", True), pair("b", True), pair(("a", "b"), False), pair(("b", "c"), False)]
    assert [p.who for p in bench.involving(pairs, "a")] == ["a", ("a", "b")]
    assert [p.who for p in bench.involving(pairs, "c")] == [("b", "c")]  # near miss: no pairs of its own
