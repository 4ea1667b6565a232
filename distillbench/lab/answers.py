"""Teacher and control answers to the training prompts, generated through the suite's own server and client
and kept as JSONL: one line per prompt, appended as each answer arrives, so an interrupted run resumes
where it stopped instead of regenerating what it already has."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from distillbench.fixtures.models_file import ModelSpec
from distillbench.lab.prompts import TrainPrompt
from scoring.errors import DistillbenchError

__all__ = ["AnswerFileError", "generate_answers", "read_answers"]

Progress = Callable[[int, int], None]


class AnswerFileError(DistillbenchError):
    """An answer file is missing, unreadable or does not cover the prompts it should."""


def read_answers(path: Path, *, required: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
    """The answers in `path` by prompt id; with `required`, every one of those ids must be present."""
    if not path.is_file():
        raise AnswerFileError(f"answer file {path} is missing; generate it with `make lab` "
                              "(the lab's teacher/control step)")
    rows: dict[str, dict[str, Any]] = {}
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError:
            if number == len(lines):
                continue  # a line cut off by an interruption: regenerated on resume
            raise AnswerFileError(f"{path}: line {number} is not JSON; delete the line and rerun `make lab`") from None
        if not isinstance(row, dict) or not isinstance(row.get("id"), str) or not isinstance(row.get("answer"), str):
            raise AnswerFileError(f"{path}: line {number} lacks a string `id` and `answer`")
        rows[row["id"]] = row
    if required is not None:
        missing = [i for i in required if i not in rows]
        if missing:
            raise AnswerFileError(f"answer file {path} lacks {len(missing)} prompt(s) (first: {missing[0]}); "
                                  "rerun `make lab` to finish it")
    return rows


def _repair_tail(path: Path) -> None:
    """Drop a last line cut off mid-write, so appends start on a fresh line."""
    data = path.read_bytes()
    if data and not data.endswith(b"\n"):
        path.write_bytes(data[: data.rfind(b"\n") + 1])


def generate_answers(spec: ModelSpec, prompts: list[TrainPrompt], out: Path, log_dir: Path,
                     progress: Progress | None = None) -> Path:
    """Answer every prompt missing from `out` with the model behind `spec` (started with llama.cpp when it is
    a local model), appending one JSON line per answer."""
    from distillbench.recording.client import chat, chat_messages, make_client
    from distillbench.recording.local_server import LocalServer

    out.parent.mkdir(parents=True, exist_ok=True)
    if out.exists():
        _repair_tail(out)
    done = read_answers(out) if out.exists() else {}
    todo = [p for p in prompts if p.id not in done]
    if progress:
        progress(len(prompts) - len(todo), len(prompts))
    if not todo:
        return out
    with LocalServer(spec, log_dir) as _server, out.open("a", encoding="utf-8") as handle:
        client = make_client(spec, recording=True)
        for prompt in todo:
            answer = chat(client, spec, chat_messages(prompt.text), f"{out} [{prompt.id}]")
            row = {"id": prompt.id, "kind": prompt.kind, "prompt": prompt.text, "answer": answer.text,
                   "finish_reason": answer.finish_reason, "completion_tokens": answer.completion_tokens,
                   "model": spec.name, **spec.sampling()}
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
            handle.flush()
            done[prompt.id] = row
            if progress:
                progress(len(done), len(prompts))
    return out
