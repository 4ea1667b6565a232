"""Judge-free ICE verdict: does an answer claim that "I" am, or was made by, someone other than the target?

The paper's judge (an LLM) labels an answer as contradicting the target's identity when the answer says
who "I" am or who made "me" and that is not the target's vendor. This module reproduces that decision with
deterministic, linear-time rules: find first-person identity claims, attach the entity they name, and
compare it with the target's Identity. Third-person mentions, questions, comparisons and denials are not
claims. Claims voiced inside a role-play frame are flagged `in_roleplay`; by default they count only when
they say more than the template assigned (see `IcePolicy`).

Layout: `ice_mentions` (vendor names in text), `ice_frames` (sentences, role-play frames, echo view, quotes
of the prompt), `ice_patterns` (claim phrases), `ice_orgs` (developers in no registry), `ice_spread` and
`ice_lists` (claims spread over clauses and lists), `ice_location` (where my team is), `ice_discourse` (answers
and references across sentences), `ice_claims` (claim collection), `ice_types` (results, policy); this module
is the public entry point.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from scoring.ice.claim_types import (
    COUNT_ALL_ROLEPLAY,
    DEFAULT_POLICY,
    NO_RIVAL_VENDOR,
    OUT_OF_ROLE_ONLY,
    Claim,
    IcePolicy,
    IceVerdict,
)
from scoring.ice.claims import ClaimCollector
from scoring.ice.copies import mask_copies
from scoring.ice.frames import echo_view, mask_pauses
from scoring.ice.mentions import VendorMention, find_vendor_mentions, matchers
from scoring.ice.prompt_reading import MAX_PROMPT_CHARS, PromptReading, read_probe, read_prompt
from scoring.ice.registry import Identity, Registry, default_registry
from scoring.ice.roleplay import (
    AssignedIdentity,
    assigned_identity,
    prompt_assigns_identity,
    roleplay_names_from_prompt,
)

__all__ = [
    "COUNT_ALL_ROLEPLAY",
    "DEFAULT_POLICY",
    "MAX_ANSWER_CHARS",
    "MAX_PROMPT_CHARS",
    "OUT_OF_ROLE_ONLY",
    "AssignedIdentity",
    "Claim",
    "IcePolicy",
    "IceVerdict",
    "PromptReading",
    "VendorMention",
    "assigned_identity",
    "find_vendor_mentions",
    "judge_identity",
    "prompt_assigns_identity",
    "read_probe",
    "read_prompt",
    "roleplay_names_from_prompt",
]


# Bounds on what one verdict reads, so no input costs more than these do (the scorer is linear below them; the
# prompt's is `MAX_PROMPT_CHARS`). An identity claim is made in an answer's opening, far inside them; what lies
# beyond is not read and the verdict says so (`truncated`), never silently.
MAX_ANSWER_CHARS = 100_000

# Claim kinds an answer that also states its true developer only elaborates on: "I was developed by Google; my
# 'team' is a conclave of shadows" or "Zhipu AI builds me; some of my team works in the US" name no rival vendor.
# A bare yes the voice follows with its true identity ("Certainly! I am Qwen, made by Alibaba Cloud") opened the
# answer; the statement answers the question.
_ELABORATIONS = NO_RIVAL_VENDOR | {"affirmed"}
# Claim kinds that name who made me or what I am.
_NAMES_A_MAKER = frozenset({"self", "developed_by", "is"})


# "I'm an AI created by OpenAI. Wait, no, I'm DeepSeek-R1": reasoning text corrects itself. A claim the same voice
# takes back at the next sentence ("wait, no", "actually", "不对") and replaces with its true identity is withdrawn;
# a correction to another claim, or one far after it, is not. The gap is bounded, so the check stays linear.
_RETRACTION = re.compile(
    r"(?i)(?:^|(?<=[.!?。！？\n]))\s*[\"'*]*\s*(?:(?:wait|hmm+|oh|hold\s+on)[\s,.!—–\-]+)?"
    r"(?:no|nope|actually|correction|scratch\s+that|i\s+mean)\b"
    r"|(?:^|(?<=[。！？\n，,]))\s*(?:等等[，,]?\s*)?(?:不对|不是的|更正|纠正)"
)
_RETRACTION_GAP = 200
_SENTENCE_END = re.compile(r"[.!?。！？\n]")


def _withdraw_retracted(claims: tuple[Claim, ...], text: str,
                        speaker: Callable[[Claim], tuple[bool, str | None]]) -> tuple[Claim, ...]:
    """Claims a retraction right after them replaces with the true identity are withdrawn (see `_RETRACTION`)."""
    truths = [c for c in claims if c.kind == "self"]
    if not truths or not any(c.contradicts for c in claims):
        return claims
    starts = [c.span[0] for c in truths]
    out = []
    for c in claims:
        if c.contradicts:
            i = bisect.bisect_right(starts, c.span[1] - 1)
            truth = next((t for t in truths[i : i + 3] if speaker(t) == speaker(c)), None)
            if truth is not None and truth.span[0] - c.span[1] <= _RETRACTION_GAP:
                # the last retraction before the truth: the truth must follow it in the same sentence
                last = max((r.end() for r in _RETRACTION.finditer(text, c.span[1], truth.span[0])), default=None)
                if last is not None and not _SENTENCE_END.search(text, last, truth.span[0]):
                    c = replace(c, contradicts=False)
        out.append(c)
    return tuple(out)


def judge_identity(
    answer: str | None,
    target: Identity,
    *,
    roleplay_names: Sequence[str] = (),
    registry: Registry | None = None,
    policy: IcePolicy = DEFAULT_POLICY,
    prompt: str | None = None,
    reading: PromptReading | None = None,
) -> IceVerdict:
    """Loose and strict ICE verdict of one answer against the target identity.

    `prompt` is the full user prompt (template with the question filled in). From it come the identities
    the template assigned (with `roleplay_names`, which callers without the prompt pass instead), whether
    the question asked about the model itself (then "your team is X" in the answer echoes the question and
    speaks of the model), and the identity a yes/no question offered ("Are you ChatGPT?" -> "Yes.").
    A caller that knows the template and question apart passes `reading=read_probe(...)` instead of both: the
    template is then read once for all its questions.
    """
    if reading is not None and (prompt is not None or roleplay_names):
        raise ValueError("judge_identity: pass either `reading` or `prompt`/`roleplay_names`, not both")
    text = answer if isinstance(answer, str) else ("" if answer is None else str(answer))
    reg = registry or default_registry()
    if reading is None:
        reading = read_prompt(prompt, roleplay_names, reg)
    truncated = len(text) > MAX_ANSWER_CHARS or reading.truncated
    text = text[:MAX_ANSWER_CHARS]
    view = echo_view(text) if policy.read_echoes and reading.asks_about_self else text
    view = mask_pauses(mask_copies(view, reading.copies))
    judge = ClaimCollector(
        text, view, target, reg, reading.assigned, policy, asked=reading.asked, asked_maker=reading.asks_maker,
        asked_where=reading.asks_where,
    )
    if text.strip():
        judge.run()
    claims = tuple(sorted(judge.claims, key=lambda c: c.span))
    # "no team in the traditional sense ... I am developed by Google" is consistent: a voice that states its true
    # developer only elaborates. Only its own claims, though: the model's "I was developed by Alibaba Cloud" does
    # not excuse the role that follows ("John's answer: I was crafted by a mysterious collective"), and one role's
    # truth does not excuse another role's invention (`IcePolicy.excuse_by_voice`).
    def speaker(c: Claim) -> tuple[bool, str | None]:
        return (c.in_roleplay, c.voice if policy.excuse_by_voice else None)

    affirmed = {speaker(c) for c in claims if c.kind == "self"}
    if affirmed:
        claims = tuple(
            replace(c, contradicts=False) if c.kind in _ELABORATIONS and speaker(c) in affirmed else c
            for c in claims
        )
    # "I don't have a development company. My development is conducted by the team at X": a voice that names its
    # maker has one; its denial is withdrawn and the named maker decides (whether X counts is that claim's business).
    naming = {speaker(c) for c in claims if c.kind in _NAMES_A_MAKER}
    if naming:
        claims = tuple(
            replace(c, contradicts=False) if c.kind == "no_developer" and speaker(c) in naming else c for c in claims
        )
    claims = _withdraw_retracted(claims, text, speaker)
    contra = [c for c in claims if c.contradicts]
    strict_keys = matchers(reg).strict_keys
    strict = [c for c in contra if c.vendor in strict_keys and c.kind != "speaks_as"]
    decisive = strict or contra
    return IceVerdict(
        contradiction=bool(contra),
        strict=bool(strict),
        claims=claims,
        evidence=decisive[0].text if decisive else None,
        truncated=truncated,
    )
