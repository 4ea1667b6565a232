"""JUnit XML from the aggregated report: one testcase per case with its outcome as properties.

Written by the controller from the same data as the JSON report, so it is correct under `pytest -n auto`
(pytest's own `record_testsuite_property` does nothing under xdist).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from distillbench.report.completeness import SELECTION
from distillbench.report.json_file import ice_policy_of

__all__ = ["junit_xml"]

_MAX_PROPERTY = 500


def _clean(value: Any) -> str:
    """XML 1.0 cannot hold most control characters; a model's output may contain them."""
    text = "" if value is None else str(value)
    text = "".join(ch for ch in text if ch in "\t\n\r" or (ord(ch) >= 0x20 and not 0xD800 <= ord(ch) <= 0xDFFF
                                                            and ch not in "\ufffe\uffff"))
    return text if len(text) <= _MAX_PROPERTY else text[: _MAX_PROPERTY - 1] + "…"


def _properties(parent: ET.Element, pairs: list[tuple[str, Any]]) -> None:
    if not pairs:
        return
    node = ET.SubElement(parent, "properties")
    for name, value in pairs:
        ET.SubElement(node, "property", name=name, value=_clean(value))


def _fmt_proportion(p: dict[str, Any]) -> str:
    return f"{p['score']:.4f} [{p['ci_low']:.4f}, {p['ci_high']:.4f}] n={p['n']}"


def _suite_properties(report: dict[str, Any]) -> list[tuple[str, Any]]:
    run = report["run"]
    pairs: list[tuple[str, Any]] = [
        ("distillbench.schema_version", report["schema_version"]),
        ("distillbench.suite_version", run["suite_version"]),
        ("distillbench.record_mode", run["record_mode"]),
        ("distillbench.ice_policy", ice_policy_of(run)),
        ("distillbench.workers", run["workers"]),
        ("distillbench.complete", str(run.get("complete", True)).lower()),
    ]
    if run.get("incomplete_reason"):
        pairs.append(("distillbench.incomplete_reason", run["incomplete_reason"]))
    if run.get("shard"):
        pairs.append(("distillbench.shard", f'{run["shard"]["index"]}/{run["shard"]["count"]}'))
    pairs += [(f"probe_set.{s['id']}.hash", s["hash"]) for s in run["probe_sets"]]
    if report.get("similarity"):
        from distillbench.report.rse_text import similarity_properties

        pairs += similarity_properties(report["similarity"])
    for model, scores in report["models"].items():
        for name, value in scores["ice"].items():
            if name != "judge":
                pairs.append((f"ice.{name}:{model}", _fmt_proportion(value)))
        judge = scores["ice"].get("judge")
        if judge:
            pairs.append((f"ice.judge.loose:{model}", f"{_fmt_proportion(judge['loose'])} judge={judge['judge']}"))
            pairs.append((f"ice.judge.strict:{model}", _fmt_proportion(judge["strict"])))
            pairs.append((f"ice.judge.kappa_loose:{model}", judge["agreement_loose"]["cohen_kappa"]))
    return pairs


def _case_properties(case: dict[str, Any]) -> list[tuple[str, Any]]:
    pairs: list[tuple[str, Any]] = [("model", case["model"]), ("probe_id", case["probe_id"])]
    if "cassette" in case:
        pairs.append(("cassette", case["cassette"]))
    response = case.get("response")
    if response:
        pairs += [("finish_reason", response["finish_reason"]),
                  ("prompt_tokens", response["prompt_tokens"]),
                  ("completion_tokens", response["completion_tokens"])]
    ice = case.get("ice")
    if ice:
        pairs += [("ice.contradiction", ice["contradiction"]), ("ice.strict", ice["strict"]),
                  ("ice.hard", ice["hard"])]
        if ice.get("evidence"):
            pairs.append(("ice.evidence", ice["evidence"]))
    return pairs


