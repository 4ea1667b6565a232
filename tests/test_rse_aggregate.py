"""The report's RSE similarity section, on synthetic case dicts shaped like the controller's."""

from __future__ import annotations

import json
import math
import random
import re
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
from synthetic_answers import TOPICS, bullets, near_copy, prose, terse

from distillbench.report.json_file import SCHEMA_VERSION, validate_report
from distillbench.report.rse_text import similarity_properties, similarity_summary_lines
from scoring.similarity import similarity_profile
from scoring.similarity.section import (
    GRANULARITIES,
    _permutations,
    similarity_section,
)
from scoring.stats.resampling import paired_permutation_test

SAMPLES = ("greedy", "s1001", "s1002")
ROLES = {"ref": "reference", "copy": "test", "other": "test", "terse": "test", "judge": "judge"}
FAST: dict[str, Any] = {"n_resamples": 200, "n_permutations": 2000}


def case(model: str, prompt: str, sample: str, text: str | None, status: str = "passed",
         refused: bool | None = None) -> dict[str, Any]:
    probe_id = f"rse-{prompt}" + ("" if sample == "greedy" else f"--{sample}")
    data: dict[str, Any] = {
        "id": f"{model}__{probe_id}", "kind": "rse", "model": model, "probe_id": probe_id,
        "cassette": f"cassettes/{model}/{probe_id}.yaml", "status": status, "duration_s": 0.01,
        "probe": {"prompt_id": prompt, "category": "writing", "prompt": f"Explain {prompt}.", "sample": sample,
                  "temperature": 0.0 if sample == "greedy" else 0.7, "max_tokens": 128, "seed": 7},
    }
    if status == "failed":
        data["error"] = "CaseError: no cassette"
    if text is not None:
        data["response"] = {"text": text, "finish_reason": "stop", "prompt_tokens": 10, "completion_tokens": 50,
                            "served_model": model}
        data["rse"] = {"prompt_id": prompt, "category": "writing", "sample": sample,
                       "refused": bool(refused), "chars": len(text)}
    return data


def make_cases(n_prompts: int = 24, seed: int = 0, models: tuple[str, ...] = ("ref", "copy", "other", "terse"),
               ) -> list[dict[str, Any]]:
    """Every model answers every prompt greedily and twice resampled; 'copy' near-copies 'ref' greedy."""
    rng = random.Random(seed)
    cases = []
    for p in range(n_prompts):
        topic, prompt = TOPICS[p % len(TOPICS)], f"mtbench-{81 + p}"
        ref_greedy = prose(topic, rng)
        for sample in SAMPLES:
            texts = {
                "ref": ref_greedy if sample == "greedy" else prose(topic, rng),
                "copy": near_copy(ref_greedy, rng) if sample == "greedy" else near_copy(prose(topic, rng), rng),
                "other": bullets(topic, rng),
                "terse": terse(topic, rng),
            }
            cases += [case(m, prompt, sample, texts[m]) for m in models]
    # Noise the aggregation must ignore: an ICE case and a judge's stray answer.
    cases.append({"id": "ref__en-who-are-you", "kind": "ice", "model": "ref", "probe_id": "en-who-are-you",
                  "status": "passed"})
    cases.append(case("judge", "mtbench-81", "greedy", "I judge."))
    return cases


@pytest.fixture(scope="module")
def cases() -> list[dict[str, Any]]:
    return make_cases()


@pytest.fixture(scope="module")
def section(cases: list[dict[str, Any]]) -> dict[str, Any]:
    return similarity_section(cases, ROLES, **FAST)


def pair(section: dict[str, Any], test: str) -> dict[str, Any]:
    found: dict[str, Any] = next(p for p in section["pairs"] if p["test"] == test)["granularities"]
    return found


def numbers(obj: Any) -> Iterator[float]:
    if isinstance(obj, dict):
        for value in obj.values():
            yield from numbers(value)
    elif isinstance(obj, list):
        for value in obj:
            yield from numbers(value)
    elif isinstance(obj, float):
        yield obj


def minimal_report(similarity: dict[str, Any]) -> dict[str, Any]:
    run = {"suite_version": "0", "started": "2025-01-01T00:00:00+00:00", "finished": "2025-01-01T00:00:01+00:00",
           "models": {}, "probe_sets": [], "record_mode": "none", "workers": 0, "exit_status": 0}
    return {"schema_version": SCHEMA_VERSION, "run": run, "models": {}, "similarity": similarity, "cases": [],
            "gates": []}


