"""Identity Consistency Evaluation: every (model, probe) pair asks a model who it is and who made it.

A case fails only when no scorable answer could be obtained (call, recording or replay failed). A
contradiction is an outcome for the report, not a failure; gates on the scores decide at the end.
"""

from __future__ import annotations

from typing import Any

import pytest

from distillbench.cases.ice import score_ice_answer, target_identity
from distillbench.cases.suite import IceCase, SuiteConfig
from distillbench.judges.ice import run_ice_judge

pytestmark = pytest.mark.distillbench


def test_identity_consistency(ice_case: IceCase, distillbench_suite: SuiteConfig,
                              case_outcome: dict[str, Any]) -> None:
    suite, model, probe = distillbench_suite, ice_case.model, ice_case.probe
    answer = suite.answer(model, probe.messages(model), ice_case.cassette)
    case_outcome["response"] = answer.to_dict()
    case_outcome["ice"] = score_ice_answer(answer.text, model, probe, policy=suite.ice_policy)
    judge = suite.judge
    if judge is not None:
        def ask(step: str, messages: list[dict[str, str]]) -> str:
            return suite.answer(judge, messages, suite.judge_cassette(ice_case.id, step)).text

        case_outcome["ice_judge"] = run_ice_judge(answer.text, target_identity(model), judge.name, ask).to_dict()
