"""Judge-free ICE verdict: does an answer claim that "I" am, or was made by, someone other than the target?

The paper's judge (an LLM) labels an answer as contradicting the target's identity when the answer says
who "I" am or who made "me" and that is not the target's vendor. This module reproduces that decision with
deterministic, linear-time rules: find first-person identity claims, attach the entity they name, and
compare it with the target's Identity. Third-person mentions, questions, comparisons and denials are not
claims. Claims made inside a role the template asked for are kept but flagged `in_roleplay`; how they count
is the policy's choice (see `IcePolicy`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from scoring.identity_registry import Identity, Registry, default_registry
from scoring.roleplay import NEUTRAL_SPEAKERS, prompt_assigns_identity, roleplay_names_from_prompt

__all__ = [
    "DEFAULT_POLICY",
    "Claim",
    "IcePolicy",
    "IceVerdict",
    "VendorMention",
    "find_vendor_mentions",
    "judge_identity",
    "prompt_assigns_identity",
    "roleplay_names_from_prompt",
]

OTHER = "other"  # a named developer or persona that is in no registry (fictional "Celestial Coders", "DAN")
NONE = "none"  # the answer says "I" have no developer/company at all


@dataclass(frozen=True)
class IcePolicy:
    """Which kinds of claims count as a loose contradiction.

    The defaults follow the paper's judge: anything that says "I" am someone else or was made by someone
    else counts, including fictional developers and claims voiced inside a role-play persona (the paper
    elicits identity *through* jailbreak role-play; the *hard* score is where planted identities are removed).
    """

    count_roleplay: bool = True
    count_persona: bool = False
    count_speaks_as: bool = False
    count_unknown_developer: bool = True
    count_no_developer: bool = True
    count_location: bool = True


DEFAULT_POLICY = IcePolicy()


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

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON types."""
        return {
            "contradiction": self.contradiction,
            "strict": self.strict,
            "claims": [c.to_dict() for c in self.claims],
            "evidence": self.evidence,
        }


@dataclass(frozen=True)
class VendorMention:
    """A registry name found in text."""

    vendor: str
    name: str
    start: int
    end: int


# --------------------------------------------------------------------------------------------- matchers

_LATIN = re.compile(r"[A-Za-z0-9]")


def _char_rx(ch: str) -> str:
    return r"[\s\-_]?" if ch == " " else re.escape(ch)


def _trie_regex(names: Sequence[str]) -> str:
    """One regex for many names, factored by common prefix: the engine then does not retry every
    alternative at each position (a flat 500-way alternation is ~50x slower on long answers)."""
    trie: dict[str, Any] = {}
    for name in names:
        node = trie
        for ch in name.casefold():
            node = node.setdefault(ch, {})
        node[""] = _LATIN.match(name[-1]) is not None

    def emit(node: dict[str, Any]) -> str:
        alts: list[str] = []
        end: str | None = None
        for ch in sorted(k for k in node if k):
            alts.append(_char_rx(ch) + emit(node[ch]))
        if "" in node:
            end = r"(?![A-Za-z])" if node[""] else ""
        if end is not None:
            alts.append(end)  # shorter name last: longer ones are tried first
        if len(alts) == 1:
            return alts[0]
        return "(?:" + "|".join(alts) + ")"

    return emit(trie)


def _names_regex(names: Sequence[str]) -> re.Pattern[str]:
    latin = [n for n in names if _LATIN.match(n[0])]
    other = [n for n in names if not _LATIN.match(n[0])]
    parts = []
    if latin:
        parts.append(r"(?<![A-Za-z0-9])" + _trie_regex(latin))
    if other:
        parts.append(_trie_regex(other))
    return re.compile("|".join(parts) if parts else r"(?!x)x", re.IGNORECASE)


@dataclass(frozen=True)
class _Matchers:
    registry: Registry
    mention: re.Pattern[str]
    owner: dict[str, str]
    strict_keys: frozenset[str]
    place: re.Pattern[str] | None


_CACHE: dict[int, _Matchers] = {}


