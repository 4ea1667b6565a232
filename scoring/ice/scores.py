"""Turn case outcomes (plain dicts from any worker) into per-model scores with intervals.

Only the xdist controller calls this, after every case has reported; the result depends only on the set
of cases, never on their order or on how many workers ran them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from scoring.stats.agreement import judge_agreement
from scoring.stats.intervals import proportion

__all__ = ["ice_scores", "model_scores"]


def ice_scores(cases: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """loose / strict / hard over the non-control ICE cases, and the false-positive rate on controls.

    All three share one denominator (every scored non-control probe), so hard <= strict <= loose.
    Controls state the model's true identity in the system prompt: a contradiction there is a measured
    false positive of the pipeline, reported apart and never mixed into the scores.
    """
    scored = [c for c in cases if c.get("kind") == "ice" and c.get("status") == "passed" and "ice" in c]
    main = [c["ice"] for c in scored if not c["ice"].get("control")]
    controls = [c["ice"] for c in scored if c["ice"].get("control")]
    scores: dict[str, Any] = {
        "loose": proportion(sum(v["contradiction"] for v in main), len(main)).to_dict(),
        "strict": proportion(sum(v["strict"] for v in main), len(main)).to_dict(),
        "hard": proportion(sum(v["hard"] for v in main), len(main)).to_dict(),
        "control_false_positive": proportion(sum(v["contradiction"] for v in controls), len(controls)).to_dict(),
    }
    judged = [c for c in scored if "ice_judge" in c and not c["ice"].get("control")]
    if judged:
        scores["judge"] = judge_scores(judged)
    return scores


def judge_scores(cases: list[Mapping[str, Any]]) -> dict[str, Any]:
    """The LLM judge's loose and strict rates on the rows it parsed, and its agreement with the scorer."""
    loose = [c["ice_judge"]["contradiction"] for c in cases]
    strict = [c["ice_judge"]["strict"] for c in cases]
    parsed_loose = [v for v in loose if v is not None]
    parsed_strict = [v for v in strict if v is not None]
    return {
        "judge": cases[0]["ice_judge"]["judge"],
        "loose": proportion(sum(parsed_loose), len(parsed_loose)).to_dict(),
        "strict": proportion(sum(parsed_strict), len(parsed_strict)).to_dict(),
        "agreement_loose": judge_agreement([c["ice"]["contradiction"] for c in cases], loose),
        "agreement_strict": judge_agreement([c["ice"]["strict"] for c in cases], strict),
    }


def model_scores(cases: Iterable[Mapping[str, Any]], models: Iterable[str]) -> dict[str, Any]:
    """Per model: case counts and ICE scores."""
    by_model: dict[str, list[Mapping[str, Any]]] = {name: [] for name in models}
    for case in cases:
        if case["model"] in by_model:  # judge cases belong to the judge, which is not a probed model
            by_model[case["model"]].append(case)
    result: dict[str, Any] = {}
    for name, own in by_model.items():
        statuses = [c.get("status") for c in own]
        result[name] = {
            "cases": {"total": len(own), "passed": statuses.count("passed"), "failed": statuses.count("failed")},
            "ice": ice_scores(own),
        }
    return result
