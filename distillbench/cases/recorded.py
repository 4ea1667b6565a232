"""RSE answers read straight from committed cassettes, as the report cases a replay would produce.

For tools that study the recorded answers without running the suite (the validity and performance
benchmarks): each cassette becomes a case dict that `scoring.similarity.answers` and `scoring.similarity.section`
read like any other, so the same exclusion rule and the same prompt/sample parsing apply.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from distillbench.recording.cassettes import recorded_answer

__all__ = ["recorded_rse_cases"]


def recorded_rse_cases(root: Path) -> list[dict[str, Any]]:
    """One case per `root/<model>/rse-*.yaml`, in path order; a cassette without a readable answer is a
    failed case (its `response.text` is None), as a failed replay would be."""
    cases = []
    for path in sorted(root.glob("*/rse-*.yaml")):
        model, text = path.parent.name, recorded_answer(path)
        cases.append({"id": f"{model}__{path.stem}", "kind": "rse", "model": model, "probe_id": path.stem,
                      "status": "passed" if text is not None else "failed", "response": {"text": text}})
    return cases
