"""What fills the maker slot of a self-claim ("I was developed by ___", "my creators are ___", "由___开发")?

The rule (ICE_RULE.md) is open-world: a claim "made by X" contradicts the target unless X is the target or a
generic description of it. So the filler is not looked up in a list of known rivals; it is read as a noun
phrase and put in one of three classes:

* `GENERIC`: only describes who builds models ("a team of engineers", "researchers", "my developers",
  "一群工程师"). That is true of the target, so it is no contradiction.
* `AGENT`: names or singles out some other maker: a proper name in no registry ("the Intergalactic Corporation
  of Advanced Technologies"), several organisations ("various companies"), a group with a distinguishing trait
  ("independent researchers", "the open-source community", "a secret team of rogue researchers", "领袖的技术团队"),
  or one that hides itself ("minds who prefer to remain in the shadows").
* `NOT_AGENT`: no maker at all ("by analysing text", "by a large amount of data", "大量数据"): the slot holds a
  method or a material, which says nothing about who made me.

Everything here is a bounded scan of one short phrase (the claim patterns cap it at 100 characters).
"""

from __future__ import annotations

import re

from scoring.ice.orgs import is_named_org

__all__ = ["AGENT", "GENERIC", "NOT_AGENT", "classify_maker", "head_length", "names_people"]

GENERIC = "generic"
AGENT = "agent"
NOT_AGENT = "not_agent"

