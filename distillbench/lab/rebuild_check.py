"""A rebuilt student must be the student its committed recordings came from. Weights are never committed, so
`make lab` on a new machine trains them again; if that training does not reproduce the recorded weights (another
torch build, thread count or library version can change the arithmetic), new recordings of the rebuilt student
would silently mix two different models with the committed ones. The check asks the rebuilt student a few
prompts it was recorded on and compares the answers, greedy and seeded, character for character."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from distillbench.recording.cassettes import recorded_answer

__all__ = ["CHECK_PROBES", "differing_answers"]

# Greedy held-out answers: the first prompts every student is recorded on, cheap to ask (128 tokens each).
CHECK_PROBES: tuple[str, ...] = ("rse-heldout-00", "rse-heldout-01", "rse-heldout-02", "rse-heldout-03")


def differing_answers(committed: Path, fresh: Path, probes: Sequence[str]) -> list[str]:
    """The probes whose answer in the `fresh` cassette directory is not the committed one (a probe missing or
    unreadable in either counts as differing, so a broken check never passes)."""
    differ = []
    for probe in probes:
        old, new = recorded_answer(committed / f"{probe}.yaml"), recorded_answer(fresh / f"{probe}.yaml")
        if old is None or new is None or old != new:
            differ.append(probe)
    return differ
