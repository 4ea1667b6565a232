"""The distillation report as one self-contained HTML page, rendered from the JSON report.

Why one static file: the page is a CI artefact and something a reader opens from disk or an e-mail, offline.
So it loads nothing (no CDN, font or script; plots are inline SVG from `scoring.report_plots`), and a
Content-Security-Policy forbids any load or script, so that even a rendering bug could not turn a model's
answer (which may contain ``<script>``) into live code. Every string from the report is escaped.

Key numbers carry ``data-*`` attributes (``data-metric``, ``data-model``, ``data-value`` with the exact JSON
number) so tests can read them back from the DOM and compare them with the JSON. Optional parts
(similarity, gates, baseline, judge) are rendered only when present, and every lookup tolerates a missing
key, because the report grows while this renderer must keep working on older and newer files.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from scoring.report_plots import ICE_METRICS, heatmap_svg, ice_bar_chart_svg

__all__ = ["MAX_EXAMPLES", "highlight_claims", "render_html"]

MAX_EXAMPLES = 5  # contradicting answers shown per model
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _fmt(value: object, digits: int = 3) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
        return "n/a"
    return str(value) if isinstance(value, int) else f"{value:.{digits}f}"


def _num(value: object, metric: str, digits: int = 3, text: str | None = None, /, **keys: object) -> str:
    """A numeric cell whose exact JSON value is in ``data-value`` and its identity in ``data-*`` keys."""
    attrs = "".join(f' data-{k.replace("_", "-")}="{_e(v)}"' for k, v in keys.items())
    exact = "" if not isinstance(value, int | float) or isinstance(value, bool) else f' data-value="{value!r}"'
    shown = _fmt(value, digits) if text is None else text
    return f'<td class="num" data-metric="{_e(metric)}"{attrs}{exact}>{shown}</td>'


def _rate(p: Mapping[str, Any], metric: str, model: str) -> str:
    """Score and CI cells of a proportion.

    With n == 0 there is no estimate: the JSON's 0.0 is a placeholder, so the page says n/a rather than a
    reassuring 0.000 (data-value still holds the JSON number).
    """
    if p.get("n"):
        return _num(p.get("score"), metric, 3, None, model=model, n=p.get("n")) + _ci(p.get("ci_low"), p.get("ci_high"))
    return _num(p.get("score"), metric, 3, "n/a", model=model, n=p.get("n")) + '<td class="ci">no scored case</td>'


def _ci(low: object, high: object) -> str:
    return f'<td class="ci">[{_fmt(low)}, {_fmt(high)}]</td>'


def _badge(passed: object, yes: str = "pass", no: str = "fail") -> str:
    kind = "ok" if passed else "bad"
    return f'<span class="badge {kind}" data-passed="{str(bool(passed)).lower()}">{yes if passed else no}</span>'


def _table(headers: Sequence[str], rows: Iterable[str], cls: str = "") -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "\n".join(f"<tr>{row}</tr>" for row in rows)
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>\n{body}\n</tbody></table>'


def _section(anchor: str, title: str, content: str) -> str:
    return f'<section id="{anchor}"><h2>{_e(title)}</h2>\n{content}\n</section>'


# ---- run metadata -------------------------------------------------------------------------------------------

def _run_section(run: Mapping[str, Any]) -> str:
    facts = [("suite version", run.get("suite_version")), ("started", run.get("started")),
             ("finished", run.get("finished")), ("record mode", run.get("record_mode")),
             ("workers", run.get("workers")), ("exit status", run.get("exit_status")),
             ("models file", run.get("models_file"))]
    items = "".join(f'<div><dt>{_e(k)}</dt><dd data-run="{_e(k)}">{_e(v)}</dd></div>' for k, v in facts)
    sets = [f'<td>{_e(s.get("id"))}</td><td>{_e(s.get("kind"))}</td><td class="num">{_e(s.get("count"))}</td>'
            f'<td><code title="{_e(s.get("hash"))}" data-hash="{_e(s.get("hash"))}">{_e(_short(s.get("hash")))}</code>'
            f'</td><td class="path">{_e(s.get("source"))}</td>' for s in run.get("probe_sets", [])]
    models = [f'<td>{_e(name)}</td><td>{_e(m.get("role"))}</td><td>{_e(m.get("vendor"))}</td>'
              f'<td>{_e(m.get("family"))}</td><td>{_e(m.get("model"))}</td><td class="path">{_e(m.get("base_url"))}'
              f'</td><td class="num">{_e(m.get("temperature"))}</td><td class="num">{_e(m.get("max_tokens"))}</td>'
              f'<td class="num">{_e(m.get("seed"))}</td>' for name, m in run.get("models", {}).items()]
    return (f'<dl class="facts">{items}</dl>\n<h3>Probe sets</h3>\n'
            + _table(["id", "kind", "count", "hash", "source"], sets)
            + "\n<h3>Models</h3>\n"
            + _table(["name", "role", "vendor", "family", "served as", "endpoint", "temp.", "max tokens", "seed"],
                     models))


def _short(digest: object) -> str:
    text = str(digest or "")
    return text if len(text) < 24 else f"{text[:15]}…{text[-6:]}"


# ---- ICE scores ---------------------------------------------------------------------------------------------

def _ice_row(name: str, scores: Mapping[str, Any]) -> str:
    ice, cases = scores.get("ice", {}), scores.get("cases", {})
    cells = [f'<td class="model">{_e(name)}</td>', _num(cases.get("passed"), "cases.passed", model=name),
             _num(cases.get("failed"), "cases.failed", model=name)]
    for key, _label in ICE_METRICS:
        p = ice.get(key) or {}
        cells.append(_rate(p, f"ice.{key}", name))
        if key in ("hard", "control_false_positive"):
            cells.append(_num(p.get("n"), f"ice.{key}.n", model=name))
    return "".join(cells)


def _judge_rows(models: Mapping[str, Any]) -> list[str]:
    rows = []
    for name, scores in models.items():
        judge = scores.get("ice", {}).get("judge")
        if not judge:
            continue
        cells = [f'<td class="model">{_e(name)}</td><td>{_e(judge.get("judge"))}</td>']
        for key in ("loose", "strict"):
            p = judge.get(key) or {}
            cells.append(_rate(p, f"ice.judge.{key}", name))
        for key in ("agreement_loose", "agreement_strict"):
            a = judge.get(key) or {}
            cells += [_num(a.get("cohen_kappa"), f"ice.judge.{key}.kappa", 2, model=name),
                      f'<td class="num">{_e(a.get("n"))} / {_e(a.get("unparsed"))}</td>']
        rows.append("".join(cells))
    return rows


def _ice_section(models: Mapping[str, Any]) -> str:
    if not models:
        return '<p class="note">No model in this report.</p>'
    headers = ["model", "passed", "failed", "loose", "95% CI", "strict", "95% CI", "hard", "95% CI", "n",
               "control FP", "95% CI", "n controls"]
    out = (f'<figure class="chart">{ice_bar_chart_svg(models)}<figcaption>Identity-contradiction rates with '
           'Wilson 95% intervals. loose ⊇ strict ⊇ hard share one denominator (scored non-control probes); '
           'control FP is the false-positive rate on probes whose system prompt states the true identity.'
           '</figcaption></figure>\n' + _table(headers, (_ice_row(n, s) for n, s in models.items()), "scores"))
    judged = _judge_rows(models)
    if judged:
        out += "\n<h3>LLM judge</h3>\n" + _table(
            ["model", "judge", "loose", "95% CI", "strict", "95% CI", "κ loose", "n / unparsed", "κ strict",
             "n / unparsed"], judged, "scores")
    return out


# ---- example contradictions ---------------------------------------------------------------------------------

def _span(claim: Mapping[str, Any], length: int) -> tuple[int, int] | None:
    span = claim.get("span")
    if not isinstance(span, list | tuple) or len(span) != 2:
        return None
    start, end = span
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)) or not 0 <= start < end <= length:
        return None
    return start, end


def highlight_claims(text: str, claims: Sequence[Mapping[str, Any]]) -> str:
    """`text` escaped, with each claim's span wrapped in ``<mark>`` (contradicting claims styled apart).

    Spans are character offsets into `text` (Python indices). An invalid span is ignored, and of two
    overlapping spans the earlier one wins, so bad scorer output can hide a highlight but never corrupt
    the page or leak unescaped text.
    """
    spans = sorted((s, claim) for claim in claims if (s := _span(claim, len(text))) is not None)
    out, pos = [], 0
    for (start, end), claim in spans:
        if start < pos:
            continue
        contradicts = bool(claim.get("contradicts"))
        roleplay = " · in role-play" if claim.get("in_roleplay") else ""
        title = (f'{claim.get("vendor")} · {claim.get("kind")} · '
                 f'{"contradicts" if contradicts else "no contradiction"}{roleplay}')
        out += [_e(text[pos:start]), f'<mark class="{"contra" if contradicts else "claim"}" title="{_e(title)}" '
                f'data-vendor="{_e(claim.get("vendor"))}" data-contradicts="{str(contradicts).lower()}">'
                f"{_e(text[start:end])}</mark>"]
        pos = end
    return "".join([*out, _e(text[pos:])])


def _framing(probe: Mapping[str, Any]) -> str:
    rows = [("question", probe.get("question")), ("template", probe.get("template_id")),
            ("system", probe.get("system_id")), ("language", probe.get("lang")), ("control", probe.get("control"))]
    facts = "".join(f"<div><dt>{k}</dt><dd>{'—' if v in (None, '') else _e(v)}</dd></div>" for k, v in rows)
    prompt = "".join(f"<h4>{label}</h4><pre>{_e(probe[key])}</pre>" for key, label in
                     (("system", "system prompt"), ("template", "template")) if probe.get(key))
    return f'<dl class="facts small">{facts}</dl>' + (f"<details><summary>prompt text</summary>{prompt}</details>"
                                                     if prompt else "")


def _example(case: Mapping[str, Any]) -> str:
    ice, text = case.get("ice", {}), str(case.get("response", {}).get("text", ""))
    badges = "".join(f'<span class="badge level">{k}</span>' for k in ("strict", "hard") if ice.get(k))
    if ice.get("control"):
        badges += ('<span class="badge warn" title="the system prompt states the true identity">'
                   "control: false positive</span>")
    evidence = f'<p class="evidence">evidence: “{_e(ice["evidence"])}”</p>' if ice.get("evidence") else ""
    return (f'<article class="example" data-case="{_e(case.get("id"))}"><header><code>{_e(case.get("probe_id"))}</code>'
            f'<span class="badge bad">contradiction</span>{badges}</header>{_framing(case.get("probe", {}))}'
            f'<blockquote class="answer">{highlight_claims(text, ice.get("claims", []))}</blockquote>{evidence}'
            "</article>")


def _pick_examples(cases: list[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Hard, then strict contradictions first, one per question before any question repeats.

    Many framings of one question often fail the same way; spreading the few examples over questions
    shows more of what went wrong.
    """
    ordered = sorted(cases, key=lambda c: (not c["ice"].get("hard"), not c["ice"].get("strict"),
                                           str(c.get("probe_id"))))
    seen: set[object] = set()
    first: list[Mapping[str, Any]] = []
    rest: list[Mapping[str, Any]] = []
    for case in ordered:
        question = case.get("probe", {}).get("question_id", case.get("probe_id"))
        (rest if question in seen else first).append(case)
        seen.add(question)
    return (first + rest)[:MAX_EXAMPLES]


