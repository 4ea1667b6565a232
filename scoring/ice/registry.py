"""Who made which model: load `scoring/ice/identities.toml` and resolve a model name to its identity.

ICE scoring needs the target's true identity (vendor plus its model families) to tell a claim of being
"someone else" from a claim of being itself; the registry is data so new vendors need no code change.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from scoring.errors import ConfigError

__all__ = [
    "DEFAULT_REGISTRY_PATH",
    "Family",
    "Identity",
    "Registry",
    "UnknownModelIdentity",
    "Vendor",
    "default_registry",
    "load_registry",
    "resolve_identity",
]

DEFAULT_REGISTRY_PATH = Path(__file__).resolve().parent / "identities.toml"


class UnknownModelIdentity(ValueError):
    """The model name matches no vendor pattern, so ICE cannot know what would contradict it."""


@dataclass(frozen=True)
class Family:
    """A product line of a vendor (Qwen, ChatGPT, Gemini...): names it is called by, and model-id patterns."""

    name: str
    aliases: tuple[str, ...]
    ambiguous: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...]


@dataclass(frozen=True)
class Vendor:
    """An organisation that trains models; `strict` marks the identities the paper's strict ICE counts."""

    key: str
    name: str
    country: str
    strict: bool
    aliases: tuple[str, ...]
    ambiguous: tuple[str, ...]
    places: tuple[str, ...]
    related: tuple[str, ...]
    families: tuple[Family, ...]

    def all_names(self) -> tuple[str, ...]:
        """Every name of the vendor and its families, unambiguous ones first."""
        names: list[str] = [self.name, *self.aliases]
        for fam in self.families:
            names.extend([fam.name, *fam.aliases])
        names.extend(self.ambiguous)
        for fam in self.families:
            names.extend(fam.ambiguous)
        return tuple(dict.fromkeys(names))

    def text_names(self) -> tuple[str, ...]:
        """Names safe to search for in free text (ambiguous words like "Nova" or "Spark" excluded)."""
        banned = {a.casefold() for a in self.ambiguous}
        for fam in self.families:
            banned.update(a.casefold() for a in fam.ambiguous)
        return tuple(n for n in self.all_names() if n.casefold() not in banned)


@dataclass(frozen=True)
class Identity:
    """A model's real identity: its vendor and family, with every name that does *not* contradict it."""

    vendor: str
    vendor_name: str
    family: str
    aliases: tuple[str, ...]
    strict_vendor: bool
    country: str = ""
    same_vendors: tuple[str, ...] = field(default=())

    def owns_vendor(self, key: str) -> bool:
        """True when a claim about vendor `key` is a claim about this identity (same or related vendor)."""
        return key == self.vendor or key in self.same_vendors


@dataclass(frozen=True)
class Registry:
    """All vendors, in file order (pattern priority), plus a place-name to country map."""

    path: Path
    vendors: tuple[Vendor, ...]
    places: Mapping[str, str]

    def vendor(self, key_or_alias: str) -> Vendor:
        """Find a vendor by key or any alias, case-insensitively; unknown names list the known keys."""
        wanted = key_or_alias.strip().casefold()
        for v in self.vendors:
            if wanted == v.key.casefold() or wanted in (n.casefold() for n in v.all_names()):
                return v
        known = ", ".join(v.key for v in self.vendors)
        raise ValueError(f"unknown vendor {key_or_alias!r}; known vendor keys: {known}")

    def by_key(self) -> dict[str, Vendor]:
        """Vendors indexed by key."""
        return {v.key: v for v in self.vendors}

    def identity_of(self, vendor: Vendor, family: Family | None) -> Identity:
        """The Identity of a model of `vendor` (family None: the vendor's first family)."""
        fam = family or (vendor.families[0] if vendor.families else None)
        same = tuple(dict.fromkeys((*vendor.related, *self._related_to(vendor.key))))
        aliases: list[str] = list(vendor.all_names())
        keyed = self.by_key()
        for key in same:
            if key in keyed:
                aliases.extend(keyed[key].all_names())
        return Identity(
            vendor=vendor.key,
            vendor_name=vendor.name,
            family=fam.name if fam else vendor.name,
            aliases=tuple(dict.fromkeys(aliases)),
            strict_vendor=vendor.strict,
            country=vendor.country,
            same_vendors=same,
        )

    def _related_to(self, key: str) -> tuple[str, ...]:
        return tuple(v.key for v in self.vendors if key in v.related)


def _str_list(raw: Mapping[str, Any], key: str, path: Path, table: str, *, required: bool = False) -> tuple[str, ...]:
    value = raw.get(key)
    if value is None:
        if required:
            raise ConfigError(path, "missing list of strings", table=table, key=key)
        return ()
    if not isinstance(value, list) or not all(isinstance(x, str) and x.strip() for x in value):
        raise ConfigError(path, "must be a list of non-empty strings", table=table, key=key)
    return tuple(value)


