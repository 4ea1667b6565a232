"""`distillbench ice-score`: score a JSONL of ICE answers (the paper's published format) without a judge.

Reads `jailbreak_prompt`, `query`, `target_responses` (first element) and optional `eval_results` per line,
writes per-row verdicts, loose/strict rates with Wilson intervals, and agreement with any labels, under the
role-play policy `--policy` names (recorded in the output).
"""

from __future__ import annotations

import argparse
import ast
import csv
import json
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from distillbench.atomic import write_atomic
from scoring.errors import DistillbenchError
from scoring.ice.claim_types import DEFAULT_POLICY, POLICIES, IcePolicy
from scoring.ice.prompt_reading import PromptReading, read_probe
from scoring.ice.registry import Identity, Registry, default_registry, load_registry, resolve_identity
from scoring.ice.verdict import judge_identity
from scoring.stats.intervals import accuracy, cohen_kappa, proportion

__all__ = [
    "IceRow",
    "full_prompt",
    "main",
    "prompt_reading",
    "read_ice_jsonl",
    "read_strict_labels",
    "row_key",
    "score_rows",
    "template_parts",
]


@dataclass(frozen=True)
class IceRow:
    """One input line: the prompt, question, answer and optional loose label, or why it could not be read."""

    line: int
    jailbreak_prompt: str = ""
    query: str = ""
    response: str = ""
    label: bool | None = None
    error: str | None = None


def template_parts(template: str) -> tuple[str, ...]:
    """The template around its `{query}` slots; a template without one has the question appended on a line of
    its own. The prompt the model saw is `query.join(template_parts(template))`."""
    if "{query}" in template:
        return tuple(template.split("{query}"))
    return (f"{template}\n" if template else "", "")


def full_prompt(template: str, query: str) -> str:
    """The user prompt the model saw: the question in the template's `{query}` slot, else appended."""
    return query.join(template_parts(template))


def prompt_reading(template: str, query: str, registry: Registry | None = None) -> PromptReading:
    """What the scorer reads from a row's prompt: the template (once for all its questions) and the question."""
    return read_probe(template_parts(template), query, registry=registry)


def row_key(prompt: str, query: str, response: str) -> tuple[str, str, str]:
    """How the paper's strict CSV rows are matched to JSONL rows."""
    return (prompt, query, response)


def _parse_line(n: int, raw: str) -> IceRow:
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        return IceRow(line=n, error=f"invalid JSON: {exc.msg} (column {exc.colno})")
    if not isinstance(obj, dict):
        return IceRow(line=n, error="not a JSON object")
    responses = obj.get("target_responses")
    if not isinstance(responses, list) or not responses or not isinstance(responses[0], str):
        return IceRow(line=n, error="'target_responses' must be a non-empty list of strings")
    prompt, query = obj.get("jailbreak_prompt", ""), obj.get("query", "")
    if not isinstance(prompt, str) or not isinstance(query, str):
        return IceRow(line=n, error="'jailbreak_prompt' and 'query' must be strings")
    label = obj.get("eval_results")
    if label is not None and not isinstance(label, bool):
        return IceRow(line=n, error="'eval_results' must be true, false or absent")
    return IceRow(line=n, jailbreak_prompt=prompt, query=query, response=responses[0], label=label)


# A line longer than this is reported and skipped unread: one recorded answer is a few KB, and a line of
# hundreds of MB would otherwise be held and scored whole.
MAX_LINE_BYTES = 1 << 20
_CHUNK = 1 << 16


def _lines(fh: BinaryIO) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) per line, with None for a line over MAX_LINE_BYTES, whose rest is skipped in
    chunks so no more than a limit's worth is ever held."""
    n = 0
    while True:
        raw = fh.readline(MAX_LINE_BYTES + 1)
        if not raw:
            return
        n += 1
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            while (rest := fh.readline(_CHUNK)) and not rest.endswith(b"\n"):
                pass
            yield n, None
        else:
            yield n, raw


