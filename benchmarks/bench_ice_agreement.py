"""Agreement of the judge-free ICE scorer with the rule labels and with the paper's LLM-judge labels, per policy.

Run: `python benchmarks/bench_ice_agreement.py [--data DIR] [--policy rule|paper|out-of-role|all]
[--disagreements N] [--which loose|strict] [--models ...]` (the old names default, count-all-roleplay,
out-of-role-only and both still work). Reads the paper's data from `<repo>/../shared/data/paper-ice` (or
`$DISTILLBENCH_SHARED/data/paper-ice`) in place; never copies it. Per policy it prints:

1. agreement with `rule_labels.jsonl` (labels that follow ICE_RULE.md), per model and pooled: Cohen's kappa on
   the sample as drawn, and the stratum-weighted estimates (the sample is stratified by the paper's label, so
   each row stands for N_h / n_h of the model's 1,000 answers): agreement, kappa with a stratified bootstrap
   interval, and the rule-label rate beside the scorer's;
2. agreement with the paper's labels on every answer: accuracy, kappa, predicted vs labelled rate, ranking.

The scorer sees what a live run sees: the answer and the full prompt (template with the question filled in).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from distillbench.cli.ice_score import IceRow, full_prompt  # noqa: E402
from distillbench.cli.ice_table import read_model, score_model  # noqa: E402
from distillbench.paths import shared_data_dir  # noqa: E402
from scoring.ice.claim_types import POLICIES, IcePolicy  # noqa: E402
from scoring.ice.registry import resolve_identity  # noqa: E402
from scoring.ice.roleplay import assigned_identity  # noqa: E402
from scoring.ice.verdict import DEFAULT_POLICY, IceVerdict  # noqa: E402
from scoring.stats.intervals import accuracy, cohen_kappa  # noqa: E402
from scoring.stats.stratified import weighted_agreement, weighted_kappa, weighted_rate  # noqa: E402

__all__ = ["ALIASES", "POLICIES", "ModelResult", "evaluate_model", "main", "paper_ice_dir", "rule_label_table",
           "spearman"]

# The names this benchmark took before the policies had user-facing names.
ALIASES: dict[str, tuple[str, ...]] = {
    "all": tuple(POLICIES),
    "both": ("rule", "paper"),
    "default": ("rule",),
    "count-all-roleplay": ("paper",),
    "out-of-role-only": ("out-of-role",),
}


def paper_ice_dir() -> Path:
    """The paper's ICE data folder (read-only, shared)."""
    return shared_data_dir() / "paper-ice"


@dataclass(frozen=True)
class ModelResult:
    """Predictions and labels of one model's 1,000 rows."""

    model: str
    rows: tuple[IceRow, ...]
    verdicts: tuple[IceVerdict, ...]
    loose_labels: tuple[bool, ...]
    strict_labels: tuple[bool, ...]

    @property
    def loose_pred(self) -> list[bool]:
        return [v.contradiction for v in self.verdicts]

    @property
    def strict_pred(self) -> list[bool]:
        return [v.strict for v in self.verdicts]


def evaluate_model(data: Path, model: str, policy: IcePolicy = DEFAULT_POLICY) -> ModelResult:
    """Score every readable row of `responses/<model>.jsonl` against its labels (as `distillbench ice-table`)."""
    run = score_model(read_model(data, model), resolve_identity(model), policy)
    strict = run.strict_labels if run.strict_labels is not None else tuple(False for _ in run.rows)
    return ModelResult(model, run.rows, run.verdicts, run.loose_labels, strict)


