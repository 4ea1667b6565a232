"""The recording progress line: rate and ETA from cases done so far."""

from __future__ import annotations

from distillbench.recording.progress import format_progress


def test_progress_line_reports_rate_and_eta() -> None:
    line = format_progress(done=30, total=90, failed=2, elapsed=60.0)
    assert line == "distillbench recording: 30/90 cases (2 failed), 30.0 cases/min, ETA 2m00s"


def test_progress_line_without_a_rate_yet() -> None:
    assert format_progress(done=0, total=10, failed=0, elapsed=0.0).endswith("ETA ?")


def test_rate_comes_from_the_recent_window_when_given() -> None:
    # 100 replayed cassettes in 2 s, then the last 20 recorded cases took 60 s: the ETA follows the latter.
    line = format_progress(done=120, total=180, failed=0, elapsed=62.0, recent=(20, 60.0))
    assert line.endswith("20.0 cases/min, ETA 3m00s")
