"""Make a case's recorded strings writable before they reach a report, so one odd answer never blocks it.

A JSON response may carry a lone UTF-16 surrogate (`"\\ud800"`), which decodes to a Python string that no
UTF-8 file can hold; writing the report would fail for every case because of one. Such code points are
replaced with U+FFFD where the report is assembled, and the case is named in a warning. (XML's narrower
character set is handled where JUnit is written.)
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["writable"]

_UNWRITABLE = re.compile("[\ud800-\udfff]")


def writable(value: Any) -> tuple[Any, int]:
    """(`value` with every lone surrogate in its strings replaced by U+FFFD, how many were replaced)."""
    if isinstance(value, str):
        fixed, count = _UNWRITABLE.subn("\ufffd", value)
        return fixed, count
    if isinstance(value, dict):
        total, out = 0, {}
        for key, item in value.items():
            out[key], n = writable(item)
            total += n
        return out, total
    if isinstance(value, list | tuple):
        total, items = 0, []
        for item in value:
            fixed, n = writable(item)
            items.append(fixed)
            total += n
        return (items if isinstance(value, list) else tuple(items)), total
    return value, 0
