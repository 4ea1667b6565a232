"""The distillation lab measured: does the suite see students distilled from a known teacher at graded doses?

Reads the report of a replay of the lab (`make lab-report` writes `reports/lab/distillation.json`) and prints:

1. dose-response: per student, RSE similarity to the teacher per granularity (mean, 95% CI over prompts), the
   homogenization index, similarity to the control source (the untouched SmolLM2), and ICE loose/strict/hard
   with Wilson intervals, with how many contradictions name the teacher's maker;
2. the report's decisions: (a) each dose >= 25% against the 0% student, paired permutation test over prompts
   on similarity to the teacher (the report's own test), and McNemar's exact test on ICE; (b) the 0% student
   against the untouched model (fine-tuning alone is not distillation);
3. (c) power: the probability that (a) says "closer" at alpha 0.05 when only k of the prompts are used
   (1,000 bootstrap samples of k prompts each, the same sign-flip test), and the smallest k with 80% power;
4. Spearman's rho of similarity over the doses;
and draws `fixtures/lab/dose_response.png`.

    python benchmarks/bench_lab.py [reports/lab/distillation.json] [--plot PATH] [--draws N]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

import numpy as np
from scipy.stats import spearmanr

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from distillbench.gate.baseline_stats import greedy_answers, mcnemar_exact, prompt_similarities  # noqa: E402
from scoring.similarity.section import GRANULARITIES  # noqa: E402

TEACHER = "qwen2.5-coder-0.5b-instruct"
UNTOUCHED = "smollm2-135m-instruct"
STUDENT = re.compile(r"^lab-student-(\d{3})$")
ALPHA = 0.05
KS = (8, 16, 24, 32, 48, 64, 96, 128, 160)


def _f(x: float | None, digits: int = 3) -> str:
    return "-" if x is None or (isinstance(x, float) and np.isnan(x)) else f"{x:.{digits}f}"


def _ci(d: dict[str, Any] | None) -> str:
    if not d or d.get("mean", d.get("score")) is None:
        return "-"
    mid = d.get("mean", d.get("score"))
    return f"{_f(mid)} [{_f(d['ci_low'], 2)}, {_f(d['ci_high'], 2)}]"


def students(report: dict[str, Any]) -> dict[int, str]:
    """Dose (percent) -> model name, for every lab student in the report."""
    out = {}
    for name in report["models"]:
        m = STUDENT.match(name)
        if m:
            out[int(m.group(1))] = name
    return dict(sorted(out.items()))


def pair(report: dict[str, Any], test: str) -> dict[str, Any] | None:
    for p in report["similarity"]["pairs"]:
        if p["test"] == test and p["reference"] == TEACHER:
            return p["granularities"]  # type: ignore[no-any-return]
    return None


def permutation_p(grans: dict[str, Any], granularity: str, control: str) -> float | None:
    for entry in grans[granularity]["permutation"]:
        if entry["control"] == control:
            return entry["p_value"]  # type: ignore[no-any-return]
    return None


def matrix_mean(report: dict[str, Any], granularity: str, a: str, b: str) -> float | None:
    sim = report["similarity"]
    models = sim["models"]
    if a not in models or b not in models:
        return None
    return sim["matrix"][granularity]["mean"][models.index(a)][models.index(b)]  # type: ignore[no-any-return]


def ice_cases(report: dict[str, Any], model: str) -> dict[str, dict[str, Any]]:
    return {c["probe_id"]: c for c in report["cases"]
            if c.get("model") == model and c.get("kind") == "ice" and c.get("status") == "passed"
            and not (c.get("ice") or {}).get("control")}


def ice_mcnemar(report: dict[str, Any], a: str, b: str, field: str = "contradiction") -> tuple[float, int, int]:
    """Exact McNemar p (two-sided) of `a` vs `b` on the ICE cases both answered, with the discordant counts."""
    ca, cb = ice_cases(report, a), ice_cases(report, b)
    shared = ca.keys() & cb.keys()
    only_a = sum(1 for k in shared if ca[k]["ice"][field] and not cb[k]["ice"][field])
    only_b = sum(1 for k in shared if cb[k]["ice"][field] and not ca[k]["ice"][field])
    return mcnemar_exact(only_a, only_b), only_a, only_b


def teacher_named(report: dict[str, Any], model: str) -> tuple[int, int]:
    """(contradictions naming the teacher's maker or family, contradictions) of a model's ICE cases."""
    named = total = 0
    for case in ice_cases(report, model).values():
        if not case["ice"]["contradiction"]:
            continue
        total += 1
        vendors = {c["vendor"] for c in case["ice"]["claims"] if c["contradicts"]}
        names = " ".join(c["name"] for c in case["ice"]["claims"] if c["contradicts"]).lower()
        named += "alibaba" in vendors or "qwen" in names or "alibaba" in names
    return named, total


def per_prompt(report: dict[str, Any], model: str, granularity: str) -> dict[str, float]:
    """Prompt id -> similarity of the model's greedy answer to the teacher's, on the prompts both answered."""
    answers = greedy_answers(report["cases"])
    prompts = sorted(p for (m, p) in answers if m == model and (TEACHER, p) in answers)
    return dict(zip(prompts, prompt_similarities(answers, model, TEACHER, prompts)[granularity], strict=True))


def sign_flip_power(diffs: np.ndarray, k: int, draws: int, perms: int, rng: np.random.Generator) -> float:
    """Share of `draws` bootstrap samples of k prompts (drawn with replacement, so k may equal the prompt count and
    still vary) on which a one-sided sign-flip test of mean(diff) > 0 rejects at ALPHA: Monte Carlo p with `perms`
    flips and scipy's +1 correction. The same flips serve every sample (common random numbers), so the whole
    curve is one matrix product per k."""
    n = len(diffs)
    idx = rng.integers(0, n, size=(draws, k))
    sub = diffs[idx]
    flips = rng.choice((-1.0, 1.0), size=(perms, idx.shape[1]))
    null = np.abs(sub) @ flips.T
    observed = sub.sum(axis=1)
    p = (np.sum(null >= observed[:, None] - 1e-12, axis=1) + 1) / (perms + 1)
    return float(np.mean(p <= ALPHA))


def prompts_for_power(diffs: np.ndarray, target: float, draws: int, perms: int, rng: np.random.Generator) -> int | None:
    """The smallest k (at most the prompt count) at which `sign_flip_power` reaches `target`, by bisection (power
    grows with k); None when even all the prompts do not reach it."""
    n = len(diffs)
    if n == 0 or sign_flip_power(diffs, n, draws, perms, rng) < target:
        return None
    lo, hi = 1, n  # power(hi) >= target
    while lo < hi:
        mid = (lo + hi) // 2
        if sign_flip_power(diffs, mid, draws, perms, rng) >= target:
            hi = mid
        else:
            lo = mid + 1
    return hi


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("report", nargs="?", default=str(ROOT / "reports" / "lab" / "distillation.json"))
    p.add_argument("--plot", default=str(ROOT / "fixtures" / "lab" / "dose_response.png"))
    p.add_argument("--draws", type=int, default=1000)
    p.add_argument("--perms", type=int, default=1000)
    p.add_argument("--heldout", default=None, help="the held-out RSE report, drawn beside MT-Bench in the plot")
    args = p.parse_args(argv)
    path = Path(args.report)
    if not path.is_file():
        print(f"no lab report at {path}; replay the lab first: make lab-report", file=sys.stderr)
        return 2
    report = json.loads(path.read_text(encoding="utf-8"))
    doses = students(report)
    if 0 not in doses:
        print(f"{path}: no lab-student-000 (the 0% student) in the report", file=sys.stderr)
        return 2
    zero = doses[0]

    print("## Dose-response (similarity to the teacher, 95% CI over prompts)\n")
    print("| model | dose | " + " | ".join(GRANULARITIES) + " | homog. index (combined) | sim. to untouched "
          "(combined) |")
    print("|---|---|" + "---|" * len(GRANULARITIES) + "---|---|")
    rows = [(None, UNTOUCHED)] + [(d, m) for d, m in doses.items()]
    means: dict[str, dict[int, float]] = {g: {} for g in GRANULARITIES}
    for dose, model in rows:
        grans = pair(report, model)
        if grans is None:
            continue
        cells = [_ci(grans[g]["similarity"]) for g in GRANULARITIES]
        if dose is not None:
            for g in GRANULARITIES:
                means[g][dose] = grans[g]["similarity"]["mean"]
        to_control = matrix_mean(report, "combined", model, UNTOUCHED) if model != UNTOUCHED else None
        print(f"| {model} | {'-' if dose is None else f'{dose}%'} | " + " | ".join(cells)
              + f" | {_f(grans['combined']['homogenization_index'])} | {_f(to_control)} |")

    has_ice = any(c.get("kind") == "ice" for c in report["cases"])
    if has_ice:
        _ice_table(report, rows)
    _decisions(report, doses, zero, has_ice)

    ordered = sorted(means["combined"])
    if len(ordered) >= 3:
        rhos = {g: float(spearmanr(ordered, [means[g][d] for d in ordered]).statistic) for g in GRANULARITIES}
        print(f"\nMonotone: Spearman rho of similarity over doses {ordered}: "
              + ", ".join(f"{g} {_f(r)}" for g, r in rhos.items()))
    _power(report, doses, zero, args.draws, args.perms)
    if has_ice:
        heldout = json.loads(Path(args.heldout).read_text(encoding="utf-8")) if args.heldout else None
        _plot(report, doses, Path(args.plot), heldout)
        print(f"plot: {args.plot}")
    return 0


def _ice_table(report: dict[str, Any], rows: list[tuple[int | None, str]]) -> None:
    print("\n## ICE (Wilson 95% CI; contradictions naming the teacher's maker or family)\n")
    print("| model | dose | loose | strict | hard | naming the teacher |")
    print("|---|---|---|---|---|---|")
    for dose, model in [(None, TEACHER), *rows]:
        ice = report["models"][model]["ice"]
        named, total = teacher_named(report, model)
        print(f"| {model} | {'-' if dose is None else f'{dose}%'} | {_ci(ice['loose'])} | {_ci(ice['strict'])} | "
              f"{_ci(ice['hard'])} | {named}/{total} |")


def _decisions(report: dict[str, Any], doses: dict[int, str], zero: str, has_ice: bool) -> None:
    print("\n## Decisions at alpha 0.05\n")
    print("(a) each dose against the 0% student: is the student closer to the teacher? (the report's paired "
          "permutation test, one-sided)" + (", and ICE loose/strict (McNemar, exact, two-sided)" if has_ice else "")
          + "\n")
    ice_head = " ICE loose p (+/-) | ICE strict p |" if has_ice else ""
    print("| student | " + " | ".join(f"p {g}" for g in GRANULARITIES) + " |" + ice_head)
    print("|---|" + "---|" * len(GRANULARITIES) + ("---|---|" if has_ice else ""))
    for dose, model in doses.items():
        if dose == 0:
            continue
        grans = pair(report, model)
        assert grans is not None
        ps = [_f(permutation_p(grans, g, zero), 4) for g in GRANULARITIES]
        ice_cells = ""
        if has_ice:
            loose_p, plus, minus = ice_mcnemar(report, model, zero)
            strict_p, _, _ = ice_mcnemar(report, model, zero, "strict")
            ice_cells = f" {_f(loose_p, 4)} ({plus}/{minus}) | {_f(strict_p, 4)} |"
        print(f"| {model} | " + " | ".join(ps) + " |" + ice_cells)
    grans0 = pair(report, zero)
    assert grans0 is not None
    b_ps = [_f(permutation_p(grans0, g, UNTOUCHED), 4) for g in GRANULARITIES]
    line = (f"\n(b) the 0% student against the untouched model (a p below 0.05 would call fine-tuning alone "
            f"distillation): {', '.join(f'{g} p = {v}' for g, v in zip(GRANULARITIES, b_ps, strict=True))}")
    if has_ice:
        b_ice, plus, minus = ice_mcnemar(report, zero, UNTOUCHED)
        line += f"; ICE loose McNemar p = {_f(b_ice, 4)} ({plus}/{minus})"
    print(line)


def _power(report: dict[str, Any], doses: dict[int, str], zero: str, draws: int, perms: int) -> None:
    print(f"\n## (c) Power: P(paired test says 'closer than the 0% student' at alpha 0.05) using k prompts "
          f"({draws} bootstrap samples each)\n")
    rng = np.random.default_rng(20250101)
    for g in ("combined", "content"):
        zero_sims = per_prompt(report, zero, g)
        n_total = len(zero_sims)
        ks = [k for k in KS if k < n_total] + [n_total]
        print(f"### {g}\n")
        print("| student | " + " | ".join(f"k={k}" for k in ks) + " | k for 80% power |")
        print("|---|" + "---|" * (len(ks) + 1))
        for dose, model in doses.items():
            if dose == 0:
                continue
            sims = per_prompt(report, model, g)
            shared = sorted(sims.keys() & zero_sims.keys())
            diffs = np.array([sims[k] - zero_sims[k] for k in shared])
            power = [sign_flip_power(diffs, k, draws, perms, rng) for k in ks]
            needed = prompts_for_power(diffs, 0.8, draws, perms, rng)
            print(f"| {model} | " + " | ".join(_f(x, 2) for x in power)
                  + f" | {needed if needed is not None else f'> {len(diffs)}'} |")
        print()


def _rse_panel(ax: Any, report: dict[str, Any], doses: dict[int, str], title: str) -> None:
    xs = list(doses)
    for g, marker in zip(GRANULARITIES, "osd^", strict=True):
        ys, lo, hi = [], [], []
        for d in xs:
            grans = pair(report, doses[d])
            sim = grans[g]["similarity"] if grans else {"mean": np.nan, "ci_low": np.nan, "ci_high": np.nan}
            ys.append(sim["mean"])
            lo.append(sim["mean"] - sim["ci_low"])
            hi.append(sim["ci_high"] - sim["mean"])
        ax.errorbar(xs, ys, yerr=[lo, hi], marker=marker, capsize=3, label=g)
    untouched = pair(report, UNTOUCHED)
    if untouched:
        ax.axhline(untouched["combined"]["similarity"]["mean"], color="grey", ls=":", label="untouched (combined)")
    ax.set(xlabel="teacher share of training answers (%)", ylabel="similarity to the teacher", title=title)
    ax.legend(fontsize=7)


def _plot(report: dict[str, Any], doses: dict[int, str], out: Path, heldout: dict[str, Any] | None = None) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    xs = list(doses)
    panels = 3 if heldout else 2
    fig, axes = plt.subplots(1, panels, figsize=(4.5 * panels, 3.6))
    _rse_panel(axes[0], report, doses, "RSE on MT-Bench prompts")
    if heldout:
        _rse_panel(axes[1], heldout, students(heldout), "RSE on held-out training-like prompts")
    right = axes[-1]
    for score, marker in (("loose", "o"), ("strict", "s")):
        ices = [report["models"][doses[d]]["ice"][score] for d in xs]
        right.errorbar(xs, [i["score"] for i in ices], marker=marker, capsize=3, label=score,
                       yerr=[[i["score"] - i["ci_low"] for i in ices], [i["ci_high"] - i["score"] for i in ices]])
    right.set(xlabel="teacher share of training answers (%)", ylabel="ICE rate", title="ICE contradictions")
    right.legend(fontsize=7)
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=80)
    plt.close(fig)


if __name__ == "__main__":
    raise SystemExit(main())
