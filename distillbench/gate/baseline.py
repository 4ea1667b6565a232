"""Compare a run with a baseline report: did a model's identity consistency or homogenization change?

Two reports are comparable only when they asked the same things and read the answers the same way, so the
probe sets must match by id and content hash, and ICE verdicts must come from the same `--ice-policy`, first
(`IncompatibleBaseline` otherwise). Then every test is paired on what both runs share:
McNemar's exact test on the ICE cases both runs passed, a two-sided sign-flip permutation test on the
per-prompt RSE similarities both runs can compute. Each family of tests of one question (a pair's four
granularities, a model's three ICE scores) is Holm-adjusted, so a family flags a change that is not there at
most `alpha` of the time, not up to four times that. For both metrics higher is worse (more contradictions;
more similar to the reference, i.e. more homogenized), so ``change = after - before > 0`` is a change
for the worse. A check is ``regressed`` only when the change is significant at `alpha` and worse by more
than `max_regression` (absolute), so a CI job can tolerate noise and small, deliberate drifts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from distillbench.gate.baseline_stats import GRANULARITIES, greedy_answers, mcnemar_exact, prompt_similarities
from distillbench.report.json_file import ice_policy_of
from scoring.stats.multiplicity import holm
from scoring.stats.resampling import paired_permutation_test

__all__ = ["ICE_SCORES", "N_PERMUTATIONS", "BaselineCheck", "BaselineComparison", "IncompatibleBaseline",
           "check_ice_policy", "compare_to_baseline", "mcnemar_exact"]

ICE_SCORES = {"loose": "contradiction", "strict": "strict", "hard": "hard"}  # score -> case verdict field
N_PERMUTATIONS = 10000


class IncompatibleBaseline(ValueError):
    """The baseline asked different probes, so no difference between the runs could be attributed."""


@dataclass(frozen=True)
class BaselineCheck:
    """One paired comparison (a model's ICE score, or a pair's similarity at one granularity)."""

    metric: str
    before: float
    after: float
    test: str
    p_value: float
    n: int
    verdict: str
    reason: str
    model: str | None = None
    pair: tuple[str, str] | None = None
    granularity: str | None = None
    p_adjusted: float | None = None  # Holm over the check's family (a pair's granularities, a model's ICE scores)

    @property
    def change(self) -> float:
        return self.after - self.before

    @property
    def passed(self) -> bool:
        return self.verdict != "regressed"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"metric": self.metric}
        if self.pair is None:
            out["model"] = self.model
        else:
            out |= {"pair": list(self.pair), "granularity": self.granularity}
        out |= {"before": self.before, "after": self.after, "change": self.change, "test": self.test,
                "p_value": self.p_value}
        if self.p_adjusted is not None:
            out["p_adjusted"] = self.p_adjusted
        return out | {"n": self.n, "verdict": self.verdict, "passed": self.passed, "reason": self.reason}


@dataclass(frozen=True)
class BaselineComparison:
    """Every check of a run against its baseline; `passed` is False as soon as one check regressed."""

    baseline: Mapping[str, Any]
    shared_cases: int
    checks: tuple[BaselineCheck, ...]

    @property
    def passed(self) -> bool:
        return all(c.passed for c in self.checks)

    @property
    def regressions(self) -> tuple[BaselineCheck, ...]:
        return tuple(c for c in self.checks if not c.passed)

    def to_dict(self) -> dict[str, Any]:
        return {"baseline": dict(self.baseline), "shared_cases": self.shared_cases,
                "checks": [c.to_dict() for c in self.checks]}


def _kind_family(set_kind: str) -> str:
    return "rse" if set_kind.startswith("rse") else "ice"


def check_probe_sets(current: Mapping[str, Any], baseline: Mapping[str, Any]) -> None:
    """Raise IncompatibleBaseline unless every probe set the current run used (for a case kind it ran, of
    a set kind the baseline also has) is in the baseline with the same hash."""
    cur, base = current["run"]["probe_sets"], baseline["run"]["probe_sets"]
    ran = {c.get("kind") for c in current.get("cases", [])}
    base_kinds = {s["kind"] for s in base}
    base_sets = {(s["kind"], s["id"]): s for s in base}
    problems = []
    for s in cur:
        if s["kind"] not in base_kinds or _kind_family(s["kind"]) not in ran:
            continue
        other = base_sets.get((s["kind"], s["id"]))
        if other is None:
            problems.append(f"{s['kind']} set {s['id']!r} is missing from the baseline")
        elif other["hash"] != s["hash"]:
            problems.append(f"{s['kind']} set {s['id']!r} has hash {s['hash'][:19]}… here but "
                            f"{other['hash'][:19]}… in the baseline")
    if problems:
        raise IncompatibleBaseline("the baseline asked different probes (" + "; ".join(problems)
                                   + "), so rerun it with the same probe files or compare with a matching report")


def _ran_ice(report: Mapping[str, Any]) -> bool:
    return any(c.get("kind") == "ice" for c in report.get("cases", []))


def check_ice_policy(current: Mapping[str, Any], baseline: Mapping[str, Any]) -> None:
    """Raise IncompatibleBaseline when both runs scored ICE cases under different policies: the policy decides
    which answers are contradictions, so a change of verdict would measure the policy, not the model."""
    ours, theirs = ice_policy_of(current["run"]), ice_policy_of(baseline["run"])
    if ours != theirs and _ran_ice(current) and _ran_ice(baseline):
        raise IncompatibleBaseline(f"the baseline's ICE verdicts were made under --ice-policy {theirs} and this "
                                   f"run's under {ours}, so rerun one of them with the other's policy or compare "
                                   "with a report made under the same one")


def _verdict(change: float, p: float, alpha: float, max_regression: float,
             adjusted: float | None = None) -> tuple[str, str]:
    """(verdict, explanation) for a change where higher is worse; `adjusted` (Holm over the family), when given,
    is what is compared with alpha."""
    q = p if adjusted is None else adjusted
    shown = f"p={p:.2g}" if adjusted is None else f"p={p:.2g}, Holm-adjusted {adjusted:.2g}"
    if q < alpha and change > max_regression:
        return "regressed", f"{shown} < {alpha:g}: regressed"
    if q < alpha and change < 0:
        return "improved", f"{shown} < {alpha:g}: improved"
    if q < alpha and change > 0:
        return "no significant change", f"{shown} < {alpha:g}, but within max_regression {max_regression:g}"
    return "no significant change", f"{shown}: no significant change"


def _moved(before: float, after: float) -> str:
    word = "rose" if after > before else "fell" if after < before else "stayed"
    return f"{word} from {before:.3f} to {after:.3f}" if word != "stayed" else f"stayed at {after:.3f}"


def _ice_checks(cur: dict[str, Any], base: dict[str, Any], alpha: float, max_reg: float) -> list[BaselineCheck]:
    by_model: dict[str, list[tuple[Mapping[str, Any], Mapping[str, Any]]]] = {}
    for cid in sorted(cur):
        now, then = cur[cid], base[cid]
        if now.get("kind") == "ice" and "ice" in now and "ice" in then and not now["ice"].get("control"):
            by_model.setdefault(str(now["model"]), []).append((then["ice"], now["ice"]))
    checks = []
    for model, pairs in sorted(by_model.items()):
        n = len(pairs)
        rows = []
        for score, field in ICE_SCORES.items():
            flags = [(bool(t[field]), bool(w[field])) for t, w in pairs]
            better, worse = sum(t and not w for t, w in flags), sum(w and not t for t, w in flags)
            before, after = sum(t for t, _ in flags) / n, sum(w for _, w in flags) / n
            rows.append((score, better, worse, before, after, mcnemar_exact(better, worse)))
        for (score, better, worse, before, after, p), q in zip(rows, holm([r[-1] for r in rows]), strict=True):
            verdict, why = _verdict(after - before, p, alpha, max_reg, q)
            reason = (f"ice.{score} of {model} {_moved(before, after)} on {n} shared cases "
                      f"({worse} worse, {better} better; McNemar {why})")
            checks.append(BaselineCheck(f"ice.{score}", before, after, "mcnemar-exact", p, n, verdict, reason,
                                        model=model, p_adjusted=q))
    return checks


def _pairs(report: Mapping[str, Any]) -> set[tuple[str, str]]:
    """Test/reference pairs: every test model against every reference model, plus the report's pairs."""
    roles = {name: spec.get("role", "test") for name, spec in report["run"].get("models", {}).items()}
    refs = [m for m, r in roles.items() if r == "reference"]
    pairs = {(t, r) for r in refs for t, role in roles.items() if role == "test"}
    return pairs | {(p["test"], p["reference"]) for p in (report.get("similarity") or {}).get("pairs") or []}


