"""Gates: pass/fail thresholds on a finished report, so CI can fail a run whose scores cross a line.

The grammar (`GRAMMAR`, `parse_gate`) is in `distillbench.gate.grammar` and re-exported here. One gate can
yield several results: an ice.* gate without ``:MODEL`` checks every model with scored cases, an rse.*
gate without a pair checks every pair of the report's similarity section.

Which number is compared (`on`):

* ``"point"``: the estimate itself (ICE score, mean similarity).
* ``"upper"``: the conservative side of the 95% interval. For ``<``/``<=`` gates that is the upper bound
  (``ci_high``), for ``>``/``>=`` gates the lower bound (``ci_low``); a gate then passes only when the
  whole interval clears the line, so a small sample cannot pass by luck.
* ``"lower"``: the lenient side (the mirror of ``"upper"``); a gate fails only when the whole interval
  is on the wrong side, i.e. when the data show the line is crossed.

A gate that names a model or pair absent from the report, or a value the report leaves undefined (no
scored case, no usable prompt), fails with a reason instead of raising: a gate that cannot be checked
must not pass silently.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from distillbench.gate.grammar import GRAMMAR, METRICS, Gate, GateSyntaxError, format_number, parse_gate

__all__ = ["GRAMMAR", "METRICS", "Gate", "GateResult", "GateSyntaxError", "On", "evaluate_gates", "parse_gate"]

On = Literal["point", "upper", "lower"]
_COMPARE: dict[str, Callable[[float, float], bool]] = {
    "<=": operator.le, "<": operator.lt, ">=": operator.ge, ">": operator.gt,
}
_NEGATION = {"<=": ">", "<": ">=", ">=": "<", ">": "<="}


@dataclass(frozen=True)
class GateResult:
    """The outcome of one gate on one model or pair; `reason` is one line a CI log can show."""

    gate: str
    metric: str
    op: str
    threshold: float
    on: str
    passed: bool
    reason: str
    value: float | None = None
    n: int | None = None
    model: str | None = None
    pair: tuple[str, str] | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON types (the pair as a [test, reference] list)."""
        return {
            "gate": self.gate, "metric": self.metric, "model": self.model,
            "pair": list(self.pair) if self.pair is not None else None, "value": self.value, "n": self.n,
            "threshold": self.threshold, "op": self.op, "on": self.on, "passed": self.passed, "reason": self.reason,
        }  # fmt: skip


def _fmt(x: float) -> str:
    text = f"{x:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _bound(op: str, on: On) -> str:
    """The statistic compared: the estimate, or the conservative/lenient interval bound for this op."""
    if on == "point":
        return "point"
    below = op in ("<", "<=")
    return "ci_high" if below == (on == "upper") else "ci_low"


def _judge(gate: Gate, on: On, who: str, stats: Mapping[str, Any], estimate: str, **where: Any) -> GateResult:
    """Compare one {estimate, n, ci_low, ci_high} block with the gate."""
    base = {"gate": str(gate), "metric": gate.metric, "op": gate.op, "threshold": gate.threshold, "on": on, **where}
    n = stats.get("n")
    point, low, high = stats.get(estimate), stats.get("ci_low"), stats.get("ci_high")
    if not n or point is None:
        reason = f"{gate.metric} of {who} is undefined (no scored case or usable prompt), so {gate} cannot pass"
        return GateResult(passed=False, reason=reason, n=n if isinstance(n, int) else None, **base)
    key = _bound(gate.op, on)
    value = point if key == "point" else stats.get(key)
    if value is None:
        reason = f"{gate.metric} of {who} has no {key}, so {gate} cannot be checked on={on}"
        return GateResult(passed=False, reason=reason, n=n, **base)
    passed = _COMPARE[gate.op](float(value), gate.threshold)
    shown = f"[{_fmt(low)}, {_fmt(high)}]" if low is not None and high is not None else "[?, ?]"
    relation = f"{gate.op if passed else _NEGATION[gate.op]} {format_number(gate.threshold)}"
    side = "" if key == "point" else f"; its {'upper' if key == 'ci_high' else 'lower'} bound"
    reason = f"{gate.metric} of {who} is {_fmt(float(point))} {shown} n={n}{side} {relation}"
    return GateResult(passed=passed, reason=reason, value=float(value), n=n, **base)


