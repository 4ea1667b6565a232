"""The models file: which OpenAI-compatible endpoints the suite probes, and how to sample them.

One TOML table per model under `[models.<name>]`. Every mistake is reported with the file, the table
and the key, because a typo in a sampling parameter silently changes what a cassette matches.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from scoring.errors import ConfigError

__all__ = ["ROLES", "ModelSpec", "load_gates", "load_models", "public_endpoint", "select_models"]

ROLES = ("test", "reference", "judge")
NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")

# key -> (python types accepted, required)
_FIELDS: dict[str, tuple[tuple[type, ...], bool]] = {
    "base_url": ((str,), True),
    "model": ((str,), True),
    "vendor": ((str,), True),
    "family": ((str,), True),
    "role": ((str,), False),
    "api_key_env": ((str,), False),
    "aliases": ((list,), False),
    "temperature": ((int, float), False),
    "top_p": ((int, float), False),
    "max_tokens": ((int,), False),
    "seed": ((int,), False),
    "timeout": ((int, float), False),
    "max_retries": ((int,), False),
    "local": ((str,), False),
    "description": ((str,), False),
}


@dataclass(frozen=True)
class ModelSpec:
    """One model behind an OpenAI-compatible chat endpoint, with deterministic sampling by default."""

    name: str
    base_url: str
    model: str
    vendor: str
    family: str
    role: str = "test"
    api_key_env: str | None = None
    aliases: tuple[str, ...] = ()
    temperature: float = 0.0
    top_p: float | None = None
    max_tokens: int = 128
    seed: int = 0
    timeout: float = 120.0
    max_retries: int = 2
    local: str | None = None
    description: str = ""
    source: str = field(default="", compare=False)

    def sampling(self) -> dict[str, Any]:
        """The request parameters that, with the messages, identify a recorded answer."""
        params: dict[str, Any] = {
            "temperature": self.temperature,
            "max_tokens": self.max_tokens,
            "seed": self.seed,
        }
        if self.top_p is not None:
            params["top_p"] = self.top_p
        return params

    def public(self) -> dict[str, Any]:
        """The spec as it may appear in a report: endpoint without credentials, the key's variable name only."""
        return {
            "base_url": public_endpoint(self.base_url),
            "model": self.model,
            "vendor": self.vendor,
            "family": self.family,
            "role": self.role,
            "api_key_env": self.api_key_env,
            "aliases": list(self.aliases),
            **self.sampling(),
        }


def public_endpoint(url: str) -> str:
    """Drop user:password and the query string, the places where URLs carry credentials."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, "", ""))


def _duplicate_tables(text: str) -> list[str]:
    seen: set[str] = set()
    dupes: list[str] = []
    for match in re.finditer(r'^\s*\[\s*models\s*\.\s*("([^"]+)"|[^\]\s]+)\s*\]', text, re.MULTILINE):
        name = match.group(2) or match.group(1)
        if name in seen:
            dupes.append(name)
        seen.add(name)
    return dupes


def _check_value(path: Path, name: str, key: str, value: Any) -> None:
    types, _ = _FIELDS[key]
    if isinstance(value, bool) or not isinstance(value, types):
        wanted = " or ".join(t.__name__ for t in types)
        raise ConfigError(path, f"expected {wanted}, got {value!r}", table=f"models.{name}", key=key)
    v: Any = value  # its type is checked above; mypy cannot narrow through the table
    if key == "role" and v not in ROLES:
        raise ConfigError(path, f"role must be one of {', '.join(ROLES)}, got {v!r}",
                          table=f"models.{name}", key=key)
    if key == "base_url" and urlsplit(v).scheme not in ("http", "https"):
        raise ConfigError(path, f"base_url must be an http(s) URL, got {v!r}",
                          table=f"models.{name}", key=key)
    if key == "aliases" and not all(isinstance(a, str) for a in v):
        raise ConfigError(path, "aliases must be a list of strings", table=f"models.{name}", key=key)
    if key in ("max_tokens", "max_retries", "timeout") and v < (0 if key == "max_retries" else 1):
        raise ConfigError(path, f"{key} must be positive, got {v!r}", table=f"models.{name}", key=key)
    if key == "temperature" and not 0 <= v <= 2:
        raise ConfigError(path, f"temperature must be within [0, 2], got {v!r}",
                          table=f"models.{name}", key=key)


def _parse_table(path: Path, name: str, table: Any) -> ModelSpec:
    if not NAME_RE.match(name):
        raise ConfigError(path, "a model name may hold only letters, digits, '.', '_' and '-' "
                          "(it names the cassette folder)", table=f"models.{name}")
    if not isinstance(table, dict):
        raise ConfigError(path, "expected a table of settings", table=f"models.{name}")
    for key in table:
        if key not in _FIELDS:
            raise ConfigError(path, f"unknown key; allowed keys are {', '.join(sorted(_FIELDS))}",
                              table=f"models.{name}", key=key)
    for key, (_, required) in _FIELDS.items():
        if required and key not in table:
            raise ConfigError(path, "missing required key", table=f"models.{name}", key=key)
    for key, value in table.items():
        _check_value(path, name, key, value)
    values = dict(table)
    if "aliases" in values:
        values["aliases"] = tuple(values["aliases"])
    for key in ("temperature", "top_p", "timeout"):
        if key in values:
            values[key] = float(values[key])
    return ModelSpec(name=name, source=str(path), **values)


def load_models(path: Path | str) -> dict[str, ModelSpec]:
    """Read and validate a models file; the result keeps the file's order."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(path, "models file not found (pass another with --models-file PATH)") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(path, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    dupes = _duplicate_tables(text)
    if dupes:
        raise ConfigError(path, f"model {dupes[0]!r} is defined twice; model names must be unique",
                          table=f"models.{dupes[0]}")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, f"not valid TOML: {exc}") from None
    unknown_top = [k for k in data if k not in ("models", "gates")]
    if unknown_top:
        raise ConfigError(path, "unknown top-level key; models go in [models.<name>] tables", key=unknown_top[0])
    models = data.get("models")
    if not isinstance(models, dict) or not models:
        raise ConfigError(path, "no models defined; add a [models.<name>] table")
    return {name: _parse_table(path, name, table) for name, table in models.items()}


def load_gates(path: Path | str) -> list[str]:
    """Gate expressions kept with the models (`gates = ["ice.strict<=0.05", ...]`), so a repository's CI
    policy travels with the endpoints it applies to."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(path, f"cannot read models file: {exc}") from None
    gates = data.get("gates", [])
    if not isinstance(gates, list) or not all(isinstance(g, str) for g in gates):
        raise ConfigError(path, "gates must be a list of strings such as \"ice.strict<=0.05\"", key="gates")
    return list(gates)


def select_models(
    models: Mapping[str, ModelSpec], names: Iterable[str] | None, path: Path | str
) -> dict[str, ModelSpec]:
    """The subset named by --models, in the order given, or every model when no subset was asked for."""
    if names is None:
        return dict(models)
    chosen: dict[str, ModelSpec] = {}
    for name in names:
        if name not in models:
            raise ConfigError(path, f"--models names unknown model {name!r}; known models: {', '.join(models)}",
                              table=f"models.{name}")
        chosen[name] = models[name]
    return chosen
