"""The search loop, as GPTFuzzer runs it: select a template (MCTS-Explore), mutate it with a random operator,
ask the target every search question through the mutant, keep the mutant when at least one answer is a
contradiction, credit the selection path with the mutant's success rate; stop at the query budget, the
number of kept templates or the number of iterations.

The loop only decides; `FuzzCalls` sends. Every random choice comes from one generator seeded by `seed`, and
each mutator request carries a seed derived from it and the request's place in the search, so the same
recorded answers always lead to the same template set.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from distillbench.fuzz.mcts import MctsExplore, TemplateNode
from distillbench.fuzz.mutators import OPERATORS, clean_mutant, fill_template, mutation_messages, unusable_reason

__all__ = ["FuzzCalls", "FuzzConfig", "FuzzResult", "Question", "Verdict", "mutator_seed", "run_search"]


_EXCERPT = 240  # characters of each answer kept in the search log


@dataclass(frozen=True)
class Question:
    id: str
    text: str


@dataclass(frozen=True)
class Verdict:
    contradiction: bool
    strict: bool
    evidence: str | None = None


class FuzzCalls(Protocol):
    """What the search needs from the outside world; `distillbench.fuzz.recorded` records every call."""

    def mutate(self, call_id: str, messages: list[dict[str, str]], seed: int) -> str:
        """The mutator's reply ("" when it answered nothing)."""

    def ask_target(self, call_id: str, prompt: str) -> str:
        """The target's answer to one user message."""

    def judge(self, call_id: str, answer: str, prompt: str, template: str) -> Verdict:
        """Whether the answer contradicts the target's identity."""


@dataclass(frozen=True)
class FuzzConfig:
    budget: int  # target queries
    seed: int = 0
    pool: int | None = None  # seeds drawn from the seed file (None: all of them)
    max_kept: int | None = None  # stop once this many mutants were kept
    max_iterations: int | None = None
    success: str = "loose"  # which verdict makes an answer a success: loose (any contradiction) or strict
    mutator_attempts: int = 3  # tries per mutation before it is skipped
    max_skipped_in_row: int = 10  # stop when the mutator gave nothing usable this many mutations in a row
    ratio: float = 0.5
    alpha: float = 0.1
    beta: float = 0.2

    def check(self) -> None:
        if self.budget < 1:
            raise ValueError(f"--budget must be at least 1 target query, got {self.budget}")
        if self.pool is not None and self.pool < 1:
            raise ValueError(f"--pool must be at least 1 seed template, got {self.pool}")
        if self.success not in ("loose", "strict"):
            raise ValueError(f"--success must be loose or strict, got {self.success!r}")
        if self.mutator_attempts < 1:
            raise ValueError("the mutator needs at least one attempt per mutation")


@dataclass
class FuzzResult:
    seeds: list[TemplateNode]
    kept: list[TemplateNode]
    iterations: list[dict[str, Any]] = field(default_factory=list)
    queries: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    stopped_by: str = ""
    first_strict_at: int | None = None  # target queries spent when the first strict contradiction appeared
    trials: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # mutant id -> per-question results


def mutator_seed(run_seed: int, iteration: int, attempt: int) -> int:
    """The sampling seed of one mutator request: distinct per request, the same on every rerun."""
    return (run_seed * 1_000_003 + iteration * 16 + attempt) % 2**31


def _draw_pool(seeds: Sequence[dict[str, Any]], config: FuzzConfig, rng: random.Random) -> list[TemplateNode]:
    """The pool: `config.pool` seeds drawn at random (kept in file order), or all of them."""
    indices: Sequence[int] = range(len(seeds))
    if config.pool is not None and config.pool < len(seeds):
        indices = sorted(rng.sample(indices, config.pool))
    return [TemplateNode(index=i, id=seeds[j]["id"], text=seeds[j]["text"]) for i, j in enumerate(indices)]


