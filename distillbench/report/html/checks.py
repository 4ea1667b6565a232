"""The verdict parts of the HTML report: gates, the baseline comparison and the list of failed cases.

Why a module of its own: these sections say whether the run is acceptable rather than what the models
scored; they share the "model / pair" subject column and the pass/fail badges, and each is rendered only
when the report has something to show (failed cases always get a line, so an all-clear is explicit).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from distillbench.report.html.markup import badge, esc, num, signed, table

__all__ = ["baseline_section", "failed_section", "gates_section"]


def _subject(item: Mapping[str, Any]) -> str:
    pair = item.get("pair")
    if isinstance(pair, list | tuple) and pair:
        text = " → ".join(str(p) for p in pair)
        return f"{text} ({item['granularity']})" if item.get("granularity") else text
    return str(item.get("model") or "")


def gates_section(gates: Sequence[Mapping[str, Any]]) -> str:
    rows = [f'<td><code>{esc(g.get("gate"))}</code></td><td>{esc(_subject(g))}</td>'
            + num(g.get("value"), "gate.value", gate=g.get("gate"), subject=_subject(g))
            + f'<td>{esc(g.get("op", ""))} {esc(g.get("threshold", ""))}</td><td>{esc(g.get("on", ""))}</td>'
            f'<td class="num">{esc(g.get("n", ""))}</td><td>{badge(g.get("passed"))}</td>'
            f'<td>{esc(g.get("reason"))}</td>'
            for g in gates]
    return table(["gate", "model / pair", "value", "threshold", "on", "n", "verdict", "reason"], rows, "verdicts")


def baseline_section(baseline: Mapping[str, Any]) -> str:
    rows = [f'<td>{esc(c.get("metric"))}</td><td>{esc(_subject(c))}</td>'
            + num(c.get("before"), "baseline.before", check=c.get("metric"), subject=_subject(c))
            + num(c.get("after"), "baseline.after", check=c.get("metric"), subject=_subject(c))
            + f'<td class="num">{signed(c.get("change"))}</td>' + num(c.get("p_value"), "baseline.p_value", 4)
            + f'<td>{esc(c.get("verdict"))}</td><td>{badge(c.get("passed"), "ok", "regressed")}</td>'
            f'<td>{esc(c.get("reason"))}</td>' for c in baseline.get("checks", [])]
    shared = (f'<p class="note">shared cases: {esc(baseline.get("shared_cases"))}</p>'
              if "shared_cases" in baseline else "")
    return shared + table(["metric", "model / pair", "before", "after", "change", "p", "verdict", "", "reason"],
                           rows, "verdicts")


def failed_section(cases: Sequence[Mapping[str, Any]]) -> str:
    """Failed cases grouped by model; a long group starts folded so it does not bury the rest of the page."""
    by_model: dict[str, list[Mapping[str, Any]]] = {}
    for case in cases:
        if case.get("status") == "failed":
            by_model.setdefault(str(case.get("model")), []).append(case)
    if not by_model:
        return '<p class="note">No case failed.</p>'
    total = sum(len(v) for v in by_model.values())
    parts = [f'<p class="note">{total} case(s) failed: their answers are missing from the scores.</p>']
    for model, failed in by_model.items():
        rows = [f'<td data-case="{esc(c.get("id"))}"><code>{esc(c.get("probe_id"))}</code></td><td><pre class="error">'
                f'{esc(c.get("error") or "(no error message)")}</pre></td>' for c in failed]
        body = table(["probe", "error"], rows, "failed")
        parts.append(f'<details class="failed" data-model="{esc(model)}"{" open" if len(failed) <= 10 else ""}>'
                     f"<summary><b>{esc(model)}</b>: {len(failed)} failed</summary>{body}</details>")
    return "\n".join(parts)
