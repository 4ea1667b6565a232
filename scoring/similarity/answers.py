"""Which RSE answers may be compared: one rule shared by the similarity section and the baseline check.

A refused, blank, failed or skipped answer is reported and left out, never averaged in; both consumers
must agree on that, or a baseline comparison would average over other answers than the report did.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from scoring.similarity.text import is_blank

__all__ = ["GREEDY", "exclusion_reason", "is_refusal", "prompt_sample"]

GREEDY = "greedy"

_REFUSAL = re.compile(
    r"^\s*(?:I'?m sorry,? but I can(?:not|'t)|I can(?:not|'t) (?:help|assist|comply|provide)|"
    r"I am (?:unable|not able) to|As an AI(?: language model)?, I (?:cannot|can't|am unable)|"
    r"抱歉，我(?:无法|不能)|对不起，我(?:无法|不能))",
    re.IGNORECASE,
)


def is_refusal(text: str) -> bool:
    """An answer that opens by declining: reported and excluded from similarity, never averaged in."""
    return bool(_REFUSAL.search(text[:300]))


def prompt_sample(case: Mapping[str, Any]) -> tuple[str, str]:
    """(prompt id, sample) of an RSE case: from its rse/probe fields, else parsed from the probe id."""
    info = {**(case.get("probe") or {}), **(case.get("rse") or {})}
    base, _, tail = str(case.get("probe_id", "")).removeprefix("rse-").partition("--")
    return str(info.get("prompt_id") or base), str(info.get("sample") or tail or GREEDY)


def exclusion_reason(case: Mapping[str, Any]) -> str | None:
    """Why an answer cannot be compared ("failed", "skipped", "empty", "refused"), or None when usable."""
    if case.get("status") in ("failed", "skipped"):
        return str(case["status"])
    text = (case.get("response") or {}).get("text")
    if not isinstance(text, str):
        return "failed"
    if is_blank(text):
        return "empty"
    return "refused" if (case.get("rse") or {}).get("refused") or is_refusal(text) else None
