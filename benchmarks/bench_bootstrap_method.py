"""Percentile vs BCa bootstrap on the committed run: how much would scipy's default method move the intervals?

The report uses the percentile bootstrap (cost n_resamples * n; BCa's jackknife costs n**2 in the number of
prompts). This prints both intervals for every cross-model cell of the greedy similarity matrix and the
largest endpoint difference. Run: python benchmarks/bench_bootstrap_method.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from scipy.stats import bootstrap

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from distillbench.cases.recorded import recorded_rse_cases  # noqa: E402
from scoring.similarity.answers import GREEDY, exclusion_reason, prompt_sample  # noqa: E402
from scoring.stats.resampling import similarity_matrix  # noqa: E402


def main() -> None:
    greedy: dict[str, dict[str, str | None]] = {}
    for case in recorded_rse_cases(REPO / "cassettes"):
        prompt, sample = prompt_sample(case)
        if sample == GREEDY:
            greedy.setdefault(case["model"], {})[prompt] = None if exclusion_reason(case) else case["response"]["text"]
    prompts = sorted(set().union(*greedy.values()))
    answers = {m: [by_prompt.get(p) for p in prompts] for m, by_prompt in greedy.items()}
    worst = 0.0
    print("| granularity | pair | n | percentile | BCa |\n|---|---|---:|---|---|")
    for g in ("content", "structure", "style", "combined"):
        mat = similarity_matrix(answers, g)
        for i in range(len(mat.models)):
            for j in range(i + 1, len(mat.models)):
                x = mat.scores[i, j][np.isfinite(mat.scores[i, j])]
                ci = {m: bootstrap((x,), np.mean, n_resamples=2000, method=m, rng=np.random.default_rng(0))
                      .confidence_interval for m in ("percentile", "BCa")}
                pc, bca = ci["percentile"], ci["BCa"]
                worst = max(worst, abs(pc.low - bca.low), abs(pc.high - bca.high))
                print(f"| {g} | {mat.models[i]} / {mat.models[j]} | {x.size} | "
                      + " | ".join(f"[{c.low:.4f}, {c.high:.4f}]" for c in ci.values()) + " |")
    print(f"\nlargest endpoint difference: {worst:.4f}")


if __name__ == "__main__":
    main()