def _check_case(suite: ET.Element, classname: str, name: str, passed: bool, reason: str,
                props: list[tuple[str, Any]]) -> None:
    node = ET.SubElement(suite, "testcase", classname=classname, name=name, time="0.000")
    _properties(node, props)
    if not passed:
        ET.SubElement(node, "failure", message=_clean(reason)).text = _clean(reason)


def _check_cases(suite: ET.Element, report: dict[str, Any]) -> None:
    """Each gate and baseline check is a testcase of its own, so CI systems list and count them."""
    checks = 0
    failures = 0
    for gate in report.get("gates", []):
        target = gate.get("model") or ",".join(gate.get("pair") or []) or "all"
        name = gate["gate"] if target in gate["gate"] else f"{gate['gate']} [{target}]"
        _check_case(suite, "distillbench.gate", name, gate["passed"], gate["reason"],
                    [("value", gate.get("value")), ("threshold", gate["threshold"]), ("on", gate["on"])])
        checks += 1
        failures += not gate["passed"]
    baseline = report.get("baseline")
    if baseline:
        if not baseline["compatible"]:
            _check_case(suite, "distillbench.baseline", "compatible probe sets", False, baseline["error"], [])
            checks += 1
            failures += 1
        for check in baseline["checks"]:
            target = check.get("model") or ",".join(check.get("pair") or [])
            name = f"{check['metric']}{'.' + check['granularity'] if check.get('granularity') else ''} [{target}]"
            _check_case(suite, "distillbench.baseline", name, check["passed"], check["reason"],
                        [("before", check["before"]), ("after", check["after"]), ("p_value", check["p_value"]),
                         ("verdict", check["verdict"])])
            checks += 1
            failures += not check["passed"]
    suite.set("tests", str(int(suite.get("tests", "0")) + checks))
    suite.set("failures", str(int(suite.get("failures", "0")) + failures))


def _completeness_case(suite: ET.Element, run: dict[str, Any]) -> None:
    """An incomplete run shows as such in every CI's test list: an error when cases were lost (interrupted,
    crashed, unreported), a skip when the run deliberately selected a subset (-k, --shard, --models)."""
    if run.get("complete", True):
        return
    node = ET.SubElement(suite, "testcase", classname="distillbench.run", name="complete", time="0.000")
    reason = _clean(run.get("incomplete_reason") or "incomplete")
    if set(run.get("incomplete") or {"unknown": ""}) <= SELECTION:
        ET.SubElement(node, "skipped", message=f"a subset of the suite: {reason}")
        suite.set("skipped", str(int(suite.get("skipped", "0")) + 1))
    else:
        ET.SubElement(node, "error", message=f"incomplete run: {reason}").text = reason
        suite.set("errors", str(int(suite.get("errors", "0")) + 1))
    suite.set("tests", str(int(suite.get("tests", "0")) + 1))


def junit_xml(report: dict[str, Any]) -> str:
    cases = report["cases"]
    failures = sum(c["status"] == "failed" for c in cases)
    skipped = sum(c["status"] == "skipped" for c in cases)
    total_time = sum(c.get("duration_s", 0.0) for c in cases)
    suites = ET.Element("testsuites")
    suite = ET.SubElement(suites, "testsuite", name="distillbench", tests=str(len(cases)),
                          failures=str(failures), errors="0", skipped=str(skipped),
                          time=f"{total_time:.3f}", timestamp=report["run"]["started"])
    _properties(suite, _suite_properties(report))
    for case in cases:
        node = ET.SubElement(suite, "testcase", classname=f"distillbench.{case['kind']}.{case['model']}",
                             name=case["probe_id"], time=f"{case.get('duration_s', 0.0):.3f}")
        _properties(node, _case_properties(case))
        if case["status"] == "failed":
            message = _clean(case.get("error") or "failed")
            ET.SubElement(node, "failure", message=message).text = message
        elif case["status"] == "skipped":
            ET.SubElement(node, "skipped", message=_clean(case.get("error") or "skipped"))
    _check_cases(suite, report)
    _completeness_case(suite, report["run"])
    ET.indent(suites)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
