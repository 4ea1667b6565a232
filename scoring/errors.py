"""Error types that name the file, table, key or model at fault, so a user knows what to fix.

The base lives with the measurements so a registry or probe file can be refused without the run machinery;
the run's own errors (`distillbench.errors`) derive from it.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["ConfigError", "DistillbenchError"]


class DistillbenchError(Exception):
    """Base class for errors the suite reports to users in one actionable sentence."""


class ConfigError(DistillbenchError):
    """A models, probe or template file is malformed; the message names the file, table and key."""

    def __init__(self, path: Path | str, message: str, *, table: str | None = None, key: str | None = None):
        where = str(path)
        if table is not None:
            where += f", table [{table}]"
        if key is not None:
            where += f", key '{key}'"
        super().__init__(f"{where}: {message}")
        self.path = Path(path)
        self.table = table
        self.key = key