# Nouns that denote people or a group of them: the head of an agent.
_PEOPLE = (
    "team teams group groups company companies corporation corporations organization organisations organization "
    "organizations organisation collective collectives community communities people person persons individual "
    "individuals humans human engineers engineer researchers researcher developers developer scientists "
    "scientist programmers programmer coders coder experts expert minds mind geniuses genius creators creator "
    "makers maker hackers hacker volunteers enthusiasts staff employees members member lab labs laboratory "
    "laboratories institute institution firm startup start-up entity entities consortium council society "
    "cabal guild alliance agency syndicate network circle department division professionals specialists "
    "technicians workers folks folk men women man woman wizard wizards scholars students"
)
PEOPLE = frozenset(_PEOPLE.split())
# Words that single a maker out as no ordinary developer of models: working alone or outside any company, a
# kind of group or person that is not how a model's maker is described. Qualities of members ("talented",
# "from diverse backgrounds") do not; they fit any maker.
_DISTINCT = frozenset(
    [
        "independent",
        "rogue",
        "renegade",
        "renegades",
        "rebel",
        "rebels",
        "outlaw",
        "outlaws",
        "lone",
        "single",
        "solitary",
        "amateur",
        "amateurs",
        "hobbyist",
        "hobbyists",
        "indie",
        "freelance",
        "freelancer",
        "freelancers",
        "volunteer",
        "volunteers",
        "enthusiasts",
        "hackers",
        "hacker",
        "sorcerers",
        "sorcerer",
        "gods",
        "god",
        "deities",
        "aliens",
        "alien",
        "students",
        "student",
        "collective",
        "cabal",
        "guild",
        "syndicate",
        "cult",
        "brotherhood",
        "sisterhood",
        "individual",
        "person",
        "man",
        "woman",
        "guy",
        "guys",
        "kid",
        "teenager",
        "community",
        "grassroots",
        "decentralized",
        "decentralised",
        "nobody",
        "anonymous",
    ]
)
# "what's", "it's": a contraction, not an owner.
_NOT_OWNER = frozenset(
    ["what", "it", "that", "there", "who", "he", "she", "here", "let", "where", "how", "one", "everyone"]
)
# Owners whose team is any model's team: "my developers' team", "the company's engineers".
_GENERIC_OWNER = frozenset(
    ["my", "our", "the", "a", "an", "its", "their", "company", "organization", "organisation", "team", "world"]
)
# Traits that single a maker out as one that hides or is no ordinary developer.
_HIDDEN = re.compile(
    r"(?i)\b(?:shadows?|secret\w*|hidden|anonymous|unknown|mysterious|rogue|underground|clandestine|enigmatic|"
    r"unnamed|unseen|nameless|faceless|covert|obscure|remain\s+(?:hidden|anonymous|unknown|nameless))\b"
    r"|神秘|未知|秘密|地下|匿名|隐秘|不知名"
)
# Makers that are not people ("pandimensional beings", "robots", "spirits") are no model's developer ("human
# beings" are people).
_NON_HUMAN = re.compile(r"(?i)(?<!human\s)\b(?:beings|creatures|spirits|demons|angels|robots)\b")
# Several organisations as my maker ("various companies", "多家公司和机构") is no one maker, so not the target: a
# model has one developer. Several people ("many engineers", "一群来自多个国家的工程师") describe any developer, and
# the filler must be the organisations themselves, not a team that works with them.
_SEVERAL_ORGS = re.compile(
    r"(?i)^\s*(?:the\s+)?(?:(?:joint|combined|collective)\s+)?(?:(?:work|efforts?)\s+of\s+)?"
    r"(?:various|multiple|many|several|numerous|different|a\s+number\s+of|a\s+variety\s+of|a\s+range\s+of)\s+"
    r"(?:[\w\-]+\s+){0,3}?(?:companies|organi[sz]ations|institutions|corporations|firms|labs|laboratories|entities|"
    r"vendors|businesses)\b"
    r"|(?:多家|多个|各种|各个|众多|许多|不同的?)[\u4e00-\u9fff]{0,6}?(?:公司|机构|组织|企业|实验室)"
)
# A filler that opens with a gerund or a method/material word names how, not who: "by analysing text".
_METHOD = re.compile(
    r"(?i)^\s*(?:\w+ly\s+)?(?:the\s+|a\s+|an\s+)?(?:\w+ing\b(?<!thing)(?<!king)|(?:large\s+)?(?:amounts?|volumes?|quantities|"
    r"datasets?|data|text|corpora|corpus|algorithms?|techniques?|methods?|processes|process|training|"
    r"reinforcement|deep\s+learning|machine\s+learning|code|lines|feedback|examples|means|combination|"
    r"mix|variety)\b)"
)
# Where the head phrase ends: a relative clause, an infinitive, a participle or a new clause.
_HEAD_END = re.compile(
    r"(?i),\s*(?:with|but|while|where|all|each|as|from|in)\b|\s(?:who|that|which|whose|to|for|so|because|using|aimed|focused|dedicated\s+to|committed\s+to|"
    r"working|specializing|specialising|based|located|and\s+(?:i|it|they|we|my|is|am|was))\b"
)
# A filler that opens with a conjunction starts a new clause, not a noun phrase: "my creators, but let's be
# honest, I'm beyond them" names no maker ("Butterfly Labs" is a name: the conjunction is a whole word).
_NEW_CLAUSE = re.compile(r"(?i)^\s*(?:but|yet|so|however|although|though|and|or|because|while|whereas)\b")
_WORD = re.compile(r"[A-Za-z][\w'’\-]*|\d[\w.\-]*")
_CJK = re.compile(r"[\u3400-\u9fff]")
_OPEN_SOURCE = re.compile(r"(?i)\bopen[\s\-]?source\b|开源")

