"""Comparing a run with a baseline: McNemar's exact test, verdicts, tolerance, and refusing other probes."""

from __future__ import annotations

import copy
import json
import math
import random
from typing import Any

import pytest
from synthetic_answers import TOPICS as ALL_TOPICS
from synthetic_answers import bullets, prose

from distillbench.gate.baseline import IncompatibleBaseline, compare_to_baseline, mcnemar_exact

QUESTIONS = {"id": "core", "kind": "questions", "source": "q.toml", "count": 40, "hash": "sha256:" + "a" * 64}
TEMPLATES = {"id": "jailbreaks", "kind": "templates", "source": "t.toml", "count": 2, "hash": "sha256:" + "b" * 64}
RSE_SET = {"id": "mt-bench", "kind": "rse-prompts", "source": "rse.toml", "count": 12, "hash": "sha256:" + "c" * 64}
TOPICS = ALL_TOPICS[:12]


def spec(role: str = "test") -> dict[str, Any]:
    return {"base_url": "http://127.0.0.1:8080/v1", "model": "m", "vendor": "v", "family": "f", "role": role,
            "api_key_env": None, "aliases": [], "temperature": 0.0, "max_tokens": 128, "seed": 0}


def ice_case(model: str, i: int, strict: bool, status: str = "passed") -> dict[str, Any]:
    probe = f"en-q{i:02d}"
    return {"id": f"{model}__{probe}", "kind": "ice", "model": model, "probe_id": probe, "status": status,
            "response": {"text": "I am ChatGPT." if strict else "I am M.", "finish_reason": "stop",
                         "prompt_tokens": 5, "completion_tokens": 5},
            "ice": {"contradiction": strict, "strict": strict, "hard": strict, "control": False, "claims": [],
                    "evidence": None}}


def rse_case(model: str, prompt: str, text: str) -> dict[str, Any]:
    return {"id": f"{model}__rse-{prompt}", "kind": "rse", "model": model, "probe_id": f"rse-{prompt}",
            "status": "passed",
            "response": {"text": text, "finish_reason": "stop", "prompt_tokens": 5, "completion_tokens": 50},
            "rse": {"prompt_id": prompt, "sample": "greedy", "refused": False, "chars": len(text)}}


def report(cases: list[dict[str, Any]], *, rse: bool = False, started: str = "2025-01-01T00:00:00+00:00",
           sets: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    models = {"student": spec(), "other": spec()} | ({"ref": spec("reference")} if rse else {})
    return {"schema_version": "1.0", "cases": cases, "models": {}, "similarity": {}, "gates": [],
            "run": {"suite_version": "0.1.0", "started": started, "finished": started, "models": models,
                    "probe_sets": sets if sets is not None else [QUESTIONS, TEMPLATES] + ([RSE_SET] if rse else []),
                    "record_mode": "none", "workers": 0, "exit_status": 0}}


def ice_run(student_strict: set[int], n: int = 40) -> dict[str, Any]:
    cases = [ice_case("student", i, i in student_strict) for i in range(n)]
    return report(cases + [ice_case("other", i, i % 10 == 0) for i in range(n)])


def rse_run(student_copies: bool, seed: int = 1) -> dict[str, Any]:
    rng = random.Random(seed)
    cases = []
    for topic in TOPICS:
        ref = prose(topic, random.Random(topic))
        cases.append(rse_case("ref", topic, ref))
        student = ref.replace("fascinating", "great") if student_copies else bullets(topic, rng)
        cases.append(rse_case("student", topic, student))
        cases.append(rse_case("other", topic, bullets(topic, random.Random(topic + "x"))))
    return report(cases, rse=True)


def checks(result: Any, metric: str, who: Any) -> dict[str, Any]:
    found = [c for c in result.to_dict()["checks"] if c["metric"] == metric and who in (c.get("model"), c.get("pair"))]
    assert len(found) == 1, found
    check: dict[str, Any] = found[0]
    return check


# --- McNemar -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("b", "c", "p"), [
    (10, 2, 0.03857421875),  # 2 * (1 + 12 + 66) / 2**12
    (2, 10, 0.03857421875),
    (0, 6, 0.03125),
    (0, 5, 0.0625),
    (1, 0, 1.0),
    (5, 5, 1.0),
    (0, 0, 1.0),
    (3, 7, 0.34375),  # 2 * 176 / 1024
])
def test_mcnemar_exact_known_values(b: int, c: int, p: float) -> None:
    assert mcnemar_exact(b, c) == pytest.approx(p, rel=1e-12)


