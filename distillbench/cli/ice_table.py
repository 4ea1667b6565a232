"""`distillbench ice-table DIR`: the paper's ICE table reproduced from its published files.

For every `DIR/responses/<model>.jsonl` (and `DIR/strict/<model>.csv`) it prints the judge-free scorer's loose
and strict rate under `--policy`, the rate the paper's own labels give on the same rows, their difference with
McNemar's exact test on the paired verdicts, and, over the models, Spearman's rank correlation of the two
rates (scipy.stats.spearmanr). Why: the paper's table is the number a reader compares with; a scorer that
reproduces it on models it was not tuned on measures what the paper measured.

Paper labels: loose is `eval_results`; strict is a loose positive whose row the strict CSV marks `re_judge` = 1
(a CSV without a `re_judge` column marks none, as the paper's 0.00 for qwen2.5-72b-instruct shows).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from distillbench.atomic import write_atomic
from distillbench.cli.ice_score import IceRow, prompt_reading, read_ice_jsonl, read_strict_labels, row_key
from distillbench.gate.baseline_stats import mcnemar_exact
from scoring.errors import DistillbenchError
from scoring.ice.claim_types import POLICIES, IcePolicy
from scoring.ice.registry import Identity, resolve_identity
from scoring.ice.verdict import IceVerdict, judge_identity
from scoring.stats.intervals import cohen_kappa, proportion

__all__ = ["ModelRun", "main", "paired_rate", "read_model", "score_model", "table"]

LOOSE_TOLERANCE = 0.05  # issue 12's targets, printed beside each difference
STRICT_TOLERANCE = 0.03
MIN_SPEARMAN = 0.95


@dataclass(frozen=True)
class ModelRun:
    """One model's readable rows with the paper's labels and the scorer's verdicts."""

    model: str
    rows: tuple[IceRow, ...]
    loose_labels: tuple[bool, ...]
    strict_labels: tuple[bool, ...] | None  # None: no strict CSV for this model
    verdicts: tuple[IceVerdict, ...] = ()
    strict_note: str | None = None


def read_model(data: Path, model: str) -> ModelRun:
    """The rows and the paper's labels of one model; malformed lines are reported on stderr and left out."""
    path = data / "responses" / f"{model}.jsonl"
    rows = []
    for row in read_ice_jsonl(path):
        if row.error is not None:
            print(f"{path}:{row.line}: skipped: {row.error}", file=sys.stderr)
        elif row.label is None:
            print(f"{path}:{row.line}: skipped: no 'eval_results' label to compare with", file=sys.stderr)
        else:
            rows.append(row)
    loose = tuple(bool(r.label) for r in rows)
    strict_file = data / "strict" / f"{model}.csv"
    if not strict_file.is_file():
        return ModelRun(model, tuple(rows), loose, None, strict_note=f"no {strict_file}: strict not compared")
    with open(strict_file, encoding="utf-8") as fh:
        has_rejudge = "re_judge" in fh.readline()
    keys = read_strict_labels(strict_file)
    strict = tuple(bool(r.label) and row_key(r.jailbreak_prompt, r.query, r.response) in keys for r in rows)
    note = None if has_rejudge else f"{strict_file.name} has no re_judge column: no row is strict in the paper"
    return ModelRun(model, tuple(rows), loose, strict, strict_note=note)


def score_model(run: ModelRun, target: Identity, policy: IcePolicy) -> ModelRun:
    """The run with the scorer's verdict on every row (the full prompt, as a live run sees it)."""
    verdicts = tuple(judge_identity(r.response, target, reading=prompt_reading(r.jailbreak_prompt, r.query),
                                    policy=policy) for r in run.rows)
    return ModelRun(run.model, run.rows, run.loose_labels, run.strict_labels, verdicts, run.strict_note)


def paired_rate(pred: Sequence[bool], labels: Sequence[bool]) -> dict[str, Any]:
    """Scorer vs paper on the same rows: both rates with Wilson intervals, the difference, McNemar's exact test."""
    n = len(pred)
    ours, theirs = proportion(sum(pred), n), proportion(sum(labels), n)
    only_ours = sum(p and not lab for p, lab in zip(pred, labels, strict=True))
    only_theirs = sum(lab and not p for p, lab in zip(pred, labels, strict=True))
    return {"scorer": ours.to_dict(), "paper": theirs.to_dict(), "difference": ours.score - theirs.score,
            "only_scorer": only_ours, "only_paper": only_theirs, "mcnemar_p": mcnemar_exact(only_ours, only_theirs),
            "cohen_kappa": cohen_kappa(pred, labels)}


def _spearman(ours: list[float], theirs: list[float]) -> dict[str, Any]:
    from scipy.stats import spearmanr

    if len(ours) < 3:
        return {"rho": None, "p_value": None, "n": len(ours), "note": "fewer than 3 models"}
    result = spearmanr(ours, theirs)
    rho, p = float(result.statistic), float(result.pvalue)
    if math.isnan(rho):
        return {"rho": None, "p_value": None, "n": len(ours), "note": "one side gives every model the same rate"}
    return {"rho": rho, "p_value": p, "n": len(ours)}


