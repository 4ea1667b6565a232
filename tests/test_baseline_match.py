"""Pairing a run with its baseline: model renaming, the minimum of shared cases, completeness of reports."""

from __future__ import annotations

import pytest

from distillbench.gate.baseline import mcnemar_exact
from distillbench.gate.baseline_match import MIN_SHARED_CASES, baseline_problems, parse_model_map, rename_models
from distillbench.report.completeness import completeness, merged_completeness


def test_the_minimum_is_the_fewest_cases_a_two_sided_exact_test_can_flag() -> None:
    assert mcnemar_exact(0, MIN_SHARED_CASES) < 0.05  # every shared case changed one way: significant
    assert mcnemar_exact(0, MIN_SHARED_CASES - 1) > 0.05  # one fewer: not even that could be


def test_model_map_parses_and_refuses_what_cannot_pair() -> None:
    assert parse_model_map(["v2 = v1", "b=a"]) == {"v2": "v1", "b": "a"}
    for bad in (["v2"], ["=v1"], ["v2="], ["v2=v1", "v2=v0"], ["x=v1", "y=v1"]):
        with pytest.raises(ValueError, match="--baseline-model"):
            parse_model_map(bad)


def report(model: str, probes: int, *, complete: bool | None = True) -> dict:
    run: dict = {"models": {model: {}, "ref": {}}}
    if complete is not None:
        run["complete"] = complete
    cases = [{"id": f"{model}__p{i}", "model": model, "status": "passed"} for i in range(probes)]
    return {"run": run, "cases": [*cases, {"id": "ref__p0", "model": "ref", "status": "passed"}]}


def test_renaming_moves_cases_and_models_but_not_the_rest() -> None:
    renamed = rename_models(report("v1", 2), {"v2": "v1"})
    assert [c["id"] for c in renamed["cases"]] == ["v2__p0", "v2__p1", "ref__p0"]
    assert {c["model"] for c in renamed["cases"]} == {"v2", "ref"} and set(renamed["run"]["models"]) == {"v2", "ref"}
    assert rename_models(report("v1", 2), {})["cases"][0]["id"] == "v1__p0"


def planned(model: str, probes: int) -> list[tuple[str, str]]:
    return [(f"{model}__p{i}", model) for i in range(probes)]


def test_enough_shared_cases_pass_and_one_fewer_is_refused() -> None:
    assert baseline_problems(report("m", MIN_SHARED_CASES), planned("m", 10), {}) == []
    [problem] = baseline_problems(report("m", MIN_SHARED_CASES - 1), planned("m", 10), {})
    assert f"only {MIN_SHARED_CASES - 1} of this run's cases" in problem and "--baseline-model" not in problem


def test_a_renamed_model_is_pointed_to_the_mapping_option() -> None:
    [problem] = baseline_problems(report("v1", 10), planned("v2", 10), {})
    assert "only 0" in problem and "--baseline-model NEW=OLD" in problem and "v1" in problem
    assert baseline_problems(rename_models(report("v1", 10), {"v2": "v1"}), planned("v2", 10), {"v2": "v1"}) == []


def test_an_incomplete_baseline_is_refused_and_an_old_one_is_taken_as_complete() -> None:
    incomplete = report("m", 10, complete=False)
    incomplete["run"]["incomplete_reason"] = "interrupted"
    assert any("incomplete run (interrupted)" in p for p in baseline_problems(incomplete, planned("m", 10), {}))
    assert baseline_problems(report("m", 10, complete=None), planned("m", 10), {}) == []


def test_shards_that_only_selected_merge_into_a_complete_report() -> None:
    shard = completeness({"deselected": "50 cases deselected (-k, -m or --shard)"})
    assert shard["complete"] is False
    assert merged_completeness([shard, completeness({"models": "--models left out x"})]) == {"complete": True}
    lost = merged_completeness([shard, completeness({"interrupted": "interrupted"})])
    assert lost["complete"] is False and lost["incomplete_reason"] == "shard 2: interrupted"
    assert merged_completeness([{"complete": False}])["complete"] is False  # a reason-less incomplete shard
