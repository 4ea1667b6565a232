"""Merge shard reports (one run split across machines or jobs) into the report a single run would write.

Merging is refused unless the shards could have been one run: same schema and suite major version, the
same public spec for every model they share, the same probe sets for every probe kind they share, the same
ICE policy for every shard that scored ICE answers. Scores
are recomputed from the union of the cases, never averaged from the shards, because Wilson intervals,
bootstrap CIs and permutation tests do not combine; the result on ``models``, ``cases`` and
``similarity`` therefore equals that of one run over the same cases.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from distillbench.gate.verdicts import add_similarity
from distillbench.report.completeness import merged_completeness
from distillbench.report.json_file import ice_policy_of
from scoring.ice.scores import model_scores

__all__ = ["SPEC_FIELDS", "IncompatibleReports", "merge_reports"]

# The public spec fields that decide what a model answered (and, for role, how it is compared).
SPEC_FIELDS = ("base_url", "model", "role", "temperature", "top_p", "max_tokens", "seed")
_STATUS_RANK = {"passed": 0, "failed": 1, "skipped": 2}  # which of two copies of a case to keep
_RECORD_RANK = ("none", "once", "new_episodes", "all")


class IncompatibleReports(ValueError):
    """The shards cannot be one run: merging them would compare or pool answers to different questions."""


def _major(version: str) -> str:
    return str(version).split(".", 1)[0]


def _check_header(reports: Sequence[Mapping[str, Any]]) -> None:
    first = reports[0]
    for i, report in enumerate(reports[1:], start=1):
        if report.get("schema_version") != first.get("schema_version"):
            raise IncompatibleReports(f"report {i} has schema_version {report.get('schema_version')!r} but report 0 "
                                      f"has {first.get('schema_version')!r}; merge reports of one schema only")
        ours, theirs = report["run"]["suite_version"], first["run"]["suite_version"]
        if _major(ours) != _major(theirs):
            raise IncompatibleReports(f"report {i} has run.suite_version {ours!r} but report 0 has {theirs!r}; "
                                      "merge reports of the same suite major version only")


def _merge_models(reports: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    origin: dict[str, int] = {}
    for i, report in enumerate(reports):
        for name, spec in report["run"]["models"].items():
            if name not in merged:
                merged[name], origin[name] = spec, i
                continue
            for key in SPEC_FIELDS:
                if spec.get(key) != merged[name].get(key):
                    raise IncompatibleReports(
                        f"report {i} has run.models.{name}.{key} = {spec.get(key)!r} but report {origin[name]} has "
                        f"{merged[name].get(key)!r}; a model must be probed with one spec in every shard")
    return merged


def _merge_policy(reports: Sequence[Mapping[str, Any]]) -> str:
    """The one ICE policy of every shard that scored ICE cases (else of the first shard)."""
    scored = [(i, ice_policy_of(r["run"])) for i, r in enumerate(reports)
              if any(c.get("kind") == "ice" for c in r["cases"])]
    for i, policy in scored[1:]:
        j, first = scored[0]
        if policy != first:
            raise IncompatibleReports(f"report {i} has run.ice_policy {policy!r} but report {j} has {first!r}; "
                                      "shards must score ICE answers under one --ice-policy")
    return scored[0][1] if scored else ice_policy_of(reports[0]["run"])


def _merge_probe_sets(reports: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Union of the sets; a probe kind present in two shards must have the same sets (id and hash)."""
    by_kind: dict[str, tuple[int, dict[str, Any]]] = {}
    merged: list[dict[str, Any]] = []
    for i, report in enumerate(reports):
        kinds: dict[str, dict[str, Any]] = {}
        for s in report["run"]["probe_sets"]:
            kinds.setdefault(s["kind"], {})[s["id"]] = s
        for kind, sets in kinds.items():
            if kind not in by_kind:
                by_kind[kind] = (i, sets)
                merged += sets.values()
                continue
            j, seen = by_kind[kind]
            ours = {k: v["hash"] for k, v in sets.items()}
            theirs = {k: v["hash"] for k, v in seen.items()}
            if ours != theirs:
                diff = sorted(k for k in ours.keys() | theirs.keys() if ours.get(k) != theirs.get(k))
                raise IncompatibleReports(f"report {i} and report {j} differ in run.probe_sets of kind {kind!r} "
                                          f"(id {', '.join(diff)}); shards must ask the same probes")
    return merged


def _answer(case: Mapping[str, Any]) -> tuple[Any, Any]:
    return (case.get("response") or {}).get("text"), case.get("ice")


def _merge_cases(reports: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Union by case id; of two copies the passed one wins (then failed, then skipped; ties: earlier shard).

    Two passed copies must agree on the answer and its ICE verdict, else the shards saw different things
    (a re-recorded cassette, another scorer) and no merged score would mean anything."""
    kept: dict[str, tuple[int, dict[str, Any]]] = {}
    for i, report in enumerate(reports):
        for case in report["cases"]:
            cid = case["id"]
            if cid not in kept:
                kept[cid] = (i, case)
                continue
            j, other = kept[cid]
            if case["status"] == other["status"] == "passed" and _answer(case) != _answer(other):
                raise IncompatibleReports(f"case {cid!r} passed in report {j} and report {i} with different answers "
                                          "or verdicts; the shards disagree, so re-record or drop one of them")
            if _STATUS_RANK.get(case["status"], 3) < _STATUS_RANK.get(other["status"], 3):
                kept[cid] = (i, case)
    return [dict(kept[cid][1]) for cid in sorted(kept)]


def _time(value: str) -> dt.datetime:
    parsed = dt.datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def merge_reports(reports: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """One report from shard reports; raises IncompatibleReports naming the shard index and field at fault.

    run.started/finished span the shards, workers add up, exit_status is the worst, record_mode the most
    recording one, and run.merged_from counts the shards. Gates are cleared: evaluate them on the result.
    """
    if not reports:
        raise IncompatibleReports("no reports to merge; pass at least one shard report")
    _check_header(reports)
    models = _merge_models(reports)
    policy = _merge_policy(reports)
    probe_sets = _merge_probe_sets(reports)
    cases = _merge_cases(reports)
    runs = [r["run"] for r in reports]
    files = list(dict.fromkeys(str(r["models_file"]) for r in runs if "models_file" in r))
    modes = [str(r["record_mode"]) for r in runs]
    run: dict[str, Any] = {
        "suite_version": runs[0]["suite_version"],
        "started": min((r["started"] for r in runs), key=_time),
        "finished": max((r["finished"] for r in runs), key=_time),
        **({"models_file": " + ".join(files)} if files else {}),
        "models": models,
        "probe_sets": probe_sets,
        "record_mode": max(modes, key=lambda m: _RECORD_RANK.index(m) if m in _RECORD_RANK else -1),
        "workers": sum(int(r["workers"]) for r in runs),
        "ice_policy": policy,
        "exit_status": max(int(r["exit_status"]) for r in runs),
        "merged_from": len(reports),
        **merged_completeness(runs),
    }
    run["judges"] = {name: spec for r in runs for name, spec in r.get("judges", {}).items()}  # as one run writes it
    merged: dict[str, Any] = {
        "schema_version": reports[0]["schema_version"],
        "run": run,
        "models": model_scores(cases, models),
        "similarity": {},
        "cases": cases,
        "gates": [],
    }
    try:  # the same step as a single run's report, judge section and warnings included
        add_similarity(merged)
    except ImportError:  # a trimmed install without the similarity stack still merges ICE results
        merged["similarity"] = {}
    return merged
