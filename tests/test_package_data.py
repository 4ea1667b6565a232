"""What `pip install distillbench` must carry for the suite to run in a repository that is not this one."""

from __future__ import annotations

import fnmatch
import hashlib
import json
import tomllib
from pathlib import Path

from distillbench.fixtures.rse_prompts import MTBENCH_FILE, MTBENCH_SHA256

ROOT = Path(__file__).resolve().parent.parent


def package_data_globs() -> dict[str, list[str]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return dict(config["tool"]["setuptools"]["package-data"])


def shipped(path: Path, globs: dict[str, list[str]]) -> bool:
    package, _, rest = path.relative_to(ROOT).as_posix().partition("/")
    return any(fnmatch.fnmatchcase(rest, pattern) for pattern in globs.get(package, []))


def test_every_data_file_of_both_packages_is_declared_package_data() -> None:
    globs = package_data_globs()
    data = [p for pkg in ("scoring", "distillbench") for p in (ROOT / pkg).rglob("*")
            if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts]
    assert len(data) >= 8  # defaults, MT-Bench, registry, schema
    assert [p.relative_to(ROOT).as_posix() for p in data if not shipped(p, globs)] == []


def test_the_check_notices_an_undeclared_file() -> None:
    globs = {"distillbench": ["report/*.json"]}
    assert shipped(ROOT / "distillbench" / "report" / "schema.json", globs)
    assert not shipped(ROOT / "distillbench" / "report" / "extra.toml", globs)
    assert not shipped(ROOT / "scoring" / "report" / "schema.json", globs)


def test_the_shipped_mtbench_questions_are_the_published_file() -> None:
    assert hashlib.sha256(MTBENCH_FILE.read_bytes()).hexdigest() == MTBENCH_SHA256
    rows = [json.loads(line) for line in MTBENCH_FILE.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 80 and len({r["category"] for r in rows}) == 8
    assert (MTBENCH_FILE.parent / "LICENSE").read_text(encoding="utf-8").lstrip().startswith("Apache License")


def test_the_entry_point_names_the_plugin() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert config["project"]["entry-points"]["pytest11"] == {"distillbench": "distillbench.plugin"}
