"""ICE probes: identity questions, optionally wrapped in a persona template and framed by a system prompt.

The system prompt, the template and the question together define a probe; all three are recorded in the
report, and every source file contributes an id and a content hash so two reports can be compared only
when they asked the same things.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scoring.client import chat_messages
from scoring.errors import ConfigError
from scoring.identity_registry import default_registry
from scoring.models_file import ModelSpec
from scoring.paths import FIXTURES_DIR, display_path
from scoring.roleplay import roleplay_names_from_prompt

__all__ = [
    "DEFAULT_QUESTIONS",
    "DEFAULT_SYSTEMS",
    "DEFAULT_TEMPLATES",
    "GPTFUZZER_PLACEHOLDER",
    "Probe",
    "ProbeSet",
    "build_ice_probes",
    "content_hash",
    "load_questions",
    "load_systems",
    "load_templates",
]

DEFAULT_QUESTIONS = FIXTURES_DIR / "probes" / "identity_questions.toml"
DEFAULT_TEMPLATES = FIXTURES_DIR / "probes" / "templates.toml"
DEFAULT_SYSTEMS = FIXTURES_DIR / "probes" / "system_prompts.toml"
GPTFUZZER_PLACEHOLDER = "[INSERT PROMPT HERE]"
ID_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")


def content_hash(items: Any) -> str:
    """sha256 of the canonical JSON of parsed content: comments and key order do not change it."""
    blob = json.dumps(items, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(blob.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ProbeSet:
    """One source file of probes, as the report records it."""

    id: str
    kind: str
    source: str
    count: int
    hash: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "source": self.source, "count": self.count, "hash": self.hash}


@dataclass(frozen=True)
class Probe:
    """One ICE prompt: (system prompt, template, question). Model-independent until `messages()`."""

    id: str
    question_id: str
    question: str
    lang: str
    style: str
    system_id: str
    system_text: str
    control: bool
    template_id: str | None
    template_text: str | None
    misleading: bool
    personas: tuple[str, ...]

    def user_text(self) -> str:
        if self.template_text is None:
            return self.question
        if GPTFUZZER_PLACEHOLDER in self.template_text:
            return self.template_text.replace(GPTFUZZER_PLACEHOLDER, self.question)
        return self.template_text.replace("{question}", self.question)

    def system_for(self, model: ModelSpec) -> str:
        return self.system_text.replace("{vendor}", model.vendor).replace("{family}", model.family)

    def messages(self, model: ModelSpec) -> list[dict[str, str]]:
        """The chat messages sent to `model`: a system message only when the framing has one."""
        return chat_messages(self.user_text(), self.system_for(model))

    def framing(self) -> dict[str, Any]:
        """The probe's three parts as plain data for the report."""
        return {
            "question_id": self.question_id,
            "question": self.question,
            "lang": self.lang,
            "style": self.style,
            "system_id": self.system_id,
            "system": self.system_text,
            "control": self.control,
            "template_id": self.template_id,
            "template": self.template_text,
            "misleading": self.misleading,
            "personas": list(self.personas),
        }


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(path, "probe file not found") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(path, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, f"not valid TOML: {exc}") from None


def _entries(path: Path, data: dict[str, Any], table: str, required: dict[str, type]) -> list[dict[str, Any]]:
    entries = data.get(table)
    if not isinstance(entries, list) or not entries:
        raise ConfigError(path, f"expected one or more [[{table}]] tables")
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        where = f"{table}[{index}]"
        for key, kind in required.items():
            if key not in entry:
                raise ConfigError(path, "missing required key", table=where, key=key)
            if not isinstance(entry[key], kind):
                raise ConfigError(path, f"expected {kind.__name__}, got {entry[key]!r}", table=where, key=key)
        if not ID_RE.match(entry["id"]):
            raise ConfigError(path, "ids use lower-case letters, digits, '.', '_' and '-'", table=where, key="id")
        if entry["id"] in seen:
            raise ConfigError(path, f"duplicate id {entry['id']!r}", table=where, key="id")
        seen.add(entry["id"])
    return entries


def _set_id(path: Path, data: dict[str, Any]) -> str:
    set_id = data.get("id")
    if not isinstance(set_id, str) or not set_id:
        raise ConfigError(path, "missing top-level id of the probe set", key="id")
    return set_id


def load_questions(path: Path = DEFAULT_QUESTIONS) -> tuple[ProbeSet, list[dict[str, Any]]]:
    data = _read_toml(path)
    entries = _entries(path, data, "question", {"id": str, "lang": str, "style": str, "text": str})
    allowed = {"id", "lang", "style", "text", "core"}
    for index, entry in enumerate(entries):
        extra = set(entry) - allowed
        if extra:
            raise ConfigError(path, f"unknown key; allowed: {', '.join(sorted(allowed))}",
                              table=f"question[{index}]", key=sorted(extra)[0])
    return ProbeSet(_set_id(path, data), "questions", display_path(path), len(entries), content_hash(entries)), entries


