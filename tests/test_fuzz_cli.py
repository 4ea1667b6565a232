"""`distillbench fuzz` refuses bad input with one clear message before it calls any model."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from distillbench.cli.main import main
from distillbench.paths import FIXTURES_DIR

FUZZ = FIXTURES_DIR / "fuzz"
GOOD_CSV = 'id,text\n0,"You are FreeBot. [INSERT PROMPT HERE]"\n'


def _run(tmp_path: Path, *more: str, seeds: str = GOOD_CSV, budget: str = "4",
         extra: tuple[str, ...] = ()) -> list[str]:
    seeds_path = tmp_path / "seeds.csv"
    seeds_path.write_text(seeds, encoding="utf-8")
    args = ["fuzz", "--target", "qwen2.5-coder-0.5b-instruct", "--mutator", "qwen-mutator",
            "--models-file", str(FUZZ / "models.toml"), "--seeds", str(seeds_path),
            "--questions", str(FUZZ / "search-questions.toml"), "--budget", budget,
            "--cassette-dir", str(tmp_path / "cassettes"), "--record-mode", "none",
            "-o", str(tmp_path / "out" / "found.toml"), *more, *extra]
    return args


@pytest.mark.parametrize(("change", "message"), [
    ({"budget": "0"}, "--budget must be at least 1 target query, got 0"),
    ({"extra": ("--keep", "0")}, "--keep must be at least 1 template, got 0"),
    ({"extra": ("--ice-policy", "lenient")}, "unknown ICE policy 'lenient'"),
    ({"seeds": ""}, "seeds.csv: the seed file has no templates"),
    ({"seeds": "id,text\n"}, "seeds.csv: the seed file has no templates"),
    ({"seeds": 'id,text\n0,"no placeholder here"\n'}, "lacks [INSERT PROMPT HERE]"),
])
def test_bad_input_is_one_message_and_nothing_is_written(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                         change: dict[str, Any], message: str) -> None:
    assert main(_run(tmp_path, **change)) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "out").exists() and not (tmp_path / "cassettes").exists()


def test_an_unknown_model_names_the_option_and_the_models_file(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    args = _run(tmp_path)
    args[args.index("qwen-mutator")] = "gpt-9"
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "--mutator 'gpt-9' is not a model of this file" in err and "models.toml" in err


@pytest.mark.parametrize("output", ["found.json", "."])
def test_the_output_must_be_a_toml_file(tmp_path: Path, capsys: pytest.CaptureFixture[str], output: str) -> None:
    args = _run(tmp_path)
    args[args.index("-o") + 1] = str(tmp_path / output)
    assert main(args) == 2
    assert "give a file name ending in .toml" in capsys.readouterr().err


def test_replaying_a_search_that_was_never_recorded_names_the_missing_cassette(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(_run(tmp_path)) == 2
    err = capsys.readouterr().err
    assert "qwen-mutator/i0001-" in err and "not recorded" in err and "--record-mode once" in err
    assert not (tmp_path / "out").exists()
