"""Response Similarity Evaluation: every model answers every prompt, greedily and with resamples.

Each case records one answer; similarity is computed by the controller across cases, per model pair and
granularity, once all answers are in. A case fails only when no usable answer could be had.
"""

from __future__ import annotations

from typing import Any

import pytest

from distillbench.cases.rse import describe_answer
from distillbench.cases.suite import RseCase, SuiteConfig

pytestmark = pytest.mark.distillbench


def test_response(rse_case: RseCase, distillbench_suite: SuiteConfig, case_outcome: dict[str, Any]) -> None:
    answer = distillbench_suite.answer(rse_case.model, rse_case.messages(), rse_case.cassette)
    case_outcome["response"] = answer.to_dict()
    case_outcome["rse"] = describe_answer(answer.text, rse_case)