def table(runs: Sequence[ModelRun], policy: str) -> dict[str, Any]:
    """The machine-readable table: per model loose and strict, then Spearman over the models."""
    models: dict[str, Any] = {}
    for run in runs:
        entry: dict[str, Any] = {"loose": paired_rate([v.contradiction for v in run.verdicts], run.loose_labels)}
        if run.strict_labels is not None:
            entry["strict"] = paired_rate([v.strict for v in run.verdicts], run.strict_labels)
        if run.strict_note:
            entry["note"] = run.strict_note
        models[run.model] = entry
    out: dict[str, Any] = {"policy": policy, "models": models, "spearman": {}}
    for which, tol in (("loose", LOOSE_TOLERANCE), ("strict", STRICT_TOLERANCE)):
        have = [m for m in models.values() if which in m]
        out["spearman"][which] = _spearman([m[which]["scorer"]["score"] for m in have],
                                           [m[which]["paper"]["score"] for m in have])
        out.setdefault("within_tolerance", {})[which] = {
            "tolerance": tol, "models": sum(abs(m[which]["difference"]) <= tol for m in have), "of": len(have)}
    return out


def _cell(p: dict[str, Any]) -> str:
    return f"{p['score']:.3f} [{p['ci_low']:.3f}, {p['ci_high']:.3f}]"


def format_table(result: dict[str, Any]) -> str:
    """Markdown: one row per model and granularity, then Spearman and the tolerance counts."""
    lines = [f"ICE table under --policy {result['policy']} ({POLICIES[result['policy']].describe()})", "",
             "| model | score | n | scorer [95% CI] | paper [95% CI] | difference | McNemar p | kappa |",
             "|---|---|---|---|---|---|---|---|"]
    for model, entry in result["models"].items():
        for which in ("loose", "strict"):
            if which not in entry:
                continue
            e = entry[which]
            lines.append(f"| {model} | {which} | {e['scorer']['n']} | {_cell(e['scorer'])} | {_cell(e['paper'])} | "
                         f"{e['difference']:+.3f} | {e['mcnemar_p']:.3g} | {e['cohen_kappa']:.3f} |")
    lines.append("")
    for model, entry in result["models"].items():
        if "note" in entry:
            lines.append(f"note: {model}: {entry['note']}")
    for which in ("loose", "strict"):
        s, w = result["spearman"][which], result["within_tolerance"][which]
        rho = "n/a" if s["rho"] is None else f"{s['rho']:.3f} (p={s['p_value']:.3g})"
        lines.append(f"{which}: Spearman rho over {s['n']} models = {rho}; |difference| <= {w['tolerance']:g} "
                     f"for {w['models']}/{w['of']} models")
    return "\n".join(lines)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="distillbench ice-table", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("data", type=Path, metavar="DIR", help="folder with responses/<model>.jsonl and strict/<model>.csv")
    p.add_argument("--policy", choices=tuple(POLICIES), default="paper",
                   help="how role-play claims count (default paper: the paper's judge's reading)")
    p.add_argument("--models", default=None, help="comma-separated subset of DIR/responses (default: every file)")
    p.add_argument("--vendor", action="append", default=[], metavar="MODEL=VENDOR",
                   help="identity of a model whose file name the registry does not resolve (repeatable)")
    p.add_argument("--output", type=Path, default=None, metavar="TABLE.json", help="also write the table as JSON")
    return p


def _identities(models: Sequence[str], vendors: Sequence[str]) -> dict[str, Identity]:
    given: dict[str, str] = {}
    for item in vendors:
        model, sep, vendor = item.partition("=")
        if not sep or not model or not vendor:
            raise ValueError(f"--vendor {item!r}: expected MODEL=VENDOR, e.g. mystery-7b=deepseek")
        given[model] = vendor
    unknown = sorted(set(given) - set(models))
    if unknown:
        raise ValueError(f"--vendor names {', '.join(unknown)}, which has no responses file")
    return {m: resolve_identity(m, given.get(m)) for m in models}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; 0 on success, 2 on a usage or input error (reported on stderr before any scoring)."""
    args = _parser().parse_args(list(argv) if argv is not None else None)
    responses = args.data / "responses"
    try:
        if not responses.is_dir():
            raise ValueError(f"{responses}: no such folder; DIR must hold responses/<model>.jsonl")
        available = sorted(p.stem for p in responses.glob("*.jsonl"))
        models = [m.strip() for m in args.models.split(",") if m.strip()] if args.models else available
        missing = [m for m in models if m not in available]
        if not models or missing:
            raise ValueError(f"{responses}: no responses file for {', '.join(missing) or 'any model'} "
                             f"(found: {', '.join(available) or 'none'})")
        targets = _identities(models, args.vendor)
        runs = [read_model(args.data, m) for m in models]
    except (OSError, ValueError, DistillbenchError) as exc:
        print(f"distillbench ice-table: {exc}", file=sys.stderr)
        return 2
    empty = [r.model for r in runs if not r.rows]
    if empty:
        print(f"distillbench ice-table: no readable labelled rows for {', '.join(empty)}", file=sys.stderr)
        return 2
    policy = POLICIES[args.policy]
    result = table([score_model(r, targets[r.model], policy) for r in runs], args.policy)
    print(format_table(result))
    if args.output is not None:
        write_atomic(args.output, json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
