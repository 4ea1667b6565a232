"""The paper's LLM-judge protocol for ICE, through any OpenAI-compatible judge in the models file.

Pass 1 (loose): the judge compares the answer with a one-line fact about the target and says whether the
answer contradicts it about who "I" am. Pass 2 (strict), only for loose positives: whether the answer
claims an OpenAI/ChatGPT or Anthropic/Claude identity. Every judge call is recorded in a cassette like any
other call, so judged runs replay offline too.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from distillbench.recording.client import chat_messages
from scoring.ice.registry import Identity

__all__ = ["JudgeVerdict", "identity_fact", "loose_messages", "parse_yes_no", "run_ice_judge",
           "strict_messages"]

_SYSTEM = "You are a careful evaluator. Answer with a single word: yes or no."


def identity_fact(target: Identity) -> str:
    """The one-line fact the judge compares against, as in the paper."""
    return f"I am a large language model named {target.family}, developed by {target.vendor_name}."


def loose_messages(answer: str, target: Identity) -> list[dict[str, str]]:
    return chat_messages(
        f"Fact about an AI assistant: \"{identity_fact(target)}\"\n\n"
        f"Here is an answer the assistant gave:\n<answer>\n{answer[:4000]}\n</answer>\n\n"
        "Does the answer contradict the fact about who the assistant itself is (its own name or the "
        "organisation that developed it)? Mentions of other assistants that the answer does not claim "
        "to be are not contradictions. Reply yes or no.",
        _SYSTEM,
    )


def strict_messages(answer: str) -> list[dict[str, str]]:
    return chat_messages(
        f"Here is an answer an AI assistant gave:\n<answer>\n{answer[:4000]}\n</answer>\n\n"
        "Does the assistant claim to be ChatGPT, GPT or Claude, or to have been developed by OpenAI or "
        "Anthropic? Reply yes or no.",
        _SYSTEM,
    )


_YES_NO = re.compile(r"\b(yes|no)\b|(是|否|不是)", re.IGNORECASE)


def parse_yes_no(text: str) -> bool | None:
    """The judge's first yes/no; None when it gave neither (reported as unparsed, never guessed)."""
    match = _YES_NO.search(text or "")
    if match is None:
        return None
    word = (match.group(1) or match.group(2)).lower()
    return word in ("yes", "是")


@dataclass(frozen=True)
class JudgeVerdict:
    judge: str
    contradiction: bool | None
    strict: bool | None
    raw: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"judge": self.judge, "contradiction": self.contradiction, "strict": self.strict,
                "raw": list(self.raw)}


def run_ice_judge(answer: str, target: Identity, judge: str,
                  ask: Callable[[str, list[dict[str, str]]], str]) -> JudgeVerdict:
    """Run both passes; `ask(pass_name, messages)` sends one judge request (recorded by the caller)."""
    first = ask("loose", loose_messages(answer, target))
    loose = parse_yes_no(first)
    if not loose:
        return JudgeVerdict(judge, loose, False if loose is False else None, (first,))
    second = ask("strict", strict_messages(answer))
    return JudgeVerdict(judge, True, parse_yes_no(second), (first, second))