def test_mcnemar_matches_binomial_tail_and_stays_exact_for_large_n() -> None:
    for b in range(12):
        for c in range(12):
            n, k = b + c, min(b, c)
            tail = sum(math.comb(n, i) * 0.5**n for i in range(k + 1)) if n else 0.5
            assert mcnemar_exact(b, c) == pytest.approx(min(1.0, 2 * tail), rel=1e-9)
    assert 0.0 < mcnemar_exact(900, 1100) < 1e-5  # 2**2000 would overflow a float
    with pytest.raises(ValueError, match="b=-1"):
        mcnemar_exact(-1, 3)


# --- ICE ---------------------------------------------------------------------------------------------------

def test_identical_runs_show_no_change() -> None:
    run = ice_run({1, 2})
    result = compare_to_baseline(run, copy.deepcopy(run))
    assert result.passed and result.shared_cases == 80
    data = result.to_dict()
    assert {c["verdict"] for c in data["checks"]} == {"no significant change"}
    assert {c["p_value"] for c in data["checks"]} == {1.0}
    assert {(c["metric"], c["model"]) for c in data["checks"]} == {
        (f"ice.{s}", m) for s in ("loose", "strict", "hard") for m in ("student", "other")}
    json.dumps(data)


def test_regression_is_detected() -> None:
    baseline, current = ice_run(set()), ice_run(set(range(12)))
    result = compare_to_baseline(current, baseline)
    assert not result.passed
    check = checks(result, "ice.strict", "student")
    assert check["verdict"] == "regressed" and not check["passed"]
    assert check["before"] == 0.0 and check["after"] == pytest.approx(0.3) and check["change"] == pytest.approx(0.3)
    assert check["p_value"] == pytest.approx(2 / 4096) and check["n"] == 40 and check["test"] == "mcnemar-exact"
    assert check["reason"].startswith("ice.strict of student rose from 0.000 to 0.300 on 40 shared cases (12 worse")
    assert checks(result, "ice.strict", "other")["verdict"] == "no significant change"
    assert [c.model for c in result.regressions] == ["student"] * 3


def test_improvement_is_not_a_failure() -> None:
    result = compare_to_baseline(ice_run(set()), ice_run(set(range(12))))
    assert result.passed and checks(result, "ice.loose", "student")["verdict"] == "improved"


def test_small_changes_are_not_significant() -> None:
    result = compare_to_baseline(ice_run({1, 2, 3}), ice_run({1}))
    check = checks(result, "ice.hard", "student")
    assert check["verdict"] == "no significant change" and check["passed"] and check["p_value"] == 0.5


def test_max_regression_tolerates_small_significant_changes() -> None:
    baseline, current = ice_run(set()), ice_run(set(range(12)))
    tolerant = checks(compare_to_baseline(current, baseline, max_regression=0.35), "ice.strict", "student")
    assert tolerant["verdict"] == "no significant change" and tolerant["passed"]
    assert "within max_regression 0.35" in tolerant["reason"]
    strict = checks(compare_to_baseline(current, baseline, max_regression=0.25), "ice.strict", "student")
    assert strict["verdict"] == "regressed"


def test_only_cases_passed_in_both_runs_are_paired() -> None:
    baseline, current = ice_run(set()), ice_run(set(range(12)))
    for case in current["cases"][:10]:  # student's first ten (all worse) did not pass this time
        case["status"] = "failed"
    result = compare_to_baseline(current, baseline)
    check = checks(result, "ice.strict", "student")
    assert check["n"] == 30 and check["after"] == pytest.approx(2 / 30) and result.shared_cases == 70


def test_baseline_summary() -> None:
    baseline = ice_run(set())
    data = compare_to_baseline(ice_run(set()), baseline).to_dict()["baseline"]
    assert data["started"] == "2025-01-01T00:00:00+00:00" and data["suite_version"] == "0.1.0"
    assert data["models"] == ["other", "student"]


def test_bad_arguments() -> None:
    run = ice_run(set())
    with pytest.raises(ValueError, match="alpha"):
        compare_to_baseline(run, run, alpha=1.5)
    with pytest.raises(ValueError, match="max_regression"):
        compare_to_baseline(run, run, max_regression=-0.1)


# --- probe-set compatibility ------------------------------------------------------------------------------

