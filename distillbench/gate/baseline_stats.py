"""The paired statistics behind `distillbench.gate.baseline`: McNemar's exact test, and per-prompt RSE similarities.

Why paired: a baseline and a new run asked the *same* probes, so comparing case by case (and prompt by
prompt) removes the between-probe variance that two independent rates would carry; with ~100 probes that
is the difference between seeing a regression and not.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from scipy.stats import binomtest

from scoring.similarity import COMBINED, CONTENT, STRUCTURE, STYLE
from scoring.similarity.answers import GREEDY, exclusion_reason, prompt_sample

__all__ = ["GRANULARITIES", "greedy_answers", "mcnemar_exact", "prompt_similarities"]

GRANULARITIES = ("content", "structure", "style", "combined")


def mcnemar_exact(b: int, c: int) -> float:
    """Two-sided exact McNemar p-value for b and c discordant pairs (changed one way / the other way).

    Under H0 each discordant pair goes either way with probability 1/2, so b is Binomial(b + c, 1/2): the
    exact McNemar test is scipy's exact binomial test on the discordant pairs (for p = 1/2 its two-sided
    p-value is twice the smaller tail, capped at 1). No discordant pair gives p = 1.
    """
    if b < 0 or c < 0:
        raise ValueError(f"discordant counts must be >= 0, got b={b}, c={c}")
    if b + c == 0:
        return 1.0
    return float(binomtest(b, b + c, 0.5, alternative="two-sided").pvalue)


def greedy_answers(cases: Iterable[Mapping[str, Any]]) -> dict[tuple[str, str], str]:
    """(model, prompt id) -> the usable greedy answer: passed, not blank, not a refusal.

    The same exclusions as the report's similarity section, so a baseline comparison averages over the
    answers the section averages over."""
    out: dict[tuple[str, str], str] = {}
    for case in sorted(cases, key=lambda c: str(c.get("id"))):
        if case.get("kind") != "rse" or case.get("status") != "passed":
            continue
        prompt, sample = prompt_sample(case)
        if sample != GREEDY or exclusion_reason(case) is not None:
            continue
        out.setdefault((str(case["model"]), prompt), case["response"]["text"])
    return out


def prompt_similarities(answers: Mapping[tuple[str, str], str], test: str, reference: str,
                        prompts: Sequence[str]) -> dict[str, list[float]]:
    """Granularity -> per-prompt similarity of test's and reference's greedy answers, in `prompts` order.

    Every prompt must have both answers; features are extracted once per answer, and combined is the
    unweighted mean of the three granularities, as in the report."""
    out: dict[str, list[float]] = {g: [] for g in GRANULARITIES}
    for prompt in prompts:
        fa, fb = COMBINED.features(answers[test, prompt]), COMBINED.features(answers[reference, prompt])
        c, s, y = CONTENT.compare(fa[0], fb[0]), STRUCTURE.compare(fa[1], fb[1]), STYLE.compare(fa[2], fb[2])
        for g, v in zip(GRANULARITIES, (c, s, y, (c + s + y) / 3.0), strict=True):
            out[g].append(float(v))
    return out