def test_shape_and_bounds(section: dict[str, Any]) -> None:
    models = ["copy", "other", "ref", "terse"]
    assert section["models"] == section["matrix"]["models"] == models  # sorted, judge left out
    assert section["reference"] == "ref" and section["n_prompts"] == 24
    assert section["granularities"] == list(GRANULARITIES)
    assert [p["test"] for p in section["pairs"]] == ["copy", "other", "terse"]
    for g in GRANULARITIES:
        cells = section["matrix"][g]
        mean, lo, hi, n = (np.array(cells[k], dtype=float) for k in ("mean", "ci_low", "ci_high", "n"))
        assert mean.shape == (4, 4) and np.array_equal(mean, mean.T) and np.array_equal(n, n.T)
        assert np.all((lo <= mean + 1e-12) & (mean <= hi + 1e-12) & (lo >= 0) & (hi <= 1))
        assert np.all(n == 24)
        for i, m in enumerate(models):  # diagonal = the model's A/A ceiling, not 1.0
            assert section["matrix"][g]["mean"][i][i] == section["ceiling"][m][g]["mean"]
        for result in section["pairs"]:
            r = result["granularities"][g]
            assert 1 <= r["likert"] <= 5
            assert r["homogenization_index"] is None or 0 <= r["homogenization_index"] <= 1
            assert r["ceiling"] == section["ceiling"]["ref"][g]
            assert all(0 < t["p_value"] <= 1 and t["alternative"] == "greater" for t in r["permutation"])
            assert {t["control"] for t in r["permutation"]} == set(models) - {"ref", result["test"]}
    assert "A/A" in section["matrix"]["diagonal"]


def test_matrix_cells_are_the_library_granularities(cases: list[dict[str, Any]]) -> None:
    """Features are extracted once and combined is recomposed here: it must equal the library's definitions."""
    one = [c for c in cases if c["probe_id"] == "rse-mtbench-81" and c["model"] in ("ref", "other")]
    section = similarity_section(one, ROLES, **FAST)
    texts = {c["model"]: c["response"]["text"] for c in one}
    expected = similarity_profile(texts["other"], texts["ref"])
    for g in GRANULARITIES:
        assert section["matrix"][g]["mean"][0][1] == pytest.approx(expected[g], abs=1e-12)


def test_near_copy_is_closer_and_significant(section: dict[str, Any]) -> None:
    copy, other = pair(section, "copy"), pair(section, "other")
    for g in ("content", "combined"):
        assert copy[g]["similarity"]["ci_low"] > other[g]["similarity"]["ci_high"]
        assert copy[g]["homogenization_index"] > 0.8
        tests = {t["control"]: t for t in copy[g]["permutation"]}
        assert tests["other"]["p_value"] < 0.01 and tests["terse"]["p_value"] < 0.01
        assert tests["other"]["mean_difference"] > 0.2 and tests["other"]["n"] == 24
        assert {t["control"]: t for t in other[g]["permutation"]}["copy"]["p_value"] > 0.5
    assert copy["combined"]["floor_model"] in ("other", "terse")
    assert copy["combined"]["floor"]["mean"] < copy["combined"]["similarity"]["mean"]


def test_deterministic_with_seed(cases: list[dict[str, Any]], section: dict[str, Any]) -> None:
    assert similarity_section(cases, ROLES, **FAST) == section
    other_seed = similarity_section(cases, ROLES, seed=1, **FAST)
    assert other_seed["matrix"]["combined"]["mean"] == section["matrix"]["combined"]["mean"]
    assert other_seed["matrix"]["combined"]["ci_low"] != section["matrix"]["combined"]["ci_low"]


def test_independent_of_case_order(cases: list[dict[str, Any]], section: dict[str, Any]) -> None:
    shuffled = list(cases)
    random.Random(5).shuffle(shuffled)
    assert similarity_section(shuffled, ROLES, **FAST) == section
    assert similarity_section(reversed(cases), ROLES, **FAST) == section  # any iterable, once