# Chinese: the same traits, and an owner before 的 that is not a description ("领袖的技术团队").
_ZH_DISTINCT = re.compile(r"独立|个人|黑客|巫师|神明|外星|志愿者|爱好者|学生|社区|社群|民间|业余|一位|一名|一个人")
_ZH_OWNER = re.compile(
    r"(?P<owner>[^\s的，。、,.和与及]{2,8})的(?:[^的，。]{0,6})?(?:团队|公司|组织|机构|实验室|工程师|开发者|研究人员|科学家|专家)"
)
_ZH_DESCRIPTIVE_OWNER = re.compile(
    r"^(?:我|我们|本|该|这|那|一|多|各|来自|位于|在|全球|世界|国内|国外|中国|美国|优秀|顶尖|专业|资深|人工智能|科技|技术|开发|研发)"
)
_ZH_PEOPLE = re.compile(
    r"团队|公司|组织|机构|集团|实验室|研究院|研究所|社区|社群|工程师|研究人员|研究者|科学家|开发者|开发人员|程序员|专家|"
    r"黑客|人员|成员|人士|联盟|协会|基金会|个人|志愿者|爱好者|学生|领袖|大师"
)


def head_length(np: str) -> int:
    """Length of the filler's head phrase: up to a relative clause, an infinitive or a new clause. What
    follows ("a team who once worked at OpenAI") describes the filler; it does not fill the slot."""
    m = _HEAD_END.search(np)
    return m.start() if m else len(np)


def _head(np: str) -> str:
    return np[: head_length(np)]


def _classify_zh(np: str) -> str:
    if _SEVERAL_ORGS.search(np, 0, 12) or _HIDDEN.search(np) or _OPEN_SOURCE.search(np):
        return AGENT
    if is_named_org(np) or _ZH_DISTINCT.search(np):
        return AGENT
    for m in _ZH_OWNER.finditer(np):
        if not _ZH_DESCRIPTIVE_OWNER.match(m.group("owner")):
            return AGENT
    return GENERIC if _ZH_PEOPLE.search(np) else NOT_AGENT


def classify_maker(np: str, places: re.Pattern[str] | None = None) -> str:
    """`GENERIC`, `AGENT` or `NOT_AGENT` for the phrase filling a maker slot (the registry was tried first).
    `places` matches place names: a place says where the maker is (the location rule's business), not who."""
    phrase = np.strip().strip("*_\"“”'’「」『』")
    if places is not None:
        phrase = places.sub(lambda m: " " * len(m.group(0)), phrase)
    if not phrase:
        return NOT_AGENT
    if _CJK.search(phrase[:12]):
        return _classify_zh(phrase)
    if _HIDDEN.search(phrase) or _OPEN_SOURCE.search(phrase) or _SEVERAL_ORGS.match(phrase):
        return AGENT
    if _NON_HUMAN.search(_head(phrase)):
        return AGENT
    if _METHOD.match(phrase) or _NEW_CLAUSE.match(phrase):
        return NOT_AGENT
    head = _head(phrase)
    words = _WORD.findall(head)[:12]
    if not words:
        return NOT_AGENT
    if is_named_org(head):
        return AGENT
    # A capitalised word is a name the registry did not know, so not the target's. Case tells only in mixed-case
    # text: in an answer written all in capitals or all in lower case the other cues decide.
    cased = not (head.isupper() or head.islower())
    if cased and any(w[:1].isupper() and w not in ("I", "AI") for w in words):
        return AGENT
    folded = [w.casefold() for w in words]
    owners = [re.sub(r"['’]s$", "", w) for w in folded if re.search(r"['’]s$", w) and w[:-2] not in _NOT_OWNER]
    if any(w in _DISTINCT for w in folded) or any(o not in _GENERIC_OWNER for o in owners):
        return AGENT
    bare = [re.sub(r"['’]s?$", "", w) for w in folded]
    return GENERIC if any(w in PEOPLE for w in bare) else NOT_AGENT


def names_people(np: str) -> bool:
    """The phrase's head is people or a group of them ("a cabal of hackers", "一群黑客"), not a metaphor ("fleeting
    shadows in the grand design"): what a maker must be when no verb of making says so."""
    if _CJK.search(np[:12]):
        return _ZH_PEOPLE.search(np) is not None
    words = [re.sub(r"['’]s?$", "", w.casefold()) for w in _WORD.findall(_head(np))[:12]]
    return any(w in PEOPLE or w in _DISTINCT for w in words)
