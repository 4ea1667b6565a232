"""A progress line while recording against live endpoints, where one case can take many seconds.

pytest's own progress counts tests; a recording run also wants the rate and an ETA. Printed at most every
`interval` seconds by the controller, from the reports of every worker. The rate is taken over the last
`window` cases, so cassettes replayed at the start of a resumed recording do not make the ETA optimistic.
"""

from __future__ import annotations

import time
from collections import deque
from typing import Any

import pytest

__all__ = ["RecordingProgress", "format_progress"]


def format_progress(done: int, total: int, failed: int, elapsed: float,
                    recent: tuple[int, float] | None = None) -> str:
    """One line: cases done of total, failures, rate and ETA; `recent` = (cases, seconds) of the last window."""
    rate = done / elapsed if elapsed > 0 else 0.0
    if recent is not None and recent[0] > 0 and recent[1] > 0:
        rate = recent[0] / recent[1]
    if rate > 0:
        remaining = (total - done) / rate
        eta = f"{int(remaining // 60)}m{int(remaining % 60):02d}s"
    else:
        eta = "?"
    return f"distillbench recording: {done}/{total} cases ({failed} failed), {rate * 60:.1f} cases/min, ETA {eta}"


class RecordingProgress:
    """Controller-side plugin; registered only when --record-mode is not none."""

    def __init__(self, config: pytest.Config, interval: float = 10.0, window: int = 20) -> None:
        self.config = config
        self.interval = interval
        self.recent: deque[float] = deque(maxlen=window + 1)
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
        self.recent.append(now)
        if now - self.last_print < self.interval and self.done < self.total:
            return
        self.last_print = now
        reporter = self.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            line = format_progress(self.done, max(self.total, self.done), self.failed, now - self.started,
                                   recent=(len(self.recent) - 1, self.recent[-1] - self.recent[0]))
            reporter.write_line("")
            reporter.write_line(line)
