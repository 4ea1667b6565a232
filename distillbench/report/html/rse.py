"""The response-similarity (RSE) part of the HTML report: heatmaps, cell tables and test-vs-reference pairs.

Why a module of its own: the similarity section is optional and shaped unlike the rest (a square matrix per
granularity plus pair results with ceilings, floors and permutation tests), and its layout tolerates both
the per-pair ``granularities`` mapping and the older one-granularity-per-pair form; keeping that here leaves
the other sections free of it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from distillbench.report.html.markup import ci, esc, num, pvalue, signed, table
from distillbench.report.plots import heatmap_svg

__all__ = ["similarity_section"]


def _matrix_table(models: Sequence[str], cells: Mapping[str, Any], granularity: str) -> str:
    def at(stat: str, i: int, j: int) -> Any:
        try:
            return cells[stat][i][j]
        except (KeyError, IndexError, TypeError):
            return None

    rows = []
    for i, row_model in enumerate(models):
        cols = "".join(num(at("mean", i, j), f"rse.{granularity}", row=row_model, col=col_model)
                       + ci(at("ci_low", i, j), at("ci_high", i, j)) + f'<td class="num">{esc(at("n", i, j))}</td>'
                       for j, col_model in enumerate(models))
        rows.append(f'<td class="model">{esc(row_model)}</td>{cols}')
    headers = ["", *(h for m in models for h in (m, "95% CI", "n"))]
    return f"<details><summary>{esc(granularity)}: cell values</summary>{table(headers, rows, 'matrix')}</details>"


def _pair_results(pair: Mapping[str, Any]) -> list[tuple[str, Mapping[str, Any]]]:
    if isinstance(pair.get("granularities"), Mapping):
        return list(pair["granularities"].items())
    return [(str(pair.get("granularity", "")), pair)]


def _pair_row(test: str, ref: str, granularity: str, r: Mapping[str, Any]) -> str:
    sim, ceiling, floor = r.get("similarity") or {}, r.get("ceiling") or {}, r.get("floor") or {}
    keys = {"pair": f"{test}|{ref}", "granularity": granularity}
    perms = "; ".join(f'vs {esc(p.get("control"))}: Δ={signed(p.get("mean_difference"))}, p={pvalue(p.get("p_value"))}'
                      for p in r.get("permutation", []))
    return (f'<td class="model">{esc(test)}</td><td class="model">{esc(ref)}</td><td>{esc(granularity)}</td>'
            + num(sim.get("mean"), "rse.similarity", **keys) + ci(sim.get("ci_low"), sim.get("ci_high"))
            + f'<td class="num">{esc(sim.get("n"))}</td>' + num(r.get("likert"), "rse.likert", 2, **keys)
            + num(ceiling.get("mean"), "rse.ceiling", **keys)
            + num(floor.get("mean"), "rse.floor", **keys) + f'<td>{esc(r.get("floor_model") or "")}</td>'
            + num(r.get("homogenization_index"), "rse.homogenization_index", **keys)
            + f'<td class="perm">{perms}</td>')


def similarity_section(similarity: Mapping[str, Any]) -> str:
    matrix = similarity.get("matrix") or {}
    models = list(matrix.get("models") or similarity.get("models") or [])
    grans = [g for g in similarity.get("granularities") or matrix if isinstance(matrix.get(g), Mapping)]
    figures = "".join(f'<figure class="heatmap">{heatmap_svg(models, matrix[g].get("mean") or [], g, f"rse-{g}")}'
                      f"</figure>" for g in grans)
    tables = "".join(_matrix_table(models, matrix[g], g) for g in grans)
    note = f'<p class="note">{esc(matrix["diagonal"])}.</p>' if matrix.get("diagonal") else ""
    rows = [_pair_row(str(p.get("test")), str(p.get("reference")), g, r)
            for p in similarity.get("pairs", []) for g, r in _pair_results(p)]
    pairs = ("<h3>Test vs reference</h3>\n" + table(
        ["test", "reference", "granularity", "similarity", "95% CI", "n", "Likert", "ceiling", "floor", "floor model",
         "homog. index", "permutation tests"], rows, "scores")) if rows else ""
    meta = (f'<p class="note">reference: <b>{esc(similarity.get("reference"))}</b> · prompts: '
            f'{esc(similarity.get("n_prompts"))} · excluded answers: {_excluded(similarity.get("excluded"))}</p>')
    return f'{meta}<div class="heatmaps">{figures}</div>{note}{tables}{pairs}'


def _excluded(excluded: object) -> str:
    if not isinstance(excluded, Mapping) or not any(excluded.values()):
        return "none"
    return ", ".join(f"{esc(m)}: {len(v)}" for m, v in excluded.items() if v)
