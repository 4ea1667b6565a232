"""Gate expressions: the text a CI job passes to fail a run when a distillation score crosses a line.

A gate is parsed once, up front, so that a typo fails the command line before any model is called; the
error shows the offending text, what was expected there, and the whole grammar (`GRAMMAR`), so a CLI or a
pytest UsageError can print it as is. Evaluation against a report lives in `distillbench.gate.gates`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

__all__ = ["GRAMMAR", "ICE_METRICS", "METRICS", "OPS", "RSE_METRICS", "Gate", "GateSyntaxError", "parse_gate"]

ICE_METRICS = ("ice.loose", "ice.strict", "ice.hard", "ice.control_false_positive")
RSE_METRICS = ("rse.content", "rse.structure", "rse.style", "rse.combined")
METRICS = ICE_METRICS + RSE_METRICS
OPS = ("<=", "<", ">=", ">")
# Every gated score is a rate or a similarity: a threshold outside this range can never, or always, fail, which
# is a typo ("ice.strict<=5" for 5%), not a policy.
SCORE_RANGE = (0.0, 1.0)

GRAMMAR = """\
GATE   := METRIC [ "[" MODEL "," MODEL "]" ] [ ":" MODEL ] OP NUMBER
METRIC := ice.loose | ice.strict | ice.hard | ice.control_false_positive
        | rse.content | rse.structure | rse.style | rse.combined
