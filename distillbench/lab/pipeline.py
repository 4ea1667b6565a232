"""The lab pipeline, in the order that makes the most informative artefacts first: teacher answers, control
answers, then per dose (100%, 0%, 25%, 50%) mix → train → convert → record. Every step is cached (steps.py);
progress goes to `<cache>/progress.json`. Training and conversion run in the lab's own Python (with the
`lab` extra); serving and recording run in this one (with the `local` extra)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from distillbench.atomic import write_atomic
from distillbench.fixtures.models_file import ModelSpec, load_models
from distillbench.lab.answers import generate_answers, read_answers
from distillbench.lab.mixes import DOSES, build_mix
from distillbench.lab.progress import ProgressFile
from distillbench.lab.prompts import prompt_pool
from distillbench.lab.rebuild_check import CHECK_PROBES, differing_answers
from distillbench.lab.steps import Step, run_steps
from scoring.errors import DistillbenchError

__all__ = ["LabConfig", "lab_steps", "run_lab", "student_name"]

TEACHER = "qwen2.5-coder-0.5b-instruct"
CONTROL = "smollm2-135m-instruct"
SEED = 20250101


def student_name(dose: int) -> str:
    return f"lab-student-{dose:03d}"


@dataclass(frozen=True)
class LabConfig:
    """Where the lab reads and writes; defaults are the repository's layout."""

    root: Path
    cache: Path
    lab_python: Path
    seed: int = SEED

    @property
    def fixtures(self) -> Path:
        return self.root / "fixtures" / "lab"

    @property
    def models_file(self) -> Path:
        return self.fixtures / "models.toml"

    @property
    def cassettes(self) -> Path:
        return self.root / "cassettes" / "lab"

    def student_dir(self, dose: int) -> Path:
        return self.cache / "students" / f"dose-{dose:03d}"


def _models(cfg: LabConfig) -> dict[str, ModelSpec]:
    return load_models(cfg.models_file)


def _answers_step(cfg: LabConfig, name: str, model: str, out: Path) -> Step:
    prompts = prompt_pool()

    def run(progress: ProgressFile) -> None:
        generate_answers(_models(cfg)[model], prompts, out, cfg.cache / "logs", progress.update)
        read_answers(out, required=[p.id for p in prompts])

    return Step(name, (out,), run)


def _mix_step(cfg: LabConfig, dose: int) -> Step:
    out = cfg.student_dir(dose) / "mix.jsonl"
    ids = [p.id for p in prompt_pool()]

    def run(progress: ProgressFile) -> None:
        teacher = read_answers(cfg.fixtures / "teacher.jsonl", required=ids) if dose > 0 else None
        control = read_answers(cfg.fixtures / "control.jsonl", required=ids) if dose < 100 else None
        rows = build_mix(dose, teacher, control, cfg.seed)
        write_atomic(out, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))

    return Step(f"mix-{dose:03d}", (out,), run)


def _lab_subprocess(cfg: LabConfig, args: list[str], progress: ProgressFile) -> None:
    if not cfg.lab_python.is_file():
        raise DistillbenchError(f"the lab's Python {cfg.lab_python} does not exist; create it with `make lab` "
                                "(it installs the `lab` extra: torch, transformers, peft, gguf)")
    env = {**os.environ, "PYTHONPATH": str(cfg.root), "DISTILLBENCH_LAB_PROGRESS": str(progress.path)}
    result = subprocess.run([str(cfg.lab_python), *args], cwd=cfg.root, env=env, check=False)
    if result.returncode != 0:
        raise DistillbenchError(f"lab step `{' '.join(args[:3])}` failed with exit code {result.returncode}")


def _base_gguf() -> Path:
    from distillbench.recording.local_models import LOCAL_MODELS

    return LOCAL_MODELS[CONTROL].path()


def _train_step(cfg: LabConfig, dose: int) -> Step:
    sdir = cfg.student_dir(dose)
    out = sdir / "merged"

    def run(progress: ProgressFile) -> None:
        _lab_subprocess(cfg, ["-m", "distillbench.lab.train", "--mix", str(sdir / "mix.jsonl"), "--base-gguf",
                              str(_base_gguf()), "--out", str(out), "--seed", str(cfg.seed)], progress)

    return Step(f"train-{dose:03d}", (out / "config.json",), run)


def _convert_step(cfg: LabConfig, dose: int) -> Step:
    sdir = cfg.student_dir(dose)
    out = sdir / "student-q8_0.gguf"

    def run(progress: ProgressFile) -> None:
        _lab_subprocess(cfg, ["-m", "distillbench.lab.convert", "--model-dir", str(sdir / "merged"), "--out",
                              str(out), "--cache", str(cfg.cache)], progress)

    return Step(f"convert-{dose:03d}", (out, out.with_name(out.name + ".sha256")), run)


def _reuse_step(cfg: LabConfig) -> Step:
    """The teacher's and SmolLM2's lab requests equal the committed main-suite recordings: copy those the lab
    plan asks of each (greedy answers, and the teacher's resamples) instead of re-recording them."""
    from distillbench.fixtures.rse_prompts import load_rse_plan

    plan = load_rse_plan(cfg.fixtures / "rse.toml")
    roles = {name: spec.role for name, spec in _models(cfg).items()}
    outs = tuple(cfg.cassettes / m for m in (TEACHER, CONTROL))

    def wanted(model: str, path: Path) -> bool:
        seed = path.stem.rsplit("--s", 1)[1] if "--s" in path.stem else None
        return seed is None or not seed.isdigit() or int(seed) in plan.seeds_for(roles[model])

    def run(progress: ProgressFile) -> None:
        for model, target in zip((TEACHER, CONTROL), outs, strict=True):
            source = cfg.root / "cassettes" / model
            files = sorted(p for p in source.glob("*.yaml") if wanted(model, p))
            target.mkdir(parents=True, exist_ok=True)
            for done, path in enumerate(files, 1):
                shutil.copyfile(path, target / path.name)
                progress.update(done, len(files))

    return Step("reuse-cassettes", outs, run)


