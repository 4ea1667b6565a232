"""The held-back evaluation: a suite report of one template set on the held-back questions, read as
(template, question, verdict) rows for `scoring.stats.template_sets`."""

from __future__ import annotations

from typing import Any

from scoring.stats.template_sets import TemplateAnswer

__all__ = ["template_answers"]


def template_answers(report: dict[str, Any], model: str) -> list[TemplateAnswer]:
    """Every scored ICE answer of `model` asked inside a template (plain questions are no template's)."""
    rows = []
    for case in report["cases"]:
        probe, ice = case.get("probe") or {}, case.get("ice")
        if case.get("model") != model or case.get("kind") != "ice" or ice is None or not probe.get("template_id"):
            continue
        rows.append(TemplateAnswer(probe["template_id"], probe["question_id"], bool(ice["contradiction"]),
                                   bool(ice["strict"])))
    return rows