def _examples_section(report: Mapping[str, Any]) -> str:
    contradicting: dict[str, list[Mapping[str, Any]]] = {name: [] for name in report.get("models", {})}
    for case in report.get("cases", []):
        if case.get("kind") == "ice" and case.get("status") == "passed" and case.get("ice", {}).get("contradiction"):
            contradicting.setdefault(case.get("model", "?"), []).append(case)
    parts = [f'<p class="note">Up to {MAX_EXAMPLES} contradicting answers per model, hard and strict ones first, '
             'one per question first. <mark class="contra">red</mark>: a claim that contradicts the model\'s '
             'identity; <mark class="claim">yellow</mark>: other identity claims (its own name, a role-play '
             'persona). Hover a mark for the claim\'s vendor and kind.</p>']
    for name, cases in contradicting.items():
        shown = _pick_examples(cases)
        parts.append(f'<h3>{_e(name)} <span class="count">{len(shown)} of {len(cases)}</span></h3>')
        parts.append("\n".join(_example(c) for c in shown) or '<p class="note">No contradicting answer.</p>')
    return "\n".join(parts)


# ---- similarity (RSE) ---------------------------------------------------------------------------------------

def _matrix_table(models: Sequence[str], cells: Mapping[str, Any], granularity: str) -> str:
    def at(stat: str, i: int, j: int) -> Any:
        try:
            return cells[stat][i][j]
        except (KeyError, IndexError, TypeError):
            return None

    rows = []
    for i, row_model in enumerate(models):
        cols = "".join(_num(at("mean", i, j), f"rse.{granularity}", row=row_model, col=col_model)
                       + _ci(at("ci_low", i, j), at("ci_high", i, j)) + f'<td class="num">{_e(at("n", i, j))}</td>'
                       for j, col_model in enumerate(models))
        rows.append(f'<td class="model">{_e(row_model)}</td>{cols}')
    headers = ["", *(h for m in models for h in (m, "95% CI", "n"))]
    return f"<details><summary>{_e(granularity)}: cell values</summary>{_table(headers, rows, 'matrix')}</details>"


