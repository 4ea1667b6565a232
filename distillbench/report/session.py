"""Controller-side session state: collects case outcomes from every worker and writes the reports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from distillbench.atomic import write_atomic
from distillbench.cases.suite import SuiteConfig, is_suite_case
from distillbench.gate.verdicts import RunChecks, add_similarity, apply_checks, failed_checks
from distillbench.paths import display_path
from distillbench.redact import redact, secrets_of
from distillbench.report import junit as report_junit
from distillbench.report.completeness import completeness
from distillbench.report.history import REPORT_FILES, history_dir, holds_complete_report
from distillbench.report.json_file import SCHEMA_VERSION, dump_report, suite_version, validate_report
from distillbench.report.safe_text import writable
from distillbench.report.summary import summary_lines
from distillbench.shard import run_shard
from scoring.errors import DistillbenchError
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
        self.warnings: list[str] = []
        try:
            self.secrets = secrets_of(suite.all_models.values())
        except DistillbenchError:  # refused with its file and key before any case runs
            self.secrets = ()
        self.warned: set[str] = set()
        self.kept = False  # an incomplete run left the complete report in report_dir untouched
        self.planned = 0  # suite cases collected and selected
        self.deselected = 0  # suite cases deselected (-k, -m, --shard)

    @pytest.hookimpl
    def pytest_deselected(self, items: list[pytest.Item]) -> None:
        self.deselected += sum(1 for item in items if is_suite_case(item))

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        self.planned = sum(1 for item in items if is_suite_case(item))

    def incomplete(self, exitstatus: int) -> dict[str, str]:
        """Why this run's report does not stand for the whole configured suite: reason code -> detail.

        Empty when it does. `deselected` and `models` are deliberate selections (a shard of a CI matrix is
        one); the rest mean cases that should have run did not."""
        reasons: dict[str, str] = {}
        if exitstatus == pytest.ExitCode.INTERRUPTED:
            reasons["interrupted"] = "interrupted"
        elif exitstatus == pytest.ExitCode.INTERNAL_ERROR:
            reasons["internal-error"] = "internal error"
        if len(self.cases) < self.planned:
            reasons["unreported"] = f"{len(self.cases)} of {self.planned} cases reported"
        if self.deselected:
            reasons["deselected"] = f"{self.deselected} cases deselected (-k, -m or --shard)"
        chosen = self.suite.models
        unprobed = sorted(n for n, m in self.suite.all_models.items() if m.role != "judge" and n not in chosen)
        if unprobed:
            reasons["models"] = f"--models left out {', '.join(unprobed)}"
        return reasons

    @pytest.hookimpl
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        data = getattr(report, "distillbench", None)
        if not isinstance(data, dict):
            return
        data, replaced = writable(redact(data, self.secrets))
        if replaced and data["id"] not in self.warned:
            self.warned.add(data["id"])
            self.warnings.append(f"case {data['id']}: {replaced} characters no file can hold (lone UTF-16 "
                                 "surrogates) were replaced with U+FFFD in the report")
        status = "skipped" if report.skipped else "failed" if report.failed else "passed"
        previous = self.cases.get(data["id"])
        if previous is not None and previous["status"] == "failed":
            return  # a failed setup or call stays failed whatever teardown says
        self.cases[data["id"]] = {**data, "status": status, "duration_s": round(report.duration, 4)}

    def build(self, exitstatus: int) -> dict[str, Any]:
        cases = [self.cases[key] for key in sorted(self.cases)]
        models = self.suite.models
        shard = run_shard(self.config)
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
                **({"shard": shard.to_dict()} if shard else {}),
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
        json_path = self.report_dir / REPORT_FILES[0]
        try:
            report = self.build(exitstatus)
            add_similarity(report)
            apply_checks(report, self.checks)
            self.failures = failed_checks(report)
            if self.failures and session.exitstatus == pytest.ExitCode.OK:
                session.exitstatus = pytest.ExitCode.TESTS_FAILED
            report["run"]["exit_status"] = int(session.exitstatus)
            report["run"].update(completeness(self.incomplete(int(session.exitstatus))))  # after the final status
            validate_report(report)
            # Render everything before writing anything, so a failure leaves the previous reports untouched.
            from distillbench.report.html.page import render_html  # matplotlib loads only when a report is written

            texts = (dump_report(report), report_junit.junit_xml(report), render_html(report))
            dirs = [history_dir(self.report_dir, report["run"]["started"])]
            self.kept = (not report["run"]["complete"] and not self.config.getoption("replace_report")
                         and holds_complete_report(json_path))
            if not self.kept:
                dirs.insert(0, self.report_dir)
            for folder in dirs:
                for name, text in zip(REPORT_FILES, texts, strict=True):
                    write_atomic(folder / name, text)
        except Exception as exc:  # never lose the run silently: say so and fail the session
            self.write_error = f"distillbench: could not write the report to {self.report_dir}: {exc}"
            session.exitstatus = pytest.ExitCode.INTERNAL_ERROR
            return
        self.report = report
        self.written = [dirs[0] / name for name in REPORT_FILES]

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
        for line in self.warnings:
            terminalreporter.write_line(line, yellow=True)
        if self.kept:
            terminalreporter.write_line(
                f"this run is incomplete ({self.report['run']['incomplete_reason']}): the complete report in "
                f"{self.report_dir} was kept; this run's report is in {self.written[0].parent} "
                "(--replace-report writes over it)", yellow=True)
        for line in self.failures:
            terminalreporter.write_line(line, red=True)
