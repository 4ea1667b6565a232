"""`distillbench gate`: decide gates and a baseline comparison on reports that already exist.

A CI matrix runs shards, merges them (`distillbench merge`) and only then can decide: the same gates, the
same baseline checks and the same exit status as a single run (0 passed, 1 a check failed, 4 bad input).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from distillbench.atomic import write_atomic
from distillbench.gate.baseline_match import baseline_problems, parse_model_map, rename_models
from distillbench.gate.verdicts import RunChecks, apply_checks, failed_checks, load_baseline, parse_gates
from distillbench.report.json_file import dump_report, validate_report
from distillbench.report.summary import check_lines
from scoring.errors import DistillbenchError

__all__ = ["main"]

USAGE_ERROR = 4  # as pytest's exit status for a usage error, so CI treats both the same way


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="distillbench gate", description=__doc__)
    p.add_argument("report", type=Path, metavar="REPORT.json")
    p.add_argument("--gate", action="append", default=[], metavar="EXPR", help="a gate, as for pytest --gate")
    p.add_argument("--gate-on", choices=("point", "upper", "lower"), default="point")
    p.add_argument("--baseline", type=Path, metavar="OLD.json")
    p.add_argument("--baseline-model", action="append", default=[], metavar="NEW=OLD")
    p.add_argument("--max-regression", type=float, default=0.0, metavar="X")
    p.add_argument("-o", "--output", type=Path, metavar="OUT.json",
                   help="write the report with the gates and baseline checks added (never over REPORT.json)")
    return p


def _checks(args: argparse.Namespace) -> tuple[dict[str, Any], RunChecks]:
    report = load_baseline(args.report)  # the same shape check as a baseline: run and cases
    validate_report(report)
    baseline = load_baseline(args.baseline) if args.baseline else None
    model_map = parse_model_map(args.baseline_model)
    if model_map and baseline is None:
        raise ValueError("--baseline-model needs --baseline OLD.json")
    if baseline is not None:
        planned = [(str(c["id"]), str(c["model"])) for c in report["cases"] if c.get("status") == "passed"]
        problems = baseline_problems(rename_models(baseline, model_map), planned, model_map)
        if problems:
            raise ValueError(f"--baseline {args.baseline}: cannot compare: " + "; ".join(problems))
    if args.max_regression < 0:
        raise ValueError("--max-regression is an absolute tolerance and must be >= 0")
    return report, RunChecks(gates=parse_gates(args.gate), gate_on=args.gate_on, baseline=baseline,
                             baseline_path=str(args.baseline) if args.baseline else None,
                             max_regression=args.max_regression, model_map=model_map)


def main(argv: Sequence[str]) -> int:
    args = build_parser().parse_args(list(argv))
    if args.output is not None and args.output.resolve() == args.report.resolve():
        print(f"distillbench gate: -o {args.output} names the input report; choose another file", file=sys.stderr)
        return USAGE_ERROR
    if not args.report.is_file():
        print(f"distillbench gate: {args.report}: report not found", file=sys.stderr)
        return USAGE_ERROR
    try:
        report, checks = _checks(args)
    except (DistillbenchError, ValueError) as exc:
        print(f"distillbench gate: {exc}", file=sys.stderr)
        return USAGE_ERROR
    apply_checks(report, checks)
    failures = failed_checks(report)
    for line in check_lines(report) or [f"{args.report}: no gate and no baseline given; nothing to decide"]:
        print(line)
    for line in failures:
        print(line)
    if args.output is not None:
        write_atomic(args.output, dump_report(report))
    return 1 if failures else 0
