"""Make a case's recorded strings writable before they reach a report, so one odd answer never blocks it.

A JSON response may carry a lone UTF-16 surrogate (`"\\ud800"`), which decodes to a Python string that no
UTF-8 file can hold; writing the report would fail for every case because of one. Such code points are
replaced with U+FFFD where the report is assembled, and the case is named in a warning. (XML's narrower
character set is handled where JUnit is written.)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

__all__ = ["map_strings", "writable"]

_UNWRITABLE = re.compile("[\ud800-\udfff]")


def map_strings(value: Any, fix: Callable[[str], str]) -> Any:
    """`value` with `fix` applied to every string in it (dict keys too), keeping its shape."""
    if isinstance(value, str):
        return fix(value)
    if isinstance(value, dict):
        return {map_strings(k, fix): map_strings(v, fix) for k, v in value.items()}
    if isinstance(value, list | tuple):
        items = [map_strings(v, fix) for v in value]
        return items if isinstance(value, list) else tuple(items)
    return value


def writable(value: Any) -> tuple[Any, int]:
    """(`value` with every lone surrogate in its strings replaced by U+FFFD, how many were replaced)."""
    count = 0

    def fix(text: str) -> str:
        nonlocal count
        fixed, n = _UNWRITABLE.subn("\ufffd", text)
        count += n
        return fixed

    return map_strings(value, fix), count