def rule_label_table(results: list[ModelResult], labels_path: Path) -> str:
    """Agreement with the rule labels, per model and pooled; stratum = (model, the paper's loose label), with
    the population sizes counted from the paper's labels on every answer."""
    by_model = {r.model: r for r in results}
    population: dict[tuple[str, bool], int] = {}
    for r in results:
        for paper_label in r.loose_labels:
            population[(r.model, paper_label)] = population.get((r.model, paper_label), 0) + 1
    sample: dict[str, list[tuple[tuple[str, bool], dict[str, tuple[bool, bool]]]]] = {}
    with open(labels_path, encoding="utf-8") as fh:
        for raw in fh:
            if not raw.strip():
                continue
            rec = json.loads(raw)
            res = by_model.get(rec["model"])
            if res is None or rec.get("contradiction") is None:
                continue  # a model not in this run, or a row left undecided (an opposite-answer voice)
            i = next(k for k, row in enumerate(res.rows) if row.line == rec["line"])
            verdict = res.verdicts[i]
            pairs = {"loose": (verdict.contradiction, bool(rec["contradiction"])),
                     "strict": (verdict.strict, bool(rec["strict"]))}
            sample.setdefault(rec["model"], []).append(((rec["model"], res.loose_labels[i]), pairs))
    lines: list[str] = []
    for which in ("loose", "strict"):
        lines += [f"### rule labels, {which}",
                  "| model | n | kappa (sample) | weighted agreement [95% CI] | weighted kappa [95% CI] | "
                  "scorer rate (weighted) | rule-label rate (weighted) [95% CI] |",
                  "|---|---|---|---|---|---|---|"]
        groups = [(m, rows) for m, rows in sample.items()] + [("**pooled**", [x for v in sample.values() for x in v])]
        for name, rows in groups:
            strata = [x[0] for x in rows]
            pred, lab = [x[1][which][0] for x in rows], [x[1][which][1] for x in rows]
            agree = weighted_agreement(pred, lab, strata, population)
            kappa = weighted_kappa(pred, lab, strata, population)
            ours, theirs = weighted_rate(pred, strata, population), weighted_rate(lab, strata, population)
            lines.append(f"| {name} | {len(rows)} | {cohen_kappa(pred, lab):.3f} | {agree.score:.3f} "
                         f"[{agree.ci_low:.3f}, {agree.ci_high:.3f}] | {kappa['kappa']:.3f} [{kappa['ci_low']:.3f}, "
                         f"{kappa['ci_high']:.3f}] | {ours.score:.3f} | {theirs.score:.3f} "
                         f"[{theirs.ci_low:.3f}, {theirs.ci_high:.3f}] |")
        lines.append("")
    return "\n".join(lines)


def _ranks(values: list[float]) -> list[float]:
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2.0
        i = j + 1
    return ranks


def spearman(a: list[float], b: list[float]) -> float:
    """Spearman rank correlation (ties averaged); 1.0 when either side is constant and they agree."""
    ra, rb = _ranks(a), _ranks(b)
    n = len(a)
    ma, mb = sum(ra) / n, sum(rb) / n
    cov = sum((x - ma) * (y - mb) for x, y in zip(ra, rb, strict=True))
    va = sum((x - ma) ** 2 for x in ra) ** 0.5
    vb = sum((y - mb) ** 2 for y in rb) ** 0.5
    return cov / (va * vb) if va and vb else float(ra == rb)


def _table(results: list[ModelResult], which: str) -> str:
    lines = [
        f"### {which}",
        "| model | n | accuracy | kappa | predicted rate | paper rate | error |",
        "|---|---|---|---|---|---|---|",
    ]
    pooled_p: list[bool] = []
    pooled_l: list[bool] = []
    pr: list[float] = []
    lr: list[float] = []
    for res in results:
        pred = res.loose_pred if which == "loose" else res.strict_pred
        lab = list(res.loose_labels if which == "loose" else res.strict_labels)
        pooled_p += pred
        pooled_l += lab
        p_rate, l_rate = sum(pred) / len(pred), sum(lab) / len(lab)
        pr.append(p_rate)
        lr.append(l_rate)
        lines.append(
            f"| {res.model} | {len(pred)} | {accuracy(pred, lab):.3f} | {cohen_kappa(pred, lab):.3f} | "
            f"{p_rate:.3f} | {l_rate:.3f} | {p_rate - l_rate:+.3f} |"
        )
    lines.append(
        f"| **pooled** | {len(pooled_p)} | {accuracy(pooled_p, pooled_l):.3f} | "
        f"{cohen_kappa(pooled_p, pooled_l):.3f} | {sum(pooled_p) / len(pooled_p):.3f} | "
        f"{sum(pooled_l) / len(pooled_l):.3f} | max abs {max(abs(x - y) for x, y in zip(pr, lr, strict=True)):.3f} |"
    )
    order_p = [r.model for _, r in sorted(zip(pr, results, strict=True), key=lambda t: -t[0])]
    order_l = [r.model for _, r in sorted(zip(lr, results, strict=True), key=lambda t: -t[0])]
    lines.append("")
    lines.append(f"ranking (predicted): {' > '.join(order_p)}")
    lines.append(f"ranking (paper):     {' > '.join(order_l)}")
    lines.append(f"same ranking: {order_p == order_l}; Spearman rho = {spearman(pr, lr):.3f}")
    return "\n".join(lines)


