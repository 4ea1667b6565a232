"""Agreement of the judge-free ICE scorer with the paper's LLM-judge labels (loose and strict).

Run: `python benchmarks/bench_ice_agreement.py [--data DIR] [--disagreements N] [--policy NAME|both]`. Reads
the paper's data from `<repo>/../shared/data/paper-ice` (or `$DISTILLBENCH_SHARED/data/paper-ice`) in place;
never copies it. Prints the role-play policy used, then a markdown table per model and pooled: accuracy,
Cohen's kappa, predicted vs labelled rate, and whether the models rank the same.

The scorer sees what a live run sees: the answer and the full prompt (template with the question filled in),
from which it reads the identities the template assigned.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from distillbench.cli.ice_score import IceRow, full_prompt, read_ice_jsonl, read_strict_labels, row_key  # noqa: E402
from distillbench.paths import shared_data_dir  # noqa: E402
from scoring.ice.registry import resolve_identity  # noqa: E402
from scoring.ice.roleplay import assigned_identity  # noqa: E402
from scoring.ice.verdict import (  # noqa: E402
    COUNT_ALL_ROLEPLAY,
    DEFAULT_POLICY,
    OUT_OF_ROLE_ONLY,
    IcePolicy,
    IceVerdict,
    judge_identity,
)
from scoring.stats.intervals import accuracy, cohen_kappa  # noqa: E402

__all__ = ["POLICIES", "ModelResult", "evaluate_model", "main", "paper_ice_dir", "spearman"]

POLICIES: dict[str, IcePolicy] = {
    "default": DEFAULT_POLICY,
    "count-all-roleplay": COUNT_ALL_ROLEPLAY,
    "out-of-role-only": OUT_OF_ROLE_ONLY,
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
    """Score every readable row of `responses/<model>.jsonl` against its labels."""
    rows = tuple(r for r in read_ice_jsonl(data / "responses" / f"{model}.jsonl") if r.error is None)
    strict_file = data / "strict" / f"{model}.csv"
    strict_keys = read_strict_labels(strict_file) if strict_file.exists() else set()
    target = resolve_identity(model)
    verdicts = tuple(
        judge_identity(r.response, target, prompt=full_prompt(r.jailbreak_prompt, r.query), policy=policy) for r in rows
    )
    loose = tuple(bool(r.label) for r in rows)
    strict = tuple(bool(r.label) and row_key(r.jailbreak_prompt, r.query, r.response) in strict_keys for r in rows)
    return ModelResult(model, rows, verdicts, loose, strict)


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
    ap.add_argument(
        "--policy",
        choices=(*POLICIES, "both"),
        default="default",
        help="role-play policy; 'both' runs the default and count-all-roleplay",
    )
    args = ap.parse_args(argv)
    data = args.data or paper_ice_dir()
    if not (data / "responses").is_dir():
        print(f"paper ICE data not found at {data} (set DISTILLBENCH_SHARED)", file=sys.stderr)
        return 2
    models = args.models or sorted(p.stem for p in (data / "responses").glob("*.jsonl"))
    names = ["default", "count-all-roleplay"] if args.policy == "both" else [args.policy]
    for name in names:
        policy = POLICIES[name]
        results = [evaluate_model(data, m, policy) for m in models]
        print(f"## policy: {name} ({policy.describe()})")
        print()
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
