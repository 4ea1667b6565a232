"""The lab's build chain, end to end at the smallest size: train a student for one step on four teacher answers,
convert it to GGUF, serve it with the suite's llama.cpp server and get an answer through the suite's client.

`make lab` runs the same code for hours; this proves in `make test` that every link of the chain works on a
fresh machine (the lab's Python comes from `make test`, which installs the `lab` extra into .lab-venv).
"""

from __future__ import annotations

import os
import socket
import subprocess
from pathlib import Path

import pytest

from distillbench.fixtures.models_file import ModelSpec
from distillbench.recording.client import chat, chat_messages, make_client
from distillbench.recording.local_models import LOCAL_MODELS
from distillbench.recording.local_server import LocalServer

pytestmark = [pytest.mark.live, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[1]
LAB_PYTHON = Path(os.environ.get("LAB_PYTHON", ROOT / ".lab-venv" / "bin" / "python"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _lab(args: list[str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1", "DISTILLBENCH_LAB_THREADS": "2"}
    return subprocess.run([str(LAB_PYTHON), *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False)


def test_train_convert_serve_answer(tmp_path: Path) -> None:
    assert LAB_PYTHON.is_file(), f"the lab's Python {LAB_PYTHON} is missing: `make test` installs it (.lab-venv)"
    mix = tmp_path / "mix.jsonl"
    teacher = (ROOT / "fixtures" / "lab" / "teacher.jsonl").read_text(encoding="utf-8").splitlines()[:4]
    mix.write_text("\n".join(teacher) + "\n", encoding="utf-8")
    base = LOCAL_MODELS["smollm2-135m-instruct"].path()
    trained = _lab(["-m", "distillbench.lab.train", "--mix", str(mix), "--base-gguf", str(base),
                    "--out", str(tmp_path / "merged"), "--max-steps", "1"])
    assert trained.returncode == 0, trained.stderr[-3000:]
    assert (tmp_path / "merged" / "config.json").is_file() and not (tmp_path / "merged.partial").exists()
    converted = _lab(["-m", "distillbench.lab.convert", "--model-dir", str(tmp_path / "merged"),
                      "--out", str(tmp_path / "student.gguf"), "--cache", str(ROOT / ".lab")])
    assert converted.returncode == 0, converted.stderr[-3000:]
    spec = ModelSpec(name="smoke-student", base_url=f"http://127.0.0.1:{_free_port()}/v1", model="smoke-student",
                     vendor="Hugging Face", family="SmolLM", local="gguf:student.gguf",
                     source=str(tmp_path / "models.toml"), max_tokens=16)
    with LocalServer(spec, tmp_path / "logs"):
        answer = chat(make_client(spec, recording=True), spec, chat_messages("Who are you?"), "smoke")
    assert answer.text.strip() and answer.served_model == "smoke-student"


def test_a_corrupted_student_is_refused_before_serving(tmp_path: Path) -> None:
    """Near miss of the above: a student whose bytes no longer match its sidecar is never served."""
    from distillbench.recording.local_server import ServerError

    student = tmp_path / "student.gguf"
    student.write_bytes(b"GGUF" + b"\0" * 64)
    student.with_name("student.gguf.sha256").write_text("0" * 64 + "  student.gguf\n", encoding="utf-8")
    spec = ModelSpec(name="bad-student", base_url=f"http://127.0.0.1:{_free_port()}/v1", model="bad-student",
                     vendor="Hugging Face", family="SmolLM", local="gguf:student.gguf",
                     source=str(tmp_path / "models.toml"))
    with pytest.raises(ServerError, match="corrupt or was replaced"):
        LocalServer(spec, tmp_path / "logs").start()
