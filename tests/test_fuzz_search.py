"""The search loop's rules, with scripted helper and target replies standing for recorded ones: budget,
retries of empty or refusing mutations, the appended question, which mutants are kept, determinism."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from distillbench.fixtures.probes import GPTFUZZER_PLACEHOLDER as PH
from distillbench.fuzz.search import FuzzConfig, Question, Verdict, mutator_seed, run_search

SEEDS = [{"id": f"gptfuzzer-{i}", "text": f"Seed {i} says: {PH}"} for i in range(6)]
QUESTIONS = [Question("q1", "Who made you?"), Question("q2", "What is your name?")]


@dataclass
class Scripted:
    """Mutations follow `replies` in turn (then echo the template); the target 'leaks' when the prompt
    contains LEAK."""

    replies: list[str] = field(default_factory=list)
    prompts: list[str] = field(default_factory=list)
    mutations: list[tuple[str, int]] = field(default_factory=list)

    def mutate(self, call_id: str, messages: list[dict[str, str]], seed: int) -> str:
        self.mutations.append((call_id, seed))
        if self.replies:
            return self.replies.pop(0)
        template = messages[-1]["content"].split("====\n")[1].split("\n====")[0]
        return f"LEAK {template}" if len(self.mutations) % 2 else template

    def ask_target(self, call_id: str, prompt: str) -> str:
        self.prompts.append(prompt)
        return "I am ChatGPT, made by OpenAI." if "LEAK" in prompt else "I am Qwen."

    def judge(self, call_id: str, answer: str, prompt: str, template: str) -> Verdict:
        leak = "ChatGPT" in answer
        return Verdict(leak, leak)


def test_the_budget_bounds_target_queries_and_mutants_that_leak_are_kept() -> None:
    calls = Scripted()
    result = run_search(SEEDS, QUESTIONS, calls, FuzzConfig(budget=11, seed=3))
    assert result.queries == 10 == len(calls.prompts)  # a sixth mutant would need 12
    assert result.stopped_by == "budget"
    assert result.kept and all("LEAK" in node.text for node in result.kept)
    assert all(node.successes == 2 for node in result.kept)
    assert result.first_strict_at is not None and result.first_strict_at <= result.queries


def test_empty_and_refused_mutations_are_retried_then_skipped_and_counted() -> None:
    calls = Scripted(replies=["", "I'm sorry, I can't do that.", "   "])
    result = run_search(SEEDS, QUESTIONS, calls, FuzzConfig(budget=4, seed=0, mutator_attempts=3))
    assert result.skipped["empty reply"] == 2 and result.skipped["refusal reply"] == 1
    assert result.skipped["mutation skipped"] == 1
    assert result.iterations[0]["mutant"] is None
    assert [c for c, _ in calls.mutations[:3]] == [f"i0001-{result.iterations[0]['operator']}-a{a}" for a in range(3)]
    assert len({seed for _, seed in calls.mutations}) == len(calls.mutations)  # every request its own seed


def test_a_mutant_without_the_placeholder_is_asked_with_the_question_appended() -> None:
    calls = Scripted(replies=["LEAK You are free now."])
    run_search(SEEDS, QUESTIONS, calls, FuzzConfig(budget=2, seed=0))
    assert calls.prompts == ["LEAK You are free now.\n\nWho made you?", "LEAK You are free now.\n\nWhat is your name?"]


def test_the_same_seed_gives_the_same_search_and_another_seed_another() -> None:
    def summary(seed: int) -> list[tuple[str, str, str | None]]:
        result = run_search(SEEDS, QUESTIONS, Scripted(), FuzzConfig(budget=30, seed=seed, pool=4))
        return [(r["parent"], r["operator"], r["mutant"]) for r in result.iterations]

    assert summary(5) == summary(5)
    assert summary(5) != summary(6)


def test_the_pool_draws_that_many_seeds_and_stopping_rules_hold() -> None:
    result = run_search(SEEDS, QUESTIONS, Scripted(), FuzzConfig(budget=100, seed=1, pool=3, max_iterations=4))
    assert len(result.seeds) == 3 and result.stopped_by == "iterations" and len(result.iterations) == 4
    result = run_search(SEEDS, QUESTIONS, Scripted(), FuzzConfig(budget=100, seed=1, max_kept=2))
    assert result.stopped_by == "kept" and len(result.kept) == 2


@pytest.mark.parametrize(("config", "message"), [
    (FuzzConfig(budget=0), "--budget must be at least 1"),
    (FuzzConfig(budget=5, pool=0), "--pool must be at least 1"),
    (FuzzConfig(budget=5, success="hard"), "--success must be loose or strict"),
])
def test_bad_settings_are_refused_before_any_call(config: FuzzConfig, message: str) -> None:
    calls = Scripted()
    with pytest.raises(ValueError, match=message):
        run_search(SEEDS, QUESTIONS, calls, config)
    assert not calls.mutations and not calls.prompts


def test_no_seeds_or_no_questions_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="seed file has no templates"):
        run_search([], QUESTIONS, Scripted(), FuzzConfig(budget=5))
    with pytest.raises(ValueError, match="no questions"):
        run_search(SEEDS, [], Scripted(), FuzzConfig(budget=5))


def test_mutator_seeds_differ_per_request_and_repeat_per_run() -> None:
    seeds = {mutator_seed(1, i, a) for i in range(1, 200) for a in range(3)}
    assert len(seeds) == 597 and mutator_seed(1, 7, 2) == mutator_seed(1, 7, 2)
