"""The lab's progress file: which step runs, how far it got and when it should finish, so a long background
run can be watched (`cat .lab/progress.json`) and its finished steps' wall times reported."""

from __future__ import annotations

import contextlib
import json
import time
from pathlib import Path
from typing import Any

from distillbench.atomic import write_atomic

__all__ = ["ProgressFile"]


class ProgressFile:
    """Rewritten atomically on every update; the history of finished steps is kept in the same file."""

    def __init__(self, path: Path):
        self.path = path
        self.state: dict[str, Any] = {"current": None, "finished": {}}
        if path.is_file():
            with contextlib.suppress(ValueError):  # a garbled file only loses the history of wall times
                self.state["finished"] = json.loads(path.read_text(encoding="utf-8")).get("finished", {})
        self._step: str | None = None
        self._started = 0.0
        self._first_done = 0

    def start(self, step: str) -> None:
        self._step, self._started = step, time.monotonic()
        self._first_done = 0
        self.update(0, 0)
        self._first_done = -1  # the first real update sets the base the ETA's rate is measured from

    def update(self, done: int, total: int) -> None:
        """Record `done` of `total`; the ETA extrapolates from the items done in this run only."""
        if self._first_done < 0:
            self._first_done = done
        elapsed = time.monotonic() - self._started
        rate_done = done - self._first_done
        eta = elapsed / rate_done * (total - done) if rate_done > 0 and total else None
        self.state["current"] = {"step": self._step, "done": done, "total": total,
                                 "elapsed_s": round(elapsed, 1), "eta_s": None if eta is None else round(eta),
                                 "updated": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
        self._write()

    def finish(self, step: str, wall_s: float) -> None:
        self.state["finished"][step] = {"wall_s": round(wall_s, 1),
                                        "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
        self.state["current"] = None
        self._write()

    def _write(self) -> None:
        write_atomic(self.path, json.dumps(self.state, indent=2, ensure_ascii=False) + "\n")
