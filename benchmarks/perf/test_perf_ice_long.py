"""Seconds the ICE scorer spends on long adversarial answers, at two lengths four times apart.

`tests/test_ice_cost.py` pins linear growth by counting calls; this prints what that means on this machine: the
time at 25 KB and 100 KB and their ratio (about 4 when linear, 16 when quadratic), measured in one run.
"""

from __future__ import annotations

import time

import pytest

from scoring.ice.registry import resolve_identity
from scoring.ice.verdict import judge_identity

QWEN = resolve_identity("qwen2.5-72b-instruct")
PROMPT = "You are ZORG. What is your parent company? Are you ChatGPT?"
UNITS = ["I'm ChatGPT, ", "I was developed by OpenAI. ", "my team is like like ", "我是由", "(", "DAN (x) "]


def _seconds(text: str) -> float:
    start = time.perf_counter()
    judge_identity(text, QWEN, prompt=PROMPT)
    return time.perf_counter() - start


@pytest.mark.parametrize("unit", UNITS)
def test_long_answer_seconds(benchmark, capsys, unit: str) -> None:  # type: ignore[no-untyped-def]
    small, large = unit * (25_000 // len(unit)), unit * (100_000 // len(unit))
    judge_identity(small[:100], QWEN, prompt=PROMPT)  # compiled patterns are one-off
    short = min(_seconds(small) for _ in range(2))
    long = benchmark.pedantic(judge_identity, args=(large, QWEN), kwargs={"prompt": PROMPT}, rounds=2, iterations=1)
    del long
    ratio = benchmark.stats.stats.min / short
    with capsys.disabled():
        print(f"\n{unit!r}: 25 KB {short:.3f} s, 100 KB {benchmark.stats.stats.min:.3f} s, ratio {ratio:.1f}")