MODEL  := a model name from the models file: [A-Za-z0-9][A-Za-z0-9._-]*
OP     := <= | < | >= | >
NUMBER := a decimal within [0, 1] (every score is a rate or a similarity) such as 0.05, .5, 1 or 5e-2
"[test,reference]" names one RSE pair (an rse.* metric without it means every pair in the report);
":MODEL" restricts an ice.* gate to one model (without it every model with scored cases must pass);
spaces are allowed around every token.
examples: ice.strict<=0.05   rse.combined[my-model,gpt-4o]<=0.6   ice.loose:qwen2.5-coder-0.5b-instruct<0.2"""

_METRIC = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*")
_MODEL = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_MODEL_FULL = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\Z")
_OP = re.compile(r"<=|>=|<|>")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


class GateSyntaxError(ValueError):
    """A gate that does not follow `GRAMMAR`; the message points at the culprit and lists the grammar."""

    def __init__(self, text: str, position: int, problem: str, expected: str) -> None:
        self.text, self.position, self.problem, self.expected = text, position, problem, expected
        pointer = " " * position + "^"
        super().__init__(
            f"invalid gate {text!r}: {problem} at column {position + 1}; expected {expected}\n"
            f"  {text}\n  {pointer}\ngate grammar:\n" + "\n".join("  " + line for line in GRAMMAR.splitlines())
        )


@dataclass(frozen=True)
class Gate:
    """One parsed gate; `str(gate)` is its canonical text and parses back to an equal Gate."""

    metric: str
    op: str
    threshold: float
    pair: tuple[str, str] | None = None
    model: str | None = None

    def __post_init__(self) -> None:
        # Checked here too, so a Gate built in code is as valid as a parsed one and always prints parseably.
        if self.metric not in METRICS:
            raise ValueError(f"unknown gate metric {self.metric!r}; choose from {', '.join(METRICS)}")
        if self.op not in OPS:
            raise ValueError(f"unknown gate operator {self.op!r}; choose from {', '.join(OPS)}")
        if not math.isfinite(self.threshold):
            raise ValueError(f"a gate threshold must be a finite number, not {self.threshold!r}")
        if not SCORE_RANGE[0] <= self.threshold <= SCORE_RANGE[1]:
            raise ValueError(f"a gate threshold must lie within [0, 1], the range of {self.metric}, not "
                             f"{format_number(self.threshold)}")
        names = (*(self.pair or ()), *((self.model,) if self.model is not None else ()))
        bad = [n for n in names if not _MODEL_FULL.match(n)]
        if bad:
            raise ValueError(f"invalid model name {bad[0]!r} in a gate; names match [A-Za-z0-9][A-Za-z0-9._-]*")
        if self.pair is not None and not self.is_rse:
            raise ValueError(f"a [test,reference] pair applies to rse.* metrics only, not to {self.metric}")
        if self.model is not None and self.is_rse:
            raise ValueError(f"':MODEL' applies to ice.* metrics only; name an RSE pair as {self.metric}[test,ref]")

    @property
    def is_rse(self) -> bool:
        return self.metric.startswith("rse.")

    @property
    def granularity(self) -> str | None:
        """content/structure/style/combined for an rse.* gate, None for an ice.* gate."""
        return self.metric.removeprefix("rse.") if self.is_rse else None

    def __str__(self) -> str:
        pair = f"[{self.pair[0]},{self.pair[1]}]" if self.pair else ""
        model = f":{self.model}" if self.model is not None else ""
        return f"{self.metric}{pair}{model}{self.op}{format_number(self.threshold)}"


def format_number(x: float) -> str:
    """Shortest text that parses back to the same float (repr), as an integer when it is one."""
    return str(int(x)) if x.is_integer() and abs(x) < 1e15 else repr(x)


class _Scanner:
    """A cursor over the gate text that skips spaces and raises GateSyntaxError at the cursor."""

    def __init__(self, text: str) -> None:
        self.text, self.pos = text, 0

    def skip(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos].isspace():
            self.pos += 1

    def fail(self, problem: str, expected: str, at: int | None = None) -> GateSyntaxError:
        return GateSyntaxError(self.text, self.pos if at is None else at, problem, expected)

    def found(self) -> str:
        rest = self.text[self.pos :].strip()
        return f"found {rest[:20]!r}" if rest else "the gate ends"

    def peek(self, literal: str) -> bool:
        self.skip()
        return self.text.startswith(literal, self.pos)

    def take(self, pattern: re.Pattern[str], what: str, expected: str) -> str:
        self.skip()
        match = pattern.match(self.text, self.pos)
        if not match:
            raise self.fail(f"{self.found()} where {what} belongs", expected)
        self.pos = match.end()
        return match.group()

    def expect(self, literal: str, expected: str) -> None:
        if not self.peek(literal):
            raise self.fail(f"{self.found()} where {literal!r} belongs", expected)
        self.pos += len(literal)


def parse_gate(text: str) -> Gate:
    """Parse one gate such as ``ice.strict<=0.05``; GateSyntaxError shows the culprit and the grammar."""
    s = _Scanner(text)
    if not text.strip():
        raise s.fail("the gate is empty", "METRIC OP NUMBER, e.g. ice.strict<=0.05")
    s.skip()
    start = s.pos
    metric = s.take(_METRIC, "a metric", "a metric: " + " | ".join(METRICS))
    if metric not in METRICS:
        raise s.fail(f"unknown metric {metric!r}", "a metric: " + " | ".join(METRICS), at=start)
    pair: tuple[str, str] | None = None
    model: str | None = None
    if s.peek("["):
        if not metric.startswith("rse."):
            raise s.fail(f"a [test,reference] pair after {metric}", "':MODEL' or an operator (pairs are for rse.*)")
        pair_at = s.pos
        s.pos += 1
        test = s.take(_MODEL, "the test model", "a test model name, as in [test,reference]")
        s.expect(",", "',' between the test and the reference model, as in [test,reference]")
        ref = s.take(_MODEL, "the reference model", "a reference model name, as in [test,reference]")
        s.expect("]", "']' closing [test,reference]")
        if test == ref:
            raise s.fail(f"the pair compares {test!r} with itself", "two different models in [test,reference]",
                         at=pair_at)
        pair = (test, ref)
    if s.peek(":"):
        if metric.startswith("rse."):
            raise s.fail(f"':MODEL' after {metric}", f"an operator, or a pair as in {metric}[test,reference]")
        s.pos += 1
        model = s.take(_MODEL, "a model name", "a model name after ':'")
    ops = " | ".join(OPS)
    op = s.take(_OP, "an operator", f"an operator: {ops} (= and == are not gates)")
    s.skip()
    number_at = s.pos
    raw = s.take(_NUMBER, "a number", "a number such as 0.05")
    threshold = float(raw)
    if not math.isfinite(threshold):
        raise s.fail(f"the threshold {raw} is not finite", "a finite number such as 0.05", at=number_at)
    if not SCORE_RANGE[0] <= threshold <= SCORE_RANGE[1]:
        hint = f" (for {threshold:g}% write {threshold / 100:g})" if 1 < threshold <= 100 else ""
        raise s.fail(f"the threshold {raw} lies outside [0, 1], the range of {metric}, so the gate could never "
                     f"decide anything{hint}", "a number within [0, 1] such as 0.05", at=number_at)
    s.skip()
    if s.pos < len(text):
        raise s.fail(f"unexpected trailing text {text[s.pos:]!r}", "the end of the gate after the number")
    return Gate(metric=metric, op=op, threshold=threshold, pair=pair, model=model)
