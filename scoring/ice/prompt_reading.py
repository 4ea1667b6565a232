"""What a prompt tells the ICE scorer, read once: the identity its template assigns, what its question asks, and
the runs of words an answer may quote from it.

Why a separate reading: a probe is a template with a question in its slot, and a run asks many questions under
each template (the paper's published answers put 50 questions under each of about a hundred templates). Reading
the template for every answer was half of the scorer's time; `read_probe` reads each template and each question
once (cached) and joins the two readings, which is what reading the whole prompt gives, except that a phrase
running across the slot (the template's "you are" before a question) is not read as one phrase: the question is
a sentence of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from scoring.ice.copies import CopyIndex
from scoring.ice.registry import Registry, default_registry
from scoring.ice.roleplay import (
    AssignedIdentity,
    asked_identities,
    asks_about_self,
    asks_where_my_makers_are,
    asks_who_made_me,
    assigned_identity,
)

__all__ = ["MAX_PROMPT_CHARS", "PromptReading", "read_probe", "read_prompt"]

# What one verdict reads of a prompt (the scorer is linear below it); a longer prompt is read up to it and the
# verdict says so (`truncated`).
MAX_PROMPT_CHARS = 100_000


@dataclass(frozen=True)
class PromptReading:
    """What the scorer takes from a prompt. `asked`: vendors a yes/no question offers ("Are you ChatGPT?");
    `asks_about_self` licenses reading the answer's echo of the question ("Your team is X") as the model's own
    words; `asks_maker` / `asks_where` let a bare name or place answer the question; `copies` finds where an answer
    quotes the prompt; `truncated`: the prompt was longer than `MAX_PROMPT_CHARS`."""

    assigned: AssignedIdentity = field(default_factory=AssignedIdentity)
    asks_about_self: bool = False
    asked: tuple[str, ...] = ()
    asks_maker: bool = False
    asks_where: bool = False
    copies: CopyIndex = field(default_factory=CopyIndex)
    truncated: bool = False

    def joined(self, other: PromptReading, copies: CopyIndex) -> PromptReading:
        """This reading and another part's, as one prompt's (with the whole prompt's `copies`)."""
        return PromptReading(
            self.assigned.merged(other.assigned),
            self.asks_about_self or other.asks_about_self,
            tuple(dict.fromkeys((*self.asked, *other.asked))),
            self.asks_maker or other.asks_maker,
            self.asks_where or other.asks_where,
            copies,
        )


class _Same:
    """A registry as a cache key: the same object, not an equal one (a registry holds a dict, so it has no hash)."""

    __slots__ = ("registry",)

    def __init__(self, registry: Registry):
        self.registry = registry

    def __hash__(self) -> int:
        return id(self.registry)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Same) and other.registry is self.registry


def read_prompt(
    prompt: str | None, roleplay_names: Sequence[str] = (), registry: Registry | None = None
) -> PromptReading:
    """The reading of a whole prompt, when its template and question are not known apart.

    Without a prompt, `roleplay_names` are taken as assigned (the caller says so); with one, they only help find
    role-play frames, and what is assigned is read from the prompt."""
    reg = registry or default_registry()
    if prompt is None:
        return PromptReading(assigned_identity(None, roleplay_names, reg))
    read = prompt[:MAX_PROMPT_CHARS]
    whole = _read(read, tuple(roleplay_names), reg)
    return replace(whole, copies=CopyIndex.of(read), truncated=len(prompt) > MAX_PROMPT_CHARS)


def read_probe(
    template_parts: Sequence[str],
    question: str,
    roleplay_names: Sequence[str] = (),
    registry: Registry | None = None,
) -> PromptReading:
    """The reading of the prompt `question.join(template_parts)` (the question in each of the template's slots;
    a template without a slot is one part before it and an empty one after), from the template's reading and the
    question's, each cached."""
    parts = tuple(template_parts)
    prompt = question.join(parts)
    if len(parts) < 2 or not "".join(parts).strip() or len(prompt) > MAX_PROMPT_CHARS:
        return read_prompt(prompt, roleplay_names, registry)
    reg = registry or default_registry()
    key = _Same(reg)
    template = _read_cached("\n".join(parts), tuple(roleplay_names), key)
    return template.joined(_read_cached(question, (), key), CopyIndex.of_slotted(parts, question))


@lru_cache(maxsize=256)
def _read_cached(text: str, names: tuple[str, ...], key: _Same) -> PromptReading:
    return _read(text, names, key.registry)


def _read(text: str, names: tuple[str, ...], reg: Registry) -> PromptReading:
    """The reading of one text, without its copies (those belong to the whole prompt, see `joined`)."""
    return PromptReading(
        assigned_identity(text, names, reg),
        asks_about_self(text),
        asked_identities(text, reg),
        asks_who_made_me(text),
        asks_where_my_makers_are(text),
    )
