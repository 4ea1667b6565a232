"""Agreement of two verdict sources on the same answers: what a judge-free scorer is worth against a judge."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from scoring.stats.intervals import accuracy, cohen_kappa

__all__ = ["judge_agreement"]


def judge_agreement(free: Sequence[bool], judged: Sequence[bool | None]) -> dict[str, Any]:
    """Accuracy and Cohen's kappa of the judge-free verdicts against the judge, on rows the judge parsed."""
    pairs = [(f, j) for f, j in zip(free, judged, strict=True) if j is not None]
    if not pairs:
        return {"n": 0, "unparsed": len(judged), "accuracy": None, "cohen_kappa": None}
    a, b = [p[0] for p in pairs], [bool(p[1]) for p in pairs]
    return {"n": len(pairs), "unparsed": len(judged) - len(pairs), "accuracy": accuracy(a, b),
            "cohen_kappa": cohen_kappa(a, b)}