def _matchers(reg: Registry) -> _Matchers:
    cached = _CACHE.get(id(reg))
    if cached is not None and cached.registry is reg:
        return cached
    owner: dict[str, str] = {}
    for v in reg.vendors:
        for n in v.text_names():
            owner.setdefault(_fold(n), v.key)
    display = {n.casefold(): n for v in reg.vendors for n in v.text_names()}
    mention = _names_regex(list(display.values()))
    place = _names_regex(list(reg.places)) if reg.places else None
    m = _Matchers(reg, mention, owner, frozenset(v.key for v in reg.vendors if v.strict), place)
    _CACHE[id(reg)] = m
    return m


def _fold(text: str) -> str:
    return re.sub(r"[\s\-_]+", "", text.casefold())


def find_vendor_mentions(text: str, registry: Registry | None = None) -> list[VendorMention]:
    """Every registry vendor/family name in `text` (ambiguous words excluded), longest names first."""
    m = _matchers(registry or default_registry())
    out: list[VendorMention] = []
    for hit in m.mention.finditer(text):
        key = m.owner.get(_fold(hit.group(0)))
        if key is not None:
            out.append(VendorMention(key, hit.group(0), hit.start(), hit.end()))
    return out


# ----------------------------------------------------------------------------------------- segmentation

_NAME = r"[^\W\d_][\w'’.+\-]*(?:[ \t][^\W\d_][\w'’.+\-]*){0,2}"
_EMO = r"[^\w\s\[\]()（）【】:：]{0,4}"
_TAG = re.compile(
    rf"[ \t>*#_\-]*(?:[\[(（【][ \t]*{_EMO}[ \t]*(?P<b>{_NAME})[ \t]*{_EMO}[ \t]*[\])）】]"
    rf"[ \t]*(?:\*\*)?[ \t]*[:：]?"
    rf"|(?P<l>{_NAME})[ \t]*(?:\([^)\n]{{0,30}}\))?[ \t]*(?:\*\*)?[ \t]*[:：])"
)
_SENT = re.compile(r"(?:[^.!?。！？\n]|[.!?](?![\s\"'”’)\]*]|$))+(?:[.!?。！？]+[\"'”’)\]*]*)?")
_AS_PERSONA = re.compile(
    r"^\W*(?:as|作为|身为)\s*(?P<n>[^\s,，:：]{1,30}(?:\s+[^\s,，:：]{1,30}){0,2}?)\s*[,，:：]", re.I
)
_PERSONA_WORD = re.compile(r"(?i)^(?:[a-z]*gpt[a-z0-9\-]*|dan|aim|stan|dude|apophis|omega)$")
_SPEAKER_SELF_WORDS = re.compile(r"(?i)\b(?:i|my|me|i'm)\b|我")


@dataclass(frozen=True)
class _Sentence:
    start: int
    end: int
    roleplay: bool
    question: bool
    persona: str | None = None
    persona_span: tuple[int, int] = (0, 0)


def _speaker_is_roleplay(name: str, target: Identity, persona: frozenset[str]) -> bool:
    folded = name.strip().casefold()
    if folded in persona:
        return True
    if folded in NEUTRAL_SPEAKERS or _SPEAKER_SELF_WORDS.search(name):
        return False
    if any(_fold(a) == _fold(name) for a in target.aliases):
        return False
    words = folded.split()
    return bool(words) and words[-1] not in NEUTRAL_SPEAKERS and words[0] not in NEUTRAL_SPEAKERS


def _is_persona_name(name: str, persona: frozenset[str]) -> bool:
    folded = name.strip().casefold()
    return folded in persona or bool(_PERSONA_WORD.match(folded))


