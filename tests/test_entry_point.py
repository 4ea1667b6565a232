"""A team's repository, not this one: distillbench installed, its own models file and cassettes, no conftest.

The plugin loads by its pytest11 entry point, the suite's cases and default probe sets come from the installed
package, and the run writes its reports where the team's project is.
"""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from distillbench.paths import CASSETTES_DIR, FIXTURES_DIR, REPO_ROOT
from tests.conftest import model_table

MODEL = "smollm2-135m-instruct"


@pytest.fixture
def team_project(pytester: pytest.Pytester) -> Path:
    root = pytester.path
    assert not root.resolve().is_relative_to(REPO_ROOT)  # really outside this repository
    (root / "fixtures").mkdir()
    (root / "fixtures" / "models.toml").write_text(
        model_table((FIXTURES_DIR / "models.toml").read_text(encoding="utf-8"), MODEL), encoding="utf-8")
    shutil.copytree(CASSETTES_DIR / MODEL, root / "cassettes" / MODEL,
                    ignore=shutil.ignore_patterns("rse-*"))
    pytester.makeini("[pytest]\ndistillbench_suite = true\n")
    return root


def test_the_suite_runs_in_another_repository_through_the_entry_point(pytester: pytest.Pytester,
                                                                       team_project: Path) -> None:
    result = pytester.runpytest_subprocess("-n", "2", "--measures", "ice", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=len(list((team_project / "cassettes" / MODEL).glob("*.yaml"))))
    report = json.loads((team_project / "reports" / "distillation.json").read_text(encoding="utf-8"))
    assert list(report["models"]) == [MODEL]
    assert report["models"][MODEL]["cases"]["failed"] == 0
    assert report["models"][MODEL]["ice"]["loose"]["n"] > 100
    suites = ET.parse(team_project / "reports" / "junit.xml").getroot()
    assert int(suites.get("tests") or suites[0].get("tests") or 0) > 100


def test_without_the_switch_a_teams_own_tests_run_alone(pytester: pytest.Pytester, team_project: Path) -> None:
    """`pytest tests/` in a repository that enables the suite for bare runs collects only what it names."""
    pytester.makepyfile(test_own="def test_own():\n    assert 1 + 1 == 2\n")
    pytester.runpytest_subprocess("test_own.py", "-p", "no:cacheprovider").assert_outcomes(passed=1)


def test_the_flag_runs_the_suite_where_the_ini_does_not(pytester: pytest.Pytester, team_project: Path) -> None:
    pytester.makeini("[pytest]\n")
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes()  # nothing collected
    flagged = pytester.runpytest_subprocess("--distillbench", "--measures", "ice", "-p", "no:cacheprovider",
                                            "-k", "en-who-are-you")
    assert flagged.parseoutcomes()["passed"] >= 1


def test_an_unknown_measure_is_a_usage_error(pytester: pytest.Pytester, team_project: Path) -> None:
    result = pytester.runpytest_subprocess("--measures", "ice,vibes")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--measures 'ice,vibes'*ice, rse*"])
