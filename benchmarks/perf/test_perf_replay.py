"""Cost of replaying the committed suite relative to pytest's own cost for the same number of empty cases.

Both runs are subprocesses with `pytest -n auto`, on the same machine in the same benchmark run; each is
timed in CPU seconds (user + system of the run and every xdist worker it reaped) and in wall seconds.
The printed ratio (replay / empty) is what a team pays for the suite beyond pytest and xdist themselves,
and stays meaningful across machines, unlike seconds.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]

EMPTY_CASES = '''import pytest


@pytest.mark.parametrize("case", range({n}))
def test_case(case: int) -> None:
    pass
'''


def _timed(args: list[str], cwd: Path) -> dict[str, float]:
    """Run `python -m pytest ARGS` in `cwd`; CPU seconds of it and its reaped children, and wall seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "pytest", *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        pytest.fail(f"`pytest {' '.join(args)}` in {cwd} exited {done.returncode}:\n{done.stdout[-3000:]}"
                    f"\n{done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"cpu": cpu, "wall": wall}


def _replay_and_empty(tmp: Path) -> dict[str, Any]:
    reports = tmp / "reports"
    replay = _timed(["-n", "auto", "-p", "no:cacheprovider", "-q", "--report-dir", str(reports)], REPO)
    cases = len(json.loads((reports / "distillation.json").read_text(encoding="utf-8"))["cases"])
    empty_dir = tmp / "empty"
    empty_dir.mkdir(exist_ok=True)
    (empty_dir / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    (empty_dir / "test_empty.py").write_text(EMPTY_CASES.format(n=cases), encoding="utf-8")
    # pytest and xdist alone: the distillbench plugin (installed, so loaded by entry point) is switched off.
    empty = _timed(["-n", "auto", "-p", "no:cacheprovider", "-p", "no:distillbench", "-q"], empty_dir)
    return {"cases": cases, "replay": replay, "empty": empty}


def test_replay_costs_against_empty_cases(benchmark: Any, capsys: pytest.CaptureFixture[str],
                                          tmp_path: Path) -> None:
    """One round: the committed suite replayed, then as many empty parametrized cases, both with -n auto."""
    if not any((REPO / "cassettes").rglob("*.yaml")):
        pytest.fail(f"no committed cassettes under {REPO / 'cassettes'}: record them with `make record`")
    result = benchmark.pedantic(_replay_and_empty, args=(tmp_path,), rounds=1, iterations=1)
    replay, empty = result["replay"], result["empty"]
    ratios = {kind: replay[kind] / empty[kind] for kind in ("cpu", "wall")}
    benchmark.extra_info.update({"cases": result["cases"], "replay": replay, "empty": empty,
                                 "ratio_cpu": ratios["cpu"], "ratio_wall": ratios["wall"]})
    with capsys.disabled():
        print(f"\nreplay of {result['cases']} committed cases vs as many empty cases, both -n auto: "
              f"CPU {replay['cpu']:.1f}s vs {empty['cpu']:.1f}s = {ratios['cpu']:.2f}x; "
              f"wall {replay['wall']:.1f}s vs {empty['wall']:.1f}s = {ratios['wall']:.2f}x")
    assert result["cases"] > 0