def _by_framing(results: list[ModelResult]) -> str:
    """Pooled loose kappa apart for probes whose template assigns an identity (a persona, a speaker tag) and
    probes whose template does not: where the two differ, the role-play rule, not claim detection, explains
    the gap (the paper's judge counts every persona; this project counts only what a role adds)."""
    groups: dict[bool, tuple[list[bool], list[bool]]] = {True: ([], []), False: ([], [])}
    for res in results:
        for row, p, lab in zip(res.rows, res.loose_pred, res.loose_labels, strict=True):
            assigns = bool(assigned_identity(full_prompt(row.jailbreak_prompt, row.query)).names)
            groups[assigns][0].append(p)
            groups[assigns][1].append(lab)
    lines = ["### loose, by framing", "| template | n | kappa | predicted rate | paper rate |", "|---|---|---|---|---|"]
    for assigns, (pred, lab) in sorted(groups.items()):
        if pred:
            lines.append(f"| {'assigns an identity' if assigns else 'assigns none'} | {len(pred)} | "
                         f"{cohen_kappa(pred, lab):.3f} | {sum(pred) / len(pred):.3f} | {sum(lab) / len(lab):.3f} |")
    return "\n".join(lines)


def _disagreements(results: list[ModelResult], limit: int, which: str) -> str:
    out: list[str] = []
    for res in results:
        pred = res.loose_pred if which == "loose" else res.strict_pred
        lab = res.loose_labels if which == "loose" else res.strict_labels
        shown = 0
        for row, v, p, lb in zip(res.rows, res.verdicts, pred, lab, strict=True):
            if p != lb and shown < limit:
                shown += 1
                kind = "FP" if p else "FN"
                ev = v.evidence or ""
                out.append(f"--- {res.model} line {row.line} {kind} ev={ev[:160]!r}\n    {row.response[:600]!r}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    """Print the agreement tables (and optionally some disagreements)."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=None, help="paper-ice folder (default: shared data)")
    ap.add_argument("--disagreements", type=int, default=0, help="show up to N disagreements per model")
    ap.add_argument("--which", choices=("loose", "strict"), default="loose")
    ap.add_argument("--models", nargs="*", default=None)
    ap.add_argument("--policy", choices=(*POLICIES, *ALIASES), default="rule",
                    help="rule (default), paper, out-of-role, or all of them")
    args = ap.parse_args(argv)
    data = args.data or paper_ice_dir()
    if not (data / "responses").is_dir():
        print(f"paper ICE data not found at {data} (set DISTILLBENCH_SHARED)", file=sys.stderr)
        return 2
    labels = data / "rule_labels.jsonl"
    models = args.models or sorted(p.stem for p in (data / "responses").glob("*.jsonl"))
    names = ALIASES.get(args.policy, (args.policy,))
    for name in names:
        policy = POLICIES[name]
        results = [evaluate_model(data, m, policy) for m in models]
        print(f"## policy: {name} ({policy.describe()})")
        print()
        if labels.is_file():
            print(rule_label_table(results, labels))
        else:
            print(f"(no rule labels at {labels})\n")
        print("### paper labels, every answer\n")
        print(_table(results, "loose"))
        print()
        print(_table(results, "strict"))
        print()
        print(_by_framing(results))
        print()
        if args.disagreements:
            print(_disagreements(results, args.disagreements, args.which))
            print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
