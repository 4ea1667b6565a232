"""RSE with the paper's LLM-judge rubric (only with --rse-judge MODEL).

Each case takes a test model's greedy answer and the reference's to one prompt (replayed or recorded like
every answer) and asks the judge to rate their similarity in style, structure and content, in both
presentation orders so the judge's position bias can be measured and averaged out.
"""

from __future__ import annotations

from typing import Any

import pytest

from distillbench.cases.suite import RseJudgeCase, SuiteConfig
from distillbench.judges.rse import judge_messages, parse_rubric

pytestmark = pytest.mark.distillbench


def test_rse_judge(rse_judge_case: RseJudgeCase, distillbench_suite: SuiteConfig,
                   case_outcome: dict[str, Any]) -> None:
    suite, case = distillbench_suite, rse_judge_case
    test = suite.answer(case.test.model, case.test.messages(), case.test.cassette).text
    reference = suite.answer(case.reference.model, case.reference.messages(), case.reference.cassette).text
    prompt = case.test.prompt.text
    forward = suite.answer(case.judge, judge_messages(prompt, test, reference),
                           suite.rse_judge_cassette(case, "forward")).text
    backward = suite.answer(case.judge, judge_messages(prompt, reference, test),
                            suite.rse_judge_cassette(case, "backward")).text
    case_outcome["rse_judge"] = {
        "judge": case.judge.name, "test": case.test.model.name, "reference": case.reference.model.name,
        "prompt_id": case.test.prompt.id, "forward": parse_rubric(forward), "backward": parse_rubric(backward),
        "raw": [forward[:500], backward[:500]],
    }
