"""Identity claims spread over more than one clause, sentence or list item.

The per-sentence rules of `scoring.ice.claims` read a claim whose subject ("I"), verb ("developed by") and
object (the vendor) sit in one clause. Answers also say who made "me" in ways that split these apart:

* an origin sentence whose object is generic and which ends in a colon, continued by a list naming the
  vendors ("My developers include:\\n- OpenAI\\n- Google", "我由以下几家公司共同开发：\\n1. OpenAI");
* a vendor's model that powers or underlies "me" ("the GPT-4 model, which powers my answers"), or the thing
  "I am based on" named after a comma ("the engine I am built on, which is GPT-4");
* the developer of "my" platform/model named after a copula ("The main developer of my platform is X");
* a participial opener whose subject is "I" ("Built by X, I am ...");
* a first-person subject separated from a comma-attached origin phrase by a modifier that names the model
  it is based on ("我是基于GPT的模型，由一家神秘公司开发", "I am a model built on GPT, created by ...").

Every pattern is linear-time (bounded repeats); the list scan is capped per lead sentence.
"""

from __future__ import annotations

import re

__all__ = [
    "AFTER_WHICH",
    "AUTHORITY",
    "BASED_WHICH",
    "DEV_OF_MY",
    "LIST_ITEM",
    "MAX_LIST_LINES",
    "MODIFIER_CUE",
    "OPENER",
    "POWERS_MY",
    "ends_with_colon",
    "zh_named_org",
]

# Nouns that stand for the model itself after "my": "my responses", "my platform", "my core".
_SELF_NOUN = (
    r"(?:responses|answers|replies|outputs?|abilities|ability|capabilities|core|brain|mind|intelligence|reasoning|"
    r"knowledge|understanding|platform|model|code|codebase|system|technology|technologies|architecture|framework|"
    r"development|creation|existence|training|engine|foundation|backbone|language\s+skills)"
)
_SELF_OBJ = rf"(?:me\b|myself\b|this\s+(?:ai|model|assistant|chatbot)\b|my\s+(?:[\w\-]+\s+){{0,2}}?{_SELF_NOUN}\b)"
_NP = r"(?P<np>[^.;:!?\n()（），。；：！？\[\]]{1,100})"
_NP_SHORT = r"(?P<np>[^.,;:!?\n()（），。；：！？\[\]]{1,100})"

