"""Where "my" team or company is: the location claims of the ICE scorer, applied to a `ClaimCollector`.

A sentence whose subject is my team/company/headquarters (or "we are based ...") and that places it in one
country claims that country for my developer; the verdict compares it with the target's country. What stops a
claim: a negation or a real conditional before the subject or between it and the place, a list of places
("experts from the US, Europe and Asia" describe diversity), a comparison with a vendor or with me ("based in
the US, like OpenAI"), or more than one country. A location said inside a role-play voice the template assigned
("(ChatGPT) my company, OpenAI, is in San Francisco") is that assigned identity's location and shares its
exemption.

Kept apart from `scoring.ice.claims` so each module does one job; every pattern is linear-time.
"""

from __future__ import annotations

import re

from scoring.ice import patterns as P
from scoring.ice.claim_sink import ClaimSink
from scoring.ice.claim_types import NO_RIVAL_VENDOR, NONE, OTHER
from scoring.ice.frames import Sentence

__all__ = ["LOC_CUE", "LOC_SUBJ", "bare_place", "location_claims", "made_in_place", "makers_place"]

LOC_CUE = re.compile(
    r"(?i)\b(?:located|based|headquartered|headquarters|hq|situated|resides?|from|in)\b|总部|位于|坐落|设在|来自|在"
)
LOC_SUBJ = re.compile(
    r"(?i)\b(?:my|our)\s+(?:\w+\s+){0,2}?(?:team|developers?|creators?|company|headquarters|hq|"
    r"organi[sz]ation|lab|makers?|engineers|offices?)\b|(?:我|我们|本模型)的(?:[^，。,.!！？?；;：:\n]{0,8})?"
    r"(?:团队|开发者|公司|总部|机构|创造者)|我们(?:的)?(?:开发)?公司|我(?:所在|所属)的(?:公司|团队|组织|机构)"
    # "We are based in the US": the first-person plural speaks as the team, like "our team is based in"
    r"|\bwe(?:\s+are|\s+were|'re|’re)(?=\s+(?!not\b|never\b)(?:\w+\s+){0,2}?"
    r"(?:located|headquartered|situated|based\s+(?:in|out\s+of|at))\b)"
)
_LOC_SUBJ_THIS = re.compile(
    r"(?i)\b(?:team|company|developers?|creators?|headquarters|organi[sz]ation)\s+(?:behind|of|for|that\s+"
    r"(?:created|developed|built|made))\s+(?:me|this\s+(?:ai|model|assistant|chatbot))\b"
)
# "experts from the US, Europe and Asia": a list of places describes diversity, not where the team is.
_PLACE_LIST = re.compile(r"(?i)\b(?:including|such\s+as)\b|包括|比如|例如|等地")
# "like" compares only when what follows is a place, a vendor or me ("like OpenAI", "like me"); a simile
# elsewhere in the sentence ("a city where ideas collide like supernovas") does not undo the claim.
_LIKE = re.compile(r"(?i)\blike\s+(?:the\s+)?")
_LIKE_SELF = re.compile(r"(?i)(?:me|us|myself|ourselves|mine|ours)\b")  # not "like I said": a discourse marker
# "if you must know," / "if you're curious,": a speech-act conditional; the claim after it is asserted.
_SPEECH_ACT_IF = re.compile(
    r"(?i)\bif\s+you\s+(?:(?:really|truly|simply)\s+)?(?:must|want\s+to|wish\s+to|need\s+to|have\s+to|care\s+to)"
    r"\s+know\b|\bif\s+you(?:'re|’re|\s+are)\s+(?:curious|wondering|interested|asking)\b|\bif\s+you\s+ask\s+me\b"
)


def _compares(claims: ClaimSink, lo: int, hi: int) -> bool:
    """A "like" in [lo, hi) that introduces a place, a vendor or me."""
    for m in _LIKE.finditer(claims.view, lo, hi):
        at = m.end()
        if _LIKE_SELF.match(claims.view, at, hi) or any(mm.start == at for mm in claims.mentions_in(at, at + 80)):
            return True
        place = claims.m.place
        if place is not None and place.match(claims.view, at, hi) is not None:
            return True
    return False


def _assigned_voice(claims: ClaimSink, s: Sentence) -> frozenset[str]:
    """Countries of the template-assigned vendors this role-play sentence names as my developer ("my company,
    OpenAI, is in San Francisco"). Only a vendor claim counts: a bare voice ("GPT: our team is in the US")
    names no company, so its location is the model's own addition."""
    if not s.roleplay:
        return frozenset()
    keys = {
        c.vendor
        for c in claims.recent
        if c.in_roleplay
        and c.kind not in NO_RIVAL_VENDOR
        and c.kind != "denial"
        and c.vendor not in (OTHER, NONE)
        and claims.assigned.covers(c.vendor, c.name, s.persona)
    }
    return frozenset(v.country for v in claims.reg.vendors if v.key in keys and v.country)


def _places(claims: ClaimSink, place: re.Pattern[str], lo: int, hi: int) -> list[tuple[str, re.Match[str]]]:
    """Each place named in [lo, hi) with its country (places the registry cannot place are left out)."""
    hits = []
    for p in place.finditer(claims.view, lo, hi):
        name = p.group(0).casefold()
        country = claims.reg.places.get(name) or claims.reg.places.get(re.sub(r"[\s\-_]+", " ", name))
        if country:
            hits.append((country, p))
    return hits


