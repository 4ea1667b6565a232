"""The two packages' one direction of imports: `scoring` measures and never reaches into the run machinery."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# What runs a suite (pytest, HTTP, cassettes) never belongs to the measurements.
RUN_MACHINERY = ("distillbench", "pytest", "openai", "httpx", "vcr", "_pytest")


def imported_modules(source: str) -> set[str]:
    """Every module a source file imports, at any depth (lazy imports inside functions included)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def offending(source: str) -> list[str]:
    return sorted(n for n in imported_modules(source) if n.split(".")[0] in RUN_MACHINERY)


def test_scoring_imports_no_run_machinery() -> None:
    files = sorted((ROOT / "scoring").rglob("*.py"))
    assert len(files) > 20  # the package is there, not an empty glob
    found = {f.relative_to(ROOT).as_posix(): bad for f in files if (bad := offending(f.read_text("utf-8")))}
    assert found == {}


@pytest.mark.parametrize("line", ["from distillbench.paths import REPO_ROOT", "import distillbench.report",
                                  "def f():\n    from distillbench.cases import suite\n", "import pytest"])
def test_the_check_sees_every_import_form(line: str) -> None:
    assert offending(line)


@pytest.mark.parametrize("line", ["from scoring.stats import intervals", "import distillbench_like_name",
                                  "from . import text", "x = 'distillbench'"])
def test_the_check_spares_near_misses(line: str) -> None:
    assert offending(line) == []
