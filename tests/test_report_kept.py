"""No run destroys the last good report: incomplete runs go to history/ and leave the complete report alone."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from tests.conftest import SUBSET_MODEL, SuiteProject


def history(project: SuiteProject) -> list[dict]:
    entries = sorted((project.reports / "history").glob("*/distillation.json"))
    return [json.loads(p.read_text(encoding="utf-8")) for p in entries]


def completeness_case(junit: Path) -> ET.Element | None:
    return ET.parse(junit).getroot().find("testsuite/testcase[@classname='distillbench.run']")


def test_a_subset_run_keeps_the_complete_report_and_goes_to_history(suite_project: SuiteProject) -> None:
    only = suite_project.only(SUBSET_MODEL)
    assert suite_project.run(*only).ret == 0
    full = (suite_project.reports / "distillation.json").read_bytes()
    assert json.loads(full)["run"]["complete"] is True
    assert completeness_case(suite_project.reports / "junit.xml") is None

    subset = suite_project.run(*only, "-k", "en-who-are-you")
    assert subset.ret == 0
    subset.stdout.fnmatch_lines(["*this run is incomplete (* cases deselected*): the complete report in *was kept*"])
    assert (suite_project.reports / "distillation.json").read_bytes() == full
    first, second = history(suite_project)
    assert first["run"]["complete"] is True and second["run"]["complete"] is False
    assert second["run"]["incomplete"] == {"deselected": "5 cases deselected (-k, -m or --shard)"}
    junits = (suite_project.reports / "history").glob("*/junit.xml")
    [junit] = [p for p in junits if b"distillbench.run" in p.read_bytes()]
    case = completeness_case(junit)
    assert case is not None and case.find("skipped") is not None  # a deliberate subset: skipped, not an error

    replaced = suite_project.run(*only, "-k", "en-who-are-you", "--replace-report")
    assert replaced.ret == 0
    assert json.loads((suite_project.reports / "distillation.json").read_bytes())["run"]["complete"] is False


def test_an_interrupted_run_is_an_error_in_junit_and_replaces_nothing(suite_project: SuiteProject) -> None:
    only = suite_project.only(SUBSET_MODEL)
    assert suite_project.run(*only).ret == 0
    full = (suite_project.reports / "distillation.json").read_bytes()
    # A plugin, not a conftest: the suite's cases live in the installed package, outside this directory.
    suite_project.pytester.makepyfile(interrupter=(
        "def pytest_runtest_setup(item):\n"
        "    if 'zh-who-made-you' in item.name:\n"
        "        raise KeyboardInterrupt\n"))
    interrupted = suite_project.run(*only, "-p", "interrupter", subprocess=True)  # in-process would stop us too
    assert interrupted.ret == 2  # pytest's INTERRUPTED
    assert (suite_project.reports / "distillation.json").read_bytes() == full
    last = history(suite_project)[-1]
    assert last["run"]["complete"] is False and "interrupted" in last["run"]["incomplete"]
    junit = sorted((suite_project.reports / "history").glob("*/junit.xml"))[-1]
    case = completeness_case(junit)
    assert case is not None and case.find("error") is not None
    assert ET.parse(junit).getroot().find("testsuite").get("errors") == "1"


def test_an_incomplete_run_into_an_empty_report_dir_writes_there(suite_project: SuiteProject) -> None:
    assert suite_project.run("--models", SUBSET_MODEL).ret == 0
    report = json.loads((suite_project.reports / "distillation.json").read_text(encoding="utf-8"))
    assert report["run"]["complete"] is False and "--models left out" in report["run"]["incomplete_reason"]
