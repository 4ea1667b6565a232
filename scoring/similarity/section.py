"""The report's RSE similarity section: per granularity, who answers like whom, against a noise ceiling.

Only the xdist controller calls this, once every RSE case has reported; the result depends only on the
set of cases and the seed, never on their order. Similarity is computed on the *greedy* answers (the
model's deterministic reply); the resamples (temperature > 0, one seed each) only feed the A/A ceiling.

Why a ceiling and a floor: a raw similarity of 0.6 means nothing by itself. The ceiling is how similar a
model is to *itself* when asked again (A/A), the floor how similar an unrelated model is to the
reference; the homogenization index places a pair between the two (see `scoring.stats.resampling`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy.stats import permutation_test

from scoring.similarity import COMBINED, CONTENT, STRUCTURE, STYLE, to_likert
from scoring.similarity.answers import GREEDY, exclusion_reason, prompt_sample
from scoring.similarity.content import ContentFeatures
from scoring.similarity.structure import StructureFeatures
from scoring.similarity.style import StyleFeatures
from scoring.stats.resampling import bootstrap_mean_ci, homogenization_index, paired_permutation_test

__all__ = [
    "DIAGONAL_NOTE",
    "GRANULARITIES",
    "REASONS",
    "CombinedFeatures",
    "granularity_scores",
    "similarity_section",
]

GRANULARITIES = ("content", "structure", "style", "combined")
REASONS = ("failed", "skipped", "missing", "empty", "refused")
DIAGONAL_NOTE = ("diagonal cells hold the model's A/A similarity (its greedy answer vs its own resamples, "
                 "see 'ceiling'), not the trivial 1.0 of an answer compared with itself")
_CHUNK = 4_000_000  # max permuted-data entries held at once

Key = tuple[str, str, str]  # (model, prompt_id, sample)
CombinedFeatures = tuple[ContentFeatures, StructureFeatures, StyleFeatures]


@dataclass(frozen=True)
class _Answers:
    """Usable answers of the non-judge models, and why the others were left out."""

    models: list[str]
    prompts: list[str]
    texts: dict[Key, str]
    excluded: dict[str, list[dict[str, str]]]


def _num(x: float | None) -> float | None:
    """JSON has no NaN: an undefined value is null."""
    return None if x is None or math.isnan(x) else float(x)


def _collect(cases: Iterable[Mapping[str, Any]], roles: Mapping[str, str]) -> _Answers:
    rse = [c for c in cases if c.get("kind") == "rse" and roles.get(str(c.get("model")), "test") != "judge"]
    # Sorted first so that a duplicated case id resolves the same way whatever the input order.
    rse.sort(key=lambda c: (str(c.get("id")), str(c.get("status")), str((c.get("response") or {}).get("text"))))
    chosen: dict[Key, Mapping[str, Any]] = {}
    for case in rse:
        chosen.setdefault((str(case["model"]), *prompt_sample(case)), case)
    models, prompts = sorted({k[0] for k in chosen}), sorted({k[1] for k in chosen})
    texts: dict[Key, str] = {}
    excluded: dict[str, list[dict[str, str]]] = {m: [] for m in models}
    for key in sorted(chosen, key=lambda k: (k[0], k[1], k[2] != GREEDY, k[2])):
        reason = exclusion_reason(chosen[key])
        if reason is None:
            texts[key] = chosen[key]["response"]["text"]
        else:
            excluded[key[0]].append({"prompt_id": key[1], "sample": key[2], "reason": reason})
    for m in models:  # a greedy answer that never arrived (e.g. a partial run) is named too
        excluded[m] += [{"prompt_id": p, "sample": GREEDY, "reason": "missing"}
                        for p in prompts if (m, p, GREEDY) not in chosen]
        excluded[m].sort(key=lambda e: (e["prompt_id"], e["sample"] != GREEDY, e["sample"]))
    return _Answers(models, prompts, texts, excluded)


def granularity_scores(fa: CombinedFeatures, fb: CombinedFeatures) -> tuple[float, float, float, float]:
    """Scores in `GRANULARITIES` order from features extracted once (`COMBINED.features`); combined is the
    unweighted mean of the three, as in `scoring.similarity.combined` (a test guards that the two agree),
    recomposed here so that no comparison runs twice."""
    c, s, y = CONTENT.compare(fa[0], fb[0]), STRUCTURE.compare(fa[1], fb[1]), STYLE.compare(fa[2], fb[2])
    return c, s, y, (c + s + y) / 3.0


def _scores(run: _Answers) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Per-prompt scores: cross[g, i, j, p] between greedy answers, self_[g, i, p] the A/A mean (nan: unusable)."""
    cache: dict[str, CombinedFeatures] = {}  # identical answers (common at temperature 0) share features
    feats = {key: cache[text] if text in cache else cache.setdefault(text, COMBINED.features(text))
             for key, text in run.texts.items()}
    n_m, n_p, n_g = len(run.models), len(run.prompts), len(GRANULARITIES)
    cross, self_ = np.full((n_g, n_m, n_m, n_p), np.nan), np.full((n_g, n_m, n_p), np.nan)
    resamples: dict[tuple[str, str], list[CombinedFeatures]] = {}
    for (model, prompt, sample), f in sorted(feats.items()):
        if sample != GREEDY:
            resamples.setdefault((model, prompt), []).append(f)
    for p, prompt in enumerate(run.prompts):
        greedy = [feats.get((m, prompt, GREEDY)) for m in run.models]
        for i, j in combinations(range(n_m), 2):
            fi, fj = greedy[i], greedy[j]
            if fi is not None and fj is not None:
                cross[:, i, j, p] = cross[:, j, i, p] = granularity_scores(fi, fj)
        for i, model in enumerate(run.models):
            own, g = resamples.get((model, prompt), []), greedy[i]
            pairs = [(g, r) for r in own] if g is not None else list(combinations(own, 2))
            if pairs:
                self_[:, i, p] = np.mean([granularity_scores(a, b) for a, b in pairs], axis=0)
    return cross, self_