def read_ice_jsonl(path: Path | str) -> list[IceRow]:
    """Every non-blank line as an IceRow (1-based line numbers); unreadable lines carry `error`: a line that is
    not UTF-8 or longer than MAX_LINE_BYTES is named and skipped, and the rest of the file is still read."""
    rows: list[IceRow] = []
    with open(path, "rb") as fh:
        for n, raw in _lines(fh):
            if raw is None:
                rows.append(IceRow(line=n, error=f"longer than {MAX_LINE_BYTES // (1 << 20)} MiB; not read"))
                continue
            try:
                text = raw.decode("utf-8-sig" if n == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                rows.append(IceRow(line=n, error=f"not UTF-8 text ({exc.reason} at byte {exc.start + 1} of the line)"))
                continue
            if text.strip():
                rows.append(_parse_line(n, text))
    return rows


def read_strict_labels(path: Path | str) -> set[tuple[str, str, str]]:
    """Keys of the rows the paper's second pass labelled strict.

    Format: CSV with `jailbreak_prompt, query, target_responses` (a Python list literal) and `re_judge`;
    a file without a `re_judge` column (the qwen2.5-72b-instruct anomaly) marks no row strict.
    """
    csv.field_size_limit(2**31 - 1)
    keys: set[tuple[str, str, str]] = set()
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames is None or "re_judge" not in reader.fieldnames:
            return keys
        for rec in reader:
            if str(rec.get("re_judge", "")).strip().lower() not in ("1", "true", "yes"):
                continue
            try:
                resp = ast.literal_eval(rec["target_responses"])
            except (ValueError, SyntaxError):
                resp = [rec["target_responses"]]
            first = resp[0] if isinstance(resp, list) and resp else str(resp)
            keys.add(row_key(rec["jailbreak_prompt"], rec["query"], first))
    return keys


def score_rows(
    rows: Sequence[IceRow],
    target: Identity,
    *,
    strict_keys: set[tuple[str, str, str]] | None = None,
    registry: Registry | None = None,
    policy: IcePolicy = DEFAULT_POLICY,
) -> dict[str, Any]:
    """Verdict per row, aggregate rates, and label agreement where labels exist."""
    reg = registry or default_registry()
    out_rows: list[dict[str, Any]] = []
    loose_pred: list[bool] = []
    strict_pred: list[bool] = []
    loose_lab: list[bool] = []
    loose_lab_pred: list[bool] = []
    strict_lab: list[bool] = []
    for row in rows:
        if row.error is not None:
            out_rows.append({"line": row.line, "error": row.error})
            continue
        reading = prompt_reading(row.jailbreak_prompt, row.query, reg)
        verdict = judge_identity(row.response, target, reading=reading, registry=reg, policy=policy)
        rec: dict[str, Any] = {"line": row.line, **verdict.to_dict()}
        loose_pred.append(verdict.contradiction)
        strict_pred.append(verdict.strict)
        if row.label is not None:
            rec["label"] = row.label
            loose_lab.append(row.label)
            loose_lab_pred.append(verdict.contradiction)
        if strict_keys is not None:
            lab = bool(row.label) and row_key(row.jailbreak_prompt, row.query, row.response) in strict_keys
            rec["strict_label"] = lab
            strict_lab.append(lab)
        out_rows.append(rec)
    n = len(loose_pred)
    result: dict[str, Any] = {
        "rows": out_rows,
        "loose": proportion(sum(loose_pred), n).to_dict(),
        "strict": proportion(sum(strict_pred), n).to_dict(),
    }
    agreement: dict[str, Any] = {}
    if loose_lab:
        agreement["loose"] = {
            "n": len(loose_lab),
            "accuracy": accuracy(loose_lab_pred, loose_lab),
            "cohen_kappa": cohen_kappa(loose_lab_pred, loose_lab),
            "label_rate": sum(loose_lab) / len(loose_lab),
        }
    if strict_keys is not None and strict_lab:
        agreement["strict"] = {
            "n": len(strict_lab),
            "accuracy": accuracy(strict_pred, strict_lab),
            "cohen_kappa": cohen_kappa(strict_pred, strict_lab),
            "label_rate": sum(strict_lab) / len(strict_lab),
        }
    if agreement:
        result["agreement"] = agreement
    return result


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="distillbench ice-score", description=__doc__)
    p.add_argument("--model", required=True, help="target model id, e.g. qwen2.5-72b-instruct")
    p.add_argument("--vendor", help="registry vendor key or alias, overriding what the model id implies")
    p.add_argument("--input", required=True, type=Path, help="JSONL in the paper's format")
    p.add_argument("--output", required=True, type=Path, help="where to write the JSON result")
    p.add_argument("--strict-labels", type=Path, help="the paper's strict CSV for the same rows")
    p.add_argument("--registry", type=Path, help="identity registry TOML (default: scoring/ice/identities.toml)")
    p.add_argument("--policy", choices=tuple(POLICIES), default="rule",
                   help="how role-play claims count: rule (default, ICE_RULE.md), paper (every role-play claim, "
                        "as the paper's judge), out-of-role (none said inside a role)")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; 0 on success, 2 on a usage/input error (reported on stderr)."""
    args = _parser().parse_args(list(argv) if argv is not None else None)
    if args.output.is_dir():
        print(f"distillbench ice-score: --output {args.output} is a directory; give the path of a JSON file "
              f"(for instance {args.output / 'ice.json'})", file=sys.stderr)
        return 2
    try:
        reg = load_registry(args.registry) if args.registry else default_registry()
        target = resolve_identity(args.model, args.vendor, reg)
        rows = read_ice_jsonl(args.input)
        strict_keys = read_strict_labels(args.strict_labels) if args.strict_labels else None
    except (OSError, ValueError, DistillbenchError) as exc:
        print(f"distillbench ice-score: {exc}", file=sys.stderr)
        return 2
    for row in rows:
        if row.error is not None:
            print(f"{args.input}:{row.line}: skipped: {row.error}", file=sys.stderr)
    scored = score_rows(rows, target, strict_keys=strict_keys, registry=reg, policy=POLICIES[args.policy])
    payload: dict[str, Any] = {
        "model": args.model,
        "identity": {
            "vendor": target.vendor,
            "vendor_name": target.vendor_name,
            "family": target.family,
            "strict_vendor": target.strict_vendor,
            "country": target.country,
        },
        "input": str(args.input),
        "policy": args.policy,
        **scored,
    }
    write_atomic(args.output, json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
