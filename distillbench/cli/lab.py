"""`distillbench lab`: run (or resume) the distillation lab pipeline; every finished step is cached."""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence
from pathlib import Path

__all__ = ["add_parser", "run"]


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    lab = sub.add_parser("lab", help="build, serve and record the distillation lab's students (resumable)")
    lab.add_argument("--root", default=".", help="the repository checkout (fixtures/lab, cassettes/lab)")
    lab.add_argument("--cache", default=".lab", help="weights, mixes, logs and progress.json (not committed)")
    lab.add_argument("--lab-python", default=os.environ.get("LAB_PYTHON", ".lab-venv/bin/python"),
                     help="a Python with the `lab` extra, for training and conversion")
    lab.add_argument("--only", default=None, help="comma-separated step names (default: every step)")


def run(args: argparse.Namespace, argv: Sequence[str] | None = None) -> int:
    from distillbench.lab.pipeline import LabConfig, run_lab

    root = Path(args.root).resolve()
    cfg = LabConfig(root=root, cache=(root / args.cache).resolve(), lab_python=(root / args.lab_python))
    run_lab(cfg, only=set(args.only.split(",")) if args.only else None)
    return 0
