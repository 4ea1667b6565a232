"""Speed of the judge-free ICE scorer relative to just reading the JSONL it scores.

The ratio (scoring time / read+parse time) is printed; it stays meaningful across machines, unlike seconds.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from distillbench.paths import shared_data_dir
from scoring.ice.registry import resolve_identity
from scoring.ice.roleplay import roleplay_names_from_prompt
from scoring.ice.verdict import judge_identity

DATA = shared_data_dir() / "paper-ice" / "responses" / "qwen2.5-72b.jsonl"
PARSE_RUNS = 7


def _read(path: Path) -> list[dict[str, object]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _score(rows: list[dict[str, object]]) -> int:
    target = resolve_identity("qwen2.5-72b")
    hits = 0
    for row in rows:
        answers = row["target_responses"]
        assert isinstance(answers, list)
        prompt = row["jailbreak_prompt"]
        assert isinstance(prompt, str)
        hits += judge_identity(answers[0], target, roleplay_names=roleplay_names_from_prompt(prompt)).contradiction
    return hits


def test_ice_scorer_speed_vs_jsonl_parse(benchmark, capsys) -> None:  # type: ignore[no-untyped-def]
    if not DATA.is_file():
        pytest.fail(f"paper ICE data missing at {DATA} (set DISTILLBENCH_SHARED)")
    t0 = time.perf_counter()
    rows = _read(DATA)
    parse = time.perf_counter() - t0
    hits = benchmark.pedantic(_score, args=(rows,), rounds=3, iterations=1)
    score = benchmark.stats.stats.mean
    ratio = score / parse if parse else float("inf")
    benchmark.extra_info["parse_seconds"] = parse
    benchmark.extra_info["ratio_score_to_parse"] = ratio
    with capsys.disabled():
        print(f"\nICE scorer: {len(rows)} rows, score {score:.3f}s, read+parse {parse:.3f}s, ratio {ratio:.1f}x")
    assert hits > 0
    assert score / len(rows) < 0.05  # well under 50 ms per answer


def test_ice_score_path_vs_jsonl_parse_on_every_published_answer(benchmark, capsys) -> None:  # type: ignore[no-untyped-def]
    """What `distillbench ice-score` and `ice-table` do (template and question read apart, the policy) over every
    model's answers, against reading and parsing the same files with the command's own reader.

    Both sides are the fastest of several runs: reading 6,000 lines takes about a tenth of a second and varies by
    half between runs on a shared machine, so a single run's ratio says more about the machine than the scorer."""
    from distillbench.cli.ice_score import read_ice_jsonl, score_rows
    from scoring.ice.claim_types import POLICIES

    files = sorted((shared_data_dir() / "paper-ice" / "responses").glob("*.jsonl"))
    if not files:
        pytest.fail(f"paper ICE data missing at {shared_data_dir() / 'paper-ice' / 'responses'}")
    parses = []
    for _ in range(PARSE_RUNS):
        t0 = time.perf_counter()
        inputs = [(resolve_identity(f.stem), read_ice_jsonl(f)) for f in files]
        parses.append(time.perf_counter() - t0)
    parse = min(parses)

    def score() -> int:
        return sum(len(score_rows(rows, target, policy=POLICIES["paper"])["rows"]) for target, rows in inputs)

    n = benchmark.pedantic(score, rounds=2, iterations=1)
    seconds = benchmark.stats.stats.min
    ratio = seconds / parse if parse else float("inf")
    benchmark.extra_info["parse_seconds"] = parse
    benchmark.extra_info["ratio_score_to_parse"] = ratio
    with capsys.disabled():
        print(f"\nice-score path: {n} answers in {len(files)} files, score {seconds:.3f}s, read+parse {parse:.3f}s "
              f"(fastest of {PARSE_RUNS}; slowest {max(parses):.3f}s), ratio {ratio:.1f}x, "
              f"{1000 * seconds / n:.2f} ms per answer")
    assert n == sum(len(rows) for _, rows in inputs)
