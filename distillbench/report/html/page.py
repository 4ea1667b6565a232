"""The distillation report as one self-contained HTML page, rendered from the JSON report.

Why one static file: the page is a CI artefact and something a reader opens from disk or an e-mail, offline.
So it loads nothing (no CDN, font or script; plots are inline SVG from `distillbench.report.plots`), and a
Content-Security-Policy forbids any load or script, so that even a rendering bug could not turn a model's
answer (which may contain ``<script>``) into live code. Every string from the report is escaped.

Key numbers carry ``data-*`` attributes (``data-metric``, ``data-model``, ``data-value`` with the exact JSON
number) so tests can read them back from the DOM and compare them with the JSON. Optional parts
(similarity, gates, baseline, judge) are rendered only when present, and every lookup tolerates a missing
key, because the report grows while this renderer must keep working on older and newer files. This module
assembles the page (run facts, summary, navigation, CSP); the sections are rendered by `report_html_ice`,
`report_html_rse` and `report_html_checks` from the cell primitives of `report_html_markup`, with the
stylesheet in `report_html_style`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from distillbench.report.html.checks import baseline_section, failed_section, gates_section
from distillbench.report.html.ice import MAX_EXAMPLES, examples_section, highlight_claims, ice_section
from distillbench.report.html.markup import badge, esc, section, table
from distillbench.report.html.rse import similarity_section
from distillbench.report.html.style import CSS
from distillbench.report.json_file import ice_policy_of

__all__ = ["MAX_EXAMPLES", "highlight_claims", "render_html"]

_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


# ---- run metadata -------------------------------------------------------------------------------------------

def _run_section(run: Mapping[str, Any]) -> str:
    facts = [("suite version", run.get("suite_version")), ("started", run.get("started")),
             ("finished", run.get("finished")), ("record mode", run.get("record_mode")),
             ("ICE policy", ice_policy_of(run)),
             ("workers", run.get("workers")), ("exit status", run.get("exit_status")),
             ("models file", run.get("models_file"))]
    if run.get("shard"):  # one slice of a sharded run: say so, its scores cover only its cases
        facts.append(("shard", f'{run["shard"]["index"]}/{run["shard"]["count"]}'))
    items = "".join(f'<div><dt>{esc(k)}</dt><dd data-run="{esc(k)}">{esc(v)}</dd></div>' for k, v in facts)
    sets = [f'<td>{esc(s.get("id"))}</td><td>{esc(s.get("kind"))}</td><td class="num">{esc(s.get("count"))}</td>'
            f'<td><code title="{esc(s.get("hash"))}" data-hash="{esc(s.get("hash"))}">'
            f'{esc(_short(s.get("hash")))}</code></td><td class="path">{esc(s.get("source"))}</td>'
            for s in run.get("probe_sets", [])]
    models = [f'<td>{esc(name)}</td><td>{esc(m.get("role"))}</td><td>{esc(m.get("vendor"))}</td>'
              f'<td>{esc(m.get("family"))}</td><td>{esc(m.get("model"))}</td><td class="path">{esc(m.get("base_url"))}'
              f'</td><td class="num">{esc(m.get("temperature"))}</td><td class="num">{esc(m.get("max_tokens"))}</td>'
              f'<td class="num">{esc(m.get("seed"))}</td>' for name, m in run.get("models", {}).items()]
    return (f'<dl class="facts">{items}</dl>\n<h3>Probe sets</h3>\n'
            + table(["id", "kind", "count", "hash", "source"], sets)
            + "\n<h3>Models</h3>\n"
            + table(["name", "role", "vendor", "family", "served as", "endpoint", "temp.", "max tokens", "seed"],
                     models))


def _short(digest: object) -> str:
    text = str(digest or "")
    return text if len(text) < 24 else f"{text[:15]}…{text[-6:]}"


# ---- page ---------------------------------------------------------------------------------------------------

def _sections(report: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    """(anchor, title, html) of every section that has something to show, in page order."""
    similarity = report.get("similarity") or {}
    out = [("run", "Run", _run_section(report.get("run", {}))),
           ("ice", "Identity consistency (ICE)", ice_section(report.get("models", {}))),
           ("examples", "Contradicting answers", examples_section(report))]
    if isinstance(similarity.get("matrix"), Mapping) or similarity.get("pairs"):
        out.append(("similarity", "Response similarity (RSE)", similarity_section(similarity)))
    if report.get("gates"):
        out.append(("gates", "Gates", gates_section(report["gates"])))
    if isinstance(report.get("baseline"), Mapping):
        out.append(("baseline", "Baseline comparison", baseline_section(report["baseline"])))
    out.append(("failed", "Failed cases", failed_section(report.get("cases", []))))
    return out


def _summary(report: Mapping[str, Any]) -> str:
    run, cases = report.get("run", {}), report.get("cases", [])
    counts = {s: sum(c.get("status") == s for c in cases) for s in ("passed", "failed", "skipped")}
    gates = report.get("gates") or []
    gate_text = (f' · gates {badge(all(g.get("passed") for g in gates), "passed", "failed")}' if gates else "")
    return (f'<p class="summary">{esc(run.get("finished"))} · distillbench {esc(run.get("suite_version"))} · '
            f'{len(report.get("models", {}))} model(s) · <span data-count="cases">{len(cases)}</span> cases: '
            f'<span data-count="passed">{counts["passed"]}</span> passed, <span data-count="failed">{counts["failed"]}'
            f'</span> failed, <span data-count="skipped">{counts["skipped"]}</span> skipped · exit status '
            f'{badge(run.get("exit_status") == 0, str(run.get("exit_status")), str(run.get("exit_status")))}'
            f"{gate_text}</p>")


def render_html(report: Mapping[str, Any]) -> str:
    """The whole page for a (schema-valid) report; it never raises on a missing optional section."""
    sections = _sections(report)
    nav = " ".join(f'<a href="#{anchor}">{esc(title)}</a>' for anchor, title, _ in sections)
    body = "\n".join(section(*s) for s in sections)
    return (f'<!DOCTYPE html>\n<html lang="en" data-schema-version="{esc(report.get("schema_version"))}">\n<head>\n'
            f'<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>distillbench report</title>\n<style>{CSS}</style>\n</head>\n<body>\n<header class=\"top\">"
            f"<h1>distillbench report</h1>{_summary(report)}<nav>{nav}</nav></header>\n<main>\n{body}\n</main>\n"
            "</body>\n</html>\n")
