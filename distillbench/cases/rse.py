"""What one RSE case records about its answer, besides the text: enough to align, exclude and explain."""

from __future__ import annotations

from typing import Any

from distillbench.cases.suite import RseCase
from scoring.similarity.answers import is_refusal

__all__ = ["describe_answer"]



def describe_answer(text: str, case: RseCase) -> dict[str, Any]:
    return {
        "prompt_id": case.prompt.id,
        "category": case.prompt.category,
        "sample": case.sample,
        "refused": is_refusal(text),
        "chars": len(text),
    }
