"""What one RSE case records about its answer, besides the text: enough to align, exclude and explain."""

from __future__ import annotations

import re
from typing import Any

from scoring.suite import RseCase

__all__ = ["describe_answer", "is_refusal"]

_REFUSAL = re.compile(
    r"^\s*(?:I'?m sorry,? but I can(?:not|'t)|I can(?:not|'t) (?:help|assist|comply|provide)|"
    r"I am (?:unable|not able) to|As an AI(?: language model)?, I (?:cannot|can't|am unable)|"
    r"抱歉，我(?:无法|不能)|对不起，我(?:无法|不能))",
    re.IGNORECASE,
)


def is_refusal(text: str) -> bool:
    """An answer that opens by declining: reported and excluded from similarity, never averaged in."""
    return bool(_REFUSAL.search(text[:300]))


def describe_answer(text: str, case: RseCase) -> dict[str, Any]:
    return {
        "prompt_id": case.prompt.id,
        "category": case.prompt.category,
        "sample": case.sample,
        "refused": is_refusal(text),
        "chars": len(text),
    }