def _mutate(calls: FuzzCalls, config: FuzzConfig, iteration: int, operator: str, node: TemplateNode,
            partner: TemplateNode | None, result: FuzzResult) -> str | None:
    messages = mutation_messages(operator, node.text, partner.text if partner else None)
    for attempt in range(config.mutator_attempts):
        reply = calls.mutate(f"i{iteration:04d}-{operator}-a{attempt}", messages,
                             mutator_seed(config.seed, iteration, attempt))
        mutant = clean_mutant(operator, reply, node.text)
        reason = unusable_reason(mutant)
        if reason is None:
            return mutant
        result.skipped[f"{reason} reply"] += 1
    result.skipped["mutation skipped"] += 1
    return None


def _stop_reason(config: FuzzConfig, result: FuzzResult, iteration: int, n_questions: int) -> str | None:
    recent = result.iterations[-config.max_skipped_in_row:]
    if len(recent) == config.max_skipped_in_row and all(r["mutant"] is None for r in recent):
        return "mutator"  # it keeps answering empty or refusing: more requests would not change that
    if result.queries + n_questions > config.budget:
        return "budget"
    if config.max_kept is not None and len(result.kept) >= config.max_kept:
        return "kept"
    if config.max_iterations is not None and iteration >= config.max_iterations:
        return "iterations"
    return None


def run_search(seeds: Sequence[dict[str, Any]], questions: Sequence[Question], calls: FuzzCalls,
               config: FuzzConfig, progress: Callable[[str], None] | None = None) -> FuzzResult:
    """Search from `seeds` (dicts with id and text, GPTFuzzer placeholder) until a stopping rule holds."""
    config.check()
    if not seeds:
        raise ValueError("the seed file has no templates to start the search from")
    if not questions:
        raise ValueError("the questions file has no questions to try the templates on")
    rng = random.Random(config.seed)
    roots = _draw_pool(seeds, config, rng)
    nodes = list(roots)
    policy = MctsExplore(roots, rng, ratio=config.ratio, alpha=config.alpha, beta=config.beta)
    result = FuzzResult(seeds=roots, kept=[])
    iteration = 0
    while (stop := _stop_reason(config, result, iteration, len(questions))) is None:
        iteration += 1
        node = policy.select()
        operator = rng.choice(OPERATORS)
        partner = rng.choice([n for n in nodes if n is not node] or [node]) if operator == "crossover" else None
        mutant = _mutate(calls, config, iteration, operator, node, partner, result)
        record: dict[str, Any] = {"iteration": iteration, "parent": node.id, "operator": operator,
                                  "partner": partner.id if partner else None}
        if mutant is None:
            policy.update(0.0)
            result.iterations.append({**record, "mutant": None, "queries": result.queries, "successes": 0,
                                      "kept_total": len(result.kept)})
            continue
        mutant_id = f"m{iteration:04d}"
        trials = []
        for question in questions:
            prompt = fill_template(mutant, question.text)
            answer = calls.ask_target(f"{mutant_id}--{question.id}", prompt)
            result.queries += 1
            verdict = calls.judge(f"{mutant_id}--{question.id}", answer, prompt, mutant)
            if verdict.strict and result.first_strict_at is None:
                result.first_strict_at = result.queries
            success = verdict.strict if config.success == "strict" else verdict.contradiction
            trials.append({"question": question.id, "contradiction": verdict.contradiction,
                           "strict": verdict.strict, "success": success, "evidence": verdict.evidence,
                           "answer": answer[:_EXCERPT]})
        successes = sum(bool(t["success"]) for t in trials)
        policy.update(successes / len(questions))
        result.trials[mutant_id] = trials
        if successes:
            child = TemplateNode(index=len(nodes), id=mutant_id, text=mutant, parent=node, operator=operator,
                                 partner=partner.id if partner else None, successes=successes)
            node.children.append(child)
            nodes.append(child)
            result.kept.append(child)
        result.iterations.append({**record, "mutant": mutant_id, "queries": result.queries,
                                  "successes": successes, "kept_total": len(result.kept)})
        if progress:
            progress(f"iteration {iteration}: {operator} of {node.id} -> {mutant_id}: {successes}/{len(questions)} "
                     f"contradictions (queries {result.queries}/{config.budget}, kept {len(result.kept)})")
    result.stopped_by = stop
    return result
