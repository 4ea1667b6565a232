"""Whether a report stands for the whole configured suite, in the run metadata every consumer reads.

A baseline written by an interrupted run, or by `-k some-subset`, would make the next comparison pair only
what happened to run; so every report says `complete` and, when not, why (`incomplete`: reason code ->
detail, `incomplete_reason`: the details in one line for people). Merging shards of one suite gives a complete
report when every shard is complete but for its deliberate selection (`--shard`, `--models`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["SELECTION", "completeness", "merged_completeness"]

SELECTION = frozenset({"deselected", "models"})  # chosen by the user, not lost


def completeness(reasons: Mapping[str, str]) -> dict[str, Any]:
    """The run-metadata fields for these reasons (none: complete)."""
    if not reasons:
        return {"complete": True}
    return {"complete": False, "incomplete": dict(reasons), "incomplete_reason": "; ".join(reasons.values())}


def merged_completeness(runs: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Completeness of a merge: shards may each be a selection; anything else a shard lost, the merge lost.

    A shard written before reports carried `complete` is taken as complete."""
    lost: dict[str, str] = {}
    for index, run in enumerate(runs, start=1):
        for code, detail in (run.get("incomplete") or {}).items():
            if code not in SELECTION:
                lost[f"{code}#{index}"] = f"shard {index}: {detail}"
        if run.get("complete") is False and not run.get("incomplete"):
            lost[f"unknown#{index}"] = f"shard {index}: {run.get('incomplete_reason') or 'incomplete'}"
    return completeness(lost)
