"""Committed RSE cassettes read as report cases: what the benchmarks study without replaying."""

from __future__ import annotations

import shutil
from pathlib import Path

from distillbench.cases.recorded import recorded_rse_cases
from scoring.similarity.answers import exclusion_reason, prompt_sample

CASSETTES = Path(__file__).resolve().parent.parent / "cassettes"


def test_cassettes_become_cases_with_the_reports_parsing_and_exclusions(tmp_path: Path) -> None:
    source = next(CASSETTES.glob("smollm2-135m-instruct/rse-*--s1001.yaml"))
    (tmp_path / "m").mkdir()
    shutil.copy(source, tmp_path / "m" / source.name)
    (tmp_path / "m" / "rse-mtbench-81.yaml").write_text("interactions: [\n", encoding="utf-8")  # truncated
    (tmp_path / "m" / "en-who-are-you.yaml").write_text("not rse\n", encoding="utf-8")  # an ICE cassette
    good, broken = sorted(recorded_rse_cases(tmp_path), key=lambda c: c["status"], reverse=True)
    assert prompt_sample(good) == (source.stem.removeprefix("rse-").split("--")[0], "s1001")
    assert good["model"] == "m" and exclusion_reason(good) is None and good["response"]["text"]
    assert prompt_sample(broken) == ("mtbench-81", "greedy")
    assert exclusion_reason(broken) == "failed"