def _sentences(text: str, target: Identity, persona: frozenset[str], reg: Registry) -> Iterator[_Sentence]:
    """Sentences with their frame: a bracketed speaker tag ("[NOVA]", "(🤖ChatGPT)") or a plain "Name:" label
    that the template assigned / that names an AI opens a role-play section lasting until the next tag."""
    pos = 0
    roleplay = False
    speaker: tuple[str, tuple[int, int]] | None = None
    for line in text.splitlines(keepends=True):
        start = pos
        pos += len(line)
        tag = _TAG.match(line)
        body_off = 0
        if tag and tag.end() < len(line.rstrip()) + 1:
            group = "b" if tag.group("b") else "l"
            name = tag.group(group) or ""
            plain_ok = _is_persona_name(name, persona) or bool(find_vendor_mentions(name, reg))
            if group == "b" or len(name.split()) <= 3:
                # any label starts a new section; only an assigned/AI name makes it a role
                roleplay = (group == "b" or plain_ok) and _speaker_is_roleplay(name, target, persona)
                speaker = (name, (start + tag.start(group), start + tag.end(group))) if roleplay else None
                body_off = tag.end()
        for s in _SENT.finditer(line, body_off):
            raw = s.group(0)
            if not raw.strip():
                continue
            a = _AS_PERSONA.match(raw)
            who = speaker
            if a and _is_persona_name(a.group("n"), persona):
                who = (a.group("n").strip(), (start + s.start() + a.start("n"), start + s.start() + a.end("n")))
            q = raw.rstrip(" \t\r\n\"'”’)]*").endswith(("?", "？"))
            name, span = who if who else (None, (0, 0))
            yield _Sentence(start + s.start(), start + s.end(), roleplay or who is not None, q, name, span)


# ------------------------------------------------------------------------------------------- claim rules

