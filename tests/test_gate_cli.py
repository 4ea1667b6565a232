"""`distillbench gate` on existing reports: the same decisions and exit status as a run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from distillbench.cli.main import main
from tests.conftest import SUBSET_MODEL, SuiteProject


@pytest.fixture
def written(suite_project: SuiteProject) -> Path:
    assert suite_project.run(*suite_project.only(SUBSET_MODEL)).ret == 0
    return suite_project.reports / "distillation.json"


def test_gates_pass_and_fail_with_the_runs_exit_status(written: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["gate", str(written), "--gate", "ice.strict<=1"]) == 0
    assert "gates 1/1 passed" in capsys.readouterr().out
    assert main(["gate", str(written), "--gate", f"ice.loose:{SUBSET_MODEL}<0"]) == 1
    assert "gate failed:" in capsys.readouterr().out
    assert main(["gate", str(written), "--gate", "ice.strict==0.05"]) == 4
    assert "invalid gate" in capsys.readouterr().err


def test_a_baseline_compares_and_a_renamed_predecessor_maps(written: Path, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "decided.json"
    assert main(["gate", str(written), "--baseline", str(written), "-o", str(out)]) == 0
    decided = json.loads(out.read_text(encoding="utf-8"))
    assert decided["baseline"]["compatible"] and decided["baseline"]["shared_cases"] == 10
    old = json.loads(written.read_text(encoding="utf-8"))
    for case in old["cases"]:
        case["id"], case["model"] = case["id"].replace(SUBSET_MODEL, "v1", 1), "v1"
    old["run"]["models"] = {"v1": old["run"]["models"][SUBSET_MODEL]}
    (tmp_path / "v1.json").write_text(json.dumps(old), encoding="utf-8")
    assert main(["gate", str(written), "--baseline", str(tmp_path / "v1.json")]) == 4
    assert "only 0 of this run's cases" in capsys.readouterr().err
    assert main(["gate", str(written), "--baseline", str(tmp_path / "v1.json"),
                 "--baseline-model", f"{SUBSET_MODEL}=v1"]) == 0


def test_output_never_overwrites_the_input(written: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = written.read_bytes()
    assert main(["gate", str(written), "-o", str(written)]) == 4
    assert "names the input report" in capsys.readouterr().err and written.read_bytes() == before


def test_a_missing_report_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["gate", str(tmp_path / "nope.json")]) == 4
    assert "nope.json" in capsys.readouterr().err
