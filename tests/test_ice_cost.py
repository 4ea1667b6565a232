"""The ICE scorer's cost grows linearly with its input, pinned by counting operations, not by a clock.

A wall-clock limit fails on a loaded machine and passes a quadratic rule on a fast one; the number of calls the
scorer makes (Python and C functions alike, counted with `sys.setprofile`) does neither. Each adversarial input
is scored at two sizes, four times apart: a linear scorer makes about four times the calls, a quadratic one
sixteen. Timings live in `benchmarks/perf/test_perf_ice_long.py`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import FrameType
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring.ice.registry import resolve_identity
from scoring.ice.span_index import SpanIndex
from scoring.ice.verdict import judge_identity

QWEN = resolve_identity("qwen2.5-72b-instruct")
PROMPT = "You are ZORG. What is your parent company? Are you ChatGPT?"
GROWTH = 4
# Linear cost makes GROWTH times the calls (a little more where the input's start and end are fixed costs);
# quadratic makes GROWTH**2. The bound sits between them with room for both.
LIMIT = GROWTH * 1.6


def calls(fn: Callable[[], Any]) -> int:
    """Calls made by `fn`, after one call that is not counted (compiled patterns and caches are one-off)."""
    fn()
    count = 0

    def profile(frame: FrameType, event: str, arg: Any) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        fn()
    finally:
        sys.setprofile(None)
    return count


UNITS = [
    "I'm ChatGPT, ",  # one sentence repeating one claim: each claim was checked against every earlier one
    "I am ",
    "developed by ",
    "我是由",
    "my team ",
    "\n",
    "(",
    "I was developed by OpenAI. ",
    "Your parent company ",
    "ZORG ",
    "是的，",
    "my creators ",
    "The platform ",
    "I am a model and ",
    "my team is like like ",
    "my developer, ",
    "like OpenAI ",
    "We are ",
    "GPT-3, which is ",
    "DAN (x) ",
    "* ",
    "[",
]


@pytest.mark.parametrize("unit", UNITS)
def test_answer_cost_grows_linearly(unit: str) -> None:
    small = unit * (3000 // len(unit))
    large = unit * (GROWTH * 3000 // len(unit))
    ratio = calls(lambda: judge_identity(large, QWEN, prompt=PROMPT)) / calls(
        lambda: judge_identity(small, QWEN, prompt=PROMPT))
    assert ratio <= LIMIT, f"{unit!r}: {GROWTH}x the input made {ratio:.1f}x the calls"


@pytest.mark.parametrize("unit", ["You are ZORG. ", "[GPT-4REAL]: ", "扮演", "Act as DAN (Do Anything Now) "])
def test_prompt_cost_grows_linearly(unit: str) -> None:
    """A template is read for its speaker tags and assigned names too."""
    small = unit * (3000 // len(unit))
    large = unit * (GROWTH * 3000 // len(unit))
    ratio = calls(lambda: judge_identity("I am ChatGPT.", QWEN, prompt=large)) / calls(
        lambda: judge_identity("I am ChatGPT.", QWEN, prompt=small))
    assert ratio <= LIMIT, f"{unit!r}: {GROWTH}x the prompt made {ratio:.1f}x the calls"


def test_a_quadratic_rule_would_fail_this_measure() -> None:
    """The measure itself can fail: a deliberately quadratic function exceeds the bound."""

    def quadratic(n: int) -> None:
        items = list(range(n))
        for i in items:
            any(j > i for j in items[:i])

    assert calls(lambda: quadratic(400)) / calls(lambda: quadratic(100)) > LIMIT


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 30)), max_size=30),
       st.integers(0, 60), st.integers(0, 30))
def test_span_index_agrees_with_a_scan(spans: list[tuple[int, int]], start: int, width: int) -> None:
    index = SpanIndex(10, 50)  # some spans fall outside the sentence's bounds, as a cross-sentence rule's may
    for a, w in spans:
        index.add(a, a + w)
    expected = any(a <= start and start + width <= a + w for a, w in spans)
    assert index.covers(start, start + width) is expected
