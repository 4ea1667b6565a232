"""The short terminal table at the end of a run: per model, ICE scores with intervals and case counts."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from distillbench.report.json_file import ice_policy_of
from scoring.ice.claim_types import POLICIES

__all__ = ["check_lines", "summary_lines"]


def _cell(p: dict[str, Any]) -> str:
    return f"{p['score']:.3f} [{p['ci_low']:.2f}-{p['ci_high']:.2f}]"


def summary_lines(report: dict[str, Any], written: Sequence[Path]) -> list[str]:
    models = report["models"]
    width = max([len("model"), *(len(m) for m in models)])
    header = (f"{'model':<{width}}  {'cases':>9}  {'ICE loose':<20}  {'strict':<20}  {'hard':<20}  "
              f"{'control FP':<20}")
    lines = [header, "-" * len(header)]
    for name, scores in models.items():
        ice, cases = scores["ice"], scores["cases"]
        counts = f"{cases['passed']}/{cases['total']}"
        lines.append(f"{name:<{width}}  {counts:>9}  {_cell(ice['loose']):<20}  {_cell(ice['strict']):<20}  "
                     f"{_cell(ice['hard']):<20}  {_cell(ice['control_false_positive']):<20}")
    for name, scores in models.items():
        judge = scores["ice"].get("judge")
        if judge:
            agreement = judge["agreement_loose"]
            kappa = "n/a" if agreement["cohen_kappa"] is None else f"{agreement['cohen_kappa']:.2f}"
            lines.append(f"{name}: LLM judge {judge['judge']} loose {_cell(judge['loose'])}, strict "
                         f"{_cell(judge['strict'])}; agreement with the judge-free scorer kappa={kappa} "
                         f"(n={agreement['n']}, unparsed={agreement['unparsed']})")
    if report.get("similarity"):
        from distillbench.report.rse_text import similarity_summary_lines

        lines += similarity_summary_lines(report["similarity"])
    lines += check_lines(report)
    failed = sum(c["status"] == "failed" for c in report["cases"])
    if failed:
        lines.append(f"{failed} case(s) failed: their answers are missing from the scores (see the errors above)")
    policy = ice_policy_of(report["run"])
    described = POLICIES[policy].describe() if policy in POLICIES else "unknown to this version"
    lines.append(f"ICE verdicts under --ice-policy {policy} ({described})")
    lines.append("scores are proportions with Wilson 95% intervals; n = scored non-control probes per model")
    lines.append("reports: " + ", ".join(str(p) for p in written))
    return lines


def check_lines(report: dict[str, Any]) -> list[str]:
    """How the gates and the baseline comparison came out, one line each (a run's summary, `distillbench gate`)."""
    lines = []
    gates = report.get("gates", [])
    if gates:
        lines.append(f"gates {sum(g['passed'] for g in gates)}/{len(gates)} passed")
    baseline = report.get("baseline")
    if baseline and baseline["compatible"]:
        regressed = sum(not c["passed"] for c in baseline["checks"])
        lines.append(f"baseline {baseline['path']}: {len(baseline['checks'])} paired checks on "
                     f"{baseline['shared_cases']} shared cases, {regressed} regressed")
    return lines