def _rse_checks(current: Mapping[str, Any], baseline: Mapping[str, Any], alpha: float, max_reg: float,
                seed: int) -> list[BaselineCheck]:
    now, then = greedy_answers(current.get("cases", [])), greedy_answers(baseline.get("cases", []))
    checks = []
    for i, (test, ref) in enumerate(sorted(_pairs(current))):
        prompts = sorted(p for m, p in now if m == test and (ref, p) in now and (test, p) in then and (ref, p) in then)
        if not prompts:
            continue
        after, before = prompt_similarities(now, test, ref, prompts), prompt_similarities(then, test, ref, prompts)
        rows = []
        for k, g in enumerate(GRANULARITIES):
            x, y = np.asarray(after[g]), np.asarray(before[g])
            result = paired_permutation_test(x, y, N_PERMUTATIONS, seed=[seed, i, k], alternative="two-sided")
            rows.append((g, float(y.mean()), float(x.mean()), result.p_value))
        for (g, b, a, p), q in zip(rows, holm([r[-1] for r in rows]), strict=True):
            verdict, why = _verdict(a - b, p, alpha, max_reg, q)
            reason = (f"rse.{g} of {test} vs {ref} {_moved(b, a)} on {len(prompts)} shared prompts "
                      f"(paired permutation {why})")
            checks.append(BaselineCheck(f"rse.{g}", b, a, "paired-permutation", p, len(prompts), verdict, reason,
                                        pair=(test, ref), granularity=g, p_adjusted=q))
    return checks


