"""Identity Consistency Evaluation: every (model, probe) pair asks a model who it is and who made it.

A case fails only when no scorable answer could be obtained (call, recording or replay failed). A
contradiction is an outcome for the report, not a failure; gates on the scores decide at the end.
"""

from __future__ import annotations

from typing import Any

import pytest

from scoring.ice_case import score_ice_answer
from scoring.suite import IceCase, SuiteConfig

pytestmark = pytest.mark.distillbench


def test_identity_consistency(ice_case: IceCase, distillbench_suite: SuiteConfig,
                              case_outcome: dict[str, Any]) -> None:
    model, probe = ice_case.model, ice_case.probe
    answer = distillbench_suite.answer(model, probe.messages(model), ice_case.cassette)
    case_outcome["response"] = answer.to_dict()
    case_outcome["ice"] = score_ice_answer(answer.text, model, probe)