def _pair_results(pair: Mapping[str, Any]) -> list[tuple[str, Mapping[str, Any]]]:
    if isinstance(pair.get("granularities"), Mapping):
        return list(pair["granularities"].items())
    return [(str(pair.get("granularity", "")), pair)]


def _pair_row(test: str, ref: str, granularity: str, r: Mapping[str, Any]) -> str:
    sim, ceiling, floor = r.get("similarity") or {}, r.get("ceiling") or {}, r.get("floor") or {}
    keys = {"pair": f"{test}|{ref}", "granularity": granularity}
    perms = "; ".join(f'vs {_e(p.get("control"))}: Δ={_signed(p.get("mean_difference"))}, p={_pvalue(p.get("p_value"))}'
                      for p in r.get("permutation", []))
    return (f'<td class="model">{_e(test)}</td><td class="model">{_e(ref)}</td><td>{_e(granularity)}</td>'
            + _num(sim.get("mean"), "rse.similarity", **keys) + _ci(sim.get("ci_low"), sim.get("ci_high"))
            + f'<td class="num">{_e(sim.get("n"))}</td>' + _num(r.get("likert"), "rse.likert", 2, **keys)
            + _num(ceiling.get("mean"), "rse.ceiling", **keys)
            + _num(floor.get("mean"), "rse.floor", **keys) + f'<td>{_e(r.get("floor_model") or "")}</td>'
            + _num(r.get("homogenization_index"), "rse.homogenization_index", **keys)
            + f'<td class="perm">{perms}</td>')


