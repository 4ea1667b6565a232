"""A rebuilt lab student is compared with its committed recordings before anything new is recorded from it."""

from __future__ import annotations

import shutil
from pathlib import Path

from distillbench.lab.pipeline import LabConfig, lab_steps
from distillbench.lab.rebuild_check import CHECK_PROBES, differing_answers

STUDENT = Path(__file__).resolve().parents[1] / "cassettes" / "lab" / "lab-student-025"


def _copy(src: str, dst_dir: Path, dst: str | None = None) -> None:
    dst_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(STUDENT / f"{src}.yaml", dst_dir / f"{dst or src}.yaml")


def test_the_same_answers_pass_and_one_changed_answer_is_named(tmp_path: Path) -> None:
    probes = list(CHECK_PROBES[:2])
    for p in probes:
        _copy(p, tmp_path / "same")
    assert differing_answers(STUDENT, tmp_path / "same", probes) == []
    _copy(probes[0], tmp_path / "changed")
    _copy("rse-heldout-05", tmp_path / "changed", probes[1])  # another answer under the probe's name
    assert differing_answers(STUDENT, tmp_path / "changed", probes) == [probes[1]]


def test_a_missing_or_unreadable_answer_never_passes(tmp_path: Path) -> None:
    probes = list(CHECK_PROBES[:2])
    _copy(probes[0], tmp_path)
    (tmp_path / f"{probes[1]}.yaml").write_text("interactions: [\n", encoding="utf-8")
    assert differing_answers(STUDENT, tmp_path, probes) == [probes[1]]
    assert differing_answers(STUDENT, tmp_path / "absent", probes[:1]) == probes[:1]


def test_every_student_is_checked_after_its_conversion_and_before_anything_is_recorded() -> None:
    cfg = LabConfig(root=Path("."), cache=Path(".lab"), lab_python=Path("python"))
    names = [s.name for s in lab_steps(cfg)]
    for dose in ("000", "025", "050", "100"):
        assert names.index(f"convert-{dose}") + 1 == names.index(f"check-{dose}") == names.index(f"record-{dose}") - 1
