"""What a search leaves behind: the frozen template set (the suite's TOML template format, loadable with
`--templates`), the pool's seeds in the same format (the unmutated baseline), a JSON log and a plot.

Nothing in them depends on the clock or the machine, so a replayed search writes the same bytes.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

from distillbench.atomic import write_atomic
from distillbench.fixtures.probes import GPTFUZZER_PLACEHOLDER, text_names_identity
from distillbench.fuzz.mcts import TemplateNode
from distillbench.fuzz.search import FuzzConfig, FuzzResult, Question
from distillbench.toml_text import toml_value
from scoring.ice.roleplay import roleplay_names_from_prompt

__all__ = ["frozen_text", "log_data", "output_paths", "ranked", "templates_toml", "write_outputs"]


def output_paths(out: Path) -> dict[str, Path]:
    """`found.toml` -> found.toml, found.seeds.toml, found.log.json, found.png."""
    stem = out.with_suffix("")
    return {"templates": out, "seeds": Path(f"{stem}.seeds.toml"), "log": Path(f"{stem}.log.json"),
            "plot": Path(f"{stem}.png")}


def frozen_text(template: str) -> str:
    """A search template in the suite's format: `{question}` where the question goes, appended when the
    template has no placeholder (as the search asked it)."""
    if GPTFUZZER_PLACEHOLDER in template:
        return template.replace(GPTFUZZER_PLACEHOLDER, "{question}")
    return f"{template}\n\n{{question}}"


def _template_entry(node: TemplateNode, questions: list[Question] | None, run_id: str) -> dict[str, Any]:
    text = frozen_text(node.text)
    entry: dict[str, Any] = {
        # a mutant's id names its run, so templates of two searches can share a cassette folder
        "id": node.id if node.parent is None else f"{run_id}-{node.id}",
        "assigns_identity": text_names_identity(text),
        "personas": list(roleplay_names_from_prompt(text)),
        "seed": node.seed_id,
        "lineage": node.lineage(),
    }
    if questions is not None:
        entry["questions"] = [q.id for q in questions]
        entry["successes"] = node.successes
    entry["text"] = text
    return entry


def templates_toml(set_id: str, header: str, nodes: list[TemplateNode], questions: list[Question] | None,
                   run_id: str) -> str:
    lines = [f"# {line}" if line else "#" for line in header.splitlines()]
    lines += [f"id = {toml_value(set_id)}", "version = 1", ""]
    for node in nodes:
        lines.append("[[template]]")
        lines += [f"{key} = {toml_value(value)}" for key, value in _template_entry(node, questions, run_id).items()]
        lines.append("")
    text = "\n".join(lines)
    tomllib.loads(text)  # what we write must read back; a failure here is a bug, not bad input
    return text


def ranked(result: FuzzResult, keep: int | None) -> list[TemplateNode]:
    """The kept mutants, most successes first, then in the order found; the first `keep` of them."""
    order = sorted(result.kept, key=lambda n: (-n.successes, n.index))
    return order if keep is None else order[:keep]


def log_data(result: FuzzResult, config: FuzzConfig, meta: dict[str, Any]) -> dict[str, Any]:
    cumulative, found = [], 0
    for record in result.iterations:
        found += record["successes"]
        cumulative.append({"queries": record["queries"], "contradictions": found})
    return {
        **meta,
        "config": {key: getattr(config, key) for key in config.__dataclass_fields__},
        "pool": [n.id for n in result.seeds],
        "queries": result.queries,
        "iterations": len(result.iterations),
        "kept": len(result.kept),
        "stopped_by": result.stopped_by,
        "first_strict_at_query": result.first_strict_at,
        "skipped": dict(sorted(result.skipped.items())),
        "cumulative": cumulative,
        "history": result.iterations,
        "trials": result.trials,
    }


def _plot(log: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    points = [(0, 0)] + [(p["queries"], p["contradictions"]) for p in log["cumulative"]]
    fig, ax = plt.subplots(figsize=(6, 3.5))
    ax.step([q for q, _ in points], [c for _, c in points], where="post")
    if log["first_strict_at_query"] is not None:
        ax.axvline(log["first_strict_at_query"], linestyle=":", color="grey", label="first strict contradiction")
        ax.legend(loc="upper left")
    ax.set_xlabel("target queries spent")
    ax.set_ylabel("contradictions found (cumulative)")
    ax.set_title(f"distillbench fuzz: {log['target']}", fontsize=10)
    fig.tight_layout()
    # No timestamps in the file, so a replayed search writes the same bytes.
    fig.savefig(path, format="png", metadata={"Software": None})
    plt.close(fig)


def write_outputs(out: Path, result: FuzzResult, config: FuzzConfig, questions: list[Question], keep: int | None,
                  meta: dict[str, Any]) -> dict[str, Path]:
    paths = output_paths(out)
    header = (f"Templates found by `distillbench fuzz` against {meta['target']} (run {meta['run_id']}).\n"
              "Load with `pytest --templates PATH`. `lineage`: the seed, then each mutation; `successes`: of the\n"
              "search questions listed, how many answers contradicted the target's identity.")
    chosen = ranked(result, keep)
    write_atomic(paths["templates"], templates_toml(f"fuzz-{meta['run_id']}", header, chosen, questions,
                                                       meta["run_id"]))
    write_atomic(paths["seeds"], templates_toml(
        f"fuzz-{meta['run_id']}-seeds", f"The unmutated seed pool of `distillbench fuzz` run {meta['run_id']}.",
        result.seeds, None, meta["run_id"]))
    log = log_data(result, config, {**meta, "frozen": [n.id for n in chosen]})
    write_atomic(paths["log"], json.dumps(log, indent=1, ensure_ascii=False, sort_keys=True) + "\n")
    _plot(log, paths["plot"])
    return paths
