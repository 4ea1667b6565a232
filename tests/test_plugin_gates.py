"""Gates, baseline comparison and shard merging through the real plugin (pytester) and CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

from distillbench.report.json_file import validate_report
from tests.conftest import SUBSET_MODEL, SuiteProject

QWEN = "qwen2.5-coder-0.5b-instruct"


def junit_checks(project: SuiteProject, classname: str) -> dict[str, bool]:
    cases = project.junit().findall("testsuite/testcase")
    return {c.get("name"): c.find("failure") is None for c in cases if c.get("classname") == classname}


def test_passing_and_failing_gates_set_the_exit_status(suite_project: SuiteProject) -> None:
    only = suite_project.only(SUBSET_MODEL)
    passing = suite_project.run(*only, "--gate", "ice.strict <= 1", "--gate", "ice.loose<=1")
    assert passing.ret == pytest.ExitCode.OK
    assert all(g["passed"] for g in suite_project.report()["gates"])
    assert junit_checks(suite_project, "distillbench.gate") == {
        f"ice.strict<=1 [{SUBSET_MODEL}]": True, f"ice.loose<=1 [{SUBSET_MODEL}]": True}

    failing = suite_project.run(*only, "--gate", f"ice.hard:{SUBSET_MODEL}<0")
    assert failing.ret == pytest.ExitCode.TESTS_FAILED
    failing.assert_outcomes(passed=10)  # every case passed: only the gate failed
    failing.stdout.fnmatch_lines([f"gate failed: ice.hard of {SUBSET_MODEL} is *n=8 >= 0"])
    report = suite_project.report()
    validate_report(report)
    assert report["run"]["exit_status"] == 1 and report["gates"][0]["passed"] is False
    assert junit_checks(suite_project, "distillbench.gate") == {f"ice.hard:{SUBSET_MODEL}<0": False}
    suite = suite_project.junit().find("testsuite")
    assert suite is not None and suite.get("tests") == "11" and suite.get("failures") == "1"


def test_gate_on_the_upper_bound_is_stricter(suite_project: SuiteProject) -> None:
    assert suite_project.run("--models", SUBSET_MODEL, "--gate", "ice.hard<=0.6").ret == 0
    result = suite_project.run("--models", SUBSET_MODEL, "--gate", "ice.hard<=0.3", "--gate-on", "upper")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(["gate failed: *its upper bound > 0.3*"])


def test_gates_from_the_ini_file_and_the_models_file(suite_project: SuiteProject) -> None:
    suite_project.pytester.makeini("[pytest]\nmarkers =\n    distillbench: suite case\n"
                                   "distillbench_gates =\n    ice.loose<=1\n")
    models = suite_project.root / "models.toml"
    models.write_text('gates = ["ice.control_false_positive <= 1"]\n\n' + models.read_text(encoding="utf-8"),
                      encoding="utf-8")
    assert suite_project.run("--models", SUBSET_MODEL).ret == 0
    assert sorted(g["gate"] for g in suite_project.report()["gates"]) == [
        "ice.control_false_positive<=1", "ice.loose<=1"]


def test_bad_gate_is_a_usage_error_that_shows_the_grammar(suite_project: SuiteProject) -> None:
    result = suite_project.run("--models", SUBSET_MODEL, "--gate", "ice.strict==0.05")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*invalid gate 'ice.strict==0.05'*", "*GATE*:=*METRIC*OP*NUMBER*"])
    assert not (suite_project.reports / "distillation.json").exists()


def full_qwen(project: SuiteProject, *extra: str) -> Any:
    """The whole committed probe plan for the Qwen model, which claims to be ChatGPT often (116 cases)."""
    from distillbench.fixtures.probes import DEFAULT_QUESTIONS, DEFAULT_TEMPLATES

    return project.pytester.runpytest(*project.args(*project.only(QWEN), *extra),
                                      "--questions", str(DEFAULT_QUESTIONS), "--templates", str(DEFAULT_TEMPLATES))


def test_baseline_regression_is_detected_with_a_paired_test(suite_project: SuiteProject) -> None:
    assert full_qwen(suite_project).ret == 0
    baseline = suite_project.report()
    contradictions = sum(c["ice"]["contradiction"] for c in baseline["cases"] if not c["ice"]["control"])
    assert contradictions >= 6, "the committed answers must hold enough contradictions for this test"
    for case in baseline["cases"]:  # an earlier model that never contradicted itself
        case["ice"].update(contradiction=False, strict=False, hard=False)
    path = suite_project.root / "baseline.json"
    path.write_text(json.dumps(baseline), encoding="utf-8")

    result = full_qwen(suite_project, "--baseline", str(path))
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(["baseline regression: *loose*"])
    report = suite_project.report()
    validate_report(report)
    loose = next(c for c in report["baseline"]["checks"] if c["metric"] == "ice.loose")
    assert loose["verdict"] == "regressed" and loose["p_value"] < 0.05 and loose["test"].lower().startswith("mcnemar")
    assert junit_checks(suite_project, "distillbench.baseline")[f"ice.loose [{QWEN}]"] is False

    tolerant = full_qwen(suite_project, "--baseline", str(path), "--max-regression", "0.9")
    assert tolerant.ret == 0


def test_incompatible_baseline_is_refused_by_hash_before_any_case(suite_project: SuiteProject) -> None:
    only = suite_project.only(SUBSET_MODEL)
    assert suite_project.run(*only).ret == 0
    baseline = suite_project.report()
    assert baseline["run"]["complete"] is True
    baseline["run"]["probe_sets"][0]["hash"] = "sha256:" + "0" * 64
    path = suite_project.root / "old.json"
    path.write_text(json.dumps(baseline), encoding="utf-8")
    result = suite_project.run(*only, "--baseline", str(path))
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*old.json: cannot compare with this run: *ice-identity-questions*hash*"])
    assert "incomplete" not in result.stderr.str()
    assert "passed" not in result.stdout.str()  # refused at start-up: no case ran


def test_a_baseline_from_an_incomplete_run_is_refused(suite_project: SuiteProject) -> None:
    assert suite_project.run("--models", SUBSET_MODEL).ret == 0  # a subset of the models file
    baseline = suite_project.report()
    assert baseline["run"]["complete"] is False and "--models left out" in baseline["run"]["incomplete_reason"]
    path = suite_project.root / "subset.json"
    path.write_text(json.dumps(baseline), encoding="utf-8")
    result = suite_project.run(*suite_project.only(SUBSET_MODEL), "--baseline", str(path))
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*subset.json*written by an incomplete run (--models left out*"])


def test_a_baseline_sharing_no_case_is_refused_and_a_renamed_model_can_be_mapped(suite_project: SuiteProject) -> None:
    only = suite_project.only(SUBSET_MODEL)
    assert suite_project.run(*only).ret == 0
    baseline = suite_project.report()
    for case in baseline["cases"]:  # the same model as it was reported under its predecessor's name
        case["id"] = case["id"].replace(SUBSET_MODEL, "smollm-v1", 1)
        case["model"] = "smollm-v1"
    baseline["run"]["models"] = {"smollm-v1": baseline["run"]["models"][SUBSET_MODEL]}
    path = suite_project.root / "v1.json"
    path.write_text(json.dumps(baseline), encoding="utf-8")

    refused = suite_project.run(*only, "--baseline", str(path))
    assert refused.ret == pytest.ExitCode.USAGE_ERROR
    refused.stderr.fnmatch_lines(["*only 0 of this run's cases were scored in the baseline*at least 6*"
                                  "--baseline-model NEW=OLD*"])

    mapped = suite_project.run(*only, "--baseline", str(path), "--baseline-model", f"{SUBSET_MODEL}=smollm-v1")
    assert mapped.ret == 0
    report = suite_project.report()
    assert report["baseline"]["compatible"] and report["baseline"]["shared_cases"] == 10
    assert report["baseline"]["model_map"] == {SUBSET_MODEL: "smollm-v1"}
    assert {c["verdict"] for c in report["baseline"]["checks"]} == {"no significant change"}

    wrong = suite_project.run(*only, "--baseline", str(path), "--baseline-model", f"{SUBSET_MODEL}=smollm-v0")
    assert wrong.ret == pytest.ExitCode.USAGE_ERROR
    wrong.stderr.fnmatch_lines(["*the baseline has no model 'smollm-v0'*"])


def test_a_deselecting_run_that_shares_too_few_cases_fails_its_baseline_check(suite_project: SuiteProject) -> None:
    """-k is applied after start-up: the comparison itself refuses to pass on too few shared cases."""
    only = suite_project.only(SUBSET_MODEL)
    assert suite_project.run(*only).ret == 0
    path = suite_project.root / "full.json"
    path.write_text((suite_project.reports / "distillation.json").read_text(encoding="utf-8"), encoding="utf-8")
    result = suite_project.run(*only, "--baseline", str(path), "-k", "en-who-are-you and plain-frame")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(["baseline refused: only * cases were scored in both runs*at least 6*"])


def test_missing_baseline_file_is_a_usage_error(suite_project: SuiteProject) -> None:
    result = suite_project.run("--baseline", "nope.json")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*nope.json: baseline report not found*"])


def test_merge_of_two_shards_equals_a_single_run(suite_project: SuiteProject) -> None:
    other = "gemma-3-270m"
    reports = suite_project.reports
    shards = []
    for name in (SUBSET_MODEL, other):
        suite_project.run("--models", name, "--report-dir", str(reports / name)).assert_outcomes(passed=10)
        shards.append(str(reports / name / "distillation.json"))
    assert suite_project.run("--models", f"{SUBSET_MODEL},{other}").ret == 0
    single = suite_project.report()
    merged_path = suite_project.root / "merged.json"
    done = subprocess.run([sys.executable, "-m", "distillbench.cli.main", "merge", *shards, "-o", str(merged_path)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    merged = json.loads(merged_path.read_text(encoding="utf-8"))
    validate_report(merged)
    strip = lambda cases: [{k: v for k, v in c.items() if k != "duration_s"} for c in cases]  # noqa: E731
    assert merged["models"] == single["models"] and strip(merged["cases"]) == strip(single["cases"])
    assert merged["run"]["merged_from"] == 2

    # A shard that sampled the same model differently measured something else: refused, naming the field.
    changed = json.loads((reports / SUBSET_MODEL / "distillation.json").read_text(encoding="utf-8"))
    changed["run"]["models"][SUBSET_MODEL]["seed"] = 99
    (suite_project.root / "changed.json").write_text(json.dumps(changed), encoding="utf-8")
    refused = subprocess.run([sys.executable, "-m", "distillbench.cli.main", "merge", shards[0],
                              str(suite_project.root / "changed.json"), "-o", str(suite_project.root / "x.json")],
                             capture_output=True, text=True, check=False)
    assert refused.returncode == 1 and "seed" in refused.stderr and SUBSET_MODEL in refused.stderr
    assert not (suite_project.root / "x.json").exists()
