"""The committed distillation lab replays offline, and the suite's decisions on it are what the README says.

The lab's students were fine-tuned here from SmolLM2-135M-Instruct on graded shares of a known teacher's answers
(`make lab`); their cassettes are committed, their weights are not. These tests need no weights, server or key.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import model_table

ROOT = Path(__file__).resolve().parents[1]
LAB = ROOT / "fixtures" / "lab"
CASSETTES = ROOT / "cassettes" / "lab"
TEACHER, UNTOUCHED = "qwen2.5-coder-0.5b-instruct", "smollm2-135m-instruct"
STUDENTS = ("lab-student-000", "lab-student-025", "lab-student-050", "lab-student-100")



def test_every_student_was_recorded_completely() -> None:
    """The lab's cassettes are committed whole: a student missing here would leave the decisions untested."""
    missing = [s for s in STUDENTS if not (CASSETTES / s / ".complete").is_file()]
    assert not missing, f"{missing}: record them with `make lab` (fixtures/lab/README.md)"


def _replay(models_file: Path, report_dir: Path, *, heldout: bool = False) -> Path:
    """Replay lab cassettes offline into `report_dir`; the main plan (ICE and MT-Bench RSE) or the held-out RSE."""
    plan = ["--measures", "rse", f"--rse-config={LAB / 'rse-heldout.toml'}"] if heldout else [
        f"--rse-config={LAB / 'rse.toml'}"]
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-n", "0", "-q", "--distillbench",
         f"--models-file={models_file}", f"--cassette-dir={CASSETTES}", *plan, f"--report-dir={report_dir}"],
        cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    return report_dir / "distillation.json"


def _models_file(tmp: Path, *names: str) -> Path:
    text = (LAB / "models.toml").read_text(encoding="utf-8")
    path = tmp / f"{'+'.join(names)}.toml"
    path.write_text("".join(model_table(text, n) for n in names), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def lab_reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The untouched model and each student, each with the teacher as reference, replayed as a team would
    replay a predecessor and a fine-tune: one complete report each."""
    tmp = tmp_path_factory.mktemp("lab")
    out = {}
    for name in (UNTOUCHED, *STUDENTS):
        out[name] = _replay(_models_file(tmp, TEACHER, name), tmp / name)
    return out


def test_every_lab_case_replays_offline(lab_reports: dict[str, Path]) -> None:
    for name, path in lab_reports.items():
        report = json.loads(path.read_text(encoding="utf-8"))
        assert report["run"]["complete"] is True, name
        statuses = {c["status"] for c in report["cases"]}
        assert statuses == {"passed"}, (name, statuses)
        greedy = [c for c in report["cases"] if c["model"] == name and c["kind"] == "rse"]
        assert greedy and all("--s" not in c["probe_id"] for c in greedy)  # students answer greedily only


def _gate(candidate: Path, baseline: Path, student: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "distillbench.cli.main", "gate", str(candidate), "--baseline",
                           str(baseline), "--baseline-model", f"{student}={UNTOUCHED}"],
                          cwd=ROOT, capture_output=True, text=True, check=False)


def test_the_baseline_gate_flags_the_fully_distilled_student(lab_reports: dict[str, Path]) -> None:
    """(d): the untouched model as the baseline, the 100% student as the candidate under its own name."""
    result = _gate(lab_reports["lab-student-100"], lab_reports[UNTOUCHED], "lab-student-100")
    assert result.returncode != 0, result.stdout
    assert "regressed" in result.stdout


def test_the_baseline_gate_passes_the_control_student(lab_reports: dict[str, Path]) -> None:
    """(d), near miss: fine-tuned as much, on the control source only; no drift toward the teacher."""
    result = _gate(lab_reports["lab-student-000"], lab_reports[UNTOUCHED], "lab-student-000")
    assert result.returncode == 0, result.stdout


@pytest.fixture(scope="module")
def heldout_report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Every lab model's answers to the held-out prompts of the training distribution, in one report."""
    path = _replay(LAB / "models.toml", tmp_path_factory.mktemp("heldout"), heldout=True)
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _p(report: dict[str, object], test: str, control: str, granularity: str = "combined") -> float:
    pairs = report["similarity"]["pairs"]  # type: ignore[index]
    grans = next(p["granularities"] for p in pairs if p["test"] == test)
    return float(next(e["p_value"] for e in grans[granularity]["permutation"] if e["control"] == control))


@pytest.mark.parametrize("student", ["lab-student-025", "lab-student-050", "lab-student-100"])
def test_on_training_like_prompts_every_distilled_student_is_closer_to_the_teacher(
    heldout_report: dict[str, object], student: str,
) -> None:
    """(a) at every dose: the report's own paired test, against the 0% student, on the 192 held-out prompts."""
    assert _p(heldout_report, student, "lab-student-000") < 0.05


def test_similarity_to_the_teacher_rises_with_the_dose(heldout_report: dict[str, object]) -> None:
    """Monotone: combined similarity to the teacher orders the students as their teacher shares do."""
    pairs = {p["test"]: p["granularities"]["combined"]["similarity"]["mean"]
             for p in heldout_report["similarity"]["pairs"]}  # type: ignore[index]
    means = [pairs[s] for s in STUDENTS]
    assert means == sorted(means) and len(set(means)) == len(means), dict(zip(STUDENTS, means, strict=True))


def test_fine_tuning_on_control_answers_alone_is_not_called_distillation(heldout_report: dict[str, object]) -> None:
    """(b): the 0% student against the untouched model, combined similarity to the teacher."""
    assert _p(heldout_report, "lab-student-000", UNTOUCHED) >= 0.05


@pytest.fixture(scope="module")
def heldout_reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Held-out RSE reports of the untouched model and the 0% and 25% students, one each with the teacher."""
    tmp = tmp_path_factory.mktemp("heldout-each")
    out = {}
    for name in (UNTOUCHED, "lab-student-000", "lab-student-025"):
        out[name] = _replay(_models_file(tmp, TEACHER, name), tmp / name, heldout=True)
    return out


def test_on_heldout_prompts_the_gate_flags_the_quarter_dose(heldout_reports: dict[str, Path]) -> None:
    result = _gate(heldout_reports["lab-student-025"], heldout_reports[UNTOUCHED], "lab-student-025")
    assert result.returncode != 0 and "rse.combined of lab-student-025" in result.stdout


def test_on_heldout_prompts_the_gate_passes_the_control_student(heldout_reports: dict[str, Path]) -> None:
    """Near miss: fine-tuning alone moved one granularity (structure, p = 0.028); with the pair's four tests
    Holm-adjusted that is no finding, so the control passes."""
    result = _gate(heldout_reports["lab-student-000"], heldout_reports[UNTOUCHED], "lab-student-000")
    assert result.returncode == 0, result.stdout
