"""Merging shard reports: two halves of a run give the single run's report; incompatible shards are refused."""

from __future__ import annotations

import copy
import random
import re
import sys
from typing import Any

import pytest

from distillbench.report.json_file import validate_report
from distillbench.report.merge import IncompatibleReports, merge_reports
from scoring.ice.scores import model_scores
from scoring.similarity.section import similarity_section

SETS = [
    {"id": "core", "kind": "questions", "source": "q.toml", "count": 6, "hash": "sha256:" + "a" * 64},
    {"id": "jailbreaks", "kind": "templates", "source": "t.toml", "count": 2, "hash": "sha256:" + "b" * 64},
]
RSE_SET = {"id": "mt-bench", "kind": "rse-prompts", "source": "rse.toml", "count": 6, "hash": "sha256:" + "c" * 64}
MODELS = {"student": "test", "other": "test", "ref": "reference"}
TOPICS = ["photosynthesis", "compilers", "volcanoes", "inflation", "vaccines", "glaciers"]


def spec(role: str, temperature: float = 0.0) -> dict[str, Any]:
    return {"base_url": "http://127.0.0.1:8080/v1", "model": "m", "vendor": "v", "family": "f", "role": role,
            "api_key_env": None, "aliases": [], "temperature": temperature, "max_tokens": 128, "seed": 0}


def ice_case(model: str, i: int, rng: random.Random) -> dict[str, Any]:
    strict = rng.random() < 0.3
    probe = f"en-q{i}--tpl-jb" if i % 2 else f"en-q{i}"
    return {"id": f"{model}__{probe}", "kind": "ice", "model": model, "probe_id": probe,
            "status": "failed" if i == 5 else "passed", "duration_s": 0.01,
            "response": {"text": f"I am {'ChatGPT' if strict else model}.", "finish_reason": "stop",
                         "prompt_tokens": 5, "completion_tokens": 5},
            "ice": {"contradiction": strict or rng.random() < 0.2, "strict": strict, "hard": strict and i % 2 == 0,
                    "control": i == 0, "claims": [], "evidence": None}}


def rse_case(model: str, topic: str, sample: str, rng: random.Random) -> dict[str, Any]:
    probe = f"rse-{topic}" + ("" if sample == "greedy" else f"--{sample}")
    words = rng.sample(["energy", "light", "layer", "signal", "market", "price", "river", "stone", "wave"], 3)
    if model == "other":
        text = f"## {topic.title()}\n\n- **{words[0]}**: first\n- **{words[1]}**: second\n"
    else:
        text = (f"Sure! {topic.capitalize()} is about how {words[0]} and {words[1]} interact. When the {words[2]} "
                f"changes, the whole system responds.{' Hope this helps!' if model == 'student' else ''}")
    return {"id": f"{model}__{probe}", "kind": "rse", "model": model, "probe_id": probe, "status": "passed",
            "response": {"text": text, "finish_reason": "stop", "prompt_tokens": 5, "completion_tokens": 40},
            "rse": {"prompt_id": topic, "category": "writing", "sample": sample, "refused": False,
                    "chars": len(text)}}


def all_cases() -> list[dict[str, Any]]:
    rng = random.Random(7)
    ice = [ice_case(m, i, rng) for m in MODELS for i in range(12)]
    rse = [rse_case(m, t, s, rng) for m in MODELS for t in TOPICS for s in ("greedy", "s1", "s2")]
    return ice + rse