def _ci(values: NDArray[np.float64], n_resamples: int, seed: Sequence[int]) -> dict[str, Any]:
    ci = bootstrap_mean_ci(values, n_resamples, seed=list(seed))
    return {"mean": _num(ci.mean), "n": ci.n, "ci_low": _num(ci.ci_low), "ci_high": _num(ci.ci_high)}


def _sum_difference(x: NDArray[np.float64], y: NDArray[np.float64], axis: int = -1) -> NDArray[np.float64]:
    out: NDArray[np.float64] = np.sum(x - y, axis=axis)
    return out


def _permutations(x: NDArray[np.float64], ys: dict[str, NDArray[np.float64]], n_permutations: int,
                  seed: Sequence[int]) -> list[dict[str, Any]]:
    """Sign-flip tests of mean(x - y_c) > 0 for every control c, on the prompts x and y_c share.

    One scipy `permutation_test` (paired, permutation_type="samples") serves every control: the same random
    swaps are applied to each control's pairs, and a prompt a control lacks enters as (0, 0), which a swap
    leaves at 0; so the cost is one call instead of one per control. Small n is enumerated exactly by
    `paired_permutation_test`. Each p-value is valid on its own; they are correlated across controls."""
    out: dict[str, dict[str, Any]] = {}
    mc: list[str] = []
    for name, y in ys.items():
        n = int(np.sum(np.isfinite(x) & np.isfinite(y)))
        if n == 0 or 2**n <= n_permutations:
            r = paired_permutation_test(x, y, n_permutations, seed=list(seed))
            out[name] = {"control": name, "mean_difference": _num(r.mean_difference), "p_value": _num(r.p_value),
                         "n": r.n, "alternative": "greater"}
        else:
            mc.append(name)
    if mc:
        y_mc = np.stack([ys[name] for name in mc])
        used = np.isfinite(y_mc) & np.isfinite(x)
        xs, y_mc = np.where(used, x, 0.0), np.where(used, y_mc, 0.0)
        observed = np.sum(xs - y_mc, axis=-1)
        res = permutation_test((xs, y_mc), _sum_difference, permutation_type="samples", vectorized=True,
                               n_resamples=n_permutations, batch=max(1, _CHUNK // xs.size), alternative="greater",
                               axis=-1, rng=np.random.default_rng(list(seed)))
        pvalues = np.atleast_1d(res.pvalue)
        for k, name in enumerate(mc):
            n = int(used[k].sum())
            out[name] = {"control": name, "mean_difference": float(observed[k] / n),
                         "p_value": float(pvalues[k]), "n": n, "alternative": "greater"}
    return [out[name] for name in sorted(out)]


def _reference(models: list[str], roles: Mapping[str, str], reference: str | None) -> str | None:
    if reference is not None:
        if reference not in models:
            raise ValueError(f"reference model {reference!r} is not among the non-judge models with RSE answers "
                             f"in this run: {', '.join(models) or '(none)'}")
        return reference
    marked = [m for m in models if roles.get(m) == "reference"]
    if len(marked) > 1:
        raise ValueError(f"several models have role 'reference' ({', '.join(marked)}); pass reference= to choose")
    return marked[0] if marked else None


def similarity_section(cases: Iterable[Mapping[str, Any]], roles: Mapping[str, str], *,
                       reference: str | None = None, seed: int = 0, n_resamples: int = 2000,
                       n_permutations: int = 10000) -> dict[str, Any]:
    """The report's "similarity" section (plain JSON types, null where undefined) from RSE case dicts.

    * Cases of other kinds and of judge models are ignored; a model absent from `roles` counts as "test".
    * A prompt counts for a pair only when both greedy answers are usable (not failed, skipped, missing,
      blank or a refusal); every excluded answer is listed under "excluded" with its reason.
    * Ceiling (A/A) of a model: per prompt, the mean similarity of its greedy answer to each of its usable
      resamples (like a pair's cell, one side is a greedy answer; resample-vs-resample pairs, two noisy
      sides, would pull the ceiling down as resamples are added), then a bootstrap CI over prompts. When the
      greedy answer is unusable, the mean over pairs of resamples (at least two) stands in.
      Resamples run at temperature > 0, so this ceiling is conservative (lower than greedy-vs-greedy
      could be): a close distillate may exceed it, and its homogenization index is then clipped at 1.
    * Floor of a pair (T, R): the least similar *other* non-reference model to R (an unrelated model).
    * Every bootstrap and permutation stream has its own seed derived from `seed` and the sorted model
      indices, so results are reproducible and independent of case order.
    """
    run = _collect(cases, roles)
    ref = _reference(run.models, roles, reference)
    cross, self_ = _scores(run)
    models, n_m = run.models, len(run.models)
    ceiling = {m: {g: _ci(self_[k, i], n_resamples, (seed, 1, k, i)) for k, g in enumerate(GRANULARITIES)}
               for i, m in enumerate(models)}
    cells: list[dict[tuple[int, int], dict[str, Any]]] = []
    matrix: dict[str, Any] = {"models": models, "diagonal": DIAGONAL_NOTE}
    for k, g in enumerate(GRANULARITIES):
        cell = {(i, j): _ci(cross[k, i, j], n_resamples, (seed, 0, k, i, j)) for i, j in combinations(range(n_m), 2)}
        cell |= {(j, i): v for (i, j), v in list(cell.items())}
        cell |= {(i, i): ceiling[m][g] for i, m in enumerate(models)}
        cells.append(cell)
        matrix[g] = {stat: [[cell[i, j][stat] for j in range(n_m)] for i in range(n_m)]
                     for stat in ("mean", "ci_low", "ci_high", "n")}
    pairs = []
    r = models.index(ref) if ref is not None else -1
    for t, test in enumerate(models):
        if ref is None or t == r:
            continue
        others = [c for c in range(n_m) if c not in (t, r)]
        results = {}
        for k, g in enumerate(GRANULARITIES):
            sim, ceil = cells[k][t, r], ceiling[ref][g]
            floors = sorted((cells[k][c, r]["mean"], models[c]) for c in others if cells[k][c, r]["mean"] is not None)
            floor = cells[k][models.index(floors[0][1]), r] if floors else None
            hi = (homogenization_index(sim["mean"], floor["mean"], ceil["mean"])
                  if floor is not None and sim["mean"] is not None and ceil["mean"] is not None else math.nan)
            results[g] = {
                "similarity": sim, "likert": None if sim["mean"] is None else _num(to_likert(sim["mean"])),
                "ceiling": ceil, "floor": floor, "floor_model": floors[0][1] if floors else None,
                "homogenization_index": _num(hi),
                "permutation": _permutations(cross[k, t, r], {models[c]: cross[k, c, r] for c in others},
                                             n_permutations, (seed, 2, k, t)),
            }
        pairs.append({"test": test, "reference": ref, "granularities": results})
    return {
        "reference": ref, "granularities": list(GRANULARITIES), "models": models, "n_prompts": len(run.prompts),
        "settings": {"seed": seed, "n_resamples": n_resamples, "n_permutations": n_permutations, "alpha": 0.05},
        "excluded": run.excluded, "matrix": matrix, "ceiling": ceiling, "pairs": pairs,
    }
