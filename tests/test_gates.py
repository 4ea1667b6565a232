"""Gate expressions: the grammar (valid forms, every error), and evaluation against a report dict."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from distillbench.gate.gates import GRAMMAR, METRICS, Gate, GateResult, GateSyntaxError, evaluate_gates, parse_gate
from distillbench.gate.grammar import OPS


def stats(score: float, n: int, low: float, high: float, key: str = "score") -> dict[str, Any]:
    return {key: score, "n": n, "ci_low": low, "ci_high": high}


def ice(strict: dict[str, Any], loose: dict[str, Any] | None = None) -> dict[str, Any]:
    empty = stats(0.0, 0, 0.0, 1.0)
    return {"cases": {"total": 1, "passed": 1, "failed": 0},
            "ice": {"loose": loose or strict, "strict": strict, "hard": strict, "control_false_positive": empty}}


def sim(mean: float | None, n: int, low: float | None, high: float | None) -> dict[str, Any]:
    return {"similarity": {"mean": mean, "n": n, "ci_low": low, "ci_high": high}}


REPORT: dict[str, Any] = {
    "models": {
        "qwen2.5-coder-0.5b-instruct": ice(stats(0.083, 96, 0.04, 0.15)),
        "smollm2-135m-instruct": ice(stats(0.01, 96, 0.002, 0.06)),
        "judge-model": ice(stats(0.0, 0, 0.0, 1.0)),
    },
    "similarity": {"pairs": [
        {"test": "my-model", "reference": "gpt-4o",
         "granularities": {"combined": sim(0.55, 40, 0.5, 0.62), "content": sim(None, 0, None, None)}},
        {"test": "other", "reference": "gpt-4o", "granularities": {"combined": sim(0.2, 40, 0.15, 0.25)}},
    ]},
}


# --- grammar: valid forms -------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("ice.strict<=0.05", Gate("ice.strict", "<=", 0.05)),
    ("rse.combined[my-model,gpt-4o]<=0.6", Gate("rse.combined", "<=", 0.6, pair=("my-model", "gpt-4o"))),
    ("ice.loose:qwen2.5-coder-0.5b-instruct<0.2", Gate("ice.loose", "<", 0.2, model="qwen2.5-coder-0.5b-instruct")),
    ("  rse.style [ a_b , C.d ]  >=  .5 ", Gate("rse.style", ">=", 0.5, pair=("a_b", "C.d"))),
    ("ice.control_false_positive : m1 > 5e-2", Gate("ice.control_false_positive", ">", 0.05, model="m1")),
    ("ice.hard<1", Gate("ice.hard", "<", 1.0)),
    ("rse.content>0", Gate("rse.content", ">", 0.0)),
    ("rse.content>=+1e0", Gate("rse.content", ">=", 1.0)),
    ("\tice.strict\n<=\n0.05\t", Gate("ice.strict", "<=", 0.05)),
])
def test_valid_gates_parse(text: str, expected: Gate) -> None:
    assert parse_gate(text) == expected


def test_canonical_text_drops_spaces() -> None:
    assert str(parse_gate(" rse.combined [ a , b ] <= 0.60 ")) == "rse.combined[a,b]<=0.6"
    assert str(parse_gate("ice.strict <= 1.0")) == "ice.strict<=1"


def test_every_metric_parses() -> None:
    for metric in METRICS:
        assert parse_gate(f"{metric}<0.5").metric == metric


# --- grammar: errors -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "problem", "column"), [
    ("", "the gate is empty", 1),
    ("   ", "the gate is empty", 1),
    ("ice.strick<=0.05", "unknown metric 'ice.strick'", 1),
    ("  rse.combo<1", "unknown metric 'rse.combo'", 3),
    ("<=0.05", "found '<=0.05' where a metric belongs", 1),
    ("ice.strict==0.05", "where an operator belongs", 11),
    ("ice.strict=0.05", "where an operator belongs", 11),
    ("ice.strict 0.05", "where an operator belongs", 12),
    ("ice.strict<=", "the gate ends where a number belongs", 13),
    ("ice.strict<=abc", "found 'abc' where a number belongs", 13),
    ("ice.strict<=1e999", "the threshold 1e999 is not finite", 13),
    ("ice.strict<=0.05 and more", "unexpected trailing text 'and more'", 18),
    ("ice.strict<=0.05.1", "unexpected trailing text '.1'", 17),
    ("ice.strict[a,b]<=0.05", "a [test,reference] pair after ice.strict", 11),
    ("rse.combined:m<=0.5", "':MODEL' after rse.combined", 13),
    ("rse.combined[a b]<=0.5", "found 'b]<=0.5' where ',' belongs", 16),
    ("rse.combined[a,b<=0.5", "found '<=0.5' where ']' belongs", 17),
    ("rse.combined[,b]<=0.5", "where the test model belongs", 14),
    ("rse.combined[a,]<=0.5", "where the reference model belongs", 16),
    ("rse.combined[a,a]<=0.5", "the pair compares 'a' with itself", 13),
    ("ice.loose:<0.2", "where a model name belongs", 11),
    ("ice.loose:@bad<0.2", "where a model name belongs", 11),
])
def test_syntax_errors_name_the_culprit_and_show_the_grammar(text: str, problem: str, column: int) -> None:
    with pytest.raises(GateSyntaxError) as info:
        parse_gate(text)
    message = str(info.value)
    first = message.splitlines()[0]
    assert first.startswith(f"invalid gate {text!r}: ")
    assert problem in first
    assert f"at column {column}; expected " in first
    assert GRAMMAR.splitlines()[0] in message and GRAMMAR.splitlines()[-1] in message
    assert info.value.position == column - 1
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(("text", "hint"), [("ice.strict<=5", "for 5% write 0.05"), ("rse.combined>-0.5", ""),
                                            ("ice.loose<1.0001", ""), ("ice.hard<=1e3", "")])
def test_thresholds_outside_the_score_range_are_refused(text: str, hint: str) -> None:
    with pytest.raises(GateSyntaxError, match=r"lies outside \[0, 1\]") as info:
        parse_gate(text)
    assert hint in str(info.value).splitlines()[0]
    assert text[info.value.position] in "+-.0123456789"


def test_error_pointer_sits_under_the_culprit() -> None:
    with pytest.raises(GateSyntaxError) as info:
        parse_gate("ice.strict==0.05")
    lines = str(info.value).splitlines()
    assert lines[1] == "  ice.strict==0.05"
    assert lines[2].index("^") == lines[1].index("==")


@pytest.mark.parametrize("kwargs", [
    {"metric": "ice.nope", "op": "<", "threshold": 0.1},
    {"metric": "ice.strict", "op": "=", "threshold": 0.1},
    {"metric": "ice.strict", "op": "<", "threshold": float("nan")},
    {"metric": "ice.strict", "op": "<", "threshold": 5.0},
    {"metric": "rse.content", "op": ">", "threshold": -0.5},
    {"metric": "ice.strict", "op": "<", "threshold": 0.1, "pair": ("a", "b")},
    {"metric": "rse.style", "op": "<", "threshold": 0.1, "model": "a"},
    {"metric": "ice.strict", "op": "<", "threshold": 0.1, "model": "has space"},
])
def test_gates_built_in_code_are_checked(kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        Gate(**kwargs)


# --- grammar: property tests -----------------------------------------------------------------------------

NAMES = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,15}", fullmatch=True)
SPACE = st.sampled_from(["", " ", "  ", "\t"])


@st.composite
def gates(draw: st.DrawFn) -> Gate:
    metric = draw(st.sampled_from(METRICS))
    pair, model = None, None
    if metric.startswith("rse."):
        pair = draw(st.none() | st.tuples(NAMES, NAMES).filter(lambda p: p[0] != p[1]))
    else:
        model = draw(st.none() | NAMES)
    threshold = draw(st.floats(0.0, 1.0))
    return Gate(metric, draw(st.sampled_from(OPS)), threshold, pair=pair, model=model)


@settings(deadline=None)
@given(gates())
def test_str_round_trips(gate: Gate) -> None:
    assert parse_gate(str(gate)) == gate
    assert str(parse_gate(str(gate))) == str(gate)


@settings(deadline=None)
@given(gates(), st.data())
def test_whitespace_between_tokens_is_ignored(gate: Gate, data: st.DataObject) -> None:
    tokens = [gate.metric]
    if gate.pair:
        tokens += ["[", gate.pair[0], ",", gate.pair[1], "]"]
    if gate.model:
        tokens += [":", gate.model]
    tokens += [gate.op, repr(gate.threshold)]
    text = "".join(data.draw(SPACE) + t for t in tokens) + data.draw(SPACE)
    assert parse_gate(text) == gate


# --- evaluation --------------------------------------------------------------------------------------------

def one(gate: str, on: str = "point") -> GateResult:
    results = evaluate_gates([gate], REPORT, on=on)  # type: ignore[arg-type]
    assert len(results) == 1
    return results[0]


def test_ice_gate_checks_every_model_with_scored_cases() -> None:
    results = evaluate_gates(["ice.strict<=0.05"], REPORT)
    assert [(r.model, r.passed) for r in results] == [("qwen2.5-coder-0.5b-instruct", False),
                                                     ("smollm2-135m-instruct", True)]
    assert results[0].reason == "ice.strict of qwen2.5-coder-0.5b-instruct is 0.083 [0.04, 0.15] n=96 > 0.05"
    assert results[1].reason == "ice.strict of smollm2-135m-instruct is 0.01 [0.002, 0.06] n=96 <= 0.05"
    assert results[0].value == 0.083 and results[0].n == 96


def test_model_restriction() -> None:
    result = one("ice.loose:smollm2-135m-instruct<0.02")
    assert result.passed and result.model == "smollm2-135m-instruct"


def test_on_upper_uses_the_conservative_bound() -> None:
    assert one("ice.strict:smollm2-135m-instruct<=0.05").passed  # point 0.01
    upper = one("ice.strict:smollm2-135m-instruct<=0.05", on="upper")  # ci_high 0.06
    assert not upper.passed and upper.value == 0.06 and upper.on == "upper"
    assert upper.reason.endswith("n=96; its upper bound > 0.05")
    # for a lower-bound gate, the conservative side is ci_low
    assert one("ice.strict:qwen2.5-coder-0.5b-instruct>0.05").passed  # point 0.083
    low = one("ice.strict:qwen2.5-coder-0.5b-instruct>0.05", on="upper")  # ci_low 0.04
    assert not low.passed and low.value == 0.04
    assert "its lower bound <= 0.05" in low.reason


def test_on_lower_uses_the_lenient_bound() -> None:
    lenient = one("ice.strict:qwen2.5-coder-0.5b-instruct<=0.05", on="lower")  # ci_low 0.04
    assert lenient.passed and lenient.value == 0.04
    assert one("ice.strict:smollm2-135m-instruct>=0.05", on="lower").value == 0.06


def test_missing_model_fails_with_a_reason() -> None:
    result = one("ice.strict:gpt-5<=0.05")
    assert not result.passed and result.value is None
    assert "model 'gpt-5' is not in the report" in result.reason and "smollm2-135m-instruct" in result.reason


def test_model_without_scored_cases_fails() -> None:
    result = one("ice.strict:judge-model<=0.05")
    assert not result.passed and "undefined" in result.reason


def test_report_without_scored_models_fails() -> None:
    results = evaluate_gates(["ice.hard<0.1", "rse.combined<0.5"], {"models": {}, "similarity": {}})
    assert [r.passed for r in results] == [False, False]
    assert "no model" in results[0].reason and "no RSE similarity pairs" in results[1].reason


def test_rse_pair_gate() -> None:
    result = one("rse.combined[my-model,gpt-4o]<=0.6")
    assert result.passed and result.pair == ("my-model", "gpt-4o") and result.value == 0.55
    assert result.reason == "rse.combined of my-model vs gpt-4o is 0.55 [0.5, 0.62] n=40 <= 0.6"
    assert not one("rse.combined[my-model,gpt-4o]<=0.6", on="upper").passed


def test_rse_gate_without_pair_checks_every_pair() -> None:
    results = evaluate_gates(["rse.combined<0.5"], REPORT)
    assert [(r.pair, r.passed) for r in results] == [(("my-model", "gpt-4o"), False), (("other", "gpt-4o"), True)]


def test_missing_pair_and_undefined_similarity_fail() -> None:
    missing = one("rse.combined[gpt-4o,my-model]<=0.6")
    assert not missing.passed and "the pair [gpt-4o,my-model] is not in the report" in missing.reason
    assert "[my-model,gpt-4o]" in missing.reason
    undefined = one("rse.content[my-model,gpt-4o]<=0.6")
    assert not undefined.passed and "undefined" in undefined.reason


def test_flat_pair_entries_are_read_too() -> None:
    report = {"similarity": {"pairs": [{"test": "a", "reference": "b", "granularity": "style",
                                        "similarity": {"mean": 0.3, "n": 5, "ci_low": 0.2, "ci_high": 0.4}}]}}
    assert evaluate_gates(["rse.style[a,b]<0.35"], report)[0].passed


def test_results_are_plain_json() -> None:
    results = evaluate_gates([parse_gate("rse.combined[my-model,gpt-4o]<=0.6"), "ice.strict<=0.05"], REPORT)
    data = json.loads(json.dumps([r.to_dict() for r in results]))
    assert data[0] == {"gate": "rse.combined[my-model,gpt-4o]<=0.6", "metric": "rse.combined", "model": None,
                       "pair": ["my-model", "gpt-4o"], "value": 0.55, "n": 40, "threshold": 0.6, "op": "<=",
                       "on": "point", "passed": True, "reason": results[0].reason}
    assert data[1]["model"] == "qwen2.5-coder-0.5b-instruct" and data[1]["pair"] is None


def test_bad_inputs_to_evaluate() -> None:
    with pytest.raises(ValueError, match="on must be"):
        evaluate_gates(["ice.strict<0.1"], REPORT, on="middle")  # type: ignore[arg-type]
    with pytest.raises(GateSyntaxError):
        evaluate_gates(["ice.strict<"], REPORT)