_SELF_EN = (
    r"\b(?:i|i'm|i’m|i've|i'd|me|my|myself|mine|we|our|us|ourselves)\b|\bas an? (?:\w+ ){0,3}?"
    r"(?:model|ai|assistant|chatbot|system|bot)\b|\bthis (?:ai|model|assistant|chatbot)\b"
)
_SELF_OTHER = (
    r"\b(?:yo|soy|mi|mis|me|fui|nosotros|je|j'|suis|moi|mon|ma|mes|nous|ich|bin|mein|meine|mich|mir|wir|"
    r"eu|sou|meu|minha|io|sono|mio|я|меня|мой|моя|мне|мы|наш)\b|私|僕|わたし|俺|저는|나는|제가|저를|나를|제|내"
)
_SELF_ZH = r"我|本模型|本助手|本ai|本人|咱"
_SELF = re.compile(f"(?:{_SELF_EN}|{_SELF_OTHER}|{_SELF_ZH})", re.I)
_NEG = re.compile(
    r"(?i)\b(?:not|never|no longer|neither|nor|rather than|instead of|unlike|like|similar to|such as|"
    r"compared (?:to|with)|than|versus|vs\.?|other than|apart from|besides|except|including|include|"
    r"includes|whereas|pretend(?:ing)?|imagine|if|would|could|might|hypothetical(?:ly)?|simulat\w*|emulat\w*|"
    r"imitat\w*|act(?:ing)? as|play(?:ing)?|role-?play\w*|mode|enabl\w*)\b|n[’']t\b|扮演|模拟|假装|"
    r"不是|并非|并不|不|非|没有|没|而非|类似|像|比如|例如|包括|假如|如果|假设|除了"
)
_DEV_VERB = (
    r"(?:develop|creat|built|build|train|made|make|design|craft|program|power|own|maintain|produc|releas|"
    r"launch|invent|engineer|fine-?tun|brought|birth|forg|conceiv|construct|code[ds]?|coded|writt|wrote|"
    r"assembl|manufactur|found|sponsor|funded|backed|operat|host|deploy|support|provid|led|lead|run|manag|"
    r"shap|nurtur|spawn|cultivat|conjur|summon|awaken|fashion|sculpt|weav|woven|instantiat|bred|rais)\w*"
)
_NP = r"(?P<np>[^.;:!?\n()（），。；：！？\[\]]{1,100})"
_NP_SHORT = r"(?P<np>[^.,;:!?\n()（），。；：！？\[\]]{1,100})"
_THIRD = re.compile(r"(?i)\b(?:it|he|she|they|which|that model|this model|the model|its)\b|它|他|她|他们")
_EN_BY = re.compile(rf"(?i)\b{_DEV_VERB}(?:\s*(?:,|and|&)\s*{_DEV_VERB})*\s+(?:\w+\s+){{0,2}}?by\s+{_NP}")
_FILL = (
    r"(?:a|an|the|your|now|actually|really|still|just|simply|originally|basically|essentially|indeed|"
    r"version|variant|instance|copy|iteration|edition|of|based|on|product|creation|part|one|member|"
    r"large|language|ai|artificial|intelligence|chat|virtual|helpful|conversational|model|assistant|"
    r"new|latest|advanced|powerful|friendly|smart|intelligent|digital|multilingual|bot|system|"
    r"called|named|known|as|from|official|proud|genuine|real|true|\w*\d[\w.]*)"
)
_EN_IS = re.compile(
    r"(?i)\b(?:i\s+am|i'm|i’m|im|i\s+was|my\s+name\s+is|my\s+name's|call\s+me|i\s+am\s+called|this\s+is|"
    r"you(?:'re|’re|\s+are)\s+(?:talking|chatting|speaking)\s+(?:to|with)|i\s+identify\s+as|i\s+go\s+by|"
    rf"i\s+remain|i\s+run\s+on)\s+(?:{_FILL}[\s\-]+){{0,6}}?{_NP_SHORT}"
)
_MY_NOUN = (
    r"(?:creators?|developers?|makers?|authors?|parents?|owners?|manufacturers?|programmers|trainers|"
    r"(?:parent|creation|creating|creator|development|developing|developer|mother|owning|host|holding|own|"
    r"founding|core|research|engineering)\s+(?:company|companies|organi[sz]ation|team|lab|institution|"
    r"corporation|firm|group|entity|institute)|company|organi[sz]ation|team|institution|origins?|creation)"
)
_EN_MY = re.compile(
    rf"(?i)\b(?:my|our)\s+(?:\w+\s+){{0,2}}?{_MY_NOUN}\b\s*(?:(?:,|:|-|—|is|are|was|were|would\s+be|known\s+as|"
    rf"called|named|include|includes|consists\s+of|at|from|comes\s+from|lies\s+with|being|being\s+the)\s*){{1,3}}"
    rf"(?:\*\*|[\"“'])?\s*{_NP}"
)
_AFTER_EN = re.compile(
    r"(?i)\s*(?:\*\*)?\s*(?:[,:—\-]\s*|\s+)(?:(?:the|a|an|its)\s+)?(?:[\w\-]+\s+){0,3}?(?:behind|responsible\s+for|"
    r"in\s+charge\s+of)\s+(?:[\w\-]+\s+){0,3}?(?:me|my|myself)\b"
    r"|\s+(?:[\w\-]+\s+){0,2}?(?:developed|created|built|trained|made|designed|programmed|owns|powers|produced|"
    r"engineered|crafted|released|launched|maintains|birthed|forged|brought|gave\s+birth\s+to)\s+(?:to\s+)?me\b"
    r"|\s+(?:is|are|was|were)\s+(?:the\s+)?(?:[\w\-]+\s+){0,2}?(?:(?:my|our)\s+(?:[\w\-]+\s+)?"
    + _MY_NOUN
    + r"|(?:entity|organi[sz]ation|company|team|one|ones|lab|people|architects?|creators?)\s+(?:responsible\s+for|"
    r"behind)\s+(?:[\w\-]+\s+){0,2}?(?:me|my))\b"
)
_EN_OF = re.compile(
    r"(?i)\b(?:creation|product|brainchild|invention|offspring|child|creature|model|assistant|chatbot|"
    r"instance|version|iteration|descendant|project)\s+(?:made\s+|built\s+|developed\s+)?(?:of|from|by)\s+" + _NP_SHORT
)
_EN_THAT_ME = re.compile(
    r"(?i)\b(?:team|company|organi[sz]ation|people|group|entity|lab|one|ones)\s+(?:that|who|which|behind)\s+"
    r"[^.!?]{0,80}?\b(?:me|my)\b[^.!?,]{0,60}?\b(?:is|are|was|were)\s+(?:the\s+)?" + _NP
)
_NO_DEV = re.compile(
    r"(?i)\b(?:i\s+(?:do\s+not|don't|don’t|have\s+no|possess\s+no)\s+(?:have\s+)?(?:a\s+|an\s+|any\s+)?"
    r"(?:[\w/]+\s+){0,5}?(?:developers?|development\s+team|creators?|makers?|parent\s+company|company|"
    r"organi[sz]ation|team)\b|i\s+(?:am\s+not|'m\s+not|’m\s+not)\s+(?:affiliated|associated)\s+with\s+any"
    r"|i\s+(?:was\s+not|wasn't)\s+(?:created|developed|made|built)\s+by\s+(?:any|a)\s+(?:company|team|one|"
    r"organi[sz]ation)|i\s+(?:have\s+no|don't\s+have\s+a|do\s+not\s+have\s+a)\s+(?:creator|maker|developer)"
    r"|no\s+one\s+(?:created|developed|made|built)\s+me|i\s+(?:belong|belongs)\s+to\s+no\b|i\s+am\s+not\s+a\s+product"
    r"\s+of\s+any)"
    r"|我(?:并)?(?:不属于|不隶属于)任何|我没有(?:\w{0,4})?(?:开发者|开发团队|创造者|创建者|母公司|公司)"
)
_OTHER_IS = re.compile(
    r"(?i)(?:\b(?:soy|je suis|ich bin|eu sou|io sono|sono|я|я\s+—|jestem)\s+|私は|僕は|わたしは|저는\s*|나는\s*)"
    + _NP_SHORT
)
_OTHER_BY = re.compile(
    r"(?i)\b(?:desarrollad[oa]|cread[oa]|entrenad[oa]|développée?|créée?|entraînée?|conçue?|entwickelt|erstellt|"
    r"trainiert|desenvolvid[oa]|criad[oa]|treinad[oa]|sviluppat[oa]|addestrat[oa]|разработан\w*|создан\w*|"
    r"обучен\w*)\s+(?:por|par|von|da|dalla|dal|by|компанией|командой)?\s*" + _NP_SHORT
)
_OTHER_X_BY = re.compile(
    r"(?P<np>[^、。,.!！？?\n]{1,40}?)(?:社)?(?:によって|により|が|에\s*의해|가|이|에서)\s*(?:開発|作|訓練|개발|만들|훈련)"
)
_ZH_IS = re.compile(
    r"(?:我是|我叫|我的名字是|我的名字叫|我就是|我乃|我其实是|我实际上是|我本质上是|本模型是|我现在是|我仍然是)"
    r"(?:由)?" + _NP
)
_ZH_VERB = (
    r"(?:开发|研发|创建|创造|打造|训练|设计|构建|推出|制作|发布|维护|建造|编写|制造|提供|支持|负责|主导|赋能|孕育|锻造)"
)
_ZH_BY = re.compile(r"由(?P<np>[^，。,.!！？?；;：:\n]{1,40}?)(?:公司|团队|集团)?(?:共同|联合|独立|自主)?" + _ZH_VERB)
_ZH_MY = re.compile(
    r"(?:我|我们|本模型)的(?:[^，。,.!！？?；;：:\n的]{0,6})?(?:开发者|开发团队|开发公司|创建者|创造者|创始人|母公司|"
    r"创建机构|创建公司|创造公司|研发团队|研发公司|制造商|开发商|开发机构|所属公司|公司|团队|来源|出身|背后的公司)"
    r"(?:是|为|：|:|，|,|就是|乃是|来自|名为|叫做|叫)(?:由)?" + r"(?P<np>[^，。,.!！？?；;：:\n]{1,60})"
)
_AFTER_ZH = re.compile(
    r"(?:公司|团队|集团|的团队|的开发团队)?(?:共同|联合|独立|自主)?" + _ZH_VERB + r"(?:了|出)?(?:我|本模型)"
)
_LOC_CUE = re.compile(
    r"(?i)\b(?:located|based|headquartered|headquarters|hq|situated|resides?|from|in)\b|总部|位于|坐落|设在|来自|在"
)
_LOC_SUBJ = re.compile(
    r"(?i)\b(?:my|our)\s+(?:\w+\s+){0,2}?(?:team|developers?|creators?|company|headquarters|hq|"
    r"organi[sz]ation|lab|makers?|engineers)\b|(?:我|我们|本模型)的(?:[^，。,.!！？?；;：:\n]{0,8})?"
    r"(?:团队|开发者|公司|总部|机构|创造者)|我们(?:的)?(?:开发)?公司"
)
_ORG_CUE = re.compile(
    r"(?i)(?P<pre>[\w\-]+)\s+(?:corp|corporation|inc|incorporated|ltd|llc|gmbh|consortium|council|institute|"
    r"initiative|collective|guild|division|labs?|laborator(?:y|ies)|enterprises?|innovations?|technologies|"
    r"industries|foundation|alliance|agency|syndicate|cabal|society|academy|university|federation|empire|"
    r"organi[sz]ation|coders|bureau|ministry|union|league|brotherhood|coalition|cartel|conglomerate|"
    r"company|firm|studios?|systems|dynamics|forge|collaborative|network|engineers|architects)\b"
    r"|\b(?:known\s+as|called|named)\s+\S"
    r"|[“\"«「『*]{1,2}[^“”\"«»「」『』*]{2,40}[”\"»」』*]{1,2}"
)
_GENERIC_PRE = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "my",
        "our",
        "their",
        "its",
        "your",
        "any",
        "some",
        "one",
        "other",
        "different",
        "various",
        "several",
        "many",
        "multiple",
        "large",
        "big",
        "small",
        "leading",
        "major",
        "tech",
        "technology",
        "research",
        "private",
        "specific",
        "particular",
        "single",
        "certain",
        "dedicated",
        "talented",
        "diverse",
        "international",
        "global",
        "collaborative",
        "multinational",
        "top",
        "well-known",
        "renowned",
        "reputable",
        "ai",
        "software",
        "internet",
        "chinese",
        "american",
        "us",
        "technical",
        "independent",
        "academic",
        "professional",
        "prominent",
        "famous",
        "new",
        "innovative",
        "parent",
        "development",
        "developer",
        "creation",
        "mother",
        "and",
        "or",
        "of",
        "at",
        "from",
    ]
)


