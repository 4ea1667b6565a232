"""One redaction step for every text bound for a report or the terminal: no configured secret leaves.

A gateway that answers 401 may echo the key it was sent, and a connection error repeats the URL it could not
reach, query string and all; both end up in a case's error text, which the reports store and the terminal
prints. So every string of a case's outcome passes through `redact` with every secret the run knows:
the value of each model's `api_key_env`, and every query value and password in each `base_url`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from distillbench.fixtures.models_file import ModelSpec
from distillbench.report.safe_text import map_strings

__all__ = ["MASK", "is_key_bearing", "redact", "secrets_of"]

MASK = "[REDACTED]"
_SHORTEST = 4  # a "secret" of one to three characters would blank out ordinary words; none is that short
_KEY_PART = re.compile(r"key|token|secret|sig|auth|pass|credential", re.IGNORECASE)
_KEY_WORDS = {"code"}  # Azure Functions' `?code=`; a whole word only ("barcode" is no key)


def is_key_bearing(name: str) -> bool:
    """Whether a query parameter or header of this name carries a credential by its name (`api-key`, `token`,
    `sig`, `code`), as opposed to `api-version` or `barcode`."""
    return bool(_KEY_PART.search(name)) or bool(_KEY_WORDS & set(re.split(r"[^a-z0-9]+", name.lower())))


def secrets_of(models: Iterable[ModelSpec], *, every_query_value: bool = True) -> tuple[str, ...]:
    """Every credential the models file points at, longest first (so a key containing another goes first):
    `api_key_env` values, header values (literal or read from the environment), `base_url` passwords and
    query values. For reports every query value is masked; the cassette writer, which refuses a file holding
    any secret, takes only key-bearing query values (`every_query_value=False`), since `api-version=2024-06-01`
    may well appear in an answer."""
    found: set[str] = set()
    for spec in models:
        if spec.api_key_env:
            found.add(os.environ.get(spec.api_key_env, ""))
        for _, value in spec.headers:
            found.add(os.environ.get(value[4:], "") if value.startswith("env:") else value)
        parts = urlsplit(spec.base_url)
        found.update(value for name, value in parse_qsl(parts.query, keep_blank_values=True)
                     if every_query_value or is_key_bearing(name))
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