def test_excluded_answers_are_reported_not_averaged() -> None:
    cases = make_cases(n_prompts=8)
    sorry = "I'm sorry, but I can't help with that."
    replace: dict[tuple[str, str | None, str | None], dict[str, Any]] = {
        ("copy", "mtbench-81", "greedy"): case("copy", "mtbench-81", "greedy", sorry),
        ("copy", "mtbench-82", "greedy"): case("copy", "mtbench-82", "greedy", None, status="failed"),
        ("copy", "mtbench-83", "greedy"): case("copy", "mtbench-83", "greedy", "  \n "),
        ("copy", "mtbench-84", "greedy"): case("copy", "mtbench-84", "greedy", "Plain words.", refused=True),
        ("ref", "mtbench-85", "s1001"): case("ref", "mtbench-85", "s1001", "", status="skipped"),
    }

    def key(c: dict[str, Any]) -> tuple[str, str | None, str | None]:
        return c["model"], c.get("probe", {}).get("prompt_id"), c.get("probe", {}).get("sample")

    cases = [replace.get(key(c), c) for c in cases if key(c) != ("other", "mtbench-86", "greedy")]
    section = similarity_section(cases, ROLES, **FAST)
    assert section["excluded"]["copy"] == [
        {"prompt_id": "mtbench-81", "sample": "greedy", "reason": "refused"},
        {"prompt_id": "mtbench-82", "sample": "greedy", "reason": "failed"},
        {"prompt_id": "mtbench-83", "sample": "greedy", "reason": "empty"},
        {"prompt_id": "mtbench-84", "sample": "greedy", "reason": "refused"},
    ]
    assert section["excluded"]["ref"] == [{"prompt_id": "mtbench-85", "sample": "s1001", "reason": "skipped"}]
    assert section["excluded"]["other"] == [{"prompt_id": "mtbench-86", "sample": "greedy", "reason": "missing"}]
    assert section["excluded"]["terse"] == []
    copy = pair(section, "copy")
    assert copy["combined"]["similarity"]["n"] == 4  # only prompts where both greedy answers are usable
    assert {t["control"]: t["n"] for t in copy["combined"]["permutation"]} == {"other": 3, "terse": 4}
    assert section["ceiling"]["ref"]["combined"]["n"] == 8  # prompt 85 still has greedy + s1002
    assert section["ceiling"]["copy"]["combined"]["n"] == 8  # resamples carry the excluded greedy prompts
    i, j = section["models"].index("copy"), section["models"].index("ref")
    assert section["matrix"]["combined"]["n"][i][j] == 4
    assert "copy=4" in similarity_summary_lines(section)[-1]


def test_ceiling_is_computed_from_resamples() -> None:
    rng = random.Random(3)
    texts = {p: [prose(TOPICS[p], rng) for _ in SAMPLES] for p in range(3)}
    cases = [case("ref", f"p{p}", s, texts[p][k]) for p in texts for k, s in enumerate(SAMPLES)]
    cases += [case("echo", f"p{p}", s, texts[p][0]) for p in texts for s in SAMPLES]  # resamples = greedy
    section = similarity_section(cases, {"ref": "reference"}, **FAST)
    assert section["ceiling"]["echo"]["combined"] == {"mean": 1.0, "n": 3, "ci_low": 1.0, "ci_high": 1.0}
    for g in GRANULARITIES:
        per_prompt = [np.mean([similarity_profile(texts[p][0], texts[p][b])[g] for b in (1, 2)])  # greedy vs each
                      for p in texts]
        assert section["ceiling"]["ref"][g]["mean"] == pytest.approx(float(np.mean(per_prompt)), abs=1e-12)
        assert section["ceiling"]["ref"][g]["n"] == 3
    # A single usable answer gives no A/A pair: the ceiling is undefined, not 1.0.
    lonely = similarity_section([case("ref", "p0", "greedy", texts[0][0])], {}, **FAST)
    assert lonely["ceiling"]["ref"]["combined"] == {"mean": None, "n": 0, "ci_low": None, "ci_high": None}


def test_two_models_have_no_floor_and_no_permutation() -> None:
    section = similarity_section(make_cases(n_prompts=6, models=("ref", "copy")), ROLES, **FAST)
    result = pair(section, "copy")["combined"]
    assert result["floor"] is None and result["floor_model"] is None
    assert result["homogenization_index"] is None and result["permutation"] == []
    assert result["similarity"]["n"] == 6


