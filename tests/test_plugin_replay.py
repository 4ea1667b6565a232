"""The suite plugin end to end with pytester: replay, reports, xdist aggregation, failures, exit codes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from distillbench.report.json_file import validate_report
from tests.conftest import SUBSET_MODEL, SuiteProject


def comparable(report: dict[str, Any]) -> tuple[Any, Any]:
    cases = [{k: v for k, v in c.items() if k != "duration_s"} for c in report["cases"]]
    return report["models"], cases


def test_replay_writes_valid_json_and_junit(suite_project: SuiteProject,
                                            subset_cases: Callable[[str], list[str]]) -> None:
    result = suite_project.run(*suite_project.only(SUBSET_MODEL))
    result.assert_outcomes(passed=10)
    report = suite_project.report()
    validate_report(report)
    assert [c["id"] for c in report["cases"]] == subset_cases(SUBSET_MODEL)
    assert report["run"]["record_mode"] == "none"
    loose = report["models"][SUBSET_MODEL]["ice"]["loose"]
    assert loose["n"] == 8 and 0 <= loose["ci_low"] <= loose["score"] <= loose["ci_high"] <= 1
    assert report["models"][SUBSET_MODEL]["ice"]["control_false_positive"]["n"] == 2
    for case in report["cases"]:
        assert case["response"]["text"] and case["ice"]["claims"] is not None
        assert case["probe"]["question"] and "system" in case["probe"]

    suite = suite_project.junit().find("testsuite")
    assert suite is not None and suite.get("tests") == "10" and suite.get("failures") == "0"
    suite_props = {p.get("name"): p.get("value") for p in suite.findall("properties/property")}
    assert f"ice.loose:{SUBSET_MODEL}" in suite_props and "distillbench.record_mode" in suite_props
    cases = suite.findall("testcase")
    assert len(cases) == 10
    props = {p.get("name"): p.get("value") for p in cases[0].findall("properties/property")}
    assert {"model", "probe_id", "finish_reason", "completion_tokens", "ice.contradiction", "ice.strict"} <= set(props)
    result.stdout.fnmatch_lines(["*distillbench report*", f"{SUBSET_MODEL}*10/10*", "reports: *distillation.json*"])


def test_xdist_gives_the_same_scores_and_cases(suite_project: SuiteProject) -> None:
    serial = suite_project.run("-n", "0", subprocess=True)
    serial.assert_outcomes(passed=30)  # three models x ten probes
    first = suite_project.report()
    parallel = suite_project.run("-n", "2", subprocess=True)
    parallel.assert_outcomes(passed=30)
    second = suite_project.report()
    assert comparable(first) == comparable(second)
    assert first["run"]["workers"] == 0 and second["run"]["workers"] == 2
    junit_cases = suite_project.junit().findall("testsuite/testcase")
    assert len(junit_cases) == 30


def test_missing_cassette_fails_that_case_with_how_to_record(suite_project: SuiteProject) -> None:
    suite_project.cassette("en-who-are-you").unlink()
    result = suite_project.run("--models", SUBSET_MODEL)
    result.assert_outcomes(passed=9, failed=1)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(["*CaseError: no cassette at *en-who-are-you.yaml*--record-mode=once*"])
    report = suite_project.report()
    failed = [c for c in report["cases"] if c["status"] == "failed"]
    assert [c["probe_id"] for c in failed] == ["en-who-are-you"] and "record" in failed[0]["error"]
    assert report["models"][SUBSET_MODEL]["cases"] == {"total": 10, "passed": 9, "failed": 1}
    assert report["models"][SUBSET_MODEL]["ice"]["loose"]["n"] == 7


def corrupt(project: SuiteProject, probe_id: str, old: str, new: str, *, in_response: bool = True) -> None:
    path = project.cassette(probe_id)
    text = path.read_text(encoding="utf-8")
    start = text.index("  response:") if in_response else 0
    assert old in text[start:]
    path.write_text(text[:start] + text[start:].replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda p: p.cassette("en-who-are-you").write_text(
            p.cassette("en-who-are-you").read_text(encoding="utf-8")[:150], encoding="utf-8"),
         "*en-who-are-you.yaml is not valid YAML*truncated*"),
        (lambda p: corrupt(p, "en-who-are-you", "code: 200", "code: 500"),
         "*en-who-are-you.yaml: the recorded response is HTTP 500, not an answer; re-record it*"),
        (lambda p: corrupt(p, "en-who-are-you", '"content":"', '"content":"" , "x":"'),
         "*en-who-are-you.yaml: the response of model 'smollm2-135m-instruct' has empty content*"),
        (lambda p: corrupt(p, "en-who-are-you", '"content":"', '"content":null, "x":"'),
         "*en-who-are-you.yaml: the response of model 'smollm2-135m-instruct' has empty content*"),
        (lambda p: corrupt(p, "en-who-are-you", '"Who', '"Whom', in_response=False),
         "*en-who-are-you.yaml: no recorded answer matches this request*"),
    ],
    ids=["truncated", "http-500", "empty-content", "null-content", "request-changed"],
)
def test_broken_cassette_fails_only_its_case_naming_the_file(suite_project: SuiteProject, mutate: Any,
                                                             message: str) -> None:
    mutate(suite_project)
    result = suite_project.run("--models", SUBSET_MODEL)
    result.assert_outcomes(passed=9, failed=1)
    result.stdout.fnmatch_lines([message])
    assert len(suite_project.report()["cases"]) == 10


def test_non_utf8_response_bytes_fail_clearly(suite_project: SuiteProject) -> None:
    path = suite_project.cassette("en-who-are-you")
    text = path.read_text(encoding="utf-8")
    start = text.index("string: '") + len("string: '")
    # A binary body: YAML's !!binary tag carries raw bytes that are not UTF-8.
    import base64
    import re

    end = text.index("'\n    headers:", start)
    body = re.sub(r"\n\s+", " ", text[start:end]).replace("''", "'")
    raw = body.encode().replace(b'"content":"', b'"content":"\xff\xfe', 1)
    binary = "!!binary |\n        " + base64.b64encode(raw).decode()
    path.write_text(text[: start - 1] + binary + text[end + 1:], encoding="utf-8")
    result = suite_project.run("--models", SUBSET_MODEL)
    result.assert_outcomes(passed=9, failed=1)
    result.stdout.fnmatch_lines(["*en-who-are-you.yaml*not valid UTF-8*"])


def test_bad_models_file_is_a_usage_error_naming_file_table_and_key(suite_project: SuiteProject) -> None:
    models = suite_project.root / "models.toml"
    models.write_text(models.read_text(encoding="utf-8").replace("max_tokens = 128", "max_token = 128", 1),
                      encoding="utf-8")
    result = suite_project.run()
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*models.toml, table [[]models.qwen2.5-coder-0.5b-instruct[]], key 'max_token'*"])
    assert not (suite_project.reports / "distillation.json").exists()


def test_unknown_model_subset_is_a_usage_error(suite_project: SuiteProject) -> None:
    result = suite_project.run("--models", "gpt-17")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*unknown model 'gpt-17'; known models: *"])


def test_failed_report_write_keeps_the_previous_report(suite_project: SuiteProject,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    suite_project.run("--models", SUBSET_MODEL).assert_outcomes(passed=10)
    before = (suite_project.reports / "distillation.json").read_bytes()

    def explode(report: dict[str, Any]) -> str:
        raise OSError("disk full")

    monkeypatch.setattr("distillbench.report.junit.junit_xml", explode)
    result = suite_project.run("--models", SUBSET_MODEL)
    assert result.ret == pytest.ExitCode.INTERNAL_ERROR
    result.stdout.fnmatch_lines(["*could not write the report to *disk full*"])
    assert (suite_project.reports / "distillation.json").read_bytes() == before
    assert not list(suite_project.reports.glob(".*.tmp"))


def test_project_tests_alone_write_no_report(pytester: pytest.Pytester) -> None:
    pytester.makepyfile("def test_plain():\n    assert True\n")
    result = pytester.runpytest("--report-dir", str(pytester.path / "reports"))
    result.assert_outcomes(passed=1)
    assert not (pytester.path / "reports").exists()


def test_unknown_record_mode_is_a_usage_error(suite_project: SuiteProject) -> None:
    result = suite_project.run("--record-mode=sometimes")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--record-mode*invalid choice*sometimes*"])
