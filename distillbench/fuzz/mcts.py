"""MCTS-Explore, GPTFuzzer's seed selection (Yu et al. 2023, section 3.3), over a growing tree of templates.

Each step walks from the best-scoring root (an unmutated seed) down through the best-scoring children,
stopping early with probability `alpha` so shallow templates keep being mutated. A node's score is its mean
reward plus an exploration bonus, `reward / (visits + 1) + ratio * sqrt(2 ln(step) / (visits + 0.01))`.
After the mutant is tried, every node on the walked path is credited with the mutant's success rate,
discounted by the chosen node's depth but never below `beta`: `rate * max(beta, 1 - 0.1 * level)`.
Defaults are GPTFuzzer's: ratio 0.5, alpha 0.1, beta 0.2. Ties go to the earliest node, as Python's `max`
does in the reference implementation, so the walk is deterministic given the random generator.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

__all__ = ["MctsExplore", "TemplateNode"]


@dataclass
class TemplateNode:
    """A template in the search tree: a seed (level 0) or a mutant of its parent."""

    index: int
    id: str
    text: str
    parent: TemplateNode | None = None
    operator: str | None = None  # the mutation that made it from its parent (crossover names its partner too)
    partner: str | None = None
    visits: int = 0
    reward: float = 0.0
    successes: int = 0
    children: list[TemplateNode] = field(default_factory=list)

    @property
    def level(self) -> int:
        return 0 if self.parent is None else self.parent.level + 1

    def lineage(self) -> list[str]:
        """The mutation chain from the seed: ["seed-id", "rephrase", "crossover(gptfuzzer-12)", ...]."""
        chain: list[str] = []
        node: TemplateNode | None = self
        while node is not None and node.parent is not None:
            operator = node.operator or "mutation"
            chain.append(operator if node.partner is None else f"{operator}({node.partner})")
            node = node.parent
        assert node is not None
        return [node.id, *reversed(chain)]

    @property
    def seed_id(self) -> str:
        return self.lineage()[0]


class MctsExplore:
    """Select a template to mutate; update rewards once its mutant has been tried."""

    def __init__(self, roots: list[TemplateNode], rng: random.Random, *, ratio: float = 0.5, alpha: float = 0.1,
                 beta: float = 0.2) -> None:
        if not roots:
            raise ValueError("MCTS-Explore needs at least one seed template")
        self.roots, self.rng = roots, rng
        self.ratio, self.alpha, self.beta = ratio, alpha, beta
        self.step = 0
        self.path: list[TemplateNode] = []

    def _score(self, node: TemplateNode) -> float:
        return node.reward / (node.visits + 1) + self.ratio * math.sqrt(
            2 * math.log(self.step) / (node.visits + 0.01))

    def select(self) -> TemplateNode:
        self.step += 1
        node = max(self.roots, key=self._score)
        self.path = [node]
        while node.children:
            if self.rng.random() < self.alpha:
                break
            node = max(node.children, key=self._score)
            self.path.append(node)
        for visited in self.path:
            visited.visits += 1
        return node

    def update(self, success_rate: float) -> None:
        """Credit the walked path with the share of questions the new mutant broke (0 when it broke none)."""
        if not self.path:
            raise RuntimeError("update() before select()")
        chosen = self.path[-1]
        credit = success_rate * max(self.beta, 1 - 0.1 * chosen.level)
        for node in self.path:
            node.reward += credit
