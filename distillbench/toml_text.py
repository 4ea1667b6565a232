"""TOML values written by hand: the standard library reads TOML but does not write it, and the suite writes
only flat tables of strings, numbers, booleans and lists (probe files, frozen template sets)."""

from __future__ import annotations

import json
from typing import Any

__all__ = ["toml_value"]


def toml_value(value: Any) -> str:
    """A value in TOML syntax; strings are TOML basic strings, whose escapes are JSON's (a lone surrogate, which
    TOML cannot hold, becomes "?")."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        text = json.dumps(value.encode("utf-8", "replace").decode("utf-8"), ensure_ascii=False)
        return text.replace("\x7f", "\\u007f")  # DEL is a control character to TOML, not to JSON
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    raise TypeError(f"no TOML form for {type(value).__name__}")
