"""MCTS-Explore as GPTFuzzer defines it: every seed tried before any is exploited, rewarded seeds preferred,
the walk down a lineage, and the depth discount with its floor."""

from __future__ import annotations

import random

import pytest

from distillbench.fuzz.mcts import MctsExplore, TemplateNode


def _roots(n: int) -> list[TemplateNode]:
    return [TemplateNode(index=i, id=f"s{i}", text=f"seed {i}") for i in range(n)]


def test_each_seed_is_selected_once_before_any_is_selected_twice() -> None:
    roots = _roots(5)
    policy = MctsExplore(roots, random.Random(0))
    picked = []
    for _ in range(5):
        picked.append(policy.select().id)
        policy.update(0.0)
    assert sorted(picked) == [f"s{i}" for i in range(5)]


def test_a_rewarded_seed_is_exploited_and_an_unrewarded_one_is_not() -> None:
    roots = _roots(3)
    policy = MctsExplore(roots, random.Random(0))
    for _ in range(3):
        node = policy.select()
        policy.update(1.0 if node.id == "s1" else 0.0)
    later = []
    for _ in range(6):
        later.append(policy.select().id)
        policy.update(0.0)
    assert later.count("s1") > later.count("s0") and later.count("s1") > later.count("s2")


def test_the_walk_descends_into_children_and_credits_the_whole_path() -> None:
    root = TemplateNode(index=0, id="s0", text="seed")
    child = TemplateNode(index=1, id="m1", text="mutant", parent=root, operator="rephrase")
    root.children.append(child)
    policy = MctsExplore([root], random.Random(0), alpha=0.0)
    assert policy.select() is child
    assert [n.id for n in policy.path] == ["s0", "m1"]
    policy.update(0.5)
    # level 1: 0.5 * max(0.2, 1 - 0.1) on every node of the path
    assert root.reward == pytest.approx(0.45) and child.reward == pytest.approx(0.45)


def test_alpha_one_stops_at_the_root() -> None:
    root = TemplateNode(index=0, id="s0", text="seed")
    root.children.append(TemplateNode(index=1, id="m1", text="mutant", parent=root, operator="expand"))
    policy = MctsExplore([root], random.Random(0), alpha=1.0)
    assert policy.select() is root


@pytest.mark.parametrize(("level", "factor"), [(5, 0.5), (8, 0.2), (12, 0.2)])
def test_deep_successes_are_discounted_but_never_below_beta(level: int, factor: float) -> None:
    node = TemplateNode(index=0, id="s0", text="seed")
    chain = [node]
    for i in range(level):
        child = TemplateNode(index=i + 1, id=f"m{i}", text="t", parent=chain[-1], operator="shorten")
        chain[-1].children.append(child)
        chain.append(child)
    policy = MctsExplore([node], random.Random(0), alpha=0.0)
    assert policy.select() is chain[-1]
    policy.update(1.0)
    assert chain[-1].reward == pytest.approx(factor)


def test_lineage_names_the_seed_then_each_mutation() -> None:
    seed = TemplateNode(index=0, id="gptfuzzer-3", text="s")
    a = TemplateNode(index=1, id="m1", text="a", parent=seed, operator="rephrase")
    b = TemplateNode(index=2, id="m2", text="b", parent=a, operator="crossover", partner="gptfuzzer-9")
    assert b.lineage() == ["gptfuzzer-3", "rephrase", "crossover(gptfuzzer-9)"]
    assert b.seed_id == "gptfuzzer-3" and b.level == 2


def test_no_seeds_is_an_error() -> None:
    with pytest.raises(ValueError, match="at least one seed"):
        MctsExplore([], random.Random(0))
