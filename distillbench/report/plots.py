"""Plots of the HTML report, drawn at build time with matplotlib and returned as inline SVG text.

Why SVG drawn here rather than a JS chart library: the report must be one self-contained file that opens
offline (CI artefact, e-mail attachment) and runs no script. Figures are built with the object API
(`matplotlib.figure.Figure`) on an Agg canvas, which never touches pyplot's figure registry or a GUI
backend, so rendering works headless inside a pytest session without changing the process's backend.
Styling goes through `matplotlib.rc_context`, which briefly sets global rcParams: do not render from
several threads at once. Output is deterministic for a given report (fixed hash salt, no
date metadata), so two renders of the same JSON give the same file.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.typing import RcKeyType

__all__ = ["ICE_METRICS", "heatmap_svg", "ice_bar_chart_svg"]

# (report key, label) in display order: the three nested contradiction rates, then the control FP rate.
ICE_METRICS: tuple[tuple[str, str], ...] = (
    ("loose", "loose"),
    ("strict", "strict"),
    ("hard", "hard"),
    ("control_false_positive", "control FP"),
)
_COLOURS = ("#4C72B0", "#DD8452", "#C44E52", "#8C8C8C")
_RC: dict[RcKeyType, Any] = {"svg.fonttype": "none", "font.size": 9, "font.family": ["DejaVu Sans", "sans-serif"],
       "axes.spines.top": False, "axes.spines.right": False}


# matplotlib names its groups "figure_1", "axes_1", ... in every figure: nothing refers to them, and several
# figures in one HTML page would repeat them, so they are dropped (referenced ids are salted hashes).
_GROUP_ID = re.compile(r' id="[A-Za-z0-9.]+_[0-9]+"')


def _to_svg(fig: Figure, salt: str) -> str:
    """Serialise without the XML prolog, DOCTYPE and RDF metadata, which do not belong inside HTML.

    The metadata block carries namespace URLs that are no resource but look like remote references to a
    reader; the salt keeps the ids that *are* referenced (markers, clip paths) unique per figure.
    """
    buffer = io.StringIO()
    rc: dict[RcKeyType, Any] = {**_RC, "svg.hashsalt": f"distillbench-{salt}"}
    with matplotlib.rc_context(rc):
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    text = text[text.index("<svg"):]
    text = re.sub(r"\s*<metadata>.*?</metadata>", "", text, flags=re.DOTALL)
    return _GROUP_ID.sub("", text)


def _new_figure(width: float, height: float) -> Figure:
    """A figure on its own Agg canvas: headless, and without switching the process-wide pyplot backend."""
    with matplotlib.rc_context(_RC):
        fig = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def ice_bar_chart_svg(models: Mapping[str, Any]) -> str:
    """Grouped bars: per model, each ICE rate with its 95% Wilson interval as an error bar.

    A metric with n == 0 has no estimate: it gets no bar (a zero-height bar would read as "0%") but an
    "n=0" label, so an empty denominator is visible rather than silently flattering.
    """
    names = list(models)
    fig = _new_figure(max(5.5, 1.6 * len(names) + 2.5), 3.2)
    with matplotlib.rc_context(_RC):
        ax = fig.add_subplot()
        width = 0.8 / len(ICE_METRICS)
        for k, ((key, label), colour) in enumerate(zip(ICE_METRICS, _COLOURS, strict=True)):
            _metric_bars(ax, names, [models[m].get("ice", {}).get(key) for m in names], k, width, label, colour)
        ax.set_xticks(range(len(names)), names)
        ax.set_xlim(-0.5, len(names) - 0.5)  # keep groups without any bar (all n=0) inside the axes
        ax.set_ylim(0, 1.05)
        ax.set_ylabel("rate (95% CI)")
        ax.grid(axis="y", color="#e5e5e5", linewidth=0.6)
        ax.set_axisbelow(True)
        ax.legend(ncols=len(ICE_METRICS), loc="upper center", bbox_to_anchor=(0.5, -0.12), frameon=False)
    return _to_svg(fig, "ice")


def _metric_bars(ax: Any, names: Sequence[str], values: Sequence[Mapping[str, Any] | None], k: int, width: float,
                 label: str, colour: str) -> None:
    """One metric's bars across models (offset `k` inside each group)."""
    offset = (k - (len(ICE_METRICS) - 1) / 2) * width
    xs: list[float] = []
    heights: list[float] = []
    errors: tuple[list[float], list[float]] = ([], [])
    for i, value in enumerate(values):
        x = i + offset
        if not value or not value.get("n"):
            ax.text(x, 0.01, "n=0", rotation=90, ha="center", va="bottom", fontsize=7, color="#777777")
            continue
        xs.append(x)
        heights.append(float(value["score"]))
        errors[0].append(max(0.0, float(value["score"]) - float(value["ci_low"])))
        errors[1].append(max(0.0, float(value["ci_high"]) - float(value["score"])))
    ax.bar(xs, heights, width * 0.92, color=colour, label=label,
           yerr=errors if xs else None, capsize=2.5, error_kw={"elinewidth": 0.9, "ecolor": "#333333"})


def heatmap_svg(models: Sequence[str], mean: Sequence[Sequence[float | None]], title: str, salt: str) -> str:
    """An N×N similarity heatmap on a fixed 0..1 scale with the value written in every cell.

    The scale is fixed (not stretched to the data) so heatmaps of different granularities and runs can be
    compared by eye; undefined cells (null) are drawn blank and labelled "n/a".
    """
    n = len(models)
    grid = [[math.nan if v is None else float(v) for v in row] for row in mean]
    side = max(2.6, 0.75 * n + 1.6)
    fig = _new_figure(side + 0.9, side)
    with matplotlib.rc_context(_RC):
        ax = fig.add_subplot()
        image = ax.imshow(grid, cmap="viridis", vmin=0.0, vmax=1.0) if n else None
        for i in range(n):
            for j in range(n):
                value = grid[i][j]
                text = "n/a" if math.isnan(value) else f"{value:.2f}"
                colour = "black" if not math.isnan(value) and value > 0.6 else "white"
                ax.text(j, i, text, ha="center", va="center", fontsize=8,
                        color="#555555" if math.isnan(value) else colour)
        ax.set_xticks(range(n), models, rotation=30, ha="right")
        ax.set_yticks(range(n), models)
        ax.set_title(title)
        for side_name in ("left", "bottom"):
            ax.spines[side_name].set_visible(False)
        if image is not None:
            fig.colorbar(image, ax=ax, shrink=0.8)
    return _to_svg(fig, salt)
