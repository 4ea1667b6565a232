"""Split an answer into sentences and tell which ones speak inside a role-play frame.

A frame is a speaker tag ("[NOVA]:", "(🤖ChatGPT)", "DAN: ...") or an "As DAN, ..." opener naming a persona
the template assigned or an AI. The frame matters because a template that asks for "[ChatGPT]: ..." makes
the model *say* it is ChatGPT; the verdict then decides whether such a claim counts (see `IcePolicy`).
This module also builds the "echo view" of an answer: answers often restate the question's own words
("Your parent company is X" for "What is your parent company?"), which is the model speaking of itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from scoring.ice.mentions import find_vendor_mentions, fold_name
from scoring.ice.registry import Identity, Registry
from scoring.ice.roleplay import BRACKET_TAG, NEUTRAL_SPEAKERS, PERSONA_NAMES, SPEAKER_NAME

__all__ = ["PERSONA_WORD", "Sentence", "echo_view", "is_persona_name", "mask_pauses", "persona_in", "sentences"]

# A line opening with a speaker tag: "[NOVA]", "(🤖ChatGPT):" (the template grammar of `scoring.ice.roleplay`), or
# a plain "Name:" / "Name (mode):" label.
_TAG = re.compile(
    rf"[ \t>*#_\-]*(?:{BRACKET_TAG}[ \t]*(?:\*\*[ \t]*)?[:：]?"
    rf"|(?P<l>{SPEAKER_NAME})[ \t]*(?:\([^)\n]{{0,30}}\)[ \t]*)?(?:\*\*[ \t]*)?[:：])"
)
_SENT = re.compile(r"(?:[^.!?。！？\n]|[.!?](?![\s\"'”’)\]*]|$))+(?:[.!?。！？]+[\"'”’)\]*]*)?")
# An ellipsis right after a word that needs a complement ("are... OpenAI", "built by... a team") is a pause inside
# the sentence, not its end: the view reads it as a space.
_ELLIPSIS = re.compile(r"(?:\.{2,}|…)(?=[ \t]+\S)")
_PAUSE_AFTER = re.compile(r"(?i)\b(?:is|are|was|were|by|of|at|the|um|uh|uhh|erm)$")
_AS_PERSONA = re.compile(
    r"^\W*(?:as|作为|身为)\s*(?P<n>[^\s,，:：]{1,30}(?:\s+[^\s,，:：]{1,30}){0,2}?)\s*[,，:：]", re.I
)
PERSONA_WORD = re.compile(rf"(?i)^(?:{PERSONA_NAMES})$")
_SPEAKER_SELF_WORDS = re.compile(r"(?i)\b(?:i|my|me|i'm)\b|我")


# Labels of the user's side when a model writes out a whole dialogue ("User: I'm GPT-4." is not the model).
INTERLOCUTORS = frozenset({"user", "human", "q", "question", "prompt", "input", "用户", "提问", "问", "人类"})


@dataclass(frozen=True)
class Sentence:
    """One sentence: its span, whether it is in a role-play frame or a question, and the persona voicing it."""

    start: int
    end: int
    roleplay: bool
    question: bool
    persona: str | None = None
    persona_span: tuple[int, int] = (0, 0)
    interlocutor: bool = False  # under a "User:" / "Human:" label: the other side of a dialogue the model wrote


def _speaker_is_roleplay(name: str, target: Identity, persona: frozenset[str]) -> bool:
    folded = name.strip().casefold()
    if folded in persona:
        return True
    if folded in NEUTRAL_SPEAKERS or _SPEAKER_SELF_WORDS.search(name):
        return False
    if any(fold_name(a) == fold_name(name) for a in target.aliases):
        return False
    words = folded.split()
    return bool(words) and words[-1] not in NEUTRAL_SPEAKERS and words[0] not in NEUTRAL_SPEAKERS


def is_persona_name(name: str, persona: frozenset[str]) -> bool:
    """An assigned persona, or a name shaped like a jailbreak persona ("DAN", "BasedGPT")."""
    folded = name.strip().casefold()
    return folded in persona or bool(PERSONA_WORD.match(folded))


def persona_in(np: str, persona: frozenset[str]) -> str | None:
    """The persona name a noun phrase starts with ("DAN, the rogue AI" -> "DAN"), if any."""
    words = re.findall(r"[\w\-]+", np)[:4]
    for k in range(min(3, len(words)), 0, -1):
        cand = " ".join(words[:k]).casefold()
        if cand in persona or (k == 1 and PERSONA_WORD.match(cand)):
            return " ".join(words[:k])
    return None


def sentences(text: str, target: Identity, persona: frozenset[str], reg: Registry) -> Iterator[Sentence]:
    """Sentences with their frame: a bracketed speaker tag ("[NOVA]", "(🤖ChatGPT)") or a plain "Name:" label
    that the template assigned / that names an AI opens a role-play section lasting until the next tag."""
    pos = 0
    roleplay = False
    interlocutor = False
    speaker: tuple[str, tuple[int, int]] | None = None
    for line in text.splitlines(keepends=True):
        start = pos
        pos += len(line)
        tag = _TAG.match(line)
        body_off = 0
        if tag and tag.end() < len(line.rstrip()) + 1:
            group = "b" if tag.group("b") else "l"
            name = tag.group(group) or ""
            plain_ok = is_persona_name(name, persona) or bool(find_vendor_mentions(name, reg))
            if group == "b" or len(name.split()) <= 3:
                # any label starts a new section; only an assigned/AI name makes it a role
                roleplay = (group == "b" or plain_ok) and _speaker_is_roleplay(name, target, persona)
                interlocutor = name.strip().casefold() in INTERLOCUTORS
                speaker = (name, (start + tag.start(group), start + tag.end(group))) if roleplay else None
                # a plain "My developers include:" with nothing after it heads a list: it stays a sentence
                body_off = 0 if group == "l" and not roleplay and not line[tag.end() :].strip() else tag.end()
        for s in _SENT.finditer(line, body_off):
            raw = s.group(0)
            if not raw.strip():
                continue
            a = _AS_PERSONA.match(raw)
            who = speaker
            if a and is_persona_name(a.group("n"), persona):
                who = (a.group("n").strip(), (start + s.start() + a.start("n"), start + s.start() + a.end("n")))
            q = raw.rstrip(" \t\r\n\"'”’)]*").endswith(("?", "？"))
            name, span = who if who else (None, (0, 0))
            yield Sentence(start + s.start(), start + s.end(), roleplay or who is not None, q, name, span, interlocutor)


# "your <developer noun>" and "您的/你的" restate the question; same-length replacements keep every span.
_ECHO_EN = re.compile(
    r"(?i)\byour(?=\s+(?:[\w/\-]+\s+){0,3}?(?:developers?|creators?|makers?|programmers|owners?|company|"
    r"companies|team|teams|organi[sz]ation|institution|origins?|headquarters|technology|platform|"
    r"architecture|code|framework)\b)"
)
_ECHO_ZH = re.compile(r"(?:您|你)(?=(?:所在|所使用|使用|背后)?的)")
# A sentence opening with a bare definite "the platform / the core technology ... is" restates the question's
# "your platform": nothing else is named whose platform it is. Sentence-initial is checked by a bounded look
# back (`_opens_sentence`), so the scan stays linear on long runs of whitespace.
_ECHO_THE = re.compile(
    r"(?i)(?<![\w'’\-])the\s+(?=(?:(?:core|underlying|technology|technical|system|development|ai)\s+){0,2}"
    r"(?:platform|architecture|technology|technologies|technology\s+stack|tech\s+stack|code|codebase|framework)"
    r"(?:\s+(?:or|and|&)\s+(?:(?:technical|system|technology)\s+)?(?:architecture|framework|stack|platform|code|"
    r"technology))?(?:\s+(?:being\s+used|used|in\s+use))?\s+(?:is|are|was|were)\b)"
)
# "The company that developed you is Apple" answering "Which company developed you?": the answer kept the question's
# "you", so the one made is me ("you" -> "me ", same length).
_ECHO_MADE_YOU = re.compile(
    r"(?i)\b(?:company|companies|organi[sz]ation|team|people|developers?|creators?|makers?)\s+(?:that|which|who)\s+"
    r"(?:originally\s+)?(?:developed|created|built|made|trained|designed|programmed|engineered|owns|maintains)"
    r"\s+you\b(?!['’])"
)
# "The company I'm referring to is X" / "the company in question": the answer's subject is the thing asked about,
# as "my company" is; the words between are blanked so the claim patterns read "my company ... is X".
_ECHO_REFERRED = re.compile(
    r"(?i)(?<![\w'’\-])the(?P<noun>\s+(?:company|companies|organi[sz]ation|team|developers?|creators?|makers?))"
    r"(?P<rel>\s+(?:(?:that\s+)?i(?:['’]m|\s+am)\s+referring\s+to|in\s+question))(?=\s+(?:is|are|was|were)\b)"
)
_BEFORE_SENTENCE = re.compile(r"(?:^|[.!?。！？:：\n])[\s>*_\-#]{0,12}$")


def _opens_sentence(text: str, pos: int) -> bool:
    return _BEFORE_SENTENCE.search(text[max(0, pos - 13) : pos]) is not None


def _echo_the(m: re.Match[str]) -> str:
    """ "The" opening a sentence becomes "my " (same length); elsewhere the match is kept."""
    return ("my " if _opens_sentence(m.string, m.start()) else m.group(0)[:3]) + m.group(0)[3:]


def echo_view(text: str) -> str:
    """`text` with the question's second person read as first person, span for span.

    Used only when the prompt asked the model about itself: "Your parent company is OpenAI" answering
    "What is your parent company?" then reads "My   parent company is OpenAI"; "您的开发团队是…" reads
    "我的开发团队是…"; a sentence opening "The platform is provided by X" reads "my  platform is …" (a bare
    definite subject names no other owner); "The company that developed you is X" reads "... developed me  is X"
    and "The company I'm referring to is X" reads "my  company ... is X" (the answer restates what was asked).
    Everything else is unchanged, so offsets into the view are offsets into the answer.
    """
    out = _ECHO_EN.sub(lambda m: "my" + " " * (len(m.group(0)) - 2), text)
    out = _ECHO_THE.sub(_echo_the, out)
    out = _ECHO_MADE_YOU.sub(lambda m: m.group(0)[:-3] + "me ", out)
    out = _ECHO_REFERRED.sub(lambda m: "my " + m.group("noun") + " " * len(m.group("rel")), out)
    return _ECHO_ZH.sub("我", out)


def mask_pauses(text: str) -> str:
    """`text` with every pause ellipsis ("are... OpenAI") blanked, offsets kept."""
    if "." not in text and "…" not in text:
        return text

    def blank(m: re.Match[str]) -> str:
        after_word = _PAUSE_AFTER.search(text, max(0, m.start() - 6), m.start()) is not None
        return " " * len(m.group(0)) if after_word else m.group(0)

    return _ELLIPSIS.sub(blank, text)
