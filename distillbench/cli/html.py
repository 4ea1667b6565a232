"""`distillbench html REPORT.json [-o OUT.html]`: render a distillation report as one self-contained HTML page.

The input is validated against the report schema first, so a truncated or hand-edited JSON fails with a
message naming the file and the offending field instead of a half-rendered page or a traceback. The page
is written atomically: a reader (or a CI artefact upload) never sees a partial file.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import jsonschema

from distillbench.atomic import write_atomic
from distillbench.report.html.page import render_html
from distillbench.report.json_file import validate_report

__all__ = ["build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="distillbench html", description=__doc__.splitlines()[0])
    parser.add_argument("report", help="a distillation.json written by the suite")
    parser.add_argument("-o", "--output", metavar="OUT.html", default=None,
                        help="where to write the page (default: index.html beside the JSON)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Exit status: 0 written, 1 the JSON breaks the report schema, 2 unreadable input or unwritable output."""
    args = build_parser().parse_args(argv)
    source = Path(args.report)
    target = Path(args.output) if args.output else source.with_name("index.html")
    try:
        report = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        print(f"{source}: cannot read report: {exc}", file=sys.stderr)
        return 2
    if not isinstance(report, dict):
        print(f"{source}: not a distillation report (top level is {type(report).__name__}, not an object)",
              file=sys.stderr)
        return 1
    try:
        validate_report(report)
    except jsonschema.ValidationError as exc:
        where = "/".join(str(p) for p in exc.absolute_path) or "(top level)"
        print(f"{source}: invalid report at {where}: {exc.message}", file=sys.stderr)
        return 1
    try:
        write_atomic(target, render_html(report))
    except OSError as exc:
        print(f"{target}: cannot write the HTML report: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