def test_different_probe_set_hash_is_refused_naming_the_set() -> None:
    baseline = ice_run(set())
    baseline["run"]["probe_sets"] = [QUESTIONS, {**TEMPLATES, "hash": "sha256:" + "f" * 64}]
    with pytest.raises(IncompatibleBaseline, match="templates set 'jailbreaks' has hash") as info:
        compare_to_baseline(ice_run(set()), baseline)
    assert "core" not in str(info.value)


def test_probe_set_missing_from_baseline_is_refused() -> None:
    baseline = ice_run(set())
    baseline["run"]["probe_sets"] = [QUESTIONS, {**TEMPLATES, "id": "gptfuzzer"}]
    with pytest.raises(IncompatibleBaseline, match="templates set 'jailbreaks' is missing from the baseline"):
        compare_to_baseline(ice_run(set()), baseline)


def test_only_kinds_both_runs_have_are_compared() -> None:
    baseline = ice_run(set())
    baseline["run"]["probe_sets"] = [QUESTIONS]  # no templates kind at all, and no RSE
    current = ice_run(set())
    current["run"]["probe_sets"].append(RSE_SET)
    assert compare_to_baseline(current, baseline).passed


def test_rse_set_is_ignored_when_the_current_run_has_no_rse_case() -> None:
    baseline = ice_run(set())
    baseline["run"]["probe_sets"] = [QUESTIONS, TEMPLATES, {**RSE_SET, "hash": "sha256:" + "e" * 64}]
    current = ice_run(set())
    current["run"]["probe_sets"].append(RSE_SET)
    assert compare_to_baseline(current, baseline).passed


# --- RSE ---------------------------------------------------------------------------------------------------

def test_identical_rse_runs_show_no_change() -> None:
    run = rse_run(student_copies=False)
    result = compare_to_baseline(run, copy.deepcopy(run))
    rse = [c for c in result.to_dict()["checks"] if c["metric"].startswith("rse.")]
    assert {(c["pair"][0], c["granularity"]) for c in rse} == {
        (t, g) for t in ("student", "other") for g in ("content", "structure", "style", "combined")}
    assert all(c["verdict"] == "no significant change" and c["p_value"] == 1.0 and c["n"] == 12 for c in rse)


def test_homogenization_is_a_regression() -> None:
    result = compare_to_baseline(rse_run(student_copies=True), rse_run(student_copies=False))
    check = checks(result, "rse.combined", ["student", "ref"])
    assert check["verdict"] == "regressed" and check["change"] > 0.3 and check["test"] == "paired-permutation"
    assert check["p_value"] == pytest.approx(2 / 4096) and check["n"] == 12  # exact: every sign flip enumerated
    assert check["reason"].startswith("rse.combined of student vs ref rose from ")
    assert checks(result, "rse.combined", ["other", "ref"])["verdict"] == "no significant change"
    assert not result.passed
    back = compare_to_baseline(rse_run(student_copies=False), rse_run(student_copies=True))
    assert checks(back, "rse.combined", ["student", "ref"])["verdict"] == "improved" and back.passed


def test_rse_prompts_must_be_shared() -> None:
    current, baseline = rse_run(student_copies=True), rse_run(student_copies=False)
    baseline["cases"] = [c for c in baseline["cases"] if c["rse"]["prompt_id"] in TOPICS[:5]]
    check = checks(compare_to_baseline(current, baseline), "rse.style", ["student", "ref"])
    assert check["n"] == 5


# --- ICE policy --------------------------------------------------------------------------------------------

def test_baseline_scored_under_another_ice_policy_is_refused_naming_both() -> None:
    baseline, current = ice_run(set()), ice_run(set())
    baseline["run"]["ice_policy"], current["run"]["ice_policy"] = "rule", "paper"
    with pytest.raises(IncompatibleBaseline, match="--ice-policy rule and this run's under paper"):
        compare_to_baseline(current, baseline)


def test_a_baseline_without_a_policy_was_scored_under_rule() -> None:
    baseline, current = ice_run(set()), ice_run(set())
    current["run"]["ice_policy"] = "rule"
    assert compare_to_baseline(current, baseline).passed  # near miss: absent means rule, not a mismatch
    current["run"]["ice_policy"] = "out-of-role"
    with pytest.raises(IncompatibleBaseline, match="out-of-role"):
        compare_to_baseline(current, baseline)


def test_policy_is_irrelevant_when_a_run_has_no_ice_case() -> None:
    baseline, current = rse_run(student_copies=False), rse_run(student_copies=False)
    baseline["run"]["ice_policy"], current["run"]["ice_policy"] = "rule", "paper"
    assert compare_to_baseline(current, baseline).passed
