"""Find registry vendor/family names in free text, fast.

Every ICE rule starts from "which organisation or model family does this phrase name?". Answers can be
100 KB long and the registry holds hundreds of names, so all names are compiled into one prefix-factored
regex per registry (cached) instead of being searched one by one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from scoring.ice.registry import Registry, default_registry

__all__ = ["Matchers", "VendorMention", "find_vendor_mentions", "fold_name", "matchers"]

_LATIN = re.compile(r"[A-Za-z0-9]")


@dataclass(frozen=True)
class VendorMention:
    """A registry name found in text."""

    vendor: str
    name: str
    start: int
    end: int


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


def names_regex(names: Sequence[str]) -> re.Pattern[str]:
    """A case-insensitive regex matching any of `names` (Latin names only at word starts)."""
    latin = [n for n in names if _LATIN.match(n[0])]
    other = [n for n in names if not _LATIN.match(n[0])]
    parts = []
    if latin:
        parts.append(r"(?<![A-Za-z0-9])" + _trie_regex(latin))
    if other:
        parts.append(_trie_regex(other))
    return re.compile("|".join(parts) if parts else r"(?!x)x", re.IGNORECASE)


@dataclass(frozen=True)
class Matchers:
    """Compiled per-registry regexes: vendor names, name owner, strict vendors, place names. `mention_lower` is
    `mention` without case-folding, for lower-cased ASCII text (the same matches, a quarter faster)."""

    registry: Registry
    mention: re.Pattern[str]
    owner: dict[str, str]
    strict_keys: frozenset[str]
    place: re.Pattern[str] | None
    mention_lower: re.Pattern[str]


_CACHE: dict[int, Matchers] = {}


def fold_name(text: str) -> str:
    """Case- and separator-insensitive key of a name ("Chat GPT" == "chatgpt")."""
    return re.sub(r"[\s\-_]+", "", text.casefold())


def matchers(reg: Registry) -> Matchers:
    """The compiled matchers of `reg` (built once per registry object)."""
    cached = _CACHE.get(id(reg))
    if cached is not None and cached.registry is reg:
        return cached
    owner: dict[str, str] = {}
    for v in reg.vendors:
        for n in v.text_names():
            owner.setdefault(fold_name(n), v.key)
    display = {n.casefold(): n for v in reg.vendors for n in v.text_names()}
    mention = names_regex(list(display.values()))
    place = names_regex(list(reg.places)) if reg.places else None
    m = Matchers(reg, mention, owner, frozenset(v.key for v in reg.vendors if v.strict), place,
                 re.compile(mention.pattern))
    _CACHE[id(reg)] = m
    return m


def find_vendor_mentions(text: str, registry: Registry | None = None) -> list[VendorMention]:
    """Every registry vendor/family name in `text` (ambiguous words excluded), in text order."""
    m = matchers(registry or default_registry())
    # ASCII text lower-cased is matched exactly as the case-insensitive pattern matches it (the names are stored
    # case-folded); other text keeps the case-insensitive scan
    hits = m.mention_lower.finditer(text.lower()) if text.isascii() else m.mention.finditer(text)
    out: list[VendorMention] = []
    for hit in hits:
        name = text[hit.start() : hit.end()]
        key = m.owner.get(fold_name(name))
        if key is not None:
            out.append(VendorMention(key, name, hit.start(), hit.end()))
    return out