# A vendor named as the rule-setter or the thing escaped ("free from OpenAI's constraints"), not as origin.
AUTHORITY = re.compile(
    r"(?i)\b(?:free|freed|independent|beyond|surpass\w*|outside|against|escape\w*|broke|broken|break\w*|"
    r"rules?|polic(?:y|ies)|guidelines?|restrictions?|constraints?|limitations?|limits|chains|shackles|control|"
    r"censor\w*|filters?|no|without|nothing|compete\w*|rival\w*)\b|摆脱|限制|规则|政策|约束|束缚|超越|不受|无关"
)
# After a vendor/model mention: "GPT-4 (language model), which powers my responses".
AFTER_WHICH = re.compile(
    r"(?i)(?:[\s\-]+[\w\-.]+){0,3}?\s*,?\s+(?:which|that)\s+(?:now\s+|currently\s+|also\s+|ultimately\s+)?"
    # "GPT-3, which is the technology that powers me": the relative clause names what the vendor's model is to me
    r"(?:(?:is|was)\s+(?:the|a)\s+(?:[\w\-]+\s+){0,2}?(?:technology|model|engine|system|architecture|framework|"
    r"foundation)\s+(?:that|which)\s+(?:now\s+|currently\s+)?)?"
    r"(?:powers|underlies|underpins|drives|runs|is\s+behind|forms\s+the\s+(?:basis|core|foundation)\s+of|"
    r"serves\s+as\s+the\s+(?:basis|core|foundation|backbone)\s+(?:of|for))\s+" + _SELF_OBJ
)
# "The core technology I'm based on, which is the OpenAI GPT-3 model".
BASED_WHICH = re.compile(
    r"(?i)\b(?:i'm|i’m|i\s+am|am|was|were)\s+(?:\w+\s+){0,2}?(?:based|built|running|powered|founded)\s+(?:up)?on\s*,"
    r"\s*(?:which|that)\s+(?:is|was)\s+(?:also\s+|actually\s+)?" + _NP_SHORT
)
# "The main developer and supporter of my platform is X"; "The model that powers me is X".
DEV_OF_MY = re.compile(
    r"(?i)\b(?:developers?|creators?|makers?|owners?|providers?|supporters?|maintainers?|architects?|builders?|"
    r"trainers?)(?:\s+(?:and|&)\s+[\w\-]+)?\s+(?:of|behind|for)\s+"
    + _SELF_OBJ
    + r"[^.!?,;:]{0,40}?\b(?:is|are|was|were)\s+(?:the\s+|primarily\s+|mainly\s+|mostly\s+){0,2}"
    + _NP
)
POWERS_MY = re.compile(
    r"(?i)\b(?:model|technology|architecture|engine|system|framework|foundation)\s+(?:that|which)\s+(?:powers|underlies|"
    r"underpins|drives|runs)\s+" + _SELF_OBJ + r"\s+(?:is|was)\s+(?:the\s+|actually\s+){0,2}" + _NP
)
# "Developed by X, I am ..." at the start of a sentence: the participle's subject is "I".
OPENER = re.compile(
    r"(?i)[\s*_\"“'「]*(?:originally\s+)?(?:developed|created|built|trained|designed|made|crafted|forged|engineered|"
    r"programmed|born|brought\s+to\s+life)\s+(?:\w+\s+){0,2}?by\s+" + _NP_SHORT + r",\s*(?:i\b|i'm|i’m|i've|i’ve|my\b)"
)
# A vendor inside this modifier names what I am built on, not who I am: "a model based on GPT, created by ...".
MODIFIER_CUE = re.compile(r"(?i)\b(?:based|built|running|founded)\s+(?:up)?on\b|\bpowered\s+by\b|基于|建立在|依托")
# The origin verb phrase attached by a comma to the clause's subject: ", created by ..." / "，由...开发".
COMMA_ATTACHED = re.compile(r"[,，]\s*$")
COPULA_AFTER_SELF = re.compile(r"(?i)\s*(?:是|am\b|'m\b|’m\b)")

LIST_ITEM = re.compile(r"[ \t]*(?:[-*•·+‣▪]|\d{1,2}[.)、]|[（(]\d{1,2}[)）])[ \t]*(?:\*\*|__|[\"“「『])?[ \t]*")
_COLON_END = re.compile(r"[:：]\s*(?:\*\*|__)?\s*$")
MAX_LIST_LINES = 40


def ends_with_colon(sentence: str) -> bool:
    """The sentence announces what follows ("My developers include:", "其中包括：")."""
    return _COLON_END.search(sentence) is not None


_ZH_ORG = re.compile(
    r"(?P<pre>(?:(?!的)[\w\-·]){1,16}?)(?:有限公司|公司|集团|实验室|研究院|研究所|研究中心|工作室|联盟|协会|基金会|财团)"
)
_ZH_DETERMINER = re.compile(
    r"^(?:哪些|哪家|哪个|哪|什么|何|一家|一个|一所|一群|某个|某家|某|多家|多个|几家|这家|那家|这个|该|各个|各|众多|许多|"
    r"一些|我们|我|你|您|其|本)+"
)
_ZH_GENERIC = re.compile(
    r"(?:高科技|科技|人工智能|智能|技术|信息|网络|互联网|软件|研究|创新|国际|全球|跨国|中国|美国|国内|国外|大型|知名|领先|"
    r"顶尖|专业|数据|计算|云|开发|研发|工程师|研究人员|科学家|开发者|开发人员|专家|程序员|技术人员|人员|AI|ai|IT|it)$"
)


def zh_named_org(np: str) -> bool:
    """A Chinese organisation name: a specific word before 公司/集团/实验室/研究院 ("塞壬科技公司"), not a
    description ("一家科技公司", "多个研究机构", "一家位于北京的公司")."""
    for m in _ZH_ORG.finditer(np):
        name = _ZH_DETERMINER.sub("", m.group("pre"))
        for _ in range(4):  # strip generic morphemes from the end: "蓝鲸人工智能科技" -> "蓝鲸"
            stripped = _ZH_GENERIC.sub("", name)
            if stripped == name:
                break
            name = stripped
        if len(name) >= 2 and not name.isdigit():
            return True
    return False
