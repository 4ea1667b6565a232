"""Validity of the judge-free RSE similarity on the committed cassettes: does it tell models apart, and is
its permutation test calibrated?

Run: `python benchmarks/bench_rse_validity.py [--cassettes cassettes] [--replicates 1000]`.
Reads `cassettes/<model>/rse-*.yaml` directly (no pytest, no server); cassettes may be partially recorded:
missing or unreadable files are counted and skipped. Refusals and blank answers are excluded, as in the
report. Prints markdown tables:

* ROC AUC (Mann-Whitney, ties count 1/2) of each granularity for separating same-model pairs from
  different-model pairs on the same prompt. "greedy": greedy vs its own resample (A/A) against greedy vs
  another model's greedy - the contrast the report uses. "sampled": resample vs resample of one model
  against resamples of two models, which removes the greedy/sampled temperature confound. The 95% CI
  resamples prompts (pairs of one prompt are not independent).
* The same AUC on the first 25/50/75/100% of each answer's characters: whether separation still grows
  with length (if it has levelled off, recording longer answers would not help).
* False-positive rate at alpha 0.05 of the report's one-sided sign-flip test ("T is closer to R than the
  control C") where the null holds by construction: T and C are two resamples of the same model (the
  reference, which answers every prompt once per seed in `resample.seeds` + `resample.reference_seeds`).
  Each of `--replicates` A/A tests draws, per prompt, a fresh ordered pair of distinct resamples, against a
  fixed R (the model's own greedy answer, then each other model's). Resamples are i.i.d., so every replicate
  is a true null; with 12 resamples (132 ordered pairs per prompt) replicates share little, and the
  rejection rate estimates the false-positive rate, pooled with a Wilson interval (indicative: replicates
  share answers).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy.stats import permutation_test

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from distillbench.cases.recorded import recorded_rse_cases  # noqa: E402
from scoring.similarity import COMBINED, STRUCTURE  # noqa: E402
from scoring.similarity.answers import GREEDY, exclusion_reason, prompt_sample  # noqa: E402
from scoring.similarity.content import content_components  # noqa: E402
from scoring.similarity.section import GRANULARITIES, CombinedFeatures, granularity_scores  # noqa: E402
from scoring.similarity.style import style_components  # noqa: E402
from scoring.stats.intervals import wilson_interval  # noqa: E402

__all__ = [
    "Answers", "PairScore", "auc", "auc_by_pair", "auc_over_prompt_sets", "by_prompt", "cv_logistic_auc",
    "greedy_pair_scores", "main", "pair_scores", "read_answers", "sign_flip_pvalues", "within_prompt_auc",
]



@dataclass
class Answers:
    """Usable answers as features, keyed model -> prompt -> sample, and what was left out."""

    features: dict[str, dict[str, dict[str, CombinedFeatures]]] = field(default_factory=dict)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)

    def count(self, model: str, what: str) -> None:
        row = self.counts.setdefault(model, {"greedy": 0, "resample": 0, "refused": 0, "empty": 0, "unreadable": 0})
        row[what] += 1


def read_answers(root: Path, prefix: float = 1.0, samples: set[str] | None = None) -> Answers:
    """Usable answers under `root`; with `prefix` < 1 only that share of each answer's characters, and with
    `samples` only those samples (e.g. {"greedy", "s1001"})."""
    answers = Answers()
    for case in recorded_rse_cases(root):
        model, (prompt, sample) = case["model"], prompt_sample(case)
        if samples is not None and sample not in samples:
            continue
        reason = exclusion_reason(case)  # the report's rule: failed (unreadable), empty or refused
        if reason is not None:
            answers.count(model, "unreadable" if reason == "failed" else reason)
            continue
        answers.count(model, "greedy" if sample == GREEDY else "resample")
        text = case["response"]["text"]
        cut = text[: max(1, round(len(text) * prefix))]
        answers.features.setdefault(model, {}).setdefault(prompt, {})[sample] = COMBINED.features(cut)
    return answers


def auc(pos: NDArray[np.float64], neg: NDArray[np.float64]) -> float:
    """P(a positive scores above a negative), ties 1/2: the Mann-Whitney U over n_pos * n_neg."""
    if pos.size == 0 or neg.size == 0:
        return float("nan")
    values = np.concatenate([pos, neg])
    order = np.argsort(values, kind="mergesort")
    _, first, counts = np.unique(values[order], return_index=True, return_counts=True)
    ranks = np.empty(values.size)
    ranks[order] = np.repeat(first + (counts + 1) / 2.0, counts)  # 1-based, ties get their average rank
    u = ranks[: pos.size].sum() - pos.size * (pos.size + 1) / 2.0
    return float(u / (pos.size * neg.size))


Scored = dict[str, tuple[list[NDArray[np.float64]], list[NDArray[np.float64]]]]  # prompt -> (pos, neg) rows


def shared_samples(answers: Answers) -> set[str]:
    """Samples (greedy, s1001, ...) that every model answered somewhere: the reference's extra resamples
    are left out of the AUC so that each model contributes the same number of same-model pairs."""
    per_model = [{s for samples in by_p.values() for s in samples} for by_p in answers.features.values()]
    return set.intersection(*per_model) if per_model else set()


@dataclass(frozen=True)
class PairScore:
    """One scored pair of answers to one prompt: two samples of one model (`same`, `who` the model) or the
    same sample of two models (`who` the pair)."""

    prompt: str
    same: bool
    who: str | tuple[str, str]
    scores: NDArray[np.float64]


Pairing = Callable[[dict[str, CombinedFeatures]], list[tuple[Any, Any]]]
Scorer = Callable[[CombinedFeatures, CombinedFeatures], Any]


def pair_scores(answers: Answers, same: Pairing, cross_sample: str,
                score: Scorer = granularity_scores) -> list[PairScore]:
    """Every same-model pair `same` picks and every different-model pair of `cross_sample` answers, per prompt,
    scored by `score` (the granularities by default): the one enumeration every table here reads."""
    out: list[PairScore] = []
    prompts = sorted({p for by_p in answers.features.values() for p in by_p})
    keep = shared_samples(answers)
    for prompt in prompts:
        own = {m: {s: f for s, f in by_p[prompt].items() if s in keep}
               for m, by_p in answers.features.items() if prompt in by_p}
        out += [PairScore(prompt, True, m, np.array(score(a, b), dtype=np.float64))
                for m, samples in own.items() for a, b in same(samples)]
        out += [PairScore(prompt, False, (a, b), np.array(score(own[a][cross_sample], own[b][cross_sample]),
                                                          dtype=np.float64))
                for a, b in combinations(sorted(own), 2) if cross_sample in own[a] and cross_sample in own[b]]
    return out


def by_prompt(pairs: list[PairScore]) -> Scored:
    """Per prompt, the scores of same-model pairs (positives) and of different-model pairs."""
    out: Scored = {}
    for pair in pairs:
        out.setdefault(pair.prompt, ([], []))[0 if pair.same else 1].append(pair.scores)
    return out


def _greedy_vs_resample(samples: dict[str, CombinedFeatures]) -> list[tuple[Any, Any]]:
    return [(samples[GREEDY], f) for s, f in sorted(samples.items()) if s != GREEDY and GREEDY in samples]


def greedy_pair_scores(answers: Answers, score: Scorer = granularity_scores) -> list[PairScore]:
    """The report's contrast: each model's greedy answer against its resamples (A/A), and the greedy answers of
    every two models."""
    return pair_scores(answers, _greedy_vs_resample, GREEDY, score)


def _resample_vs_resample(samples: dict[str, CombinedFeatures]) -> list[tuple[Any, Any]]:
    resamples = [f for s, f in sorted(samples.items()) if s != GREEDY]
    return list(combinations(resamples, 2))


def _auc_row(scored: Scored, g: int, rng: np.random.Generator, n_boot: int) -> tuple[float, float, float, int, int]:
    prompts = [p for p, (pos, neg) in scored.items() if pos or neg]

    def stack(rows: list[NDArray[np.float64]]) -> NDArray[np.float64]:
        return np.array([r[g] for r in rows], dtype=np.float64)

    per = {p: (stack(scored[p][0]), stack(scored[p][1])) for p in prompts}
    pos, neg = (np.concatenate([per[p][k] for p in prompts]) if prompts else np.empty(0) for k in (0, 1))
    boots = []
    for _ in range(n_boot if prompts else 0):
        pick = rng.integers(0, len(prompts), len(prompts))
        value = auc(np.concatenate([per[prompts[i]][0] for i in pick]),
                    np.concatenate([per[prompts[i]][1] for i in pick]))
        if not np.isnan(value):
            boots.append(value)
    low, high = np.quantile(boots, [0.025, 0.975]) if boots else (np.nan, np.nan)
    return auc(pos, neg), float(low), float(high), int(pos.size), int(neg.size)


def within_prompt_auc(scored: Scored, g: int) -> float:
    """AUC counting only (same, cross) pairs of one prompt: how often a same-model pair beats a different-model
    pair on the same prompt, which is the comparison the report's paired tests make. Prompts whose baseline
    similarity is high for every pair (short factual answers) no longer mix with prompts where it is low."""
    wins = total = 0.0
    for pos_rows, neg_rows in scored.values():
        if not pos_rows or not neg_rows:
            continue
        pos = np.array([r[g] for r in pos_rows])[:, None]
        neg = np.array([r[g] for r in neg_rows])[None, :]
        wins += float(np.sum(pos > neg) + 0.5 * np.sum(pos == neg))
        total += pos.size * neg.size
    return wins / total if total else float("nan")


def component_scores(fa: CombinedFeatures, fb: CombinedFeatures) -> list[float]:
    """Every component the granularities average (content and style parts, the structure score); nan kept."""
    return [*content_components(fa[0], fb[0]).values(), STRUCTURE.compare(fa[1], fb[1]),
            *style_components(fa[2], fb[2]).values()]


def cv_logistic_auc(x: NDArray[np.float64], y: NDArray[np.int64], groups: list[str], folds: int = 5,
                    l2: float = 1.0, steps: int = 3000) -> float:
    """AUC of a ridge logistic regression on `x`, each row scored by a model fitted on the other folds
    (folds split by prompt, so no prompt is both trained on and scored): the best any weighting of these
    components separates the classes, estimated without fitting the rows it scores."""
    x = np.where(np.isnan(x), np.nanmean(x, axis=0), x)
    names = sorted(set(groups))
    fold_of = {g: i % folds for i, g in enumerate(np.random.default_rng(0).permutation(names))}
    fold = np.array([fold_of[g] for g in groups])
    scores = np.zeros(len(y))
    for k in range(folds):
        train, test = fold != k, fold == k
        mu, sd = x[train].mean(axis=0), x[train].std(axis=0) + 1e-9
        z = (x[train] - mu) / sd
        w, b = np.zeros(x.shape[1]), 0.0
        for _ in range(steps):  # gradient descent on the mean log loss + l2 / n * |w|^2 / 2
            err = 1.0 / (1.0 + np.exp(-(z @ w + b))) - y[train]
            w -= 0.5 * (z.T @ err / len(err) + l2 * w / len(err))
            b -= 0.5 * float(err.mean())
        scores[test] = ((x[test] - mu) / sd) @ w + b
    return auc(scores[y == 1], scores[y == 0])


def weighting_ceiling(answers: Answers) -> tuple[float, int]:
    """Cross-validated AUC of the best weighting of all component scores (greedy A/A vs cross), and how many
    components: if this stays below the target, no choice of weights reaches it."""
    pairs = greedy_pair_scores(answers, component_scores)
    x = np.array([p.scores for p in pairs])
    return cv_logistic_auc(x, np.array([int(p.same) for p in pairs]), [p.prompt for p in pairs]), x.shape[1]


def _sum_difference(x: NDArray[np.float64], y: NDArray[np.float64], axis: int = -1) -> NDArray[np.float64]:
    out: NDArray[np.float64] = np.sum(x - y, axis=axis)
    return out


def sign_flip_pvalues(d: NDArray[np.float64], subsets: NDArray[np.int64], n_permutations: int,
                      rng: np.random.Generator) -> NDArray[np.float64]:
    """One-sided p-values of mean(d[subset]) > 0 for each row of `subsets` (all of one size), from one scipy
    paired permutation test whose random swaps are shared by all subsets: the report's scheme
    (`scoring.similarity.section`), so the rate measured here is that of the report's test."""
    diffs = d[subsets]  # n_subsets x size
    res = permutation_test((diffs, np.zeros_like(diffs)), _sum_difference, permutation_type="samples",
                           vectorized=True, n_resamples=n_permutations, alternative="greater", axis=-1,
                           batch=max(1, 4_000_000 // diffs.size), rng=rng)
    pvalues: NDArray[np.float64] = np.asarray(res.pvalue, dtype=np.float64)
    return pvalues


def _resample_similarities(answers: Answers, min_resamples: int = 4) -> list[tuple[str, str, NDArray[np.float64]]]:
    """For each model with at least `min_resamples` resamples (the reference, with its extra seeds) and each
    reference answer R (its own greedy answer, then every other model's): S[p, i, g] = similarity of its
    i-th resample to R on prompt p at granularity g (prompts where every resample and R are present)."""
    f = answers.features
    out: list[tuple[str, str, NDArray[np.float64]]] = []
    for m, by_p in sorted(f.items()):
        seeds = sorted({s for samples in by_p.values() for s in samples if s != GREEDY}, key=lambda s: int(s[1:]))
        if len(seeds) < min_resamples:
            continue
        for r in [m, *sorted(set(f) - {m})]:
            rows = [[granularity_scores(samples[s], f[r][p][GREEDY]) for s in seeds]
                    for p, samples in sorted(by_p.items())
                    if all(s in samples for s in seeds) and GREEDY in f[r].get(p, {})]
            if rows:
                out.append((m, r, np.array(rows)))
    return out


def aa_repairing_pvalues(sims: NDArray[np.float64], replicates: int, permutations: int,
                         rng: np.random.Generator) -> NDArray[np.float64]:
    """A/A tests by random re-pairing: each replicate draws, for every prompt, two distinct resamples and tests
    sim(A, R) > sim(B, R) over the prompts (one-sided sign flip, as the report), A being the one of lower seed
    (recorded first). If resamples are i.i.d. draws the null holds in every replicate and the rejection rate
    is the test's false-positive rate; anything that makes a seed or the recording order matter (server
    state, caching) shows as a rate above alpha. `sims` is (prompts, k) with columns in seed order."""
    n_p, k = sims.shape
    first = rng.integers(0, k, size=(replicates, n_p))
    other = (first + rng.integers(1, k, size=(replicates, n_p))) % k  # a different resample
    a, b = np.minimum(first, other), np.maximum(first, other)
    diffs = sims[np.arange(n_p), a] - sims[np.arange(n_p), b]  # replicates x prompts
    return sign_flip_pvalues(diffs.ravel(), np.arange(diffs.size).reshape(replicates, n_p), permutations, rng)


def _print_auc_by_length(root: Path, rng: np.random.Generator) -> None:
    """Does separation still grow with answer length? If it has levelled off, longer answers would not help."""
    print("\n## AUC (greedy A/A vs cross) on answer prefixes: does more text separate models better?\n")
    print("| share of each answer | " + " | ".join(GRANULARITIES) + " |")
    print("|---|" + "---|" * len(GRANULARITIES))
    shared = shared_samples(read_answers(root, samples={GREEDY, "s1001", "s1002"}))
    for share in (0.25, 0.5, 0.75, 1.0):
        scored = by_prompt(greedy_pair_scores(read_answers(root, share, shared)))
        cells = [f"{_auc_row(scored, g, rng, 0)[0]:.3f}" for g in range(len(GRANULARITIES))]
        print(f"| {share:.0%} | " + " | ".join(cells) + " |")


def _split(pairs: list[PairScore], g: int) -> tuple[dict[str, dict[str, list[float]]],
                                                   dict[tuple[str, str], dict[str, float]]]:
    """Granularity-`g` scores by prompt: each model's A/A scores, and each pair of models' cross score."""
    same: dict[str, dict[str, list[float]]] = {}
    cross: dict[tuple[str, str], dict[str, float]] = {}
    for pair in pairs:
        if isinstance(pair.who, str):
            same.setdefault(pair.who, {}).setdefault(pair.prompt, []).append(float(pair.scores[g]))
        else:
            cross.setdefault(pair.who, {})[pair.prompt] = float(pair.scores[g])
    return same, cross


def auc_by_pair(pairs: list[PairScore], g: int) -> dict[tuple[str, tuple[str, str]], float]:
    """AUC at granularity `g` of each model's A/A pairs (greedy vs resample) against each pair of models'
    greedy answers: which models the measure tells apart, and which it confuses."""
    same, cross = _split(pairs, g)
    return {(m, pair): auc(np.array([x for xs in same[m].values() for x in xs]), np.array(list(xs.values())))
            for m in sorted(same) for pair, xs in cross.items()}


def auc_over_prompt_sets(pairs: list[PairScore], g: int, k: int, draws: int, rng: np.random.Generator) -> float:
    """AUC when each pair is judged by its mean over `k` prompts, as the report judges a model by its mean over
    the prompt set: each draw picks `k` prompts every model and pair answered, then scores every model's A/A
    mean (one random resample per prompt) and every cross pair's mean on them. k=1 is the single-answer AUC."""
    same, cross = _split(pairs, g)
    common = sorted(set.intersection(*(set(v) for v in [*same.values(), *cross.values()])))
    if len(common) < k:
        return float("nan")
    pos: list[float] = []
    neg: list[float] = []
    for _ in range(draws):
        chosen = rng.choice(len(common), size=k, replace=False)
        prompts = [common[i] for i in chosen]
        pos += [float(np.mean([by_p[p][rng.integers(len(by_p[p]))] for p in prompts])) for by_p in same.values()]
        neg += [float(np.mean([by_p[p] for p in prompts])) for by_p in cross.values()]
    return auc(np.array(pos), np.array(neg))


def _print_auc_over_prompt_sets(pairs: list[PairScore], rng: np.random.Generator, draws: int = 400) -> None:
    sizes = (1, 2, 4, 8, 16)
    print("\n## AUC when a pair is judged by its mean over k prompts (as the report judges models)\n")
    print("| granularity | " + " | ".join(f"k={k}" for k in sizes) + " |")
    print("|---|" + "---|" * len(sizes))
    for g, name in enumerate(GRANULARITIES):
        cells = [f"{auc_over_prompt_sets(pairs, g, k, draws, rng):.3f}" for k in sizes]
        print(f"| {name} | " + " | ".join(cells) + " |")


def involving(pairs: list[PairScore], model: str) -> list[PairScore]:
    """A model's own same-model pairs and every cross pair it is part of: the contrast that says whether this
    model, judged by its mean, is told apart from the others."""
    return [p for p in pairs if p.who == model or (not isinstance(p.who, str) and model in p.who)]


def _print_auc_per_model(contrasts: dict[str, list[PairScore]], rng: np.random.Generator, k: int = 8,
                         draws: int = 400) -> None:
    g = GRANULARITIES.index("combined")
    models = sorted({p.who for pairs in contrasts.values() for p in pairs if isinstance(p.who, str)})
    print(f"\n## Combined AUC per model over k = {k} prompts: its own pairs against the cross pairs it is in\n")
    print("| model | " + " | ".join(contrasts) + " |")
    print("|---|" + "---|" * len(contrasts))
    for m in models:
        cells = [f"{auc_over_prompt_sets(involving(pairs, m), g, k, draws, rng):.3f}" for pairs in contrasts.values()]
        print(f"| {m} | " + " | ".join(cells) + " |")


def _print_auc_by_pair(pairs: list[PairScore]) -> None:
    table = auc_by_pair(pairs, GRANULARITIES.index("combined"))
    pairs = sorted({pair for _, pair in table})
    print("\n## Combined AUC by pair: each model's A/A pairs against each pair of different models\n")
    print("| A/A of | " + " | ".join(f"{a} vs {b}" for a, b in pairs) + " |")
    print("|---|" + "---|" * len(pairs))
    for m in sorted({m for m, _ in table}):
        print(f"| {m} | " + " | ".join(f"{table[(m, pair)]:.3f}" for pair in pairs) + " |")


def _print_resample_fpr(answers: Answers, permutations: int, replicates: int, rng: np.random.Generator) -> None:
    nulls = _resample_similarities(answers)
    if not nulls:
        print("\nno model has 4+ resamples: add `reference_seeds` in fixtures/rse.toml and record them")
        return
    print(f"\n## A/A false-positive rate on the reference's own resamples, alpha 0.05 ({replicates} re-pairings "
          f"per reference answer, {permutations} sign flips)\n")
    print("| model (resamples) | compared with | prompts | " + " | ".join(GRANULARITIES) + " |")
    print("|---|---|---:|" + "---|" * len(GRANULARITIES))
    pooled: list[list[float]] = [[] for _ in GRANULARITIES]
    for m, r, sims in nulls:
        cells = []
        for g in range(len(GRANULARITIES)):
            ps = aa_repairing_pvalues(sims[:, :, g], replicates, permutations, rng)
            pooled[g] += list(ps)
            cells.append(f"{np.mean(ps < 0.05):.3f}")
        print(f"| {m} ({sims.shape[1]}) | {r} greedy | {sims.shape[0]} | " + " | ".join(cells) + " |")
    cells = []
    for ps in pooled:
        hits = int(np.sum(np.array(ps) < 0.05))
        lo, hi = wilson_interval(hits, len(ps))
        cells.append(f"{hits / len(ps):.3f} [{lo:.3f}, {hi:.3f}]")
    print("| **pooled** | | | " + " | ".join(cells) + " |")
    print("\nWilson intervals treat the re-pairings as independent; they share answers, so read them as indicative.")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cassettes", type=Path, default=REPO / "cassettes")
    parser.add_argument("--permutations", type=int, default=2000)
    parser.add_argument("--bootstrap", type=int, default=500, help="prompt resamples for the AUC interval")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--replicates", type=int, default=1000, help="A/A re-pairings per reference answer")
    args = parser.parse_args(argv)
    rng = np.random.default_rng(args.seed)
    answers = read_answers(args.cassettes)

    print(f"## RSE answers found under {args.cassettes}\n")
    print("| model | greedy | resamples | refused | empty | unreadable |\n|---|---:|---:|---:|---:|---:|")
    for model, c in sorted(answers.counts.items()):
        print(f"| {model} | {c['greedy']} | {c['resample']} | {c['refused']} | {c['empty']} | {c['unreadable']} |")
    total = sum(c["greedy"] + c["resample"] for c in answers.counts.values())
    print(f"\n{total} usable answers from {len(answers.counts)} model(s)")
    if len(answers.features) < 2:
        print("\nnot enough data: need RSE answers of at least two models (record them first)")
        return 0

    print("\n## Same-model vs different-model separation (ROC AUC, 95% CI over prompts)\n")
    print("| granularity | AUC greedy (A/A vs cross) | n same / cross | AUC sampled | n same / cross "
          "| AUC greedy, within prompt |")
    print("|---|---|---|---|---|---|")
    greedy = greedy_pair_scores(answers)
    greedy_pairs = by_prompt(greedy)
    sampled_pairs = by_prompt(pair_scores(answers, _resample_vs_resample, "s1001"))
    for g, name in enumerate(GRANULARITIES):
        cells = []
        for scored in (greedy_pairs, sampled_pairs):
            a, lo, hi, n_pos, n_neg = _auc_row(scored, g, rng, args.bootstrap)
            cells += [f"{a:.3f} [{lo:.3f}, {hi:.3f}]", f"{n_pos} / {n_neg}"]
        cells.append(f"{within_prompt_auc(greedy_pairs, g):.3f}")
        print(f"| {name} | " + " | ".join(cells) + " |")

    ceiling, n_components = weighting_ceiling(answers)
    print(f"\nBest weighting of the {n_components} component scores (ridge logistic regression, 5-fold "
          f"cross-validation by prompt): AUC {ceiling:.3f}")
    _print_auc_by_pair(greedy)
    _print_auc_over_prompt_sets(greedy, rng)
    sampled = pair_scores(answers, _resample_vs_resample, "s1001")
    _print_auc_per_model({"greedy vs sampled (A/A), greedy cross": greedy,
                          "sampled vs sampled (A/A), sampled cross": sampled}, rng)
    _print_auc_by_length(args.cassettes, rng)
    _print_resample_fpr(answers, args.permutations, args.replicates, rng)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
