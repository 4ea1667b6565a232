"""Cost of the RSE similarity section: how it grows with the number of models and with answer length.

Run: `python -m pytest -p no:xdist benchmarks/perf --benchmark-only` (this folder is not collected by
default). Times are reported per pair-prompt (one greedy-vs-greedy cell of the matrix on one prompt,
the unit that grows as N^2 * P) together with ratios to the smallest configuration, which stay
meaningful across machines, unlike seconds. Answers are synthetic, so the numbers hold for the code,
not for any particular model's outputs.
"""

from __future__ import annotations

import random
import time
from pathlib import Path
from typing import Any

import pytest

from distillbench.cases.recorded import recorded_rse_cases
from distillbench.fixtures.models_file import load_models
from scoring.similarity import COMBINED
from scoring.similarity.answers import prompt_sample
from scoring.similarity.section import similarity_section

REPO = Path(__file__).resolve().parents[2]

PROMPTS = 100
SAMPLES = ("greedy", "s1001", "s1002")
_VOCAB = ["the", "model", "data", "answer", "system", "learn", "value", "result", "because", "however", "first",
          "then", "also", "which", "energy", "light", "process", "signal", "market", "price", "memory", "river",
          "stone", "music", "rhythm", "force", "wave", "route", "season", "layer", "cell", "example", "reason",
          "simple", "common", "return", "number", "string", "list", "table", "graph", "node", "edge"]
_BASELINE: dict[str, float] = {}  # per-pair-prompt seconds of the first configuration of each series


def synthetic_answer(rng: random.Random, chars: int, style: int) -> str:
    """About `chars` characters of markdown-ish prose; `style` shifts vocabulary and layout per model."""
    words = _VOCAB[style % 7:] + _VOCAB[: style % 7]
    parts: list[str] = [f"## Answer {style}\n"] if style % 2 else []
    size = len(parts[0]) if parts else 0
    while size < chars:
        sentence = " ".join(rng.choice(words[: 20 + style]) for _ in range(rng.randint(6, 16))).capitalize() + "."
        line = f"- {sentence}\n" if style % 3 == 0 else sentence + " "
        parts.append(line)
        size += len(line)
    return "".join(parts)[:chars]


def synthetic_cases(n_models: int, chars: int, samples: tuple[str, ...] = SAMPLES,
                    seed: int = 0) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    cases = []
    for m in range(n_models):
        for p in range(PROMPTS):
            for sample in samples:
                text = synthetic_answer(rng, chars, m)
                cases.append({"id": f"m{m:02d}__rse-p{p:03d}--{sample}", "kind": "rse", "model": f"m{m:02d}",
                              "probe_id": f"rse-p{p:03d}--{sample}", "status": "passed",
                              "probe": {"prompt_id": f"p{p:03d}", "sample": sample},
                              "response": {"text": text},
                              "rse": {"prompt_id": f"p{p:03d}", "sample": sample, "refused": False}})
    return cases


def _record(benchmark: Any, series: str, key: str, pair_prompts: int, answers: list[str]) -> None:
    """Per-pair-prompt time, the share spent extracting features, and the ratio to the series' first run."""
    t0 = time.perf_counter()
    for text in answers:
        COMBINED.features(text)
    features = time.perf_counter() - t0
    mean = float(benchmark.stats.stats.mean)
    per = mean / pair_prompts
    base = _BASELINE.setdefault(series, per)
    benchmark.extra_info.update({"series": series, "config": key, "pair_prompts": pair_prompts,
                                 "seconds_per_pair_prompt": per, "ratio_per_pair_prompt_to_first": per / base,
                                 "feature_extraction_seconds": features, "feature_share": features / mean})
    print(f"\nRSE {series} {key}: {mean:.2f}s total, {per * 1e3:.3f} ms per pair-prompt "
          f"(x{per / base:.2f} vs first), feature extraction {features:.2f}s ({features / mean:.0%})")


@pytest.mark.parametrize("n_models", [3, 6, 10])
def test_section_grows_with_models(benchmark: Any, capsys: pytest.CaptureFixture[str], n_models: int) -> None:
    """The whole section (matrix, A/A ceilings from 2 resamples, pairs with permutation tests) at 0.5 KB."""
    cases = synthetic_cases(n_models, 500)
    roles = {"m00": "reference"}
    section = benchmark.pedantic(similarity_section, args=(cases, roles), rounds=3, iterations=1)
    assert len(section["pairs"]) == n_models - 1
    with capsys.disabled():
        _record(benchmark, "models", f"N={n_models}", n_models * (n_models - 1) // 2 * PROMPTS,
                [c["response"]["text"] for c in cases])


@pytest.mark.parametrize("chars", [500, 2000, 8000])
def test_matrix_grows_with_answer_length(benchmark: Any, capsys: pytest.CaptureFixture[str], chars: int) -> None:
    """Greedy answers only (no resamples, so no ceiling): the matrix and pairs of 3 models x 100 prompts."""
    cases = synthetic_cases(3, chars, samples=("greedy",))
    section = benchmark.pedantic(similarity_section, args=(cases, {"m00": "reference"}), rounds=3, iterations=1)
    assert section["matrix"]["combined"]["n"][0][1] == PROMPTS
    with capsys.disabled():
        _record(benchmark, "length", f"{chars / 1000:g}KB", 3 * PROMPTS, [c["response"]["text"] for c in cases])


def test_section_over_committed_answers(benchmark: Any, capsys: pytest.CaptureFixture[str]) -> None:
    """The section a `make report` run computes, over every committed RSE answer (greedy and resamples)."""
    cases = recorded_rse_cases(REPO / "cassettes")
    if not cases:
        pytest.fail("no committed RSE cassettes under cassettes/: record them with `make record`")
    roles = {name: spec.role for name, spec in load_models(REPO / "fixtures" / "models.toml").items()}
    models = sorted({c["model"] for c in cases})
    section = benchmark.pedantic(similarity_section, args=(cases, roles), rounds=3, iterations=1)
    assert section["matrix"]["models"] == models
    prompts = len({prompt_sample(c)[0] for c in cases})
    with capsys.disabled():
        _record(benchmark, "committed", f"{len(models)} models, {len(cases)} answers",
                len(models) * (len(models) - 1) // 2 * prompts, [c["response"]["text"] or "" for c in cases])