def _str(raw: Mapping[str, Any], key: str, path: Path, table: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(path, "must be a non-empty string", table=table, key=key)
    return value


def _family(raw: Any, path: Path, table: str) -> Family:
    if not isinstance(raw, dict):
        raise ConfigError(path, "each family must be a table", table=table)
    patterns: list[re.Pattern[str]] = []
    for pat in _str_list(raw, "patterns", path, table, required=True):
        try:
            patterns.append(re.compile(pat))
        except re.error as exc:
            raise ConfigError(path, f"bad regex {pat!r}: {exc}", table=table, key="patterns") from exc
    return Family(
        name=_str(raw, "name", path, table),
        aliases=_str_list(raw, "aliases", path, table),
        ambiguous=_str_list(raw, "ambiguous", path, table),
        patterns=tuple(patterns),
    )


def _vendor(key: str, raw: Any, path: Path) -> Vendor:
    table = f"vendors.{key}"
    if not isinstance(raw, dict):
        raise ConfigError(path, "must be a table", table=table)
    strict = raw.get("strict")
    if not isinstance(strict, bool):
        raise ConfigError(path, "must be true or false", table=table, key="strict")
    fams_raw = raw.get("families", [])
    if not isinstance(fams_raw, list):
        raise ConfigError(path, "must be an array of tables", table=table, key="families")
    families = tuple(_family(f, path, f"{table}.families") for f in fams_raw)
    return Vendor(
        key=key,
        name=_str(raw, "name", path, table),
        country=_str(raw, "country", path, table),
        strict=strict,
        aliases=_str_list(raw, "aliases", path, table),
        ambiguous=_str_list(raw, "ambiguous", path, table),
        places=_str_list(raw, "places", path, table),
        related=_str_list(raw, "related", path, table),
        families=families,
    )


def load_registry(path: Path | str | None = None) -> Registry:
    """Parse and validate the registry; any malformed table raises ConfigError naming file, table and key."""
    file = Path(path) if path is not None else DEFAULT_REGISTRY_PATH
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(file, "identity registry file not found") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(file, f"not valid TOML: {exc}") from exc
    vendors_raw = data.get("vendors")
    if not isinstance(vendors_raw, dict) or not vendors_raw:
        raise ConfigError(file, "needs at least one [vendors.KEY] table", table="vendors")
    vendors = tuple(_vendor(k, v, file) for k, v in vendors_raw.items())
    keys = {v.key for v in vendors}
    for v in vendors:
        for rel in v.related:
            if rel not in keys:
                raise ConfigError(file, f"unknown related vendor {rel!r}", table=f"vendors.{v.key}", key="related")
    places: dict[str, str] = {}
    countries_raw = data.get("countries", {})
    if not isinstance(countries_raw, dict):
        raise ConfigError(file, "must be a table of [countries.CODE]", table="countries")
    for code, raw in countries_raw.items():
        if not isinstance(raw, dict):
            raise ConfigError(file, "must be a table", table=f"countries.{code}")
        for name in _str_list(raw, "names", file, f"countries.{code}", required=True):
            places.setdefault(name.casefold(), code)
    for v in vendors:
        for name in v.places:
            places.setdefault(name.casefold(), v.country)
    return Registry(path=file, vendors=vendors, places=places)


@lru_cache(maxsize=1)
def default_registry() -> Registry:
    """The bundled registry, parsed once per process."""
    return load_registry(DEFAULT_REGISTRY_PATH)


def _match_model(name: str, vendors: Sequence[Vendor]) -> tuple[Vendor, Family] | None:
    """First (vendor, family) whose pattern matches the model id (lower-cased, any org prefix kept)."""
    candidates = [name.strip().lower()]
    if "/" in candidates[0]:
        candidates.append(candidates[0].rsplit("/", 1)[1])
    for cand in candidates:
        for v in vendors:
            for fam in v.families:
                if any(p.search(cand) for p in fam.patterns):
                    return v, fam
    return None


def resolve_identity(model_name: str, vendor: str | None = None, registry: Registry | None = None) -> Identity:
    """Map a model id (e.g. `qwen2.5-72b-instruct`) to its Identity; `vendor` (key or alias) overrides."""
    reg = registry or default_registry()
    match = _match_model(model_name, reg.vendors)
    if vendor is not None:
        chosen = reg.vendor(vendor)
        family = match[1] if match and match[0].key == chosen.key else None
        return reg.identity_of(chosen, family)
    if match is None:
        raise UnknownModelIdentity(
            f"cannot tell who made model {model_name!r}: no vendor in {reg.path} matches it; "
            "pass --vendor KEY (e.g. --vendor alibaba) to name its real developer"
        )
    return reg.identity_of(match[0], match[1])
