"""Where the repository's data lives, so every module resolves paths the same way."""

from __future__ import annotations

import os
import re
from pathlib import Path

__all__ = ["CASSETTES_DIR", "DEFAULTS_DIR", "FIXTURES_DIR", "REPO_ROOT", "display_path", "shared_data_dir"]

REPO_ROOT = Path(__file__).resolve().parent.parent
FIXTURES_DIR = REPO_ROOT / "fixtures"
# The probe sets and prompt set every installation runs by default ship inside the package.
DEFAULTS_DIR = Path(__file__).resolve().parent / "fixtures" / "defaults"
CASSETTES_DIR = REPO_ROOT / "cassettes"


_ORIGIN_URL = re.compile(r'\[remote "origin"\][^\[]*?^\s*url\s*=\s*(?P<url>\S.*?)\s*$', re.M | re.S)


def _origin_checkout(root: Path) -> Path | None:
    """The local checkout this one was cloned from (`git clone /work/main /tmp/fresh`), if any."""
    try:
        config = (root / ".git" / "config").read_text(encoding="utf-8")
    except OSError:
        return None
    match = _ORIGIN_URL.search(config)
    url = match.group("url").removeprefix("file://") if match else ""
    return Path(url) if url.startswith("/") else None


def shared_data_dir() -> Path:
    """The read-only data published by others: `$DISTILLBENCH_SHARED/data` when set; otherwise `shared/data`
    beside this checkout or, for a fresh local clone, beside the checkout it was cloned from. When none
    exists the first candidate is returned, so the error a caller raises names `../shared`."""
    override = os.environ.get("DISTILLBENCH_SHARED")
    if override:
        return Path(override) / "data"
    candidates = [REPO_ROOT.parent / "shared" / "data"]
    origin = _origin_checkout(REPO_ROOT)
    if origin is not None:
        candidates.append(origin.parent / "shared" / "data")
    return next((c for c in candidates if c.is_dir()), candidates[0])


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
