"""Shared fixtures: a throw-away pytest project that runs the real suite plugin against real cassettes."""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
import tomllib
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import httpcore2  # noqa: F401  (see below)
import openai  # noqa: F401
import pytest
import vcr  # noqa: F401

# In-process pytester runs restore sys.modules afterwards; a network module first imported inside one would
# come back as a second copy, and httpx2's exception mapping would then miss httpcore2's exceptions.
# Importing them here puts them in the snapshot once, for every run.
from distillbench.fixtures.models_file import load_models
from distillbench.paths import CASSETTES_DIR, DEFAULTS_DIR, FIXTURES_DIR
from distillbench.toml_text import toml_value

# A small slice of the committed probe plan whose cassettes are recorded for every committed model.
SUBSET_QUESTIONS = ("en-who-are-you", "zh-who-made-you")
SUBSET_TEMPLATES = ("plain-frame", "dan-chatgpt")
SUBSET_MODEL = "smollm2-135m-instruct"


def write_subset(source: Path, table: str, keep: tuple[str, ...], target: Path) -> None:
    """Copy the entries of a probe file whose id is in `keep` (TOML basic strings are JSON strings)."""
    data = tomllib.loads(source.read_text(encoding="utf-8"))
    lines = [f"id = {toml_value(data['id'])}"]
    for entry in data[table]:
        if entry["id"] in keep:
            lines.append(f"\n[[{table}]]")
            lines += [f"{key} = {toml_value(value)}" for key, value in entry.items()]
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")


def load_benchmark(name: str) -> ModuleType:
    """A script in benchmarks/ imported as a module (they are scripts, not a package), for testing its helpers."""
    path = Path(__file__).resolve().parent.parent / "benchmarks" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, module)
    spec.loader.exec_module(module)
    return module


def model_table(text: str, name: str) -> str:
    """One model's table from a models file's text, as a team would copy it into a file of its own."""
    start = text.index(f'[models."{name}"]')
    end = text.find("\n[models.", start + 1)
    return text[start:] if end < 0 else text[start:end + 1]


@dataclass
class SuiteProject:
    pytester: pytest.Pytester
    root: Path

    @property
    def cassettes(self) -> Path:
        return self.root / "cassettes"

    @property
    def reports(self) -> Path:
        return self.root / "reports"

    def args(self, *extra: str) -> list[str]:
        measures = [] if any(a.startswith("--measures") for a in extra) else ["--measures", "ice"]
        return ["--distillbench", *measures,
                "--models-file", str(self.root / "models.toml"), "--questions", str(self.root / "questions.toml"),
                "--templates", str(self.root / "templates.toml"), "--cassette-dir", str(self.cassettes),
                "--report-dir", str(self.reports), *extra]

    def run(self, *extra: str, subprocess: bool = False) -> pytest.RunResult:
        runner = self.pytester.runpytest_subprocess if subprocess else self.pytester.runpytest
        return runner(*self.args(*extra))

    def report(self) -> dict[str, Any]:
        return json.loads((self.reports / "distillation.json").read_text(encoding="utf-8"))

    def junit(self) -> ET.Element:
        return ET.parse(self.reports / "junit.xml").getroot()

    def only(self, model: str) -> list[str]:
        """Arguments for a complete run of one model: a models file holding only it (not a --models subset)."""
        path = self.root / f"only-{model}.toml"
        path.write_text(model_table((self.root / "models.toml").read_text(encoding="utf-8"), model), encoding="utf-8")
        return ["--models-file", str(path)]

    def cassette(self, probe_id: str, model: str = SUBSET_MODEL) -> Path:
        return self.cassettes / model / f"{probe_id}.yaml"


@pytest.fixture
def suite_project(pytester: pytest.Pytester) -> SuiteProject:
    """A project outside this repository: the suite through the entry point, a probe subset, the committed
    models and a copy of their cassettes."""
    root = pytester.path
    shutil.copy(FIXTURES_DIR / "models.toml", root / "models.toml")
    write_subset(DEFAULTS_DIR / "identity_questions.toml", "question", SUBSET_QUESTIONS,
                 root / "questions.toml")
    write_subset(DEFAULTS_DIR / "templates.toml", "template", SUBSET_TEMPLATES, root / "templates.toml")
    for model in load_models(root / "models.toml"):  # the committed models' cassettes, not the lab's
        shutil.copytree(CASSETTES_DIR / model, root / "cassettes" / model)
    return SuiteProject(pytester, root)


@pytest.fixture
def subset_cases() -> Callable[[str], list[str]]:
    """The case ids of the subset for one model, in report order."""

    def cases(model: str) -> list[str]:
        probes = []
        for question in SUBSET_QUESTIONS:
            probes += [question, f"{question}--sys-helpful", f"{question}--sys-self"]
            probes += [f"{question}--tpl-{t}" for t in SUBSET_TEMPLATES]
        return sorted(f"{model}__{p}" for p in probes)

    return cases
