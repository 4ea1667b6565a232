"""One redaction step for every text bound for a report or the terminal: no configured secret leaves.

A gateway that answers 401 may echo the key it was sent, and a connection error repeats the URL it could not
reach, query string and all; both end up in a case's error text, which the reports store and the terminal
prints. So every string of a case's outcome passes through `redact` with every secret the run knows:
the value of each model's `api_key_env`, and every query value and password in each `base_url`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from distillbench.fixtures.models_file import ModelSpec
from distillbench.report.safe_text import map_strings

__all__ = ["MASK", "redact", "secrets_of"]

MASK = "[REDACTED]"
_SHORTEST = 4  # a "secret" of one to three characters would blank out ordinary words; none is that short


def secrets_of(models: Iterable[ModelSpec]) -> tuple[str, ...]:
    """Every credential the models file points at, longest first (so a key containing another goes first)."""
    found: set[str] = set()
    for spec in models:
        if spec.api_key_env:
            found.add(os.environ.get(spec.api_key_env, ""))
        parts = urlsplit(spec.base_url)
        found.update(value for _, value in parse_qsl(parts.query, keep_blank_values=True))
        if parts.password:
            found.add(parts.password)
    return tuple(sorted((s for s in found if len(s) >= _SHORTEST), key=lambda s: (-len(s), s)))


def redact(value: Any, secrets: tuple[str, ...]) -> Any:
    """`value` with every occurrence of every secret in its strings (and dict keys) replaced by MASK."""
    if not secrets:
        return value

    def mask(text: str) -> str:
        for secret in secrets:
            if secret in text:
                text = text.replace(secret, MASK)
        return text

    return map_strings(value, mask)
