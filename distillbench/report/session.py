"""Controller-side session state: collects case outcomes from every worker and writes the reports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from distillbench.atomic import write_atomic
from distillbench.cases.suite import SuiteConfig
from distillbench.gate.verdicts import RunChecks, add_similarity, apply_checks, failed_checks
from distillbench.paths import display_path
from distillbench.report import junit as report_junit
from distillbench.report.json_file import SCHEMA_VERSION, dump_report, suite_version, validate_report
from distillbench.report.summary import summary_lines
from scoring.ice.scores import model_scores

__all__ = ["ReportSession"]


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _workers(config: pytest.Config) -> int:
    try:
        value = config.getoption("numprocesses")
    except ValueError:  # xdist not installed or disabled with -p no:xdist
        return 0
    return int(value) if isinstance(value, int) else 0


class ReportSession:
    """Registered on the controller only (never on an xdist worker)."""

    def __init__(self, config: pytest.Config, suite: SuiteConfig, report_dir: Path, checks: RunChecks):
        self.config = config
        self.checks = checks
        self.suite = suite
        self.report_dir = report_dir
        self.started = _now()
        self.cases: dict[str, dict[str, Any]] = {}
        self.written: list[Path] = []
        self.report: dict[str, Any] | None = None
        self.write_error: str | None = None
        self.failures: list[str] = []

    @pytest.hookimpl
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        data = getattr(report, "distillbench", None)
        if not isinstance(data, dict):
            return
        status = "skipped" if report.skipped else "failed" if report.failed else "passed"
        previous = self.cases.get(data["id"])
        if previous is not None and previous["status"] == "failed":
            return  # a failed setup or call stays failed whatever teardown says
        self.cases[data["id"]] = {**data, "status": status, "duration_s": round(report.duration, 4)}

    def build(self, exitstatus: int) -> dict[str, Any]:
        cases = [self.cases[key] for key in sorted(self.cases)]
        models = self.suite.models
        return {
            "schema_version": SCHEMA_VERSION,
            "run": {
                "suite_version": suite_version(),
                "started": self.started,
                "finished": _now(),
                "models_file": display_path(self.suite.models_file),
                "models": {name: spec.public() for name, spec in models.items()},
                "judges": {m.name: m.public() for m in (self.suite.judge, self.suite.similarity_judge) if m},
                "probe_sets": [s.to_dict() for s in self.suite.probe_sets(rse=any(c["kind"] == "rse" for c in cases))],
                "record_mode": self.suite.record_mode,
                "ice_policy": self.suite.ice_policy,
                "workers": _workers(self.config),
                "exit_status": int(exitstatus),
            },
            "models": model_scores(cases, models),
            "similarity": {},
            "cases": cases,
            "gates": [],
        }

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        if not self.cases:
            return
        json_path, junit_path = self.report_dir / "distillation.json", self.report_dir / "junit.xml"
        html_path = self.report_dir / "index.html"
        try:
            report = self.build(exitstatus)
            add_similarity(report)
            apply_checks(report, self.checks)
            self.failures = failed_checks(report)
            if self.failures and session.exitstatus == pytest.ExitCode.OK:
                session.exitstatus = pytest.ExitCode.TESTS_FAILED
            report["run"]["exit_status"] = int(session.exitstatus)
            validate_report(report)
            # Render everything before writing anything, so a failure leaves the previous reports untouched.
            from distillbench.report.html.page import render_html  # matplotlib loads only when a report is written

            json_text, junit_text = dump_report(report), report_junit.junit_xml(report)
            html_text = render_html(report)
            write_atomic(json_path, json_text)
            write_atomic(junit_path, junit_text)
            write_atomic(html_path, html_text)
        except Exception as exc:  # never lose the run silently: say so and fail the session
            self.write_error = f"distillbench: could not write the report to {self.report_dir}: {exc}"
            session.exitstatus = pytest.ExitCode.INTERNAL_ERROR
            return
        self.report = report
        self.written = [json_path, junit_path, html_path]

    @pytest.hookimpl
    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if self.write_error:
            terminalreporter.write_sep("=", "distillbench report", red=True)
            terminalreporter.write_line(self.write_error, red=True)
            return
        if self.report is None:
            return
        terminalreporter.write_sep("=", "distillbench report")
        for line in summary_lines(self.report, self.written):
            terminalreporter.write_line(line)
        for line in self.failures:
            terminalreporter.write_line(line, red=True)
