"""Where the repository's data lives, so every module resolves paths the same way."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["CASSETTES_DIR", "FIXTURES_DIR", "REPO_ROOT", "display_path", "shared_data_dir"]

REPO_ROOT = Path(__file__).resolve().parent.parent
FIXTURES_DIR = REPO_ROOT / "fixtures"
CASSETTES_DIR = REPO_ROOT / "cassettes"


def shared_data_dir() -> Path:
    """The read-only data published by others (`../shared/data`), overridable by DISTILLBENCH_SHARED."""
    override = os.environ.get("DISTILLBENCH_SHARED")
    base = Path(override) if override else REPO_ROOT.parent / "shared"
    return base / "data"


def display_path(path: Path | str) -> str:
    """A path as a report shows it: relative to the repository, or to site-packages for files a package
    ships, so reports from different machines (and CI runners) read the same."""
    resolved = Path(path).resolve()
    if resolved.is_relative_to(REPO_ROOT) and ".venv" not in resolved.relative_to(REPO_ROOT).parts:
        return resolved.relative_to(REPO_ROOT).as_posix()
    parts = resolved.parts
    if "site-packages" in parts:
        return "/".join(parts[parts.index("site-packages") + 1:])
    return str(path)