def _missing(gate: Gate, on: On, reason: str, **where: Any) -> GateResult:
    return GateResult(gate=str(gate), metric=gate.metric, op=gate.op, threshold=gate.threshold, on=on,
                      passed=False, reason=reason, **where)


def _ice(gate: Gate, report: Mapping[str, Any], on: On) -> list[GateResult]:
    score = gate.metric.removeprefix("ice.")
    models: Mapping[str, Any] = report.get("models") or {}
    if gate.model is not None:
        if gate.model not in models:
            known = ", ".join(sorted(models)) or "none"
            return [_missing(gate, on, f"{gate}: model {gate.model!r} is not in the report (models: {known})",
                             model=gate.model)]
        names = [gate.model]
    else:
        names = [m for m in sorted(models) if (models[m].get("ice", {}).get(score) or {}).get("n")]
        if not names:
            return [_missing(gate, on, f"{gate}: no model in the report has scored {gate.metric} cases")]
    return [_judge(gate, on, name, models[name].get("ice", {}).get(score) or {}, "score", model=name)
            for name in names]


def similarity_pairs(report: Mapping[str, Any]) -> dict[tuple[str, str, str], Mapping[str, Any]]:
    """(test, reference, granularity) -> {mean, n, ci_low, ci_high} from the report's similarity section.

    Reads the section as `scoring.similarity.section.similarity_section` writes it (``granularities`` per
    pair) and also a flat form with ``granularity`` and ``similarity`` on each pair entry."""
    out: dict[tuple[str, str, str], Mapping[str, Any]] = {}
    for entry in (report.get("similarity") or {}).get("pairs") or []:
        test, ref = str(entry.get("test")), str(entry.get("reference"))
        if "granularity" in entry:
            out[test, ref, str(entry["granularity"])] = entry.get("similarity") or {}
        for g, block in (entry.get("granularities") or {}).items():
            out[test, ref, str(g)] = (block or {}).get("similarity") or {}
    return out


def _rse(gate: Gate, report: Mapping[str, Any], on: On) -> list[GateResult]:
    g = gate.granularity
    stats = {(t, r): v for (t, r, gg), v in similarity_pairs(report).items() if gg == g}
    if gate.pair is not None:
        if gate.pair not in stats:
            known = ", ".join(f"[{t},{r}]" for t, r in sorted(stats)) or "none"
            reason = f"{gate}: the pair [{gate.pair[0]},{gate.pair[1]}] is not in the report (pairs: {known})"
            return [_missing(gate, on, reason, pair=gate.pair)]
        pairs = [gate.pair]
    else:
        pairs = sorted(stats)
        if not pairs:
            return [_missing(gate, on, f"{gate}: the report has no RSE similarity pairs")]
    return [_judge(gate, on, f"{t} vs {r}", stats[t, r], "mean", pair=(t, r)) for t, r in pairs]


def evaluate_gates(gates: Iterable[Gate | str], report: Mapping[str, Any], on: On = "point") -> list[GateResult]:
    """Every gate's results on the report, in gate order (strings are parsed first, raising GateSyntaxError)."""
    if on not in ("point", "upper", "lower"):
        raise ValueError(f"on must be 'point', 'upper' or 'lower', not {on!r}")
    results: list[GateResult] = []
    for item in gates:
        gate = parse_gate(item) if isinstance(item, str) else item
        results += _rse(gate, report, on) if gate.is_rse else _ice(gate, report, on)
    return results
