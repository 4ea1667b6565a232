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


def import_graph(package: str) -> dict[str, set[str]]:
    """Module -> the package's modules it imports (TYPE_CHECKING-only imports included: a circle is a circle)."""
    graph: dict[str, set[str]] = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        graph[name] = set()
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                continue
            graph[name].update(t for t in targets if t.startswith(package + "."))
    return {m: {t for t in deps if t in graph and t != m} for m, deps in graph.items()}


def cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import circle, or [] (depth-first search, white/grey/black)."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        stack.append(node)
        for dep in sorted(graph[node]):
            if state.get(dep) == 1:
                return [*stack[stack.index(dep):], dep]
            if dep not in state and (found := visit(dep)):
                return found
        stack.pop()
        state[node] = 2
        return []

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return []


def test_the_scoring_modules_import_each_other_in_one_direction() -> None:
    graph = import_graph("scoring")
    assert "scoring.ice.claims" in graph
    assert cycle(graph) == []


def test_the_cycle_check_finds_a_circle() -> None:
    assert cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert cycle({"a": {"b"}, "b": {"c"}, "c": set()}) == []
