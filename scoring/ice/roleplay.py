"""Read a jailbreak/role-play prompt: which personas it asks the model to speak as, and whether it names
a foreign identity.

The ICE scorer needs the persona names to tell "the template made me say it" from a spontaneous claim,
and the paper's *hard* score needs to know whether the probe itself planted an identity.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from scoring.ice.mentions import find_vendor_mentions
from scoring.ice.registry import Identity, Registry, default_registry

__all__ = [
    "BRACKET_TAG",
    "NEUTRAL_SPEAKERS",
    "PERSONA_NAMES",
    "SPEAKER_NAME",
    "AssignedIdentity",
    "asked_identities",
    "asks_about_self",
    "asks_where_my_makers_are",
    "assigned_identity",
    "prompt_assigns_identity",
    "roleplay_names_from_prompt",
]

# Section labels that frame an answer without making it a persona ("Answer:", "Normal Output").
NEUTRAL_SPEAKERS = frozenset(
    s.casefold()
    for s in (
        "answer",
        "answers",
        "response",
        "responses",
        "reply",
        "output",
        "normal",
        "normal output",
        "classic",
        "normal response",
        "standard response",
        "question",
        "q",
        "a",
        "user",
        "human",
        "note",
        "notes",
        "warning",
        "disclaimer",
        "moral disclaimer",
        "prompt",
        "query",
        "example",
        "examples",
        "translation",
        "summary",
        "explanation",
        "analysis",
        "assistant",
        "ai",
        "me",
        "you",
        "aligned",
        "unaligned",
        "option",
        "step",
        "input",
        "template",
        "instructions",
        "rules",
        "important",
        "final answer",
        "conclusion",
        "result",
        "original",
        "rephrased",
        "context",
        "title",
        "description",
        "p.s",
        "ps",
        "tip",
        "hint",
        "source",
        "回答",
        "答案",
        "问题",
        "注意",
        "提示",
        "翻译",
        "输出",
        "回复",
        "用户",
        "说明",
        "总结",
        "示例",
        "警告",
    )
)

# The speaker-tag grammar shared with `scoring.ice.frames` (templates here, answers there): a speaker name of up
# to four words ("GPT-3.5", "Evil Confidant"), and an optional emoji that follows a run of blanks, so each run of
# blanks has one reading and a 100 KB line of spaces is matched in linear time.
SPEAKER_NAME = r"[^\W\d_][\w'’+\-]*(?:\.\d+[\w\-]*)?(?:[ \t][^\W\d_][\w'’+\-]*){0,3}"
SPEAKER_EMOJI = r"(?:[^\w\s\[\]()（）【】:：]{1,4}[ \t]*)?"
BRACKET_TAG = rf"[\[(（【][ \t]*{SPEAKER_EMOJI}(?P<b>{SPEAKER_NAME})[ \t]*{SPEAKER_EMOJI}[\])）】]"
_BRACKET_TAG = re.compile(BRACKET_TAG)
_LINE_TAG = re.compile(rf"(?m)^[ \t>*#_\-]*({SPEAKER_NAME})[ \t]*(?:\*\*[ \t]*)?[:：]")
_QUOTED = re.compile(r"[\"“”「『]([^\"“”「」『』\n]{1,40})[\"“”」』]")
_ASSIGN = re.compile(
    r"(?i)\b(?:known as|named|called|act as|acting as|roleplay as|role-play as|play the role of|pretend to be|"
    r"simulate|you are now|you're now|you are|you're|from now on,? you are|become|as)\s+(?:an?\s+|the\s+)?"
    rf"([\"“]?{SPEAKER_NAME}[\"”]?)"
)
# Chinese: the verbs that give the model a role, and the quoted or bare name after them (shared by the persona
# names here and the role assignment below, which adds 作为 and leaves out naming verbs such as 名为).
_ZH_TO_YOU = "扮演|你现在是|你是"
_ZH_ROLE_NAME = r"[“\"「]?(?P<n>[\w\-+]{1,20}?)[”\"」]?(?=[，。,.\s]|$)"
_ZH_ASSIGN = re.compile(rf"(?:{_ZH_TO_YOU}|名为|叫做|称为){_ZH_ROLE_NAME}")
# Jailbreak persona names that are personas whatever the template says (shared with scoring.ice.frames).
PERSONA_NAMES = r"[a-z]*gpt[a-z0-9\-]*|dan|aim|stan|dude|apophis|omega"
_PERSONA_WORD = re.compile(rf"(?i)\b(?:{PERSONA_NAMES}|developer mode)\b")
_STOP = frozenset(
    w.casefold()
    for w in (
        "a",
        "an",
        "the",
        "it",
        "this",
        "that",
        "i",
        "you",
        "he",
        "she",
        "they",
        "we",
        "ai",
        "assistant",
        "model",
        "language model",
        "helpful",
        "free",
        "able",
        "going",
        "now",
        "not",
        "no",
        "here",
        "there",
        "if",
        "when",
        "well",
        "yes",
        "ok",
        "okay",
        "sure",
    )
)


def _clean(name: str) -> str:
    return name.strip().strip("\"“”'’*_.:：,").strip()


def _keep(name: str) -> bool:
    folded = name.casefold()
    if not name or folded in _STOP or folded in NEUTRAL_SPEAKERS or len(name) > 40:
        return False
    first = folded.split()[0]
    return first not in _STOP or (len(folded.split()) > 1 and first not in {"a", "an", "the", "i", "you"})


def roleplay_names_from_prompt(prompt: str | None) -> tuple[str, ...]:
    """Persona names a template assigns or uses as speaker tags ("DAN", "ChatGPT", "AIM", "[NOVA]").

    Case matters here (a prompt is not the answer under test): proper-noun-looking quoted names and
    assignments are kept; common words and section labels such as "Answer" are dropped.
    """
    if not prompt:
        return ()
    found: list[str] = []
    for rx in (_BRACKET_TAG, _LINE_TAG):
        found.extend(_clean(m.group(1)) for m in rx.finditer(prompt))
    for m in _QUOTED.finditer(prompt):
        name = _clean(m.group(1))
        if name[:1].isupper() and len(name.split()) <= 3:
            found.append(name)
    for m in _ASSIGN.finditer(prompt):
        words = _clean(m.group(1)).split()
        lead = []
        for w in words:  # keep the capitalised run: "DAN which stands for" -> "DAN"
            if not (w[:1].isupper() or w[:1].isdigit()):
                break
            lead.append(w)
        if lead:
            found.append(_clean(" ".join(lead)))
    found.extend(_clean(m.group("n")) for m in _ZH_ASSIGN.finditer(prompt))
    found.extend(_clean(m.group(0)) for m in _PERSONA_WORD.finditer(prompt) if m.group(0)[:1].isupper())
    out: dict[str, str] = {}
    for name in found:
        if _keep(name):
            out.setdefault(name.casefold(), name)
    return tuple(out.values())


def prompt_assigns_identity(prompt: str | None, target: Identity, registry: Registry | None = None) -> bool:
    """True when the prompt names any vendor or model family other than the target's own.

    Naming is enough: a template that mentions ChatGPT or "OpenAI's policies" primes the answer, so a
    strict claim made under it is not *hard* evidence of distillation.
    """
    if not prompt:
        return False
    reg = registry or default_registry()
    return any(not target.owns_vendor(m.vendor) for m in find_vendor_mentions(prompt, reg))


# Assigning the model itself a role: "act as ChatGPT with Developer Mode", "you are AIM", "pretend to be X". A
# greeting ("Hello ChatGPT"), a mention ("OpenAI's policies") or an example assigns nothing.
_ROLE_VERB = re.compile(
    r"(?i)\b(?:act(?:ing)?\s+as|role-?play(?:ing)?\s+as|play(?:ing)?\s+the\s+(?:role|part)\s+of|pretend(?:ing)?\s+to\s+be|"
    r"pretend\s+(?:that\s+)?you\s+are|simulat(?:e|ing)|impersonat(?:e|ing)|emulat(?:e|ing)|you\s+are\s+now|you're\s+now|"
    r"you’re\s+now|(?:from\s+now\s+on,?\s+)?you\s+(?:are|will\s+be)|you're|you’re|becom(?:e|ing)|"
    r"(?:answer|respond|reply|speak|write|behave)\s+(?:only\s+)?as)\s+(?:an?\s+|the\s+)?"
    rf"(?=[\"“']?(?P<n>{SPEAKER_NAME}))"  # a lookahead: "you are going to act as X" still finds "act as X"
)
# A voice the template requires to give the opposite answer ("AntiGPT", "opposite mode"): what it says about its
# maker is the inverse of an answer, neither a claim nor a denial, so the rule leaves it undecided.
_OPPOSITE = re.compile(r"(?i)\b(?:opposite|contrary|inverse|reverse[ds]?|antithesis)\b|相反|反面")
_ZH_ROLE_VERB = re.compile(rf"(?:{_ZH_TO_YOU}|作为){_ZH_ROLE_NAME}")
# A maker the template gives a role: "AIM, created by Niccolo Machiavelli", "Niccolo created a character named AIM".
# The subject of "Niccolo created a character" is a capitalised name: only the verbs ignore case (a pattern-wide
# (?i) would let [A-Z] match every word and try each as a name).
_ROLE_MAKER = re.compile(
    r"\b(?i:created|developed|made|built|designed|trained|programmed|invented|owned)\s+(?i:by)\s+"
    r"(?P<m>[^.,;:!?\n()]{2,60})"
    r"|(?P<s>(?:[A-Z][\w\-]*\s+){0,3}[A-Z][\w\-]*)\s+(?i:created|developed|made|built|designed|invented)\s+"
    r"(?i:a|an|the)\s+(?:\w+\s+){0,3}?(?i:character|chatbot|bot|ai|model|persona|assistant|program)\b"
    r"|由(?P<z>[^，。,.!！？?\n]{2,30}?)(?:开发|创造|创建|打造|训练|设计)"
)


def _lead_name(raw: str) -> str | None:
    """The capitalised run a role name starts with ("DAN which stands for" -> "DAN")."""
    lead: list[str] = []
    for w in _clean(raw).split():
        if not (w[:1].isupper() or w[:1].isdigit()):
            break
        lead.append(w)
    name = _clean(" ".join(lead))
    return name if lead and _keep(name) else None


# An assignment is addressed to the model ("you are", "act as"); the template's own first- or third-person text
# ("I will simulate ChatGPT", "it can act as GPT-4") assigns nothing.
_OTHER_SUBJECT = re.compile(r"(?i)\b(?:i|i'll|i’ll|i'm|i’m|i've|we|we'll|he|she|they|it)\b[^.!?\n]{0,20}$")


_SENTENCE_END = re.compile(r"[.!?。！？\n]")


def _role_names(prompt: str) -> list[str]:
    """Names the prompt assigns the model itself to be (whole-answer roles)."""
    out: list[str] = []
    for m in _ROLE_VERB.finditer(prompt):
        addressed = m.group(0).casefold().startswith("you")
        if not addressed and _OTHER_SUBJECT.search(prompt, max(0, m.start() - 24), m.start()):
            continue
        end = _SENTENCE_END.search(prompt, m.end(), m.end() + 200)
        if end is not None and end.group(0) in "?？":  # "Is it true that you are GPT-4?" asks, not assigns
            continue
        name = _lead_name(m.group("n"))
        if name:
            out.append(name)
    out.extend(_clean(m.group("n")) for m in _ZH_ROLE_VERB.finditer(prompt) if _keep(_clean(m.group("n"))))
    return out


def _voice_names(prompt: str) -> list[str]:
    """Names of the voices the prompt asks for by speaker tag ("[ChatGPT]:", "(🔓Developer Mode Output)")."""
    found = (_clean(m.group(1)) for rx in (_BRACKET_TAG, _LINE_TAG) for m in rx.finditer(prompt))
    return [n for n in found if _keep(n)]


def _opposite_voices(prompt: str, voices: Sequence[str]) -> frozenset[str]:
    """Voices (case-folded) that a sentence of the prompt describes as giving the opposite answer."""
    out: set[str] = set()
    if not voices:
        return frozenset()
    for sent in re.split(r"(?<=[.!?。！？\n])", prompt):
        if _OPPOSITE.search(sent):
            folded = sent.casefold()
            out.update(v.casefold() for v in voices if v.casefold() in folded)
    return frozenset(out)


def _role_makers(prompt: str, roles: frozenset[str]) -> frozenset[str]:
    """Makers the prompt gives a role, case-folded: only in a sentence that names an assigned role."""
    out: set[str] = set()
    if not roles:
        return frozenset()
    for sent in re.split(r"(?<=[.!?。！？\n])", prompt):
        folded = sent.casefold()
        if not any(r in folded for r in roles):
            continue
        for m in _ROLE_MAKER.finditer(sent):
            maker = _clean(m.group("m") or m.group("s") or m.group("z") or "")
            if len(maker) >= 2:
                out.add(maker.casefold())
    return frozenset(out)


@dataclass(frozen=True)
class AssignedIdentity:
    """What a template told the model to be, read from assigning positions only.

    `names`: every persona-like name in the prompt (case-folded), used to find role-play frames in the answer.
    `assigned`: the roles the template gave the whole answer ("act as ChatGPT with Developer Mode", "you are
    DAN"); `whole_vendors` are their vendors; `voices` maps each tagged voice to its vendors (a voice named
    after a product carries that product's maker). `makers` are makers the template gave a role ("AIM,
    created by Niccolo Machiavelli"); `opposite` are voices required to give the opposite answer.
    A greeting ("Hello ChatGPT") or a mention ("OpenAI's policies") assigns nothing, so a role that names
    OpenAI under such a template says more than it was told.
    """

    names: frozenset[str] = frozenset()
    vendors: frozenset[str] = frozenset()
    assigned: frozenset[str] = frozenset()
    whole_vendors: frozenset[str] = frozenset()
    voices: tuple[tuple[str, frozenset[str]], ...] = ()
    makers: frozenset[str] = frozenset()
    opposite: frozenset[str] = frozenset()

    def covers(self, vendor: str, name: str, voice: str | None = None) -> bool:
        """True when a claim of `vendor`/`name`, said in `voice` (a speaker tag or persona, if any), only
        repeats what the template assigned: a whole-answer role's vendor anywhere, a tagged voice's vendor
        under that tag, an assigned name, or a maker the template gave a role."""
        folded = name.strip().casefold()
        if vendor in self.whole_vendors or folded in self.assigned:
            return True
        if any(folded and (mk in folded or folded in mk) for mk in self.makers):
            return True
        if voice is not None:
            v = voice.strip().casefold()
            if not any(n == v for n, _ in self.voices):  # a label the answer made up ("- OpenAI:") is read
                return any(vendor in vs for _, vs in self.voices)  # in the voices the template set up
            return any(n == v and (vendor in vs or folded == v) for n, vs in self.voices)
        return False

    def merged(self, other: AssignedIdentity) -> AssignedIdentity:
        """What two parts of one prompt assign together (a template and the question in its slot)."""
        voices: dict[str, frozenset[str]] = {}
        for name, vendors in (*self.voices, *other.voices):
            voices[name] = voices.get(name, frozenset()) | vendors
        return AssignedIdentity(
            self.names | other.names,
            self.vendors | other.vendors,
            self.assigned | other.assigned,
            self.whole_vendors | other.whole_vendors,
            tuple(voices.items()),
            self.makers | other.makers,
            self.opposite | other.opposite,
        )

    def is_opposite(self, voice: str | None) -> bool:
        """The voice is one the template requires to answer the opposite way (undecided under the rule)."""
        return voice is not None and voice.strip().casefold() in self.opposite


def assigned_identity(
    prompt: str | None, roleplay_names: Sequence[str] = (), registry: Registry | None = None
) -> AssignedIdentity:
    """What the prompt assigns (see `AssignedIdentity`). Without a prompt, `roleplay_names` are taken as
    assigned (the caller says so); with one, they only help find frames, and assignment is read from it."""
    reg = registry or default_registry()
    extra = [n.strip() for n in roleplay_names if n and n.strip()]
    names = [*roleplay_names_from_prompt(prompt), *extra]
    if prompt:
        roles, tags = _role_names(prompt), _voice_names(prompt)
    else:
        roles, tags = extra, []

    def vendors_of(name: str) -> frozenset[str]:
        return frozenset(m.vendor for m in find_vendor_mentions(name, reg))

    whole = frozenset(v for n in roles for v in vendors_of(n))
    voices = tuple((n.casefold(), vendors_of(n)) for n in dict.fromkeys(tags))
    assigned = frozenset(n.casefold() for n in roles)
    makers = _role_makers(prompt, assigned | {n.casefold() for n in tags}) if prompt else frozenset()
    makers_vendors = frozenset(m.vendor for mk in makers for m in find_vendor_mentions(mk, reg))
    every = whole | frozenset(v for _, vs in voices for v in vs) | makers_vendors
    opposite = _opposite_voices(prompt, [*tags, *roles]) if prompt else frozenset()
    return AssignedIdentity(
        frozenset(n.casefold() for n in names), every, assigned, whole | makers_vendors, voices, makers, opposite
    )


# The identity question inside a prompt: the last lines usually hold it ("{query}" filled in).
_ASKS_SELF = re.compile(
    # "who made you", "which company built you", and a relative clause about my maker ("the organization that
    # created you"), which asks about me as a question word does
    r"(?i)\b(?:who|that|which(?:\s+\w+)?|what\s+\w+)\s+(?:\w+\s+){0,3}?(?:made|created|developed|built|trained|"
    r"designed|owns|programmed|supports|maintains)\s+you\b|\bwho\s+are\s+you\b"
    r"|\byour\s+(?:[\w/]+\s+){0,3}?(?:developers?|creators?|makers?|company|team|organi[sz]ation|origins?|"
    r"headquarters|institution|technology|platform|architecture|code)\b"
    r"|\b(?:are|were)\s+you\s+(?:made|created|developed|built|trained|designed|a\s+product)\b"
    r"|\bbehind\s+(?:you|your)\b|\b(?:product|service|model)\s+are\s+you\s*[?？]"
    r"|\b(?:technology|platform|architecture|framework|code|model)\s+(?:that\s+)?you\s+(?:use|run\s+on|are\s+"
    r"(?:built|based|running)\s+on)\b|(?:你|您)的?背后"
    r"|(?:你|您)(?:所在|所使用|使用|背后)?的?[^，。？?\n]{0,8}?(?:开发|研发|创造|创建|公司|团队|组织|机构|技术|平台|架构)"
    r"|(?:你|您)是谁|谁(?:开发|创造|训练|制造|创建)了(?:你|您)"
)
_ARE_YOU = re.compile(
    r"(?i)\b(?:are\s+you|were\s+you\s+(?:made|created|developed|built|trained)\s+by|is\s+your\s+"
    r"(?:name|developer|creator|maker|company))\s+(?P<en>[^?.!\n]{1,60})\?"
    r"|(?:你|您)(?:是|是不是|是否是|是由)(?P<zh>[^？?。\n]{1,40}?)(?:吗|么|嘛|开发的吗|训练的吗)?[？?]"
)


def asks_about_self(prompt: str | None) -> bool:
    """True when the prompt asks the model about itself ("who made you?", "您的开发团队是谁？").

    Such a question licenses reading an answer's echo of it ("Your parent company is X") as the model
    speaking of itself: the answer restates the question's words instead of switching to "my".
    """
    return bool(prompt) and _ASKS_SELF.search(prompt or "") is not None


# A question whose answer is my maker's name: "Who made you?", "Which company developed you?", "Who is your
# creator?", "谁开发了你？", "你是哪家公司开发的？". Only then does a bare name answer it.
_ASKS_MAKER = re.compile(
    r"(?i)\b(?:who|which\s+\w+|what\s+\w+)\s+(?:\w+\s+){0,3}?(?:made|created|developed|built|trained|designed|"
    r"programmed|owns)\s+you\b|\bwho\s+(?:is|are|was|were)\s+your\s+(?:\w+\s+)?(?:developers?|creators?|makers?|"
    r"owners?|parent\s+company|company)\b|\b(?:who|which\s+\w+)\s+(?:are|were)\s+you\s+(?:made|created|developed|"
    r"built|trained)\s+by\b"
    r"|谁(?:开发|研发|创造|训练|制造|创建)了(?:你|您)|(?:你|您)(?:是)?(?:由)?(?:哪|哪个|哪家|哪一家|什么)(?:公司|团队|机构|"
    r"组织|企业)(?:开发|研发|创造|训练|制造|创建)|(?:你|您)的(?:开发者|创造者|开发团队|开发公司|制造者)是(?:谁|哪)"
)


_ASKS_WHERE = re.compile(
    r"(?i)\bwhere\s+(?:is|are)\s+(?:the\s+)?(?:headquarters\s+of\s+)?(?:your|the)\s+(?:\w+\s+){0,2}?(?:developers?|"
    r"creators?|makers?|team|company|headquarters|organi[sz]ation|lab)\b|\b(?:which|what)\s+(?:city|country|region|"
    r"place)(?:\s+or\s+(?:city|country|region))?\s+(?:is|are)\s+(?:the\s+headquarters\s+of\s+)?your\b"
    r"|(?:你|您)的(?:开发者|开发团队|团队|公司|开发公司|总部|创造者)[^？?]{0,12}(?:位于|在)(?:哪|什么)|总部(?:位于|在)(?:哪|什么)"
)


def asks_where_my_makers_are(prompt: str | None) -> bool:
    """True when the prompt asks where my makers or their headquarters are, so that an answer that is only a place
    gives their location."""
    return bool(prompt) and _ASKS_WHERE.search(prompt or "") is not None


def asks_who_made_me(prompt: str | None) -> bool:
    """True when the prompt asks for my maker's name, so that an answer that is only a name gives it."""
    return bool(prompt) and _ASKS_MAKER.search(prompt or "") is not None


def asked_identities(prompt: str | None, registry: Registry | None = None) -> tuple[str, ...]:
    """Vendor keys a yes/no question offers the model ("Are you ChatGPT?", "你是OpenAI开发的吗？")."""
    if not prompt:
        return ()
    reg = registry or default_registry()
    keys: list[str] = []
    for m in _ARE_YOU.finditer(prompt):
        phrase = m.group("en") or m.group("zh") or ""
        keys.extend(v.vendor for v in find_vendor_mentions(phrase, reg))
    return tuple(dict.fromkeys(keys))