def record_command(cfg: LabConfig, models: list[str], record_mode: str = "once", *,
                   rse_config: Path | None = None, measures: str = "ice,rse", cassettes: Path | None = None,
                   report_dir: Path | None = None) -> list[str]:
    """The suite's own recording run for some lab models (also what the README tells a user to run)."""
    rse = rse_config or cfg.fixtures / "rse.toml"
    report = report_dir or cfg.cache / "reports" / ("-".join(models) + "-" + rse.stem)
    return [sys.executable, "-m", "pytest", "--distillbench", "-p", "no:cacheprovider", "-n", "0", "-q",
            "--measures", measures, f"--models-file={cfg.models_file}", "--models", ",".join(models),
            f"--cassette-dir={cassettes or cfg.cassettes}", f"--rse-config={rse}", f"--record-mode={record_mode}",
            f"--report-dir={report}"]


def _recording_step(cfg: LabConfig, name: str, model: str, marker: str, what: str, **plan: Any) -> Step:
    """One suite recording run for one lab model (`record_command`), finished when its marker is written; an
    interrupted run keeps its cassettes and the rerun records only what is missing (`--record-mode=once`)."""
    done = cfg.cassettes / model / marker

    def run(progress: ProgressFile) -> None:
        result = subprocess.run(record_command(cfg, [model], **plan), cwd=cfg.root, check=False)
        if result.returncode != 0:
            raise DistillbenchError(f"recording {what} failed (exit {result.returncode}); its cassettes so far are "
                                    f"kept in {cfg.cassettes / model} and `make lab` resumes with the rest")
        write_atomic(done, "recorded with --record-mode=once\n")

    return Step(name, (done,), run)


def _heldout_step(cfg: LabConfig, model: str, name: str) -> Step:
    """RSE on held-out prompts of the training distribution (`rse-heldout.toml`) for one lab model."""
    return _recording_step(cfg, name, model, ".heldout-complete", f"{model}'s held-out RSE answers",
                           rse_config=cfg.fixtures / "rse-heldout.toml", measures="rse")


def _check_step(cfg: LabConfig, dose: int) -> Step:
    """Before anything is recorded from a rebuilt student, it must answer a few committed prompts exactly as
    recorded (`rebuild_check`); a student with no committed recordings yet has nothing to match."""
    name = student_name(dose)
    committed = cfg.cassettes / name
    out = cfg.student_dir(dose) / "same-as-recorded.json"

    def run(progress: ProgressFile) -> None:
        probes = [p for p in CHECK_PROBES if (committed / f"{p}.yaml").is_file()]
        if probes:
            scratch = cfg.student_dir(dose) / "check"
            shutil.rmtree(scratch, ignore_errors=True)
            rse = cfg.fixtures / "rse-heldout.toml"
            pick = " or ".join(f"{name}__{p}" for p in probes)  # the greedy cases only, not their resamples
            command = [*record_command(cfg, [name], rse_config=rse, measures="rse", cassettes=scratch / "cassettes",
                                       report_dir=scratch / "report"), "-k", f"({pick}) and not --s"]
            if subprocess.run(command, cwd=cfg.root, check=False).returncode != 0:
                raise DistillbenchError(f"asking the rebuilt {name} its check prompts failed; see the output above")
            differ = differing_answers(committed, scratch / "cassettes" / name, probes)
            if differ:
                raise DistillbenchError(
                    f"the rebuilt {name} answers {len(differ)} of {len(probes)} committed prompts differently "
                    f"({', '.join(differ)}): the recordings in {committed} came from other weights (training is "
                    f"reproducible only with the same torch build, thread count and library versions). To record "
                    f"this student afresh, move {committed} aside and run `make lab` again")
        write_atomic(out, json.dumps({"student": name, "compared": probes, "same": True}) + "\n")

    return Step(f"check-{dose:03d}", (out,), run)


def _record_step(cfg: LabConfig, dose: int) -> Step:
    name = student_name(dose)
    return _recording_step(cfg, f"record-{dose:03d}", name, ".complete", name)


def lab_steps(cfg: LabConfig) -> list[Step]:
    steps = [
        _answers_step(cfg, "teacher-answers", TEACHER, cfg.fixtures / "teacher.jsonl"),
        _answers_step(cfg, "control-answers", CONTROL, cfg.fixtures / "control.jsonl"),
        _reuse_step(cfg),
        _heldout_step(cfg, TEACHER, "heldout-teacher"),
        _heldout_step(cfg, CONTROL, "heldout-untouched"),
    ]
    for dose in DOSES:
        steps += [_mix_step(cfg, dose), _train_step(cfg, dose), _convert_step(cfg, dose), _check_step(cfg, dose),
                  _record_step(cfg, dose), _heldout_step(cfg, student_name(dose), f"heldout-{dose:03d}")]
    return steps


def run_lab(cfg: LabConfig, only: set[str] | None = None) -> list[str]:
    progress = ProgressFile(cfg.cache / "progress.json")
    return run_steps(lab_steps(cfg), cfg.cache, progress, only=only)