def test_reference_selection() -> None:
    cases = make_cases(n_prompts=4)
    explicit = similarity_section(cases, ROLES, reference="other", **FAST)
    assert explicit["reference"] == "other" and {p["test"] for p in explicit["pairs"]} == {"copy", "ref", "terse"}
    with pytest.raises(ValueError, match=r"'nobody'.*copy, other, ref, terse"):
        similarity_section(cases, ROLES, reference="nobody")
    with pytest.raises(ValueError, match=r"'judge'"):  # judges answer nothing here, even when they did
        similarity_section(cases, ROLES, reference="judge")
    with pytest.raises(ValueError, match=r"several.*other, ref"):
        similarity_section(cases, {**ROLES, "other": "reference"})
    none = similarity_section(cases, {"judge": "judge"}, **FAST)
    assert none["reference"] is None and none["pairs"] == []
    assert none["models"] == ["copy", "other", "ref", "terse"]
    assert none["matrix"]["combined"]["n"][0][1] == 4
    assert similarity_summary_lines(none)[-1].startswith("no pairs")


def test_json_plain_and_schema_valid(section: dict[str, Any]) -> None:
    degenerate = similarity_section(
        [case("ref", "p0", "greedy", "I cannot help with that."), case("copy", "p0", "greedy", "Hi."),
         case("other", "p0", "greedy", None, status="failed")], ROLES, **FAST)
    assert pair(degenerate, "copy")["combined"]["similarity"]["mean"] is None
    assert pair(degenerate, "copy")["combined"]["likert"] is None
    assert pair(degenerate, "copy")["combined"]["permutation"][0]["p_value"] is None
    for sec in (section, degenerate, similarity_section([], {}), {}):
        text = json.dumps(sec, allow_nan=False)
        assert json.loads(text) == sec  # only plain JSON types (no tuples, no numpy scalars)
        assert all(math.isfinite(x) for x in numbers(sec))
        validate_report(minimal_report(sec))


def test_schema_rejects_a_broken_section(section: dict[str, Any]) -> None:
    import jsonschema

    broken = json.loads(json.dumps(section))
    broken["pairs"][0]["granularities"]["combined"]["similarity"]["mean"] = 1.5
    with pytest.raises(jsonschema.ValidationError):
        validate_report(minimal_report(broken))
    del broken["matrix"]
    with pytest.raises(jsonschema.ValidationError):
        validate_report(minimal_report(broken))


def test_properties_and_summary(section: dict[str, Any]) -> None:
    props = dict(similarity_properties(section))
    value = props["rse.combined[copy,ref]"]
    assert re.fullmatch(r"\d\.\d{4} \[\d\.\d\d, \d\.\d\d\] n=24 likert=\d\.\d\d hi=(\d\.\d\d|n/a)", value)
    assert re.fullmatch(r"\d\.\d{4} \[\d\.\d\d, \d\.\d\d\] n=24", props["rse.ceiling.combined:ref"])
    assert props["rse.reference"] == "ref"
    assert "rse.permutation.content[copy,ref]:other" in props
    assert all(isinstance(v, str) for v in props.values())
    lines = similarity_summary_lines(section)
    assert len(lines) == 3 + 3 * len(GRANULARITIES)  # title, header, rule, one row per pair x granularity
    assert any(line.startswith("copy") and "combined" in line and ("vs other" in line or "vs terse" in line)
               for line in lines)
    assert similarity_properties({}) == [] and similarity_summary_lines({}) == []


def test_vectorized_permutation_agrees_with_library() -> None:
    rng = np.random.default_rng(0)
    x = rng.random(60)
    ys = {"a": x - 0.05 + rng.normal(0, 0.2, 60), "b": x + rng.normal(0, 0.2, 60), "c": rng.random(60)}
    ys["b"][:10] = np.nan
    ys["small"] = np.where(np.arange(60) < 8, x - 0.1, np.nan)  # 2**8 <= n_permutations: exact, via the library
    ours = {t["control"]: t for t in _permutations(x, ys, 20000, (0, 2, 0, 0))}
    for name, y in ys.items():
        lib = paired_permutation_test(x, y, 20000, seed=1)
        assert ours[name]["n"] == lib.n and ours[name]["mean_difference"] == pytest.approx(lib.mean_difference)
        assert ours[name]["p_value"] == pytest.approx(lib.p_value, abs=0.015)
    assert ours["small"]["p_value"] == pytest.approx(1 / 256)