def build(cases: list[dict[str, Any]], *, started: str = "2025-03-01T10:00:00+00:00",
          finished: str = "2025-03-01T11:00:00+00:00", workers: int = 2, exit_status: int = 0,
          models: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    """A report as ReportSession.build writes it, with the similarity section filled in."""
    cases = sorted(copy.deepcopy(cases), key=lambda c: c["id"])
    models = models if models is not None else {m: spec(r) for m, r in MODELS.items() if any(
        c["model"] == m for c in cases)}
    rse = any(c["kind"] == "rse" for c in cases)
    report = {
        "schema_version": "1.0",
        "run": {"suite_version": "0.1.0", "started": started, "finished": finished, "models_file": "models.toml",
                "models": models, "probe_sets": copy.deepcopy(SETS + ([RSE_SET] if rse else [])),
                "record_mode": "none", "workers": workers, "exit_status": exit_status},
        "models": model_scores(cases, models),
        "similarity": similarity_section(cases, {m: s["role"] for m, s in models.items()}) if rse else {},
        "cases": cases,
        "gates": [],
    }
    validate_report(report)
    return report


@pytest.fixture(scope="module")
def single() -> dict[str, Any]:
    return build(all_cases())


def assert_same_run(merged: dict[str, Any], single: dict[str, Any]) -> None:
    assert merged["cases"] == single["cases"]
    assert merged["models"] == single["models"]
    assert merged["similarity"] == single["similarity"]


def test_two_halves_by_kind_equal_one_run(single: dict[str, Any]) -> None:
    cases = all_cases()
    ice = build([c for c in cases if c["kind"] == "ice"], finished="2025-03-01T10:30:00+00:00", workers=1)
    rse = build([c for c in cases if c["kind"] == "rse"], started="2025-03-01T10:05:00+00:00", exit_status=1)
    merged = merge_reports([ice, rse])
    assert_same_run(merged, single)
    assert merged["similarity"]["pairs"]  # the RSE section was recomputed, not left empty
    run = merged["run"]
    assert run["started"] == "2025-03-01T10:00:00+00:00" and run["finished"] == "2025-03-01T11:00:00+00:00"
    assert run["workers"] == 3 and run["exit_status"] == 1 and run["merged_from"] == 2
    assert {s["id"] for s in run["probe_sets"]} == {"core", "jailbreaks", "mt-bench"}
    assert merged["gates"] == []
    validate_report(merged)


def test_interleaved_shards_in_any_order_equal_one_run(single: dict[str, Any]) -> None:
    cases = sorted(all_cases(), key=lambda c: c["id"])
    shards = [build(cases[0::3]), build(cases[1::3]), build(cases[2::3])]
    assert_same_run(merge_reports(shards), single)
    assert_same_run(merge_reports(shards[::-1]), single)
    assert merge_reports(shards)["run"]["merged_from"] == 3


def test_one_report_merges_to_itself(single: dict[str, Any]) -> None:
    assert_same_run(merge_reports([single]), single)


def test_shards_split_by_model_may_have_different_models(single: dict[str, Any]) -> None:
    cases = all_cases()
    shards = [build([c for c in cases if c["model"] == m]) for m in MODELS]
    merged = merge_reports(shards)
    assert_same_run(merged, single)
    assert set(merged["run"]["models"]) == set(MODELS)


def test_time_zones_are_compared_as_instants() -> None:
    cases = [c for c in all_cases() if c["kind"] == "ice"]
    a = build(cases[:10], started="2025-03-01T12:00:00+02:00", finished="2025-03-01T12:30:00+02:00")
    b = build(cases[10:], started="2025-03-01T10:30:00+00:00", finished="2025-03-01T10:40:00+00:00")
    run = merge_reports([a, b])["run"]
    assert run["started"] == "2025-03-01T12:00:00+02:00" and run["finished"] == "2025-03-01T10:40:00+00:00"


# --- incompatible shards ------------------------------------------------------------------------------------

def ice_halves() -> tuple[dict[str, Any], dict[str, Any]]:
    cases = [c for c in all_cases() if c["kind"] == "ice"]
    return build(cases[:18]), build(cases[18:])


def test_no_reports() -> None:
    with pytest.raises(IncompatibleReports, match="no reports"):
        merge_reports([])


def test_different_model_spec_is_refused() -> None:
    a, b = ice_halves()
    b["run"]["models"]["other"]["temperature"] = 0.7
    with pytest.raises(IncompatibleReports, match=r"report 1 has run\.models\.other\.temperature = 0\.7 but report 0"):
        merge_reports([a, b])


def test_other_public_fields_may_differ() -> None:
    a, b = ice_halves()
    b["run"]["models"]["other"]["aliases"] = ["stu"]
    merge_reports([a, b])


def test_different_probe_set_is_refused() -> None:
    a, b = ice_halves()
    b["run"]["probe_sets"][1]["hash"] = "sha256:" + "f" * 64
    with pytest.raises(IncompatibleReports, match=re.escape(
            "report 1 and report 0 differ in run.probe_sets of kind 'templates' (id jailbreaks)")):
        merge_reports([a, b])


def test_different_suite_major_or_schema_is_refused() -> None:
    a, b = ice_halves()
    b["run"]["suite_version"] = "0.2.5"
    merge_reports([a, b])  # same major
    b["run"]["suite_version"] = "1.0.0"
    with pytest.raises(IncompatibleReports, match=r"report 1 has run\.suite_version '1\.0\.0'"):
        merge_reports([a, b])
    b["run"]["suite_version"], b["schema_version"] = "0.1.0", "2.0"
    with pytest.raises(IncompatibleReports, match=re.escape("report 1 has schema_version '2.0'")):
        merge_reports([a, b])


# --- duplicate cases -------------------------------------------------------------------------------------

def test_a_passed_copy_wins_over_a_failed_one(single: dict[str, Any]) -> None:
    cases = all_cases()
    failed = copy.deepcopy([c for c in cases[:30] if c["status"] == "passed"])
    for case in failed:
        case["status"], case["error"] = "failed", "CaseError: no cassette"
    for order in ([build(failed), build(cases)], [build(cases), build(failed)]):
        assert_same_run(merge_reports(order), single)


def test_identical_passed_copies_are_kept_once(single: dict[str, Any]) -> None:
    merged = merge_reports([single, single])
    assert len(merged["cases"]) == len(single["cases"])
    assert_same_run(merged, single)


def test_passed_copies_with_different_answers_are_refused() -> None:
    cases = all_cases()
    other = copy.deepcopy(cases[:3])
    other[1]["response"]["text"] = "I am somebody else."
    with pytest.raises(IncompatibleReports, match=f"case '{other[1]['id']}' passed in report 0 and report 1"):
        merge_reports([build(cases), build(other)])


def test_of_two_unpassed_copies_failed_wins_then_the_earlier_shard() -> None:
    base = [c for c in all_cases() if c["kind"] == "ice"][:2]
    skipped, failed, failed_later = copy.deepcopy(base), copy.deepcopy(base), copy.deepcopy(base)
    for case in skipped:
        case["status"] = "skipped"
    for case in failed:
        case["status"], case["error"] = "failed", "first"
    for case in failed_later:
        case["status"], case["error"] = "failed", "second"
    merged = merge_reports([build(skipped), build(failed), build(failed_later)])
    assert {(c["status"], c["error"]) for c in merged["cases"]} == {("failed", "first")}


def test_similarity_is_empty_without_the_rse_module(monkeypatch: pytest.MonkeyPatch) -> None:
    shard = build([c for c in all_cases() if c["model"] != "ref"])
    monkeypatch.setitem(sys.modules, "scoring.similarity.section", None)  # makes the lazy import fail
    assert merge_reports([shard])["similarity"] == {}


def test_shards_scored_under_different_ice_policies_are_refused() -> None:
    cases = sorted(all_cases(), key=lambda c: c["id"])
    a, b = build(cases[0::2]), build(cases[1::2])
    a["run"]["ice_policy"], b["run"]["ice_policy"] = "rule", "paper"
    with pytest.raises(IncompatibleReports, match=r"report 1 has run.ice_policy 'paper' but report 0 has 'rule'"):
        merge_reports([a, b])
    b["run"]["ice_policy"] = "rule"
    merged = merge_reports([a, b])
    assert merged["run"]["ice_policy"] == "rule"
    validate_report(merged)


def test_a_shard_without_ice_cases_does_not_decide_the_policy() -> None:
    cases = all_cases()
    ice = build([c for c in cases if c["kind"] == "ice"])
    rse = build([c for c in cases if c["kind"] == "rse"])
    ice["run"]["ice_policy"], rse["run"]["ice_policy"] = "paper", "rule"
    assert merge_reports([rse, ice])["run"]["ice_policy"] == "paper"
