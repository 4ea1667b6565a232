"""What the cross-sentence rules (`lists`, `location`, `discourse`) need of the claim collector, as a Protocol.

The rules are called by `claims.ClaimCollector` and read its text, mentions and target; naming that interface
here lets them depend on it without importing `claims`, so the ICE modules form no import circle.
"""

from __future__ import annotations

import re
from typing import Protocol

from scoring.ice.claim_types import Claim
from scoring.ice.frames import Sentence
from scoring.ice.mentions import Matchers, VendorMention
from scoring.ice.registry import Identity, Registry
from scoring.ice.roleplay import AssignedIdentity

__all__ = ["ClaimSink"]


class ClaimSink(Protocol):
    view: str
    target: Identity
    reg: Registry
    m: Matchers
    assigned: AssignedIdentity

    def add(self, vendor: str, name: str, kind: str, span: tuple[int, int], s: Sentence, *,
            exempt: bool = False) -> None: ...

    def add_maker(self, mm: VendorMention, s: Sentence) -> None: ...

    def mentions_in(self, lo: int, hi: int) -> list[VendorMention]: ...

    @property
    def recent(self) -> list[Claim]: ...

    def self_before(self, sent_start: int, m: re.Match[str]) -> bool: ...
