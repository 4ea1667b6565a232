"""The lab's pure parts: dose arithmetic, prompt disjointness from the suite, step cache and resume,
missing/partial answer files named in the error."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

from distillbench.lab.answers import AnswerFileError, read_answers
from distillbench.lab.mixes import MixError, build_mix, teacher_count
from distillbench.lab.progress import ProgressFile
from distillbench.lab.prompts import prompt_pool
from distillbench.lab.steps import Step, run_steps
from distillbench.paths import DEFAULTS_DIR


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def _suite_prompts() -> list[str]:
    texts = [q["text"] for q in tomllib.loads((DEFAULTS_DIR / "identity_questions.toml").read_text())["question"]]
    for line in (DEFAULTS_DIR / "mt_bench" / "question.jsonl").read_text().splitlines():
        texts += json.loads(line)["turns"]
    return texts


def _shingles(text: str) -> set[str]:
    words = _norm(text).split()
    return {" ".join(words[i:i + 3]) for i in range(max(1, len(words) - 2))}


def test_pool_is_disjoint_from_every_suite_prompt_exactly_and_after_normalising() -> None:
    suite = {_norm(t) for t in _suite_prompts()}
    pool = prompt_pool()
    assert len({p.id for p in pool}) == len(pool)
    assert not [p.text for p in pool if _norm(p.text) in suite]


def test_pool_has_no_near_duplicate_of_a_suite_prompt() -> None:
    suite = [_shingles(t) for t in _suite_prompts()]
    close = [p.text for p in prompt_pool() for s in suite
             if len(_shingles(p.text) & s) / len(_shingles(p.text) | s) >= 0.6]
    assert not close


def test_near_duplicate_check_catches_a_reworded_suite_question() -> None:
    near = "who trained you"  # the suite asks "Who trained you?"
    assert _norm("Who trained you?") == _norm(near)


def test_teacher_count_rounds_half_up_and_is_exact_at_the_ends() -> None:
    assert [teacher_count(d, 300) for d in (0, 25, 50, 100)] == [0, 75, 150, 300]
    assert teacher_count(25, 36) == 9 and teacher_count(25, 2) == 1 and teacher_count(25, 1) == 0
    with pytest.raises(MixError):
        teacher_count(101, 10)


def _answers(source: str, n_general: int = 8, n_identity: int = 4) -> dict[str, dict[str, object]]:
    rows = {f"g{i}": {"kind": "general", "prompt": f"p{i}", "answer": f"{source}{i}"} for i in range(n_general)}
    rows |= {f"i{i}": {"kind": "identity", "prompt": f"q{i}", "answer": f"{source}q{i}"} for i in range(n_identity)}
    return rows


def test_mixes_keep_count_and_identity_share_and_nest() -> None:
    teacher, control = _answers("T"), _answers("C")
    picked = {}
    for dose in (0, 25, 50, 100):
        rows = build_mix(dose, teacher, control, seed=1)
        assert len(rows) == 12
        ids = {r["id"] for r in rows if r["source"] == "teacher"}
        assert len([i for i in ids if i.startswith("i")]) == teacher_count(dose, 4)
        assert all(r["answer"].startswith("T" if r["source"] == "teacher" else "C") for r in rows)
        picked[dose] = ids
    assert picked[0] <= picked[25] <= picked[50] <= picked[100]
    assert build_mix(25, teacher, control, seed=1) == build_mix(25, teacher, control, seed=1)


def test_mix_refuses_answers_over_different_prompts() -> None:
    control = _answers("C")
    del control["g0"]
    with pytest.raises(MixError, match="g0"):
        build_mix(50, _answers("T"), control, seed=1)


def test_missing_teacher_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(AnswerFileError, match=re.escape(str(tmp_path / "teacher.jsonl"))):
        read_answers(tmp_path / "teacher.jsonl")


def test_incomplete_answer_file_names_the_first_missing_prompt(tmp_path: Path) -> None:
    path = tmp_path / "teacher.jsonl"
    path.write_text(json.dumps({"id": "a", "answer": "x"}) + "\n" + '{"id": "b", "ans')  # cut mid-line
    assert set(read_answers(path)) == {"a"}
    with pytest.raises(AnswerFileError, match=r"lacks 1 prompt.*first: b"):
        read_answers(path, required=["a", "b"])


def test_interrupted_step_reruns_and_finished_steps_are_skipped(tmp_path: Path) -> None:
    calls: list[str] = []

    def writer(name: str, fail: bool = False):  # type: ignore[no-untyped-def]
        def run(progress: ProgressFile) -> None:
            calls.append(name)
            if fail and calls.count(name) == 1:
                raise KeyboardInterrupt
            (tmp_path / name).write_text("ok")
        return run

    steps = [Step("a", (tmp_path / "a",), writer("a")), Step("b", (tmp_path / "b",), writer("b", fail=True))]
    progress = ProgressFile(tmp_path / "cache" / "progress.json")
    with pytest.raises(KeyboardInterrupt):
        run_steps(steps, tmp_path / "cache", progress, log=lambda _: None)
    assert run_steps(steps, tmp_path / "cache", progress, log=lambda _: None) == ["b"]
    assert calls == ["a", "b", "b"]
    finished = json.loads((tmp_path / "cache" / "progress.json").read_text())["finished"]
    assert set(finished) == {"a", "b"}
    (tmp_path / "a").unlink()  # an output removed after the fact: the step reruns
    assert run_steps(steps, tmp_path / "cache", progress, log=lambda _: None) == ["a"]


def test_the_pure_doses_need_only_their_own_source() -> None:
    teacher, control = _answers("T"), _answers("C")
    assert build_mix(100, teacher, None, seed=1) == build_mix(100, teacher, control, seed=1)
    assert build_mix(0, None, control, seed=1) == build_mix(0, teacher, control, seed=1)
    with pytest.raises(MixError, match="needs the control answers"):
        build_mix(25, teacher, None, seed=1)  # near miss: any share of control needs the control answers
    with pytest.raises(MixError, match="needs the teacher answers"):
        build_mix(1, None, control, seed=1)


def _built(tmp_path: Path, content: bytes = b"GGUF fake weights", sidecar: str | None = None) -> Path:
    from distillbench.recording.local_models import sha256_file

    path = tmp_path / "students" / "s.gguf"
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    digest = sha256_file(path) if sidecar is None else sidecar
    if digest:
        path.with_name("s.gguf.sha256").write_text(f"{digest}  s.gguf\n", encoding="utf-8")
    return path


def test_a_built_gguf_is_served_when_its_sidecar_matches(tmp_path: Path) -> None:
    from distillbench.recording.local_models import served_file

    path = _built(tmp_path)
    assert served_file("gguf:students/s.gguf", "lab-x", str(tmp_path / "models.toml")) == (path, None)


@pytest.mark.parametrize(("sidecar", "remove", "fragment"), [
    (None, True, "no GGUF file at"),
    ("", False, "cannot be verified"),
    ("0" * 64, False, "the file is corrupt or was replaced"),
])
def test_a_missing_unverifiable_or_corrupt_built_gguf_is_named(tmp_path: Path, sidecar: str | None, remove: bool,
                                                               fragment: str) -> None:
    from distillbench.recording.local_models import LocalModelError, served_file

    path = _built(tmp_path, sidecar=sidecar)
    if remove:
        path.unlink()
    models = str(tmp_path / "models.toml")
    with pytest.raises(LocalModelError, match=fragment) as info:
        served_file("gguf:students/s.gguf", "lab-x", models)
    message = str(info.value)
    assert "'lab-x'" in message and models in message and "s.gguf" in message


def test_an_unknown_local_key_names_both_kinds_of_value(tmp_path: Path) -> None:
    from distillbench.recording.local_models import LocalModelError, served_file

    with pytest.raises(LocalModelError, match=r"not a known local model .* nor a built file"):
        served_file("smollm3", "m", str(tmp_path / "models.toml"))


def test_heldout_prompts_share_no_topic_with_training_and_are_the_committed_file() -> None:
    from distillbench.lab.prompts import HELDOUT_TOPICS, TOPICS, heldout_prompts

    assert not {t.lower() for t in HELDOUT_TOPICS} & {t.lower() for t in TOPICS}
    training = {_norm(p.text) for p in prompt_pool()}
    held = heldout_prompts()
    assert len(held) == len({p.id for p in held}) == 192 and not [p for p in held if _norm(p.text) in training]
    suite = {_norm(t) for t in _suite_prompts()}
    assert not [p for p in held if _norm(p.text) in suite]
    committed = [json.loads(line) for line in (Path(__file__).resolve().parents[1] / "fixtures" / "lab" /
                                                "heldout.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(r["id"], r["prompt"]) for r in committed] == [(p.id, p.text) for p in held]


def test_every_dose_has_its_heldout_step_after_its_recording() -> None:
    from distillbench.lab.pipeline import LabConfig, lab_steps

    root = Path(__file__).resolve().parents[1]
    names = [s.name for s in lab_steps(LabConfig(root=root, cache=root / ".lab", lab_python=Path("python")))]
    for dose in ("000", "025", "050", "100"):
        assert names.index(f"heldout-{dose}") == names.index(f"record-{dose}") + 1
    assert names.index("heldout-teacher") < names.index("mix-100")
