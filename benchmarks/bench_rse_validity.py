"""Validity of the judge-free RSE similarity on the committed cassettes: does it tell models apart, and is
its permutation test calibrated?

Run: `python benchmarks/bench_rse_validity.py [--cassettes cassettes] [--subsamples 200] [--size 32]`.
Reads `cassettes/<model>/rse-*.yaml` directly (no pytest, no server); cassettes may be partially recorded:
missing or unreadable files are counted and skipped. Refusals and blank answers are excluded, as in the
report. Prints markdown tables:

* ROC AUC (Mann-Whitney, ties count 1/2) of each granularity for separating same-model pairs from
  different-model pairs on the same prompt. "greedy": greedy vs its own resample (A/A) against greedy vs
  another model's greedy - the contrast the report uses. "sampled": resample vs resample of one model
  against resamples of two models, which removes the greedy/sampled temperature confound. The 95% CI
  resamples prompts (pairs of one prompt are not independent).
* False-positive rate at alpha 0.05 of the report's one-sided sign-flip test on two constructions where
  the null holds exactly (two i.i.d. resamples given the greedy answer are exchangeable):
  "aa-split"  - per model, sim(greedy, s1001) vs sim(greedy, s1002);
  "same-ctl"  - per (model M, reference R), sim(M s1001, R greedy) vs sim(M s1002, R greedy): the
                report's "T closer to R than control C" with T and C the same model, so T is not closer.
  Tested on the full prompt set and on many random prompt subsets of `--size`; subsets overlap, so their
  outcomes are correlated and the rate is an estimate without a simple interval.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from numpy.typing import NDArray

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from scoring.resampling import paired_permutation_test  # noqa: E402
from scoring.rse_aggregate import GRANULARITIES, CombinedFeatures, granularity_scores  # noqa: E402
from scoring.rse_case import is_refusal  # noqa: E402
from scoring.similarity import COMBINED  # noqa: E402
from scoring.similarity.text import is_blank  # noqa: E402

__all__ = ["Answers", "auc", "main", "read_answers", "sign_flip_pvalues"]

GREEDY = "greedy"
_NAME = re.compile(r"^rse-(?P<prompt>.+?)(?:--(?P<sample>s\d+))?$")


@dataclass
class Answers:
    """Usable answers as features, keyed model -> prompt -> sample, and what was left out."""

    features: dict[str, dict[str, dict[str, CombinedFeatures]]] = field(default_factory=dict)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)

    def count(self, model: str, what: str) -> None:
        row = self.counts.setdefault(model, {"greedy": 0, "resample": 0, "refused": 0, "empty": 0, "unreadable": 0})
        row[what] += 1


def _answer_text(path: Path) -> str | None:
    """The assistant's text of the cassette's first interaction, or None when it is not there (yet)."""
    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
        response = data["interactions"][0]["response"]
        if int(response["status"]["code"]) != 200:
            return None
        text = json.loads(response["body"]["string"])["choices"][0]["message"]["content"]
    except (OSError, UnicodeDecodeError, yaml.YAMLError, ValueError, KeyError, IndexError, TypeError):
        return None
    return text if isinstance(text, str) else None


def read_answers(root: Path) -> Answers:
    answers = Answers()
    for folder in sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []:
        for path in sorted(folder.glob("rse-*.yaml")):
            match = _NAME.match(path.stem)
            if match is None:
                continue
            model, prompt, sample = folder.name, match["prompt"], match["sample"] or GREEDY
            text = _answer_text(path)
            if text is None:
                answers.count(model, "unreadable")
            elif is_blank(text):
                answers.count(model, "empty")
            elif is_refusal(text):
                answers.count(model, "refused")
            else:
                answers.count(model, "greedy" if sample == GREEDY else "resample")
                answers.features.setdefault(model, {}).setdefault(prompt, {})[sample] = COMBINED.features(text)
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


def _pairs(answers: Answers, same: Callable[[dict[str, CombinedFeatures]], list[tuple[Any, Any]]],
           cross_sample: str) -> Scored:
    """Per prompt, the granularity scores of same-model pairs (positives) and different-model pairs."""
    out: Scored = {}
    prompts = sorted({p for by_p in answers.features.values() for p in by_p})
    for prompt in prompts:
        own = {m: by_p[prompt] for m, by_p in answers.features.items() if prompt in by_p}
        pos = [np.array(granularity_scores(a, b)) for samples in own.values() for a, b in same(samples)]
        neg = [np.array(granularity_scores(own[a][cross_sample], own[b][cross_sample]))
               for a, b in combinations(sorted(own), 2) if cross_sample in own[a] and cross_sample in own[b]]
        out[prompt] = (pos, neg)
    return out


def _greedy_vs_resample(samples: dict[str, CombinedFeatures]) -> list[tuple[Any, Any]]:
    return [(samples[GREEDY], f) for s, f in sorted(samples.items()) if s != GREEDY and GREEDY in samples]


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


def sign_flip_pvalues(d: NDArray[np.float64], subsets: NDArray[np.int64], n_permutations: int,
                      rng: np.random.Generator) -> NDArray[np.float64]:
    """One-sided p-values of mean(d[subset]) > 0 for each row of `subsets` (all of one size), with one
    random sign matrix shared by all subsets: the Monte Carlo scheme of the report's permutation tests."""
    diffs = d[subsets].T  # size x n_subsets
    signs = rng.integers(0, 2, size=(n_permutations, subsets.shape[1])) * 2.0 - 1.0
    observed = diffs.sum(axis=0)
    tol = 1e-9 * max(1.0, float(np.abs(diffs).max()))
    pvalues: NDArray[np.float64] = (1 + np.sum(signs @ diffs >= observed - tol, axis=0)) / (1 + n_permutations)
    return pvalues


