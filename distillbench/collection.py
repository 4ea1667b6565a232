"""Which of the suite's case modules a run collects: the suite ships inside the package, so any repository
with distillbench installed runs it with `pytest --distillbench` (or `distillbench_suite = true` in its ini
file), without copying a test file.

`--distillbench` with no paths on the command line runs the suite alone; with paths, the suite and those
paths. The ini switch adds the suite to a run that names no paths, so `pytest tests/` stays the project's
own tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

__all__ = ["MEASURES", "add_suite_paths", "measures"]

_CASES = Path(__file__).resolve().parent / "cases"
MEASURES = {"ice": ("test_ice.py",), "rse": ("test_rse.py", "test_rse_judge.py")}


def measures(text: str) -> tuple[str, ...]:
    """`--measures ice,rse` parsed; an unknown name is a usage error naming the allowed ones."""
    names = tuple(n.strip() for n in text.split(",") if n.strip())
    unknown = [n for n in names if n not in MEASURES]
    if unknown or not names:
        raise pytest.UsageError(f"--measures {text!r}: expected a comma-separated subset of "
                                f"{', '.join(sorted(MEASURES))}")
    return names


def suite_paths(chosen: tuple[str, ...]) -> list[str]:
    return [str(_CASES / name) for measure in chosen for name in MEASURES[measure]]


def add_suite_paths(config: pytest.Config) -> None:
    """Put the suite's case modules into the paths pytest collects (before collection starts)."""
    flag = bool(config.getoption("distillbench"))
    from_ini = bool(config.getini("distillbench_suite"))
    explicit = config.args_source == pytest.Config.ArgsSource.ARGS
    if not (flag or (from_ini and not explicit)):
        return
    paths = suite_paths(measures(config.getoption("measures")))
    if flag and not explicit:
        config.args[:] = []
    config.args.extend(p for p in paths if p not in config.args)
