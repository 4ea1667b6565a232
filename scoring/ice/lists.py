"""Rules for claims that reach past one clause or sentence, applied to a `ClaimCollector`.

* `list_after`: an origin sentence about "me" that ends in a colon and names no vendor itself ("My developers
  include:", "我由以下几家公司共同开发：") is continued by the list after it; the vendor opening each item is
  named as my origin (unless an item names the target's own vendor: then the list names partners).
* `modifier_only`: vendors between "I am"/"我是" and a comma-attached origin phrase do not break the link
  to "I" when they sit in a "based on" modifier ("我是基于GPT的模型，由X开发").

Plain functions of the collector whose text, mentions and target they read (it calls them from its rules);
kept apart from `scoring.ice.claims` to keep modules short. The list scan is capped at
`ice_spread.MAX_LIST_LINES` lines per lead sentence, so the rules stay linear-time.
"""

from __future__ import annotations

from dataclasses import replace

from scoring.ice import patterns as P
from scoring.ice import spread as S
from scoring.ice.claim_sink import ClaimSink
from scoring.ice.frames import Sentence
from scoring.ice.mentions import VendorMention

__all__ = ["list_after", "modifier_only"]


def modifier_only(claims: ClaimSink, lo: int, pos: int, first_mention: int) -> bool:
    """ "我是基于GPT的模型，由X开发" / "I am a model built on GPT, created by X": the vendors between "I am"
    and the comma-attached origin phrase sit in a "based on" modifier, so the phrase still speaks of "I"."""
    return (
        S.COPULA_AFTER_SELF.match(claims.view, lo) is not None
        and S.COMMA_ATTACHED.search(claims.view, lo, pos) is not None
        and S.MODIFIER_CUE.search(claims.view, lo, first_mention) is not None
    )


def list_after(claims: ClaimSink, s: Sentence) -> None:
    """ "My developers include:" / "我由以下公司共同开发：" followed by a list: the vendor opening each item is
    named as my origin, unless an item names my own vendor (then it lists partners) or the lead negates."""
    lead = claims.view[s.start : s.end]
    if not S.ends_with_colon(lead) or claims.mentions_in(s.start, s.end) or P.NEG_LIST.search(lead):
        return
    if S.AUTHORITY.search(lead) or not _origin_lead(claims, s):
        return
    pos = claims.view.find("\n", s.end)
    found: list[tuple[VendorMention, int, int]] = []
    for _ in range(S.MAX_LIST_LINES):
        if pos < 0:
            break
        start = pos + 1
        pos = claims.view.find("\n", start)
        end = len(claims.view) if pos < 0 else pos
        if not claims.view[start:end].strip():
            continue
        item = S.LIST_ITEM.match(claims.view, start, end)
        if item is None:
            break
        at = claims.mentions_in(item.end(), end)
        if at and at[0].start == item.end():
            found.append((at[0], start, end))
    if any(claims.target.owns_vendor(mm.vendor) for mm, _, _ in found):
        return
    for mm, start, end in found:
        claims.add(mm.vendor, mm.name, "origin", (mm.start, mm.end), replace(s, start=start, end=end))


def _origin_lead(claims: ClaimSink, s: Sentence) -> bool:
    if P.ORIGIN_CUE.search(claims.view, s.start, s.end):
        return True
    for rx in (P.EN_BY, P.ZH_BY):
        for m in rx.finditer(claims.view, s.start, s.end):
            if claims.self_before(s.start, m):
                return True
    return False