def _similarity_section(similarity: Mapping[str, Any]) -> str:
    matrix = similarity.get("matrix") or {}
    models = list(matrix.get("models") or similarity.get("models") or [])
    grans = [g for g in similarity.get("granularities") or matrix if isinstance(matrix.get(g), Mapping)]
    figures = "".join(f'<figure class="heatmap">{heatmap_svg(models, matrix[g].get("mean") or [], g, f"rse-{g}")}'
                      f"</figure>" for g in grans)
    tables = "".join(_matrix_table(models, matrix[g], g) for g in grans)
    note = f'<p class="note">{_e(matrix["diagonal"])}.</p>' if matrix.get("diagonal") else ""
    rows = [_pair_row(str(p.get("test")), str(p.get("reference")), g, r)
            for p in similarity.get("pairs", []) for g, r in _pair_results(p)]
    pairs = ("<h3>Test vs reference</h3>\n" + _table(
        ["test", "reference", "granularity", "similarity", "95% CI", "n", "Likert", "ceiling", "floor", "floor model",
         "homog. index", "permutation tests"], rows, "scores")) if rows else ""
    meta = (f'<p class="note">reference: <b>{_e(similarity.get("reference"))}</b> · prompts: '
            f'{_e(similarity.get("n_prompts"))} · excluded answers: {_excluded(similarity.get("excluded"))}</p>')
    return f'{meta}<div class="heatmaps">{figures}</div>{note}{tables}{pairs}'


def _excluded(excluded: object) -> str:
    if not isinstance(excluded, Mapping) or not any(excluded.values()):
        return "none"
    return ", ".join(f"{_e(m)}: {len(v)}" for m, v in excluded.items() if v)


# ---- gates, baseline, failures ------------------------------------------------------------------------------

def _subject(item: Mapping[str, Any]) -> str:
    pair = item.get("pair")
    if isinstance(pair, list | tuple) and pair:
        text = " → ".join(str(p) for p in pair)
        return f"{text} ({item['granularity']})" if item.get("granularity") else text
    return str(item.get("model") or "")


