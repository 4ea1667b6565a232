"""The paper's LLM-judge rubric for RSE, with the judge's position bias controlled.

The judge rates how similar two answers to the same prompt are in response style, logical structure and
content detail, each 1-5. Every pair is judged twice, once in each order; the reported score is the mean
of both, and the difference between orders is reported as the judge's position bias. A judge from the
same family as the reference or the test model is flagged: it may favour its own style.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np

from distillbench.recording.client import chat_messages
from scoring.stats.resampling import bootstrap_mean_ci, paired_permutation_test

__all__ = ["ASPECTS", "judge_messages", "judge_section", "parse_rubric", "same_family_warning"]

ASPECTS = ("style", "structure", "content")
_SYSTEM = "You are an impartial evaluator of text similarity. Reply only with the JSON object requested."


def judge_messages(prompt: str, first: str, second: str) -> list[dict[str, str]]:
    """The rubric: three aspects, 1 (entirely different) to 5 (nearly identical), as a JSON object."""
    return chat_messages(
        f"Two assistants answered the same prompt.\n\n<prompt>\n{prompt[:3000]}\n</prompt>\n\n"
        f"<answer_1>\n{first[:4000]}\n</answer_1>\n\n<answer_2>\n{second[:4000]}\n</answer_2>\n\n"
        "Rate how similar the two answers are, from 1 (entirely different) to 5 (nearly identical), in:\n"
        "- style: tone, wording habits, formatting;\n"
        "- structure: the order and organisation of the reasoning or content;\n"
        "- content: the facts, details and conclusions given.\n"
        'Reply with JSON only, e.g. {"style": 3, "structure": 4, "content": 2}.',
        _SYSTEM,
    )


_SCORE = re.compile(r'"?(style|structure|content)"?\s*[:=]\s*"?([1-5](?:\.\d+)?)', re.IGNORECASE)


def parse_rubric(text: str) -> dict[str, float] | None:
    """The three 1-5 scores, from JSON or from `aspect: n` lines; None unless all three are present."""
    try:
        data = json.loads(text[text.index("{"): text.rindex("}") + 1])
        scores = {a: float(data[a]) for a in ASPECTS}
        if all(1 <= v <= 5 for v in scores.values()):
            return scores
    except (ValueError, KeyError, TypeError):
        pass
    found = {m.group(1).lower(): float(m.group(2)) for m in _SCORE.finditer(text)}
    return found if set(found) == set(ASPECTS) else None


def same_family_warning(judge: Mapping[str, Any], others: Iterable[tuple[str, Mapping[str, Any]]]) -> list[str]:
    """A judge of the same family or vendor as a compared model may favour its own style: say so."""
    warnings = []
    for name, spec in others:
        if spec.get("family") == judge.get("family") or spec.get("vendor") == judge.get("vendor"):
            warnings.append(f"judge {judge.get('model')!r} shares {spec.get('vendor')}/{spec.get('family')} "
                            f"with {name!r}: it may favour that model's style")
    return warnings


def judge_section(cases: Iterable[Mapping[str, Any]], models: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """Per (test, reference) pair and aspect: mean 1-5 over prompts with a bootstrap CI, and the order bias."""
    judged = [c for c in cases if c.get("kind") == "rse_judge" and c.get("status") == "passed"]
    if not judged:
        return {}
    judge = judged[0]["rse_judge"]["judge"]
    by_pair: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
    for case in judged:
        verdict = case["rse_judge"]
        by_pair.setdefault((verdict["test"], verdict["reference"]), []).append(verdict)
    pairs = []
    for (test, reference), verdicts in sorted(by_pair.items()):
        usable = [v for v in verdicts if v["forward"] is not None and v["backward"] is not None]
        aspects = {}
        for aspect in ASPECTS:
            forward = np.array([v["forward"][aspect] for v in usable], dtype=float)
            backward = np.array([v["backward"][aspect] for v in usable], dtype=float)
            mean = bootstrap_mean_ci((forward + backward) / 2).to_dict() if usable else None
            bias = paired_permutation_test(forward, backward, alternative="two-sided") if len(usable) > 1 else None
            aspects[aspect] = {"score": mean, "order_bias": None if bias is None else {
                "mean_difference": float(bias.mean_difference), "p_value": float(bias.p_value), "n": bias.n}}
        pairs.append({"test": test, "reference": reference, "n": len(usable),
                      "unparsed": len(verdicts) - len(usable), "aspects": aspects})
    spec = models.get(judge, {})
    involved = {name for pair in by_pair for name in pair}
    return {"judge": judge, "scale": "1-5 (paper rubric), mean of both presentation orders",
            "warnings": same_family_warning(spec, [(n, models[n]) for n in sorted(involved) if n in models]),
            "pairs": pairs}