def _null_diffs(answers: Answers) -> dict[str, list[NDArray[np.float64]]]:
    """Per null construction, one (prompts x granularities) difference matrix per model, or per
    (model, reference) pair; every comparison is run once for all granularities."""
    f = answers.features
    out: dict[str, list[NDArray[np.float64]]] = {"aa-split": [], "same-ctl": []}

    def diff(a: CombinedFeatures, b: CombinedFeatures, ref: CombinedFeatures) -> NDArray[np.float64]:
        return np.subtract(granularity_scores(a, ref), granularity_scores(b, ref))

    for m, by_p in sorted(f.items()):
        full = [s for _, s in sorted(by_p.items()) if {GREEDY, "s1001", "s1002"} <= s.keys()]
        if full:
            out["aa-split"].append(np.array([diff(s["s1001"], s["s1002"], s[GREEDY]) for s in full]))
        for r in sorted(set(f) - {m}):
            common = [(s, f[r][p][GREEDY]) for p, s in sorted(by_p.items())
                      if {"s1001", "s1002"} <= s.keys() and GREEDY in f[r].get(p, {})]
            if common:
                out["same-ctl"].append(np.array([diff(s["s1001"], s["s1002"], ref) for s, ref in common]))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cassettes", type=Path, default=REPO / "cassettes")
    parser.add_argument("--subsamples", type=int, default=200, help="random prompt subsets per null vector")
    parser.add_argument("--size", type=int, default=32, help="prompts per subset (capped at half the prompts)")
    parser.add_argument("--permutations", type=int, default=2000)
    parser.add_argument("--bootstrap", type=int, default=500, help="prompt resamples for the AUC interval")
    parser.add_argument("--seed", type=int, default=0)
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
    print("| granularity | AUC greedy (A/A vs cross) | n same / cross | AUC sampled | n same / cross |")
    print("|---|---|---|---|---|")
    greedy_pairs = _pairs(answers, _greedy_vs_resample, GREEDY)
    sampled_pairs = _pairs(answers, _resample_vs_resample, "s1001")
    for g, name in enumerate(GRANULARITIES):
        cells = []
        for scored in (greedy_pairs, sampled_pairs):
            a, lo, hi, n_pos, n_neg = _auc_row(scored, g, rng, args.bootstrap)
            cells += [f"{a:.3f} [{lo:.3f}, {hi:.3f}]", f"{n_pos} / {n_neg}"]
        print(f"| {name} | " + " | ".join(cells) + " |")

    print(f"\n## Permutation test false-positive rate at alpha 0.05 (null true; {args.permutations} sign flips)\n")
    print("| granularity | null | vectors | full-set FPR | subsets | subset size | subset FPR | mean p |")
    print("|---|---|---:|---|---:|---:|---:|---:|")
    nulls = _null_diffs(answers)
    for g, name in enumerate(GRANULARITIES):
        for null, matrices in nulls.items():
            vectors = [d[:, g] for d in matrices]
            full = [paired_permutation_test(d, np.zeros_like(d), args.permutations, seed=[args.seed, g, k]).p_value
                    for k, d in enumerate(vectors)]
            ps: list[float] = []
            sizes = set()
            for d in vectors:
                size = min(args.size, d.size // 2)
                if size < 5:
                    continue
                sizes.add(size)
                subsets = np.array([rng.choice(d.size, size, replace=False) for _ in range(args.subsamples)])
                ps += list(sign_flip_pvalues(d, subsets, args.permutations, rng))
            fpr_full = f"{sum(p < 0.05 for p in full)}/{len(full)}"
            fpr_sub = f"{np.mean(np.array(ps) < 0.05):.3f}" if ps else "n/a"
            mean_p = f"{np.mean(ps):.3f}" if ps else "n/a"
            size_text = ",".join(map(str, sorted(sizes))) or "-"
            print(f"| {name} | {null} | {len(vectors)} | {fpr_full} | {len(ps)} | {size_text} | {fpr_sub} | {mean_p} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