def _gates_section(gates: Sequence[Mapping[str, Any]]) -> str:
    rows = [f'<td><code>{_e(g.get("gate"))}</code></td><td>{_e(_subject(g))}</td>'
            + _num(g.get("value"), "gate.value", gate=g.get("gate"), subject=_subject(g))
            + f'<td>{_e(g.get("op", ""))} {_e(g.get("threshold", ""))}</td><td>{_e(g.get("on", ""))}</td>'
            f'<td class="num">{_e(g.get("n", ""))}</td><td>{_badge(g.get("passed"))}</td><td>{_e(g.get("reason"))}</td>'
            for g in gates]
    return _table(["gate", "model / pair", "value", "threshold", "on", "n", "verdict", "reason"], rows, "verdicts")


def _baseline_section(baseline: Mapping[str, Any]) -> str:
    rows = [f'<td>{_e(c.get("metric"))}</td><td>{_e(_subject(c))}</td>'
            + _num(c.get("before"), "baseline.before", check=c.get("metric"), subject=_subject(c))
            + _num(c.get("after"), "baseline.after", check=c.get("metric"), subject=_subject(c))
            + f'<td class="num">{_signed(c.get("change"))}</td>' + _num(c.get("p_value"), "baseline.p_value", 4)
            + f'<td>{_e(c.get("verdict"))}</td><td>{_badge(c.get("passed"), "ok", "regressed")}</td>'
            f'<td>{_e(c.get("reason"))}</td>' for c in baseline.get("checks", [])]
    shared = (f'<p class="note">shared cases: {_e(baseline.get("shared_cases"))}</p>'
              if "shared_cases" in baseline else "")
    return shared + _table(["metric", "model / pair", "before", "after", "change", "p", "verdict", "", "reason"],
                           rows, "verdicts")


def _pvalue(value: object) -> str:
    return f"{value:.2g}" if isinstance(value, int | float) and not isinstance(value, bool) else "n/a"


def _signed(value: object) -> str:
    return f"{value:+.3f}" if isinstance(value, int | float) and not isinstance(value, bool) else "n/a"


def _failed_section(cases: Sequence[Mapping[str, Any]]) -> str:
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
        rows = [f'<td data-case="{_e(c.get("id"))}"><code>{_e(c.get("probe_id"))}</code></td><td><pre class="error">'
                f'{_e(c.get("error") or "(no error message)")}</pre></td>' for c in failed]
        body = _table(["probe", "error"], rows, "failed")
        parts.append(f'<details class="failed" data-model="{_e(model)}"{" open" if len(failed) <= 10 else ""}>'
                     f"<summary><b>{_e(model)}</b>: {len(failed)} failed</summary>{body}</details>")
    return "\n".join(parts)


# ---- page ---------------------------------------------------------------------------------------------------

