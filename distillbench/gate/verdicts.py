"""Run-level verdicts the controller adds to a built report: similarity, gates and the baseline comparison.

Kept apart from the case collection so the same steps apply to a merged report (`distillbench merge`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from distillbench.gate.baseline import IncompatibleBaseline, compare_to_baseline
from distillbench.gate.baseline_match import MIN_SHARED_CASES, rename_models
from distillbench.gate.gates import Gate, evaluate_gates, parse_gate
from scoring.errors import ConfigError

__all__ = ["RunChecks", "add_similarity", "apply_checks", "failed_checks", "load_baseline"]


@dataclass(frozen=True)
class RunChecks:
    """What the user asked the run to decide: gates, on which bound, and an optional baseline."""

    gates: tuple[Gate, ...] = ()
    gate_on: str = "point"
    baseline: dict[str, Any] | None = None
    baseline_path: str | None = None
    max_regression: float = 0.0
    sources: tuple[str, ...] = field(default=())
    model_map: dict[str, str] = field(default_factory=dict)  # this run's model -> the baseline's


def parse_gates(texts: Sequence[str]) -> tuple[Gate, ...]:
    """Parse every gate expression; GateSyntaxError (a ValueError) names the first bad one with the grammar."""
    return tuple(parse_gate(text) for text in texts if text.strip())


def load_baseline(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(path, "baseline report not found (--baseline)") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ConfigError(path, f"baseline is not a readable JSON report: {exc}") from None
    if not isinstance(data, dict) or "cases" not in data or "run" not in data:
        raise ConfigError(path, "baseline is not a distillation report (no run/cases)")
    return data


def add_similarity(report: dict[str, Any]) -> None:
    """Fill `similarity` from the RSE cases (nothing when the run had none)."""
    if not any(c.get("kind") == "rse" for c in report["cases"]):
        report["similarity"] = {}
        return
    from distillbench.judges.rse import judge_section
    from scoring.similarity.section import similarity_section

    models = report["run"]["models"]
    roles = {name: spec["role"] for name, spec in models.items()}
    section = similarity_section(report["cases"], roles)
    if section.get("reference") is None:
        section["warning"] = ("no model with role 'reference' is in this run, so no pair was compared with one; "
                              "add the reference to --models or give a model role = \"reference\"")
    judged = judge_section(report["cases"], {**models, **report["run"].get("judges", {})})
    if judged:
        section["judge"] = judged
    report["similarity"] = section


def apply_checks(report: dict[str, Any], checks: RunChecks) -> None:
    """Evaluate gates and the baseline into the report; an incompatible baseline becomes a failed check."""
    report["gates"] = [r.to_dict() for r in evaluate_gates(checks.gates, report, on=checks.gate_on)]  # type: ignore[arg-type]
    if checks.baseline is None:
        return
    mapped = {"model_map": dict(checks.model_map)} if checks.model_map else {}
    baseline = rename_models(checks.baseline, checks.model_map)
    try:
        comparison = compare_to_baseline(report, baseline, max_regression=checks.max_regression)
        if comparison.shared_cases < MIN_SHARED_CASES:
            raise IncompatibleBaseline(f"only {comparison.shared_cases} cases were scored in both runs; a paired "
                                       f"comparison needs at least {MIN_SHARED_CASES}")
    except IncompatibleBaseline as exc:
        report["baseline"] = {"path": checks.baseline_path, "compatible": False, "error": str(exc),
                              "shared_cases": 0, "checks": [], **mapped}
        return
    report["baseline"] = {"path": checks.baseline_path, "compatible": True, **comparison.to_dict(), **mapped}


def failed_checks(report: dict[str, Any]) -> list[str]:
    """One line per failed gate or baseline check, for the terminal and the exit status."""
    lines = [f"gate failed: {g['reason']}" for g in report.get("gates", []) if not g["passed"]]
    baseline = report.get("baseline")
    if baseline:
        if not baseline["compatible"]:
            lines.append(f"baseline refused: {baseline['error']}")
        lines += [f"baseline regression: {c['reason']}" for c in baseline["checks"] if not c["passed"]]
    return lines
