"""Where a run's reports go, so that no run destroys the last good one.

Every run writes its three files into `REPORT_DIR/history/<started>-<pid>/`, like inspect_ai keeps every log.
The files directly in `REPORT_DIR` are the latest report that stands for the whole suite: an incomplete run
(interrupted, crashed, or a `-k`/`--shard`/`--models` subset) does not replace a complete one there unless
`--replace-report` asks it to; into an empty directory, or over another incomplete report, it writes as usual.
History is never pruned by the suite; delete old entries when you no longer need them.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

__all__ = ["REPORT_FILES", "history_dir", "holds_complete_report"]

REPORT_FILES = ("distillation.json", "junit.xml", "index.html")


def history_dir(report_dir: Path, started: str) -> Path:
    """`history/20261201T214242Z-1234`: sortable by start time; a second run of the same process in the same
    second (pytester, a loop) gets `-1234.2`, never another run's folder."""
    stamp = re.sub(r"[^0-9T]", "", started.split("+")[0]) + "Z"
    base = report_dir / "history" / f"{stamp}-{os.getpid()}"
    folder, n = base, 1
    while folder.exists():
        n += 1
        folder = base.with_name(f"{base.name}.{n}")
    return folder


def holds_complete_report(path: Path) -> bool:
    """Whether `path` is a readable report of a complete run (one written before `complete` existed counts)."""
    try:
        run = json.loads(path.read_text(encoding="utf-8")).get("run", {})
    except (OSError, ValueError, AttributeError):
        return False
    return isinstance(run, dict) and run.get("complete", True) is True
