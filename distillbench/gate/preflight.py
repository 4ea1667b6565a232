"""Before the first call: can this run be compared with its baseline at all?

Everything needed is known before any model is called — the cases the suite will run, the probe sets they
use, and the baseline file — so a baseline from another probe set, an incomplete run, or one sharing too few
cases is refused at start-up (a usage error, exit 4) instead of after an hour of recording.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from distillbench.cases.suite import SuiteConfig
from distillbench.gate.baseline import IncompatibleBaseline, check_ice_policy, check_probe_sets
from distillbench.gate.baseline_match import baseline_problems, rename_models
from distillbench.gate.verdicts import RunChecks

__all__ = ["baseline_preflight"]


def baseline_preflight(suite: SuiteConfig, checks: RunChecks, kinds: Collection[str]) -> list[str]:
    """Problems with `checks.baseline` for the cases of `kinds` ("ice", "rse") this suite would run."""
    if checks.baseline is None:
        return []
    planned: list[tuple[str, str]] = []
    if "ice" in kinds:
        planned += [(c.id, c.model.name) for c in suite.ice_cases()]
    if "rse" in kinds:
        planned += [(c.id, c.model.name) for c in suite.rse_cases()]
    baseline = rename_models(checks.baseline, checks.model_map)
    skeleton: dict[str, Any] = {"run": {"probe_sets": [s.to_dict() for s in suite.probe_sets(rse="rse" in kinds)]},
                "cases": [{"kind": kind} for kind in kinds]}
    skeleton["run"]["ice_policy"] = suite.ice_policy
    problems = []
    for check in (check_probe_sets, check_ice_policy):
        try:
            check(skeleton, baseline)
        except IncompatibleBaseline as exc:
            problems.append(str(exc))
    return problems + baseline_problems(baseline, planned, checks.model_map)
