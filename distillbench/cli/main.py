"""The `distillbench` command: tools around the pytest suite (scoring files, serving local models, reports).

The suite itself runs with `pytest`; these subcommands cover what is not a test run.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import time
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path

from distillbench.paths import FIXTURES_DIR
from scoring.errors import DistillbenchError

__all__ = ["main"]


def _validate(args: argparse.Namespace) -> int:
    import jsonschema

    from distillbench.report.json_file import validate_report

    try:
        report = json.loads(Path(args.report).read_text(encoding="utf-8"))
        validate_report(report)
    except (OSError, ValueError) as exc:
        print(f"{args.report}: cannot read report: {exc}", file=sys.stderr)
        return 2
    except jsonschema.ValidationError as exc:
        where = "/".join(str(p) for p in exc.absolute_path) or "(top level)"
        print(f"{args.report}: invalid at {where}: {exc.message}", file=sys.stderr)
        return 1
    print(f"{args.report}: valid distillation report (schema {report['schema_version']}, "
          f"{len(report['cases'])} cases)")
    return 0


def _serve_local(args: argparse.Namespace) -> int:
    from distillbench.fixtures.models_file import load_models, select_models
    from distillbench.recording.local_server import LocalServer

    path = Path(args.models_file)
    models = select_models(load_models(path), args.models.split(",") if args.models else None, path)
    local = [spec for spec in models.values() if spec.local]
    if not local:
        print(f"{path}: no model has a `local` key; nothing to serve", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    with ExitStack() as stack:
        for spec in local:
            stack.enter_context(LocalServer(spec, Path(args.log_dir), threads=args.threads))
            print(f"serving {spec.name} at {spec.base_url} (model {spec.model!r})", flush=True)
        print("press Ctrl-C to stop", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
    return 0


def _merge(args: argparse.Namespace) -> int:
    from distillbench.atomic import write_atomic
    from distillbench.report.json_file import dump_report, validate_report
    from distillbench.report.merge import IncompatibleReports, merge_reports

    output = Path(args.output).resolve()
    if any(Path(p).resolve() == output for p in args.reports):
        print(f"distillbench merge: -o {args.output} is one of the inputs; write the merge to another file",
              file=sys.stderr)
        return 2
    reports = []
    for path in args.reports:
        try:
            report = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            print(f"{path}: cannot read report: {exc}", file=sys.stderr)
            return 2
        if not isinstance(report, dict) or not isinstance(report.get("run"), dict) or "cases" not in report:
            print(f"{path}: not a distillation report (a JSON object with run and cases, as pytest writes to "
                  "reports/distillation.json)", file=sys.stderr)
            return 2
        reports.append(report)
    try:
        merged = merge_reports(reports)
    except IncompatibleReports as exc:
        print(f"distillbench merge: {exc}", file=sys.stderr)
        return 1
    validate_report(merged)
    write_atomic(Path(args.output), dump_report(merged))
    print(f"merged {len(reports)} reports ({len(merged['cases'])} cases) into {args.output}")
    return 0


def _html(argv: Sequence[str]) -> int:
    from distillbench.cli.html import main as html_main

    return html_main(argv)


def _ice_score(argv: Sequence[str]) -> int:
    from distillbench.cli.ice_score import main as ice_score_main

    return ice_score_main(argv)


def _ice_table(argv: Sequence[str]) -> int:
    from distillbench.cli.ice_table import main as ice_table_main

    return ice_table_main(argv)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="distillbench", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("ice-score", help="score a JSONL file of answers in the paper's format (see --help)",
                   add_help=False)
    sub.add_parser("ice-table", help="the paper's ICE table reproduced from its published files (see --help)",
                   add_help=False)
    merge = sub.add_parser("merge", help="combine shard reports into one, recomputing every statistic")
    merge.add_argument("reports", nargs="+", metavar="REPORT.json")
    merge.add_argument("-o", "--output", required=True, metavar="MERGED.json")
    sub.add_parser("html", help="render a distillation.json as one self-contained HTML page (see --help)",
                   add_help=False)
    sub.add_parser("gate", help="evaluate gates and a baseline comparison on an existing report (see --help)",
                   add_help=False)
    sub.add_parser("fuzz", help="search identity-jailbreak templates against a model, recorded (see --help)",
                   add_help=False)
    validate = sub.add_parser("validate", help="check a distillation.json against the report schema")
    validate.add_argument("report")
    serve = sub.add_parser("serve-local", help="serve the models file's local models with llama.cpp")
    serve.add_argument("--models-file", default=str(FIXTURES_DIR / "models.toml"))
    serve.add_argument("--models", default=None, help="comma-separated subset")
    serve.add_argument("--threads", type=int, default=1,
                       help="threads per server; recordings were made with 1 (greedy output can depend on it)")
    serve.add_argument("--log-dir", default="reports/server-logs")
    from distillbench.cli import lab

    lab.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["ice-score"]:
        return _ice_score(args_list[1:])
    if args_list[:1] == ["ice-table"]:
        return _ice_table(args_list[1:])
    if args_list[:1] == ["html"]:
        return _html(args_list[1:])
    if args_list[:1] == ["fuzz"]:
        from distillbench.cli.fuzz import main as fuzz_main

        return fuzz_main(args_list[1:])
    if args_list[:1] == ["gate"]:
        from distillbench.cli.gate import main as gate_main

        return gate_main(args_list[1:])
    args = build_parser().parse_args(args_list)
    try:
        if args.command == "validate":
            return _validate(args)
        if args.command == "merge":
            return _merge(args)
        if args.command == "lab":
            from distillbench.cli.lab import run as lab_run

            return lab_run(args)
        return _serve_local(args)
    except DistillbenchError as exc:
        print(f"distillbench: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
