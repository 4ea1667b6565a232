"""The RSE similarity section rendered for people and CI: JUnit suite properties and a terminal table.

Kept apart from the computation (`scoring.similarity.section`) because it reads only the plain section dict,
so it also works on a section loaded back from a JSON report.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

__all__ = ["similarity_properties", "similarity_summary_lines"]


def _f(value: Any, digits: int) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def _mean_ci(stat: Mapping[str, Any], digits: int = 4) -> str:
    return f"{_f(stat['mean'], digits)} [{_f(stat['ci_low'], 2)}, {_f(stat['ci_high'], 2)}] n={stat['n']}"


def _min_p(tests: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The control against which the pair stands out most (undefined p-values never win)."""
    defined = [t for t in tests if t["p_value"] is not None]
    return min(defined, key=lambda t: (t["p_value"], t["control"])) if defined else None


def similarity_properties(section: Mapping[str, Any]) -> list[tuple[str, str]]:
    """JUnit suite properties: one per (pair, granularity), per (model, granularity) ceiling, per
    permutation test, and per model with excluded answers. Empty when no RSE case ran."""
    if not section.get("models"):
        return []
    props = [("rse.reference", str(section["reference"] or "none")), ("rse.n_prompts", str(section["n_prompts"]))]
    for pair in section["pairs"]:
        tag = f"{pair['test']},{pair['reference']}"
        for g, res in pair["granularities"].items():
            props.append((f"rse.{g}[{tag}]", f"{_mean_ci(res['similarity'])} likert={_f(res['likert'], 2)} "
                                             f"hi={_f(res['homogenization_index'], 2)}"))
            props += [(f"rse.permutation.{g}[{tag}]:{t['control']}",
                       f"diff={_f(t['mean_difference'], 4)} p={_f(t['p_value'], 4)} n={t['n']}")
                      for t in res["permutation"]]
    for model, by_g in section["ceiling"].items():
        props += [(f"rse.ceiling.{g}:{model}", _mean_ci(stat)) for g, stat in by_g.items()]
    for model, entries in section["excluded"].items():
        if entries:
            counts = Counter(e["reason"] for e in entries)
            props.append((f"rse.excluded:{model}", " ".join(f"{r}={counts[r]}" for r in sorted(counts))))
    return props


def similarity_summary_lines(section: Mapping[str, Any]) -> list[str]:
    """A short table: per pair and granularity the mean [CI], the reference's A/A ceiling, the
    homogenization index and the smallest permutation p-value (with its control)."""
    if not section.get("models"):
        return []
    lines = [f"RSE similarity: reference {section['reference'] or '(none)'}, {section['n_prompts']} prompts, "
             f"greedy answers; ceiling = reference's A/A (its own resamples)"]
    rows = []
    for pair in section["pairs"]:
        for g, res in pair["granularities"].items():
            best = _min_p(res["permutation"])
            p = "-" if best is None else f"{_f(best['p_value'], 4)} vs {best['control']}"
            rows.append((pair["test"], g, _mean_ci(res["similarity"], 3), _f(res["ceiling"]["mean"], 3),
                         _f(res["homogenization_index"], 2), p))
    if rows:
        head = ("test model", "granularity", "similarity [95% CI]", "ceiling", "HI", "min p (control)")
        widths = [max(len(str(r[k])) for r in [head, *rows]) for k in range(len(head))]
        fmt = "  ".join(f"{{:<{w}}}" for w in widths)
        lines += [fmt.format(*head).rstrip(), "-" * (sum(widths) + 2 * (len(widths) - 1))]
        lines += [fmt.format(*row).rstrip() for row in rows]
    else:
        lines.append("no pairs: no reference model among the models that answered")
    excluded = {m: len(e) for m, e in section["excluded"].items() if e}
    if excluded:
        lines.append("excluded answers (failed/refused/empty/missing): "
                     + ", ".join(f"{m}={n}" for m, n in excluded.items()))
    return lines
