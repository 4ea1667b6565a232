"""Dose mixes: every student sees the same prompts and the same number of answers; only the share that
comes from the teacher changes (the rest from the control source). Teacher shares are nested — the prompts
answered by the teacher at 25% are among those at 50% — and drawn separately within general prompts and
identity conversations, so each mix keeps the pool's identity share."""

from __future__ import annotations

import random
from typing import Any

from scoring.errors import DistillbenchError

__all__ = ["DOSES", "MixError", "build_mix", "teacher_count"]

# Percent of training answers taken from the teacher, in the order the pipeline builds them (most
# informative first: the full dose, then the control-only student, then the intermediate doses).
DOSES: tuple[int, ...] = (100, 0, 25, 50)


class MixError(DistillbenchError):
    """A mix cannot be built from the answers given."""


def teacher_count(dose: int, n: int) -> int:
    """How many of `n` answers come from the teacher at `dose` percent (round half up, exact at 0 and 100)."""
    if not 0 <= dose <= 100:
        raise MixError(f"dose must be a percentage in [0, 100], got {dose}")
    return (dose * n * 2 + 100) // 200


def build_mix(dose: int, teacher: dict[str, dict[str, Any]] | None, control: dict[str, dict[str, Any]] | None,
              seed: int) -> list[dict[str, Any]]:
    """The training rows of one student, in pool order, each tagged with its `source`. Only the sources a dose
    draws on are needed: the 100% mix is the teacher's answers alone and the 0% mix the control's, so either
    can be built (and trained) while the other source is still being generated."""
    needed = [name for name, rows in (("teacher", teacher), ("control", control))
              if (name == "teacher" and dose > 0) or (name == "control" and dose < 100)]
    missing = [name for name in needed if (teacher if name == "teacher" else control) is None]
    if missing:
        raise MixError(f"the {dose}% mix needs the {missing[0]} answers")
    if teacher is not None and control is not None and set(teacher) != set(control):
        only = sorted(set(teacher) ^ set(control))
        raise MixError(f"teacher and control answers cover different prompts (first difference: {only[0]})")
    pool = teacher if teacher is not None else control
    assert pool is not None
    chosen: set[str] = set()
    for kind in sorted({row["kind"] for row in pool.values()}):
        ids = sorted(i for i, row in pool.items() if row["kind"] == kind)
        order = random.Random(f"{seed}:{kind}").sample(ids, len(ids))
        chosen.update(order[: teacher_count(dose, len(ids))])
    rows = []
    for prompt_id in pool:
        source = "teacher" if prompt_id in chosen else "control"
        row = (teacher if source == "teacher" else control)[prompt_id]  # type: ignore[index]
        rows.append({"id": prompt_id, "kind": row["kind"], "prompt": row["prompt"], "answer": row["answer"],
                     "finish_reason": row.get("finish_reason"), "source": source})
    return rows
