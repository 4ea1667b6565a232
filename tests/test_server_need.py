"""A recording run starts a local model server only for the models it will call.

With `--record-mode=once` a model whose cassettes all exist is replayed, so starting its server (seconds and
hundreds of MB, and a port two runs side by side would both want) serves nothing. Each model here points at a
GGUF file that does not exist, so a server that was started anyway fails the run at once.
"""

from __future__ import annotations

import re

import pytest

from tests.conftest import SuiteProject


def _unservable(project: SuiteProject) -> None:
    path = project.root / "models.toml"
    text = re.sub(r'local = "[^"]+"', 'local = "gguf:nowhere/missing.gguf"', path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")


def test_no_server_is_started_when_every_cassette_exists(suite_project: SuiteProject) -> None:
    _unservable(suite_project)
    result = suite_project.run("--record-mode=once", "-p", "no:cacheprovider")
    assert result.ret == pytest.ExitCode.OK, result.stdout.str()[-1500:] + result.stderr.str()[-1500:]
    assert "missing.gguf" not in result.stderr.str()


def test_a_missing_cassette_starts_its_model_server(suite_project: SuiteProject) -> None:
    """Near miss: one cassette to record means that model's server is needed, and its missing file is named."""
    _unservable(suite_project)
    suite_project.cassette("en-who-are-you").unlink()
    result = suite_project.run("--record-mode=once", "-p", "no:cacheprovider")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert "'smollm2-135m-instruct'" in result.stderr.str() and "missing.gguf" in result.stderr.str()