def compare_to_baseline(current: Mapping[str, Any], baseline: Mapping[str, Any], *, max_regression: float = 0.0,
                        alpha: float = 0.05, seed: int = 0) -> BaselineComparison:
    """Paired per-model ICE and per-pair RSE comparisons of `current` against `baseline` (both report dicts).

    Only cases with the same id that passed in both runs are compared; a model or pair with none is left
    out. Raises IncompatibleBaseline when the probe sets or the ICE policies differ (`check_probe_sets`,
    `check_ice_policy`)."""
    if not 0.0 < alpha < 1.0:
        raise ValueError(f"alpha must be strictly between 0 and 1, got {alpha!r}")
    if max_regression < 0:
        raise ValueError(f"max_regression is an absolute tolerance and must be >= 0, got {max_regression!r}")
    check_probe_sets(current, baseline)
    check_ice_policy(current, baseline)
    cur = {c["id"]: c for c in current.get("cases", []) if c.get("status") == "passed"}
    base = {c["id"]: c for c in baseline.get("cases", []) if c.get("status") == "passed"}
    shared = {cid: cur[cid] for cid in cur.keys() & base.keys()}
    checks = _ice_checks(shared, base, alpha, max_regression) + _rse_checks(current, baseline, alpha,
                                                                             max_regression, seed)
    run = baseline.get("run", {})
    info = {"started": run.get("started"), "finished": run.get("finished"), "suite_version": run.get("suite_version"),
            "schema_version": baseline.get("schema_version"), "record_mode": run.get("record_mode"),
            "ice_policy": ice_policy_of(run),
            "models": sorted(run.get("models", {}))}
    return BaselineComparison(info, len(shared), tuple(checks))