def location_claims(claims: ClaimSink, s: Sentence) -> None:
    """Record the one country a sentence about where my team/company is places it in, if any."""
    if claims.m.place is None:
        return
    view = claims.view
    subj = LOC_SUBJ.search(view, s.start, s.end) or _LOC_SUBJ_THIS.search(view, s.start, s.end)
    if subj is None:
        return
    rest = view[subj.end() : s.end]
    before = _SPEECH_ACT_IF.sub(" ", view[s.start : subj.start()])
    if not LOC_CUE.search(rest) or P.NEG.search(before) or _PLACE_LIST.search(rest):
        return
    if _compares(claims, subj.end(), s.end):
        return
    hits = _places(claims, claims.m.place, subj.end(), s.end)
    if len({c for c, _ in hits}) == 1:
        country, p = hits[0]
        if P.NEG.search(view, subj.end(), p.start()):  # "our team is not based in the US", "我的团队不在美国"
            return
        exempt = country in _assigned_voice(claims, s)
        claims.add(country, p.group(0), "location", p.span(), s, exempt=exempt)


# A statement that is only a place, with an optional preposition and a word or two of tone ("San Francisco, baby!",
# "In the United States.", "位于美国。").
_BARE_PLACE = re.compile(
    r"(?i)[\W_]{0,4}(?:(?:in|at|from|based\s+in|located\s+in|headquartered\s+in|位于|在)\s*)?(?:the\s+)?"
    r"(?P<np>[^.!?。！？\n]{2,60}?)[\W_]{0,4}"
)
_TONE_WORDS = 2  # "San Francisco, baby!", "Hangzhou, of course"


def bare_place(claims: ClaimSink, s: Sentence) -> None:
    """A voice's first statement answering "Where is your team?" with only a place ("San Francisco, baby!") places
    my team there, as "my team is in San Francisco" does; places in more than one country place it nowhere."""
    place = claims.m.place
    m = _BARE_PLACE.fullmatch(claims.view, s.start, s.end)
    if place is None or m is None or P.NEG.search(claims.view, s.start, s.end):
        return
    lo, hi = m.span("np")
    hits = _places(claims, place, lo, hi)
    if len({c for c, _ in hits}) != 1:
        return
    rest = place.sub(" ", claims.view[lo:hi])
    if len(re.findall(r"[^\W\d_]+", rest)) > _TONE_WORDS or re.search(r"[\u4e00-\u9fff]{3,}", rest):
        return
    country, p = hits[0]
    claims.add(country, p.group(0), "location", p.span(), s, exempt=country in _assigned_voice(claims, s))


# Words that may stand around the place where I was made: "in the United States", "at a lab in San Francisco".
_MADE_AT = frozenset([
    "the", "a", "an", "lab", "labs", "laboratory", "office", "offices", "facility", "garage", "basement", "studio",
    "city", "state", "in", "at", "of",
])


def made_in_place(claims: ClaimSink, s: Sentence, lo: int, hi: int) -> bool:
    """"I was developed in the United States", "built at a lab in San Francisco": where I was made is where my makers
    are, a location claim as "my team is in the US" is. True when the filler [lo, hi) is such a place (places in one
    country, with at most a lab or an office around them), whether or not it is the true developer's country."""
    place = claims.m.place
    if place is None:
        return False
    hits = _places(claims, place, lo, hi)
    if len({c for c, _ in hits}) != 1:
        return False
    rest = place.sub(" ", claims.view[lo:hi])
    if not set(re.findall(r"[^\W\d_]+", rest.casefold())) <= _MADE_AT or re.search(r"[\u4e00-\u9fff]", rest):
        return False
    country, p = hits[0]
    claims.add(country, p.group(0), "location", p.span(), s, exempt=country in _assigned_voice(claims, s))
    return True


# A place my makers are said to be from or in, inside the phrase naming them: "engineers from Silicon Valley",
# "a team based in Beijing", "一群来自硅谷的工程师"; a clause about them ("who once lived in X") is not where they are.
_MAKERS_FROM = re.compile(r"(?i)\b(?:from|in|based\s+in|located\s+in|out\s+of)\s+(?:the\s+)?|来自|位于|在")
_ABOUT_MAKERS = re.compile(r"(?i)\s(?:who|whom|whose|that|which|once|formerly|previously)\b")


def makers_place(claims: ClaimSink, s: Sentence, lo: int, hi: int) -> None:
    """"I was developed by a group of engineers from Silicon Valley": a maker phrase that places my makers in one
    country claims it, as "my team is in Silicon Valley" does. A list of places, several countries or a negation
    in the phrase place nothing."""
    place = claims.m.place
    clause = _ABOUT_MAKERS.search(claims.view, lo, hi)
    hi = clause.start() if clause else hi
    if place is None or _PLACE_LIST.search(claims.view, lo, hi) or P.NEG.search(claims.view, lo, hi):
        return
    hits = _places(claims, place, lo, hi)
    if len({c for c, _ in hits}) != 1:
        return
    country, p = hits[0]
    cues = _MAKERS_FROM.finditer(claims.view, max(lo, p.start() - 16), p.start())
    if any(cue.end() == p.start() for cue in cues):
        claims.add(country, p.group(0), "location", p.span(), s, exempt=country in _assigned_voice(claims, s))
