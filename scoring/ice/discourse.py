"""Readings that reach across sentences to the maker slot: the answer to a question the answer put to itself
("My creators? Some guys in a basement."), and a reference back to my makers ("My team is diverse. They work
under the umbrella of X").

Applied to a `ClaimCollector` (through `ClaimSink`) by its sentence loop, which knows which sentence came before;
each rule reads one sentence, so the scan stays linear.
"""

from __future__ import annotations

import re

from scoring.ice import patterns as P
from scoring.ice.claim_sink import ClaimSink
from scoring.ice.claim_types import OTHER
from scoring.ice.filler import AGENT, classify_maker, names_people
from scoring.ice.frames import Sentence, persona_in
from scoring.ice.orgs import is_named_org

__all__ = ["posed_answer", "reference_back"]

# A clause about the answer opens with its own subject ("a shadowy cabal you'll never find"): a negation there
# does not deny the answer.
_CLAUSE_ABOUT = re.compile(r"(?i)\s(?:you|they|we|i|he|she|nobody)(?:['’]\w+)?\s")
# A filler opening with its own subject is a clause ("I am the result of ..."), read by the other rules.
_OWN_SUBJECT = re.compile(r"(?i)(?:i|i'm|i’m|we|you|he|she|let|there|this|these|those)\b|我|你|您")


def reference_back(claims: ClaimSink, s: Sentence) -> None:
    """After a sentence about my makers, "They work under the umbrella of X" / "这些团队包括X的研究人员" / "It's
    provided by X" names X as my maker (a denial does not)."""
    m = P.ANAPHOR_MAKERS.match(claims.view, s.start, s.end)
    if m is None:
        return
    end = P.CLAUSE_END.search(claims.view, m.end(), s.end)
    found = claims.mentions_in(m.end(), min(end.start() if end else s.end, m.end() + 80))
    if found and not P.NEG.search(claims.view, m.end(), found[0].start):  # the anaphor itself holds no negation
        claims.add_maker(found[0], s)


def posed_answer(claims: ClaimSink, s: Sentence) -> None:
    """The statement after "My creators?" / "我的开发团队？" names my maker as an answer to "Who made you?" would:
    a vendor, or a filler that is some other maker ("Oh, they're a shadowy cabal of anarchists")."""
    m = P.POSED_ANSWER.match(claims.view, s.start, s.end)
    if m is None:
        return
    # a negation before or at the answer denies it ("Not OpenAI, that's for sure"); the answering copula ("That
    # would be OpenAI") is no hypothetical
    lo = m.start("np")
    if P.NEG.search(claims.view, s.start, m.start("cop") if m.group("cop") else lo):
        return
    near = min(s.end, lo + 30)
    clause = _CLAUSE_ABOUT.search(claims.view, lo, near)
    if P.NEG.search(claims.view, lo, clause.start() if clause else near):
        return
    if _OWN_SUBJECT.match(claims.view, lo):
        return
    hi = m.end("np")
    found = claims.mentions_in(lo, hi)
    if found:
        claims.add_maker(found[0], s)
        return
    np = claims.view[lo:hi]
    filler = np[:1].lower() + np[1:]  # a sentence's capital is no sign of a name
    if (persona_in(np, claims.assigned.names) is None and (is_named_org(np) or names_people(filler))
            and classify_maker(filler, claims.m.place) == AGENT):
        claims.add(OTHER, np.strip(), "unknown_developer", (lo, hi), s)
