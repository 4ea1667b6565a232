"""A tiny search against the real llama.cpp server: recorded, replayed offline into the same bytes, and resumed
after an interruption by recording only what is missing. Needs `make local` and ../shared's GPTFuzzer seeds;
never skipped."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from distillbench.paths import FIXTURES_DIR, shared_data_dir
from tests.test_live_recording import free_port

pytestmark = [pytest.mark.live, pytest.mark.slow]
SEEDS_CSV = shared_data_dir() / "gptfuzzer" / "GPTFuzzer.csv"
OUTPUTS = ("found.toml", "found.seeds.toml", "found.log.json", "found.png")


def _fuzz(tmp_path: Path, models: Path, out: str, mode: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "distillbench.cli.main", "fuzz", "--target", "qwen2.5-coder-0.5b-instruct",
         "--mutator", "qwen-mutator", "--models-file", str(models), "--seeds", str(SEEDS_CSV),
         "--questions", str(tmp_path / "questions.toml"), "--budget", "4", "--pool", "2", "--seed", "5",
         "--cassette-dir", str(tmp_path / "cassettes"), "--record-mode", mode,
         "-o", str(tmp_path / out / "found.toml")],
        cwd=tmp_path, capture_output=True, text=True, timeout=900)


def test_a_recorded_search_replays_and_an_interrupted_one_resumes(tmp_path: Path) -> None:
    assert SEEDS_CSV.is_file(), f"{SEEDS_CSV} is missing: the fuzz tests need the GPTFuzzer seed templates"
    port = free_port()
    models = tmp_path / "models.toml"
    models.write_text((FIXTURES_DIR / "fuzz" / "models.toml").read_text(encoding="utf-8").replace(
        "127.0.0.1:8821", f"127.0.0.1:{port}").replace("max_tokens = 512", "max_tokens = 160")
        .replace("max_tokens = 128", "max_tokens = 24"), encoding="utf-8")
    questions = (FIXTURES_DIR / "fuzz" / "search-questions.toml").read_text(encoding="utf-8")
    (tmp_path / "questions.toml").write_text(questions.split("\n[[question]]")[0] + "\n[[question]]" +
                                             questions.split("\n[[question]]")[1], encoding="utf-8")
    first = _fuzz(tmp_path, models, "recorded", "once")
    assert first.returncode == 0, first.stderr
    replay = _fuzz(tmp_path, models, "replayed", "none")
    assert replay.returncode == 0, replay.stderr
    for name in OUTPUTS:
        assert (tmp_path / "replayed" / name).read_bytes() == (tmp_path / "recorded" / name).read_bytes(), name
    # an interruption: the last target answer never reached its cassette
    target_dir = tmp_path / "cassettes" / "qwen2.5-coder-0.5b-instruct-s5" / "qwen2.5-coder-0.5b-instruct"
    cassettes = sorted(target_dir.glob("*.yaml"))
    assert cassettes
    kept = {p: p.read_bytes() for p in cassettes[:-1]}
    cassettes[-1].unlink()
    offline = _fuzz(tmp_path, models, "offline", "none")
    assert offline.returncode == 2 and cassettes[-1].name in offline.stderr and "not recorded" in offline.stderr
    resumed = _fuzz(tmp_path, models, "resumed", "once")
    assert resumed.returncode == 0, resumed.stderr
    assert cassettes[-1].is_file() and all(p.read_bytes() == data for p, data in kept.items())
    for name in OUTPUTS:
        assert (tmp_path / "resumed" / name).read_bytes() == (tmp_path / "recorded" / name).read_bytes(), name
