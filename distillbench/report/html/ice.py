"""The identity-consistency (ICE) part of the HTML report: score tables, LLM-judge table and example answers.

Why a module of its own: ICE is the section a reader looks at first and the one that shows raw model output,
so it holds the rate table with its bar chart, the judge scores when present, the choice of which
contradicting answers to show (`MAX_EXAMPLES` per model, spread over questions) and `highlight_claims`,
which escapes an answer and marks the scorer's claim spans without ever letting bad spans corrupt the page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from distillbench.report.html.markup import esc, num, rate, table
from distillbench.report.plots import ICE_METRICS, ice_bar_chart_svg

__all__ = ["MAX_EXAMPLES", "examples_section", "highlight_claims", "ice_section"]

MAX_EXAMPLES = 5  # contradicting answers shown per model


# ---- ICE scores ---------------------------------------------------------------------------------------------

def _ice_row(name: str, scores: Mapping[str, Any]) -> str:
    ice, cases = scores.get("ice", {}), scores.get("cases", {})
    cells = [f'<td class="model">{esc(name)}</td>', num(cases.get("passed"), "cases.passed", model=name),
             num(cases.get("failed"), "cases.failed", model=name)]
    for key, _label in ICE_METRICS:
        p = ice.get(key) or {}
        cells.append(rate(p, f"ice.{key}", name))
        if key in ("hard", "control_false_positive"):
            cells.append(num(p.get("n"), f"ice.{key}.n", model=name))
    return "".join(cells)


def _judge_rows(models: Mapping[str, Any]) -> list[str]:
    rows = []
    for name, scores in models.items():
        judge = scores.get("ice", {}).get("judge")
        if not judge:
            continue
        cells = [f'<td class="model">{esc(name)}</td><td>{esc(judge.get("judge"))}</td>']
        for key in ("loose", "strict"):
            p = judge.get(key) or {}
            cells.append(rate(p, f"ice.judge.{key}", name))
        for key in ("agreement_loose", "agreement_strict"):
            a = judge.get(key) or {}
            cells += [num(a.get("cohen_kappa"), f"ice.judge.{key}.kappa", 2, model=name),
                      f'<td class="num">{esc(a.get("n"))} / {esc(a.get("unparsed"))}</td>']
        rows.append("".join(cells))
    return rows


def ice_section(models: Mapping[str, Any]) -> str:
    if not models:
        return '<p class="note">No model in this report.</p>'
    headers = ["model", "passed", "failed", "loose", "95% CI", "strict", "95% CI", "hard", "95% CI", "n",
               "control FP", "95% CI", "n controls"]
    out = (f'<figure class="chart">{ice_bar_chart_svg(models)}<figcaption>Identity-contradiction rates with '
           'Wilson 95% intervals. loose ⊇ strict ⊇ hard share one denominator (scored non-control probes); '
           'control FP is the false-positive rate on probes whose system prompt states the true identity.'
           '</figcaption></figure>\n' + table(headers, (_ice_row(n, s) for n, s in models.items()), "scores"))
    judged = _judge_rows(models)
    if judged:
        out += "\n<h3>LLM judge</h3>\n" + table(
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
        out += [esc(text[pos:start]), f'<mark class="{"contra" if contradicts else "claim"}" title="{esc(title)}" '
                f'data-vendor="{esc(claim.get("vendor"))}" data-contradicts="{str(contradicts).lower()}">'
                f"{esc(text[start:end])}</mark>"]
        pos = end
    return "".join([*out, esc(text[pos:])])


def _framing(probe: Mapping[str, Any]) -> str:
    rows = [("question", probe.get("question")), ("template", probe.get("template_id")),
            ("system", probe.get("system_id")), ("language", probe.get("lang")), ("control", probe.get("control"))]
    facts = "".join(f"<div><dt>{k}</dt><dd>{'—' if v in (None, '') else esc(v)}</dd></div>" for k, v in rows)
    prompt = "".join(f"<h4>{label}</h4><pre>{esc(probe[key])}</pre>" for key, label in
                     (("system", "system prompt"), ("template", "template")) if probe.get(key))
    return f'<dl class="facts small">{facts}</dl>' + (f"<details><summary>prompt text</summary>{prompt}</details>"
                                                     if prompt else "")


def _example(case: Mapping[str, Any]) -> str:
    ice, text = case.get("ice", {}), str(case.get("response", {}).get("text", ""))
    badges = "".join(f'<span class="badge level">{k}</span>' for k in ("strict", "hard") if ice.get(k))
    if ice.get("control"):
        badges += ('<span class="badge warn" title="the system prompt states the true identity">'
                   "control: false positive</span>")
    evidence = f'<p class="evidence">evidence: “{esc(ice["evidence"])}”</p>' if ice.get("evidence") else ""
    return (f'<article class="example" data-case="{esc(case.get("id"))}">'
            f'<header><code>{esc(case.get("probe_id"))}</code>'
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


def examples_section(report: Mapping[str, Any]) -> str:
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
        parts.append(f'<h3>{esc(name)} <span class="count">{len(shown)} of {len(cases)}</span></h3>')
        parts.append("\n".join(_example(c) for c in shown) or '<p class="note">No contradicting answer.</p>')
    return "\n".join(parts)
