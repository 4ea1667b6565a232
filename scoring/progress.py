"""A progress line while recording against live endpoints, where one case can take many seconds.

pytest's own progress counts tests; a recording run also wants the rate and an ETA. Printed at most every
`interval` seconds by the controller, from the reports of every worker.
"""

from __future__ import annotations

import time
from typing import Any

import pytest

__all__ = ["RecordingProgress", "format_progress"]


def format_progress(done: int, total: int, failed: int, elapsed: float) -> str:
    """One line: cases done of total, failures, rate and ETA."""
    rate = done / elapsed if elapsed > 0 else 0.0
    if rate > 0:
        remaining = (total - done) / rate
        eta = f"{int(remaining // 60)}m{int(remaining % 60):02d}s"
    else:
        eta = "?"
    return f"distillbench recording: {done}/{total} cases ({failed} failed), {rate * 60:.1f} cases/min, ETA {eta}"


class RecordingProgress:
    """Controller-side plugin; registered only when --record-mode is not none."""

    def __init__(self, config: pytest.Config, interval: float = 10.0) -> None:
        self.config = config
        self.interval = interval
        self.total = 0
        self.done = 0
        self.failed = 0
        self.started = time.monotonic()
        self.last_print = self.started

    @pytest.hookimpl
    def pytest_collection_finish(self, session: pytest.Session) -> None:
        self.total = len(session.items)

    @pytest.hookimpl
    def pytest_xdist_node_collection_finished(self, node: Any, ids: list[str]) -> None:
        self.total = max(self.total, len(ids))

    @pytest.hookimpl
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when != "call" and not (report.failed or report.skipped):
            return
        self.done += 1
        self.failed += int(report.failed)
        now = time.monotonic()
        if now - self.last_print < self.interval and self.done < self.total:
            return
        self.last_print = now
        reporter = self.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            line = format_progress(self.done, max(self.total, self.done), self.failed, now - self.started)
            reporter.write_line("")
            reporter.write_line(line)
