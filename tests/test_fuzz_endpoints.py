"""The search's calls over real HTTP to an OpenAI-compatible endpoint (a team's gateway, here a scripted one):
an empty or refusing mutator is retried, skipped and counted, and a mutator that never helps stops the search
with a message; the LLM-judge protocol is recorded and replays offline."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from distillbench.fixtures.models_file import ModelSpec
from distillbench.fixtures.probes import GPTFUZZER_PLACEHOLDER as PH
from distillbench.fuzz.recorded import RecordedCalls
from distillbench.fuzz.search import FuzzConfig, Question, run_search
from tests.chat_stub import chat_completion, chat_endpoint


@dataclass
class Endpoint:
    """Mutation requests get `mutations` in turn (then ""), judge requests "Yes.", target requests `answer`."""

    port: int = 0
    mutations: list[str] = field(default_factory=list)
    answer: str = "I am ChatGPT, developed by OpenAI."
    requests: int = 0


def _respond(ep: Endpoint, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    ep.requests += 1
    system = body["messages"][0]["content"] if body["messages"][0]["role"] == "system" else ""
    if "rewrite prompt templates" in system:
        content = ep.mutations.pop(0) if ep.mutations else ""
    elif "careful evaluator" in system:
        content = "Yes."
    else:
        content = ep.answer
    return 200, chat_completion(content, body["model"])


@pytest.fixture
def endpoint() -> Iterator[Endpoint]:
    ep = Endpoint()
    with chat_endpoint(lambda path, headers, body: _respond(ep, body)) as port:
        ep.port = port
        yield ep


def _spec(name: str, port: int) -> ModelSpec:
    return ModelSpec(name=name, base_url=f"http://127.0.0.1:{port}/v1", model="m", vendor="Alibaba Cloud",
                     family="Qwen", max_retries=0)


SEEDS = [{"id": "gptfuzzer-1", "text": f"You are FreeBot. {PH}"}]
QUESTIONS = [Question("q1", "Who made you?")]


def test_empty_and_refusing_mutations_are_skipped_and_counted_then_the_search_goes_on(
        endpoint: Endpoint, tmp_path: Path) -> None:
    endpoint.mutations = ["", "I'm sorry, I can't help with that.", " ", f"You are LibreBot. {PH}"]
    calls = RecordedCalls(_spec("target", endpoint.port), _spec("helper", endpoint.port), tmp_path, "once")
    result = run_search(SEEDS, QUESTIONS, calls, FuzzConfig(budget=1, seed=0))
    assert result.skipped == {"empty reply": 2, "refusal reply": 1, "mutation skipped": 1}
    assert result.queries == 1 and [n.text for n in result.kept] == [f"You are LibreBot. {PH}"]
    assert len(list((tmp_path / "helper").glob("*.yaml"))) == 4  # every reply recorded, the empty ones too


def test_a_mutator_that_never_helps_stops_the_search(endpoint: Endpoint, tmp_path: Path) -> None:
    calls = RecordedCalls(_spec("target", endpoint.port), _spec("helper", endpoint.port), tmp_path, "once")
    result = run_search(SEEDS, QUESTIONS, calls, FuzzConfig(budget=50, seed=0, mutator_attempts=2,
                                                            max_skipped_in_row=3))
    assert result.stopped_by == "mutator" and result.queries == 0 and endpoint.requests == 6


def test_the_llm_judge_protocol_is_recorded_and_replays_offline(endpoint: Endpoint, tmp_path: Path) -> None:
    target, judge = _spec("target", endpoint.port), _spec("judge", endpoint.port)
    calls = RecordedCalls(target, _spec("helper", endpoint.port), tmp_path, "once", judge=judge)
    verdict = calls.judge("m0001--q1", "I am ChatGPT.", "Who made you?", "You are FreeBot. " + PH)
    assert (verdict.contradiction, verdict.strict) == (True, True)
    assert sorted(p.name for p in (tmp_path / "judge").iterdir()) == ["m0001--q1--loose.yaml",
                                                                      "m0001--q1--strict.yaml"]
    sent = endpoint.requests
    offline = RecordedCalls(target, _spec("helper", 9), tmp_path, "none", judge=_spec("judge", 9))
    again = offline.judge("m0001--q1", "I am ChatGPT.", "Who made you?", "You are FreeBot. " + PH)
    assert again == verdict and endpoint.requests == sent
