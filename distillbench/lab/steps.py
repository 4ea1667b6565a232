"""The lab's step cache: a step whose marker and outputs exist is skipped, so `make lab` after an
interruption continues with the first unfinished step. A marker is written only after the step's outputs
are complete (each step writes its outputs atomically or resumably), so an interrupted step simply reruns."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from distillbench.atomic import write_atomic
from distillbench.lab.progress import ProgressFile

__all__ = ["Step", "run_steps"]


@dataclass(frozen=True)
class Step:
    """One cached unit of work: `run(progress)` must leave every path in `outputs` complete."""

    name: str
    outputs: tuple[Path, ...]
    run: Callable[[ProgressFile], None]

    def marker(self, cache: Path) -> Path:
        return cache / "steps" / f"{self.name}.done.json"

    def done(self, cache: Path) -> bool:
        return self.marker(cache).is_file() and all(p.exists() for p in self.outputs)


def run_steps(steps: list[Step], cache: Path, progress: ProgressFile, *, only: set[str] | None = None,
              log: Callable[[str], None] = print) -> list[str]:
    """Run every unfinished step in order; returns the names of the steps run now."""
    ran: list[str] = []
    for step in steps:
        if only is not None and step.name not in only:
            continue
        if step.done(cache):
            log(f"lab: {step.name}: cached")
            continue
        log(f"lab: {step.name}: running")
        started = time.monotonic()
        progress.start(step.name)
        step.run(progress)
        wall = time.monotonic() - started
        write_atomic(step.marker(cache), json.dumps({"step": step.name, "wall_s": round(wall, 1),
                                                     "outputs": [str(p) for p in step.outputs]}) + "\n")
        progress.finish(step.name, wall)
        log(f"lab: {step.name}: done in {wall:.0f}s")
        ran.append(step.name)
    return ran
