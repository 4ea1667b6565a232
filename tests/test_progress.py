"""The recording progress line: rate and ETA from cases done so far."""

from __future__ import annotations

from scoring.progress import format_progress


def test_progress_line_reports_rate_and_eta() -> None:
    line = format_progress(done=30, total=90, failed=2, elapsed=60.0)
    assert line == "distillbench recording: 30/90 cases (2 failed), 30.0 cases/min, ETA 2m00s"


def test_progress_line_without_a_rate_yet() -> None:
    assert format_progress(done=0, total=10, failed=0, elapsed=0.0).endswith("ETA ?")
