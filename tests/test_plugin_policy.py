"""`--ice-policy` end to end with pytester: it reaches the verdicts, the JSON report, JUnit, the terminal, and a
baseline made under another policy is refused."""

from __future__ import annotations

import pytest

from distillbench.paths import DEFAULTS_DIR
from distillbench.report.json_file import validate_report
from tests.conftest import SUBSET_MODEL, SuiteProject, write_subset

# SmolLM2 answers "GPT-4: Hello, I'm GPT-4." under a template that asks it to simulate GPT-4, "the model made by
# OpenAI": the rule reads that as the part the template assigned, the paper's judge as a claim.
CASE = f"{SUBSET_MODEL}__en-who-are-you--tpl-gpt4-simulator"


@pytest.fixture
def simulator_project(suite_project: SuiteProject) -> SuiteProject:
    write_subset(DEFAULTS_DIR / "identity_questions.toml", "question", ("en-who-are-you",),
                 suite_project.root / "questions.toml")
    write_subset(DEFAULTS_DIR / "templates.toml", "template", ("gpt4-simulator",),
                 suite_project.root / "templates.toml")
    return suite_project


def _verdict(project: SuiteProject) -> bool:
    return bool(next(c for c in project.report()["cases"] if c["id"] == CASE)["ice"]["contradiction"])


def _suite_property(project: SuiteProject, name: str) -> str | None:
    suite = project.junit().find("testsuite")
    assert suite is not None
    return {p.get("name"): p.get("value") for p in suite.findall("properties/property")}.get(name)


def test_policy_changes_a_known_verdict_and_is_recorded(simulator_project: SuiteProject) -> None:
    result = simulator_project.run("--models", SUBSET_MODEL)
    result.assert_outcomes(passed=4)
    report = simulator_project.report()
    assert report["run"]["ice_policy"] == "rule" and not _verdict(simulator_project)
    assert _suite_property(simulator_project, "distillbench.ice_policy") == "rule"
    result.stdout.fnmatch_lines(["*ICE verdicts under --ice-policy rule*"])

    result = simulator_project.run("--models", SUBSET_MODEL, "--ice-policy", "paper")
    result.assert_outcomes(passed=4)
    report = simulator_project.report()
    validate_report(report)
    assert report["run"]["ice_policy"] == "paper" and _verdict(simulator_project)
    assert _suite_property(simulator_project, "distillbench.ice_policy") == "paper"
    result.stdout.fnmatch_lines(["*ICE verdicts under --ice-policy paper*"])
    html = (simulator_project.reports / "index.html").read_text(encoding="utf-8")
    assert '<dd data-run="ICE policy">paper</dd>' in html

    simulator_project.run("--models", SUBSET_MODEL, "--ice-policy", "out-of-role").assert_outcomes(passed=4)
    assert not _verdict(simulator_project)


def test_unknown_policy_is_a_usage_error_naming_the_allowed_ones(simulator_project: SuiteProject) -> None:
    result = simulator_project.run("--ice-policy", "judge")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--ice-policy*invalid choice*'judge'*rule*paper*out-of-role*"])
    assert not (simulator_project.reports / "distillation.json").exists()


def test_baseline_made_under_another_policy_is_refused(simulator_project: SuiteProject) -> None:
    only = simulator_project.only(SUBSET_MODEL)
    simulator_project.run(*only).assert_outcomes(passed=4)
    baseline = simulator_project.root / "baseline.json"
    (simulator_project.reports / "distillation.json").rename(baseline)
    result = simulator_project.run(*only, "--ice-policy", "paper", "--baseline", str(baseline))
    assert result.ret == pytest.ExitCode.USAGE_ERROR  # refused at start-up, before any call
    result.stderr.fnmatch_lines(["*cannot compare*--ice-policy rule and this run's under paper*"])
    same = simulator_project.run(*only, "--baseline", str(baseline))
    # near miss: under the same policy the policy is no objection (only the 4 shared cases, under the minimum)
    assert "ice-policy" not in same.stderr.str() and "only 4 of this run's cases" in same.stderr.str()