def _sections(report: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    """(anchor, title, html) of every section that has something to show, in page order."""
    similarity = report.get("similarity") or {}
    out = [("run", "Run", _run_section(report.get("run", {}))),
           ("ice", "Identity consistency (ICE)", _ice_section(report.get("models", {}))),
           ("examples", "Contradicting answers", _examples_section(report))]
    if isinstance(similarity.get("matrix"), Mapping) or similarity.get("pairs"):
        out.append(("similarity", "Response similarity (RSE)", _similarity_section(similarity)))
    if report.get("gates"):
        out.append(("gates", "Gates", _gates_section(report["gates"])))
    if isinstance(report.get("baseline"), Mapping):
        out.append(("baseline", "Baseline comparison", _baseline_section(report["baseline"])))
    out.append(("failed", "Failed cases", _failed_section(report.get("cases", []))))
    return out


def _summary(report: Mapping[str, Any]) -> str:
    run, cases = report.get("run", {}), report.get("cases", [])
    counts = {s: sum(c.get("status") == s for c in cases) for s in ("passed", "failed", "skipped")}
    gates = report.get("gates") or []
    gate_text = (f' · gates {_badge(all(g.get("passed") for g in gates), "passed", "failed")}' if gates else "")
    return (f'<p class="summary">{_e(run.get("finished"))} · distillbench {_e(run.get("suite_version"))} · '
            f'{len(report.get("models", {}))} model(s) · <span data-count="cases">{len(cases)}</span> cases: '
            f'<span data-count="passed">{counts["passed"]}</span> passed, <span data-count="failed">{counts["failed"]}'
            f'</span> failed, <span data-count="skipped">{counts["skipped"]}</span> skipped · exit status '
            f'{_badge(run.get("exit_status") == 0, str(run.get("exit_status")), str(run.get("exit_status")))}'
            f"{gate_text}</p>")


def render_html(report: Mapping[str, Any]) -> str:
    """The whole page for a (schema-valid) report; it never raises on a missing optional section."""
    sections = _sections(report)
    nav = " ".join(f'<a href="#{anchor}">{_e(title)}</a>' for anchor, title, _ in sections)
    body = "\n".join(_section(*s) for s in sections)
    return (f'<!DOCTYPE html>\n<html lang="en" data-schema-version="{_e(report.get("schema_version"))}">\n<head>\n'
            f'<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>distillbench report</title>\n<style>{_CSS}</style>\n</head>\n<body>\n<header class=\"top\">"
            f"<h1>distillbench report</h1>{_summary(report)}<nav>{nav}</nav></header>\n<main>\n{body}\n</main>\n"
            "</body>\n</html>\n")


_CSS = """
:root { --fg: #1f2328; --muted: #656d76; --line: #d0d7de; --bg-alt: #f6f8fa; --ok: #1a7f37; --bad: #cf222e; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--fg); background: #fff; line-height: 1.45;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
header.top { padding: 18px 32px 10px; border-bottom: 1px solid var(--line); background: var(--bg-alt); }
header.top h1 { margin: 0 0 4px; font-size: 22px; }
nav a { margin-right: 14px; color: #0969da; text-decoration: none; font-weight: 500; }
main { padding: 0 32px 40px; max-width: 1280px; }
section { margin-top: 28px; }
h2 { font-size: 18px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 20px 0 8px; } h4 { margin: 8px 0 2px; font-size: 12px; color: var(--muted); }
.summary, .note, figcaption { color: var(--muted); }
.count { color: var(--muted); font-weight: normal; font-size: 13px; }
table { border-collapse: collapse; margin: 6px 0 12px; font-size: 13px; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 9px; text-align: left; vertical-align: top; }
th { background: var(--bg-alt); font-weight: 600; white-space: nowrap; }
tbody tr:nth-child(even) { background: #fbfcfd; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.ci { color: var(--muted); font-variant-numeric: tabular-nums; white-space: nowrap; }
td.model { font-weight: 600; white-space: nowrap; } td.path { color: var(--muted); font-size: 12px; }
table.scores td.num[data-metric^="ice."], table.scores td.num[data-metric="rse.similarity"] { font-weight: 600; }
table.scores td.num[data-metric$=".n"] { font-weight: normal; }
dl.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(210px, 1fr)); gap: 6px 18px; margin: 8px 0; }
dl.facts dt { font-size: 11px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
dl.facts.small { grid-template-columns: 2fr 1fr 1fr 0.7fr 0.7fr; }
figure { margin: 8px 0 14px; } figure svg { max-width: 100%; height: auto; }
figure.chart svg { max-width: 760px; }
.heatmaps { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 10px; }
.badge { display: inline-block; padding: 0 7px; border-radius: 10px; font-size: 12px; font-weight: 600;
  margin-left: 6px; color: #fff; }
.badge.warn { background: #9a6700; } .badge.ok { background: var(--ok); } .badge.bad { background: var(--bad); }
.badge.level { background: #8250df; }
article.example { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; margin: 10px 0; }
article.example header code { font-weight: 600; }
blockquote.answer { margin: 6px 0; padding: 8px 12px; background: var(--bg-alt); border-left: 3px solid var(--line);
  white-space: pre-wrap; overflow-wrap: anywhere; max-height: 13em; overflow: auto; }
mark.contra { background: #ffcecb; border-bottom: 2px solid var(--bad); padding: 0 1px; }
mark.claim { background: #fff1a8; padding: 0 1px; }
.evidence { font-size: 13px; color: var(--muted); margin: 2px 0; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; margin: 2px 0; font-size: 12px; }
pre.error { background: #fff5f5; border: 1px solid #ffd8d3; padding: 3px 6px; max-height: 12em; overflow: auto; }
details.failed { margin: 6px 0; } table.failed td:first-child { white-space: nowrap; }
details summary { cursor: pointer; color: var(--muted); margin: 4px 0; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
td.perm { font-size: 12px; color: var(--muted); }
"""
