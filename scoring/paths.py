"""Where the repository's data lives, so every module resolves paths the same way."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["CASSETTES_DIR", "FIXTURES_DIR", "REPO_ROOT", "shared_data_dir"]

REPO_ROOT = Path(__file__).resolve().parent.parent
FIXTURES_DIR = REPO_ROOT / "fixtures"
CASSETTES_DIR = REPO_ROOT / "cassettes"


def shared_data_dir() -> Path:
    """The read-only data published by others (`../shared/data`), overridable by DISTILLBENCH_SHARED."""
    override = os.environ.get("DISTILLBENCH_SHARED")
    base = Path(override) if override else REPO_ROOT.parent / "shared"
    return base / "data"
