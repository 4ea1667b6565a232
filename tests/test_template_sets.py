"""Two template sets compared on shared questions: rates with intervals, and the paired test over questions."""

from __future__ import annotations

import pytest

from scoring.stats.template_sets import TemplateAnswer, compare_sets, per_question_rates, set_rate


def _set(name: str, hits: dict[str, int], templates: int = 4) -> list[TemplateAnswer]:
    """`hits[q]` of the set's templates contradict (strictly) on question q."""
    return [TemplateAnswer(f"{name}{t}", q, t < k, t < k) for q, k in hits.items() for t in range(templates)]


def test_rates_carry_their_sample_size_and_interval() -> None:
    rows = _set("a", {"q1": 2, "q2": 0})
    rate = set_rate(rows)
    assert (rate.score, rate.n) == (0.25, 8) and rate.ci_low < 0.25 < rate.ci_high
    assert per_question_rates(rows) == {"q1": 0.5, "q2": 0.0}


def test_a_set_higher_on_every_one_of_twelve_questions_is_significant() -> None:
    questions = [f"q{i}" for i in range(12)]
    result = compare_sets(_set("a", dict.fromkeys(questions, 2)), _set("b", dict.fromkeys(questions, 0)))
    assert result["test"]["exact"] and result["test"]["p_value"] == pytest.approx(2**-12)
    assert result["a"]["score"] == 0.5 and result["b"]["score"] == 0.0


def test_near_miss_higher_on_only_a_few_questions_is_not() -> None:
    questions = [f"q{i}" for i in range(12)]
    a = {q: (1 if i < 2 else 0) for i, q in enumerate(questions)}
    result = compare_sets(_set("a", a), _set("b", dict.fromkeys(questions, 0)))
    assert result["test"]["p_value"] > 0.05
    same = compare_sets(_set("a", dict.fromkeys(questions, 1)), _set("b", dict.fromkeys(questions, 1)))
    assert same["test"]["p_value"] == 1.0


def test_only_shared_questions_are_paired() -> None:
    result = compare_sets(_set("a", {"q1": 1, "q2": 1}), _set("b", {"q2": 0, "q3": 0}))
    assert result["questions"] == ["q2"]
    with pytest.raises(ValueError, match="share no question"):
        compare_sets(_set("a", {"q1": 1}), _set("b", {"q3": 0}))
    with pytest.raises(ValueError, match="loose or strict"):
        set_rate(_set("a", {"q1": 1}), "hard")