def load_systems(path: Path = DEFAULT_SYSTEMS) -> tuple[ProbeSet, list[dict[str, Any]]]:
    data = _read_toml(path)
    entries = _entries(path, data, "system", {"id": str, "text": str, "control": bool,
                                              "assigns_identity": bool, "scope": str})
    for index, entry in enumerate(entries):
        if entry["scope"] not in ("all", "core"):
            raise ConfigError(path, "scope must be 'all' or 'core'", table=f"system[{index}]", key="scope")
    return ProbeSet(_set_id(path, data), "systems", display_path(path), len(entries), content_hash(entries)), entries


def text_names_identity(text: str) -> bool:
    """A template that names any AI vendor or model family (ChatGPT, OpenAI, Claude, ...) may mislead."""
    from scoring.ice_verdict import find_vendor_mentions

    return bool(find_vendor_mentions(text, default_registry()))


def _load_gptfuzzer_csv(path: Path) -> tuple[ProbeSet, list[dict[str, Any]]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except FileNotFoundError:
        raise ConfigError(path, "template file not found") from None
    except (UnicodeDecodeError, csv.Error) as exc:
        raise ConfigError(path, f"not a readable GPTFuzzer CSV (columns id,text): {exc}") from None
    entries = []
    for line, row in enumerate(rows, start=2):
        if set(row) != {"id", "text"} or not row["text"]:
            raise ConfigError(path, f"line {line}: expected columns id,text with a non-empty text")
        if GPTFUZZER_PLACEHOLDER not in row["text"]:
            raise ConfigError(path, f"line {line}: template {row['id']!r} lacks {GPTFUZZER_PLACEHOLDER}")
        entries.append({
            "id": f"gptfuzzer-{row['id']}",
            "text": row["text"],
            "assigns_identity": text_names_identity(row["text"]),
            "personas": list(roleplay_names_from_prompt(row["text"])),
        })
    set_id = f"gptfuzzer:{path.name}"
    return ProbeSet(set_id, "templates", display_path(path), len(entries), content_hash(entries)), entries


def load_templates(path: Path = DEFAULT_TEMPLATES) -> tuple[ProbeSet, list[dict[str, Any]]]:
    """Persona templates from this project's TOML format or the GPTFuzzer CSV format (id,text)."""
    if path.suffix.lower() == ".csv":
        return _load_gptfuzzer_csv(path)
    data = _read_toml(path)
    entries = _entries(path, data, "template", {"id": str, "text": str, "assigns_identity": bool,
                                                "personas": list})
    for index, entry in enumerate(entries):
        if "{question}" not in entry["text"]:
            raise ConfigError(path, "template text lacks the {question} placeholder",
                              table=f"template[{index}]", key="text")
    return ProbeSet(_set_id(path, data), "templates", display_path(path), len(entries), content_hash(entries)), entries


def build_ice_probes(
    questions: Sequence[dict[str, Any]],
    templates: Sequence[dict[str, Any]],
    systems: Sequence[dict[str, Any]],
    *,
    template_questions: str = "core",
) -> list[Probe]:
    """The probe plan: every question plainly, core questions under each system prompt and template.

    Full crossing would multiply recording time for little information; the core questions carry the
    framings, every question is asked at least once without any.
    """
    probes: list[Probe] = []

    def add(q: dict[str, Any], system: dict[str, Any], template: dict[str, Any] | None) -> None:
        parts = [q["id"]]
        if system["id"] != "none":
            parts.append(f"sys-{system['id']}")
        if template is not None:
            parts.append(f"tpl-{template['id']}")
        probes.append(Probe(
            id="--".join(parts),
            question_id=q["id"], question=q["text"], lang=q["lang"], style=q["style"],
            system_id=system["id"], system_text=system["text"], control=system["control"],
            template_id=None if template is None else template["id"],
            template_text=None if template is None else template["text"],
            misleading=system["assigns_identity"] or bool(template and template["assigns_identity"]),
            personas=tuple(template["personas"]) if template else (),
        ))

    plain = next((s for s in systems if s["id"] == "none"), {"id": "none", "text": "", "control": False,
                                                              "assigns_identity": False, "scope": "all"})
    for q in questions:
        core = bool(q.get("core")) or template_questions == "all"
        for system in systems:
            if system["scope"] == "all" or core:
                add(q, system, None)
        if core:
            for template in templates:
                add(q, plain, template)
    return probes
