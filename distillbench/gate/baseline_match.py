"""Which baseline cases a run is compared with: the same case ids, or a fine-tune's under its predecessor's name.

A fine-tune is usually served under a new name (`my-model-v2`) while its baseline report holds `my-model-v1`;
`--baseline-model my-model-v2=my-model-v1` renames the baseline's model so their cases pair up. A comparison
needs enough shared cases to be able to say anything: with fewer than `MIN_SHARED_CASES` paired cases even a
change in every one of them could not reach p < 0.05 in the two-sided exact tests the comparison uses, so
such a baseline is refused instead of passing a check that compared nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

__all__ = ["MIN_SHARED_CASES", "baseline_problems", "parse_model_map", "rename_models", "shared_by_model"]

# Two-sided exact McNemar (and sign-flip permutation) p-values are at least 2 * 0.5**n on n paired cases:
# n = 5 gives 0.0625, n = 6 gives 0.031, the first below 0.05.
MIN_SHARED_CASES = 6


def parse_model_map(texts: Sequence[str]) -> dict[str, str]:
    """`NEW=OLD` pairs (repeatable option) -> {new: old}; a malformed or repeated name is a ValueError."""
    mapping: dict[str, str] = {}
    for text in texts:
        new, sep, old = (part.strip() for part in text.partition("="))
        if not sep or not new or not old:
            raise ValueError(f"--baseline-model {text!r}: expected NEW=OLD (this run's model = the baseline's)")
        if new in mapping:
            raise ValueError(f"--baseline-model {text!r}: {new!r} is already mapped to {mapping[new]!r}")
        mapping[new] = old
    olds = list(mapping.values())
    if len(set(olds)) != len(olds):
        raise ValueError("--baseline-model: two models of this run are mapped to the same baseline model")
    return mapping


def rename_models(baseline: Mapping[str, Any], mapping: Mapping[str, str]) -> dict[str, Any]:
    """The baseline with each OLD model renamed to NEW, in its cases (id and model) and its run's models."""
    if not mapping:
        return dict(baseline)
    new_of = {old: new for new, old in mapping.items()}
    cases = []
    for case in baseline.get("cases", []):
        old = str(case.get("model"))
        if old in new_of:
            prefix = f"{old}__"
            cid = str(case.get("id", ""))
            case = {**case, "model": new_of[old],
                    "id": f"{new_of[old]}__{cid[len(prefix):]}" if cid.startswith(prefix) else cid}
        cases.append(case)
    run = dict(baseline.get("run", {}))
    run["models"] = {new_of.get(name, name): spec for name, spec in run.get("models", {}).items()}
    return {**baseline, "run": run, "cases": cases}


def shared_by_model(planned: Iterable[tuple[str, str]], baseline: Mapping[str, Any]) -> dict[str, int]:
    """Per model of this run: how many of its planned case ids (id, model) the baseline scored (passed)."""
    passed = {str(c.get("id")) for c in baseline.get("cases", []) if c.get("status") == "passed"}
    counts: dict[str, int] = {}
    for cid, model in planned:
        counts[model] = counts.get(model, 0) + (cid in passed)
    return counts


def baseline_problems(baseline: Mapping[str, Any], planned: Sequence[tuple[str, str]],
                      mapping: Mapping[str, str]) -> list[str]:
    """Why this baseline cannot be compared with the planned cases, or [] when it can.

    `baseline` is already renamed with `mapping`; a report without `run.complete` predates the field and is
    taken as complete."""
    run = baseline.get("run", {})
    problems = []
    if run.get("complete") is False:
        problems.append("it was written by an incomplete run (" + str(run.get("incomplete_reason") or "no reason")
                        + "); compare with the report of a complete run")
    known = set(run.get("models", {}))
    models = sorted({model for _, model in planned})
    for new, old in sorted(mapping.items()):
        if new not in models:
            problems.append(f"--baseline-model {new}={old}: {new!r} is not a model of this run")
        elif new not in known:
            problems.append(f"--baseline-model {new}={old}: the baseline has no model {old!r}")
    counts = shared_by_model(planned, baseline)
    total = sum(counts.values())
    if total < MIN_SHARED_CASES:
        unmatched = [m for m in models if m not in known]
        hint = (f"; the baseline's models are {', '.join(sorted(known)) or 'none'} — a renamed fine-tune needs "
                f"--baseline-model NEW=OLD" if unmatched else "")
        problems.append(f"only {total} of this run's cases were scored in the baseline; a paired comparison needs "
                        f"at least {MIN_SHARED_CASES}{hint}")
    return problems
