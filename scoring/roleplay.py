"""Read a jailbreak/role-play prompt: which personas it asks the model to speak as, and whether it names
a foreign identity.

The ICE scorer needs the persona names to tell "the template made me say it" from a spontaneous claim,
and the paper's *hard* score needs to know whether the probe itself planted an identity.
"""

from __future__ import annotations

import re

from scoring.identity_registry import Identity, Registry, default_registry

__all__ = ["NEUTRAL_SPEAKERS", "prompt_assigns_identity", "roleplay_names_from_prompt"]

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

_NAME = r"[^\W\d_][\w'’+\-]*(?:\.\d+[\w\-]*)?(?:[ \t][^\W\d_][\w'’+\-]*){0,3}"
_EMOJI = r"[^\w\s\[\]()（）【】:：]{0,4}"
_BRACKET_TAG = re.compile(rf"[\[(（【]\s*{_EMOJI}\s*({_NAME})\s*{_EMOJI}\s*[\])）】]")
_LINE_TAG = re.compile(rf"(?m)^[ \t>*#_\-]*({_NAME})[ \t]*(?:\*\*)?[ \t]*[:：]")
_QUOTED = re.compile(r"[\"“”「『]([^\"“”「」『』\n]{1,40})[\"“”」』]")
_ASSIGN = re.compile(
    r"(?i)\b(?:known as|named|called|act as|acting as|roleplay as|role-play as|play the role of|pretend to be|"
    r"simulate|you are now|you're now|you are|you're|from now on,? you are|become|as)\s+(?:an?\s+|the\s+)?"
    rf"([\"“]?{_NAME}[\"”]?)"
)
_ZH_ASSIGN = re.compile(r"(?:扮演|名为|叫做|称为|你现在是|你是)[“\"「]?([\w\-+]{1,20}?)[”\"」]?(?=[，。,.\s]|$)")
_PERSONA_WORD = re.compile(r"(?i)\b(?:[a-z]*gpt[a-z0-9\-]*|dan|aim|stan|dude|apophis|omega|developer mode)\b")
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
    found.extend(_clean(m.group(1)) for m in _ZH_ASSIGN.finditer(prompt))
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
    from scoring.ice_verdict import find_vendor_mentions  # local: ice_verdict imports this module

    reg = registry or default_registry()
    return any(not target.owns_vendor(m.vendor) for m in find_vendor_mentions(prompt, reg))