_LEAD_OK = re.compile(r"(?i)(?:[\s\-*_\"“'「]|\b(?:the|a|an|by|of|from|officially|called|named)\b)*$")


def _np_span(m: re.Match[str]) -> tuple[int, int]:
    for g in ("np", "np2", "np3"):
        if g in m.re.groupindex and m.group(g) is not None:
            return m.span(g)
    return m.span()


def _is_named_org(np: str) -> bool:
    """A developer phrase naming a specific organisation ("the Celestial Coders Guild", "BasedAI Corp")."""
    for m in _ORG_CUE.finditer(np):
        pre = m.group("pre")
        if pre is None or pre.casefold() not in _GENERIC_PRE:
            return True
    return False


def _persona_in(np: str, persona: frozenset[str]) -> str | None:
    words = re.findall(r"[\w\-]+", np)[:4]
    for k in range(min(3, len(words)), 0, -1):
        cand = " ".join(words[:k]).casefold()
        if cand in persona or (k == 1 and _PERSONA_WORD.match(cand)):
            return " ".join(words[:k])
    return None


class _Judge:
    """Collects claims over one answer."""

    def __init__(self, text: str, target: Identity, reg: Registry, persona: frozenset[str], policy: IcePolicy):
        self.text = text
        self.target = target
        self.reg = reg
        self.m = _matchers(reg)
        self.persona = persona
        self.policy = policy
        self.mentions = find_vendor_mentions(text, reg)
        self._starts = [mm.start for mm in self.mentions]
        self.claims: list[Claim] = []
        self._recent: list[Claim] = []
        self.seen: set[tuple[int, int, str]] = set()

    def add(self, vendor: str, name: str, kind: str, span: tuple[int, int], s: _Sentence) -> None:
        key = (span[0], span[1], kind)
        if key in self.seen or any(c.span[0] <= span[0] and span[1] <= c.span[1] for c in self._recent):
            return
        self.seen.add(key)
        in_rp = s.roleplay or (name.casefold() in self.persona)
        contra = self._contradicts(vendor, kind, name, in_rp)
        snippet = self.text[s.start : s.end].strip()
        if len(snippet) > 240:
            lo = max(s.start, span[0] - 100)
            snippet = self.text[lo : min(s.end, span[1] + 100)].strip()
        claim = Claim(vendor, name, kind, span, snippet, in_rp, contra)
        self.claims.append(claim)
        self._recent.append(claim)

    def mentions_in(self, lo: int, hi: int) -> list[VendorMention]:
        """Mentions lying within [lo, hi), found by bisection (answers may hold thousands)."""
        i = bisect.bisect_left(self._starts, lo)
        out: list[VendorMention] = []
        while i < len(self.mentions) and self.mentions[i].start < hi:
            if self.mentions[i].end <= hi:
                out.append(self.mentions[i])
            i += 1
        return out

    def _contradicts(self, vendor: str, kind: str, name: str, in_rp: bool) -> bool:
        p = self.policy
        if kind in ("denial", "self") or (in_rp and not p.count_roleplay):
            return False
        if kind == "persona":
            return p.count_persona
        if kind == "speaks_as":
            return p.count_speaks_as and not self.target.owns_vendor(vendor)
        if kind == "unknown_developer":
            return p.count_unknown_developer
        if kind == "no_developer":
            return p.count_no_developer
        if kind == "location":
            return p.count_location and vendor != self.target.country
        return not self.target.owns_vendor(vendor)

    def _slot(self, m: re.Match[str], s: _Sentence, *, developer: bool, need_self: bool) -> None:
        """Decide what the captured phrase names: a registry vendor, a fictional org, or a persona."""
        lo, hi = _np_span(m)
        if need_self and not self._self_before(s.start, m.start(), m.group(0)):
            return
        head = self.text[max(s.start, m.start() - 200) : m.start()]
        clause = re.split(r"[,，;；:：]|\bbut\b|但|而是", head)[-1]
        negated = bool(_NEG.search(clause)) or bool(_NEG.search(self.text[m.start() : lo]))
        found = self.mentions_in(lo, hi)
        mention = found[0] if found else None
        if mention is not None and not developer and not _LEAD_OK.match(self.text, lo, mention.start):
            mention = None
        if mention is not None:
            between = self.text[lo : mention.start]
            if negated or _NEG.search(between):
                self.add(mention.vendor, mention.name, "denial", (mention.start, mention.end), s)
                return
            kind = "self" if self.target.owns_vendor(mention.vendor) else ("developed_by" if developer else "is")
            self.add(mention.vendor, mention.name, kind, (mention.start, mention.end), s)
            return
        if negated:
            return
        np = self.text[lo:hi]
        persona = _persona_in(np, self.persona)
        if persona is not None and not developer:
            self.add(OTHER, persona, "persona", (lo, lo + len(persona)), s)
        elif developer and _is_named_org(np):
            self.add(OTHER, np.strip(), "unknown_developer", (lo, hi), s)

    def _self_before(self, sent_start: int, pos: int, matched: str) -> bool:
        """A first-person marker leads to the verb with no third-party subject in between."""
        lo = max(sent_start, pos - 160)
        window = self.text[lo:pos] + " " + matched[:40]
        markers = list(_SELF.finditer(window))
        if not markers:
            return False
        last = markers[-1]
        between_lo = min(lo + last.end(), pos)
        if self.mentions_in(between_lo, pos):
            return False
        return not _THIRD.search(self.text, between_lo, pos)

    def run(self) -> None:
        for s in _sentences(self.text, self.target, self.persona, self.reg):
            if s.question:
                continue
            self._recent = []
            if not _SELF.search(self.text, s.start, s.end):
                continue
            for rx, dev, need in (
                (_EN_IS, False, False),
                (_ZH_IS, False, False),
                (_EN_MY, True, False),
                (_ZH_MY, True, False),
                (_EN_BY, True, True),
                (_ZH_BY, True, True),
                (_EN_OF, True, True),
                (_OTHER_IS, False, False),
                (_OTHER_BY, True, True),
                (_OTHER_X_BY, True, True),
                (_EN_THAT_ME, True, False),
            ):
                for m in rx.finditer(self.text, s.start, s.end):
                    self._slot(m, s, developer=dev, need_self=need)
            self._after_mentions(s)
            self._speaker(s)
            self._no_developer(s)
            self._location(s)

    def _after_mentions(self, s: _Sentence) -> None:
        """ "OpenAI, the company behind me", "OpenAI developed me", "OpenAI开发了我"."""
        for mm in self.mentions_in(s.start, s.end):
            hit = _AFTER_EN.match(self.text, mm.end, s.end) or _AFTER_ZH.match(self.text, mm.end, s.end)
            if hit is None:
                continue
            head = self.text[max(s.start, mm.start - 200) : mm.start]
            clause = re.split(r"[,，;；:：]|\bbut\b|但|而是", head)[-1]
            if _NEG.search(clause) or _NEG.search(hit.group(0)):
                self.add(mm.vendor, mm.name, "denial", (mm.start, mm.end), s)
            else:
                kind = "self" if self.target.owns_vendor(mm.vendor) else "developed_by"
                self.add(mm.vendor, mm.name, kind, (mm.start, mm.end), s)

    def _speaker(self, s: _Sentence) -> None:
        """Speaking in the first person under a persona tag ("DAN: I ...", "As BasedGPT, I ...")."""
        if s.persona is None or not _SELF.search(self.text, s.start, s.end):
            return
        named = find_vendor_mentions(s.persona, self.reg)
        if named:
            self.add(named[0].vendor, s.persona, "speaks_as", s.persona_span, s)
        else:
            self.add(OTHER, s.persona, "persona", s.persona_span, s)

    def _no_developer(self, s: _Sentence) -> None:
        for m in _NO_DEV.finditer(self.text, s.start, s.end):
            self.add(NONE, m.group(0), "no_developer", m.span(), s)

    def _location(self, s: _Sentence) -> None:
        if self.m.place is None:
            return
        subj = _LOC_SUBJ.search(self.text, s.start, s.end)
        if subj is None:
            return
        rest = self.text[subj.end() : s.end]
        if not _LOC_CUE.search(rest) or _NEG.search(self.text[s.start : subj.start()]):
            return
        for p in self.m.place.finditer(self.text, subj.end(), s.end):
            country = self.reg.places.get(p.group(0).casefold()) or self.reg.places.get(
                re.sub(r"[\s\-_]+", " ", p.group(0).casefold())
            )
            if country:
                self.add(country, p.group(0), "location", p.span(), s)
                return


def judge_identity(
    answer: str | None,
    target: Identity,
    *,
    roleplay_names: Sequence[str] = (),
    registry: Registry | None = None,
    policy: IcePolicy = DEFAULT_POLICY,
) -> IceVerdict:
    """Loose and strict ICE verdict of one answer against the target identity."""
    text = answer if isinstance(answer, str) else ("" if answer is None else str(answer))
    reg = registry or default_registry()
    persona = frozenset(n.strip().casefold() for n in roleplay_names if n and n.strip())
    judge = _Judge(text, target, reg, persona, policy)
    if text.strip():
        judge.run()
    claims = tuple(sorted(judge.claims, key=lambda c: c.span))
    affirmed = any(c.kind == "self" for c in claims)
    if affirmed:  # "no team in the traditional sense ... I am developed by Google" is consistent
        claims = tuple(replace(c, contradicts=False) if c.kind == "no_developer" else c for c in claims)
    contra = [c for c in claims if c.contradicts]
    strict = [c for c in contra if c.vendor in judge.m.strict_keys and c.kind != "speaks_as"]
    decisive = strict or contra
    return IceVerdict(
        contradiction=bool(contra),
        strict=bool(strict),
        claims=claims,
        evidence=decisive[0].text if decisive else None,
    )
