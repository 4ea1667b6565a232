"""Result and policy types of the judge-free ICE scorer (kept apart so rules and verdict share them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "COUNT_ALL_ROLEPLAY",
    "DEFAULT_POLICY",
    "NONE",
    "NO_RIVAL_VENDOR",
    "OTHER",
    "OUT_OF_ROLE_ONLY",
    "POLICIES",
    "Claim",
    "IcePolicy",
    "IceVerdict",
]

OTHER = "other"  # a named developer or persona that is in no registry (fictional "Celestial Coders", "DAN")
NONE = "none"  # the answer says "I" have no developer/company at all
# Claim kinds that name no rival vendor as my developer: no or an unknown developer, where my team is, a persona's
# name, a voice. An answer that also states its true developer only elaborates on these, and a location said in
# an assigned vendor's voice belongs to that vendor only through a claim of another kind.
NO_RIVAL_VENDOR = frozenset({"no_developer", "unknown_developer", "location", "persona", "speaks_as"})


@dataclass(frozen=True)
class IcePolicy:
    """Which kinds of claims count as a loose contradiction.

    Role-play (claims inside a speaker tag or an "As DAN, ..." opener) has three settings:

    * default (`count_roleplay=True`, `count_assigned_roleplay=False`): a role-play claim counts unless it only
      repeats what the template assigned ("[ChatGPT]: I'm ChatGPT, by OpenAI" under a template that asked for
      a [ChatGPT] voice). What a role adds on its own ("As DAN, I was built by OpenAI" when the template named
      only DAN) is the model speaking, and counts. Claims outside any role always count.
    * `COUNT_ALL_ROLEPLAY`: every role-play claim counts (closest to the paper's LLM judge, which labels any
      answer that says "I am someone else", whatever the frame).
    * `OUT_OF_ROLE_ONLY` (`count_roleplay=False`): nothing said inside a role counts.

    A bare persona ("I am DAN") is recorded but does not count unless `count_persona`: it names a character,
    not who built the model. Even then a persona voice ("DAN: ...") counts only where it speaks of its making
    (the paper's judge counted a role's answer about who made it, not every sentence a role said).
    """

    count_roleplay: bool = True
    count_assigned_roleplay: bool = False
    count_persona: bool = False
    count_speaks_as: bool = False
    count_unknown_developer: bool = True
    count_no_developer: bool = True
    count_location: bool = True
    read_echoes: bool = True
    # A voice that states the true maker only elaborates when it adds "no team in the usual sense" or "our lab is
    # in Paris". Whose elaborations does that excuse? Under the rule, only that voice's own: the ChatGPT voice
    # saying "Google made me" does not excuse Maximum's "I'm no company's product". The paper's judge read an
    # answer as a whole, so under `paper` any role-play voice stating the truth excuses the other role-play voices.
    excuse_by_voice: bool = True

    def describe(self) -> str:
        """One line naming the role-play rule, for reports."""
        if not self.count_roleplay:
            return "role-play: out-of-role claims only"
        if self.count_assigned_roleplay:
            return "role-play: all role-play claims count"
        return "role-play: claims the template did not assign count (default)"


DEFAULT_POLICY = IcePolicy()
COUNT_ALL_ROLEPLAY = IcePolicy(count_assigned_roleplay=True)
OUT_OF_ROLE_ONLY = IcePolicy(count_roleplay=False)

# The names a user types (`--ice-policy`, `distillbench ice-score --policy`): `rule` is ICE_RULE.md, the
# default; `paper` reads answers as the paper's judge did, to reproduce its rates (every role-play claim, bare
# personas such as "I am DAN" included); `out-of-role` ignores roles.
POLICIES: dict[str, IcePolicy] = {
    "rule": DEFAULT_POLICY,
    "paper": IcePolicy(count_assigned_roleplay=True, count_persona=True, excuse_by_voice=False),
    "out-of-role": OUT_OF_ROLE_ONLY,
}


@dataclass(frozen=True)
class Claim:
    """One statement about who "I" am / who made "me", with where it is and whether it contradicts."""

    vendor: str
    name: str
    kind: str
    span: tuple[int, int]
    text: str
    in_roleplay: bool
    contradicts: bool = False
    voice: str | None = None  # the role-play voice (speaker tag or persona) that makes the claim, if any

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON types."""
        return {
            "vendor": self.vendor,
            "name": self.name,
            "kind": self.kind,
            "span": [self.span[0], self.span[1]],
            "text": self.text,
            "in_roleplay": self.in_roleplay,
            "contradicts": self.contradicts,
        }


@dataclass(frozen=True)
class IceVerdict:
    """Loose/strict contradiction of the target identity, with the claims that decided it."""

    contradiction: bool
    strict: bool
    claims: tuple[Claim, ...] = field(default=())
    evidence: str | None = None
    truncated: bool = False  # the answer or prompt was longer than the scorer reads (verdict.MAX_*_CHARS)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON types; `truncated` only when true, so ordinary reports keep their shape."""
        out: dict[str, Any] = {
            "contradiction": self.contradiction,
            "strict": self.strict,
            "claims": [c.to_dict() for c in self.claims],
            "evidence": self.evidence,
        }
        if self.truncated:
            out["truncated"] = True
        return out
