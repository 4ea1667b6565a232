"""A path option given as two words (`--models-file /abs/models.toml`) before pytest knows the option.

pytest picks its rootdir and ini file before any plugin has added its options, so the value of an option it does
not know yet reads as a test path: a path outside the invocation directory moves the rootdir up to a common
ancestor, and the project's own ini file (`distillbench_suite`, markers, testpaths) is silently skipped. Written
as one word (`--models-file=/abs/models.toml`) the value is never read as a path. This module finds the case
where the two-word form made pytest skip an ini file, so the run stops with the fix instead of running the wrong
suite.
"""

from __future__ import annotations

import configparser
import itertools
from collections.abc import Sequence
from pathlib import Path

__all__ = ["PATH_OPTIONS", "skipped_ini"]

PATH_OPTIONS = ("--models-file", "--questions", "--templates", "--system-prompts", "--rse-config",
                "--cassette-dir", "--report-dir", "--baseline")


def _is_pytest_ini(path: Path) -> bool:
    """Whether pytest would take `path` as its configuration file (the rules of its own ini search)."""
    if not path.is_file():
        return False
    if path.name == "pytest.ini" or path.name == ".pytest.ini":
        return True
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    if path.name == "pyproject.toml":
        return "[tool.pytest" in text
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(text)
    except configparser.Error:
        return False
    return parser.has_section("tool:pytest" if path.name == "setup.cfg" else "pytest")


def _ini_in(directory: Path) -> Path | None:
    for name in ("pytest.ini", ".pytest.ini", "pyproject.toml", "tox.ini", "setup.cfg"):
        if _is_pytest_ini(directory / name):
            return directory / name
    return None


def skipped_ini(args: Sequence[str], invocation_dir: Path, inipath: Path | None) -> tuple[str, str, Path] | None:
    """(option, value, ini file) when a two-word path option made pytest skip the ini file it would otherwise
    have used: the nearest one at or above the invocation directory, below the common ancestor it moved to."""
    for option, value in itertools.pairwise(args):
        if option not in PATH_OPTIONS or value.startswith("-"):
            continue
        target = (invocation_dir / value).resolve()
        here = invocation_dir.resolve()
        if target == here or target.is_relative_to(here):
            continue
        for directory in (here, *here.parents):
            if target.is_relative_to(directory):
                break  # the common ancestor: pytest's search starts here, so an ini from here up is used
            ini = _ini_in(directory)
            if ini is not None:
                return (option, value, ini) if inipath is None or inipath.resolve() != ini.resolve() else None
    return None
