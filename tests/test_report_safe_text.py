"""One answer no file can hold never blocks the report: it is made writable, and its case is named."""

from __future__ import annotations

import json

from distillbench.report.junit import _clean
from distillbench.report.safe_text import writable
from tests.conftest import SUBSET_MODEL, SuiteProject


def test_lone_surrogates_are_replaced_everywhere_and_counted() -> None:
    fixed, n = writable({"a": ["ok \ud800", ("\udfff",)], "b": 3, "c": "fine"})
    assert fixed == {"a": ["ok \ufffd", ("\ufffd",)], "b": 3, "c": "fine"} and n == 2
    json.dumps(fixed, ensure_ascii=False).encode("utf-8")  # now writable


def test_paired_surrogates_and_ordinary_text_are_untouched() -> None:
    text = "emoji 😀, CJK 我是, accents é"
    assert writable(text) == (text, 0)


def test_junit_drops_what_xml_cannot_hold() -> None:
    assert _clean("a\x00b\ufffe\ud800c\td") == "abc\td"


def test_a_recorded_lone_surrogate_leaves_a_report_and_names_its_case(suite_project: SuiteProject) -> None:
    cassette = suite_project.cassette("en-who-are-you")
    text = cassette.read_text(encoding="utf-8")
    answer = '"message":{"content":"'
    assert answer in text  # the response's answer, not the request's question
    cassette.write_text(text.replace(answer, answer + "\\ud800 ", 1), encoding="utf-8")  # a JSON escape
    result = suite_project.run(*suite_project.only(SUBSET_MODEL))
    assert result.ret == 0
    result.stdout.fnmatch_lines([f"case {SUBSET_MODEL}__en-who-are-you: 1 characters no file can hold*U+FFFD*"])
    report = json.loads((suite_project.reports / "distillation.json").read_text(encoding="utf-8"))
    case = next(c for c in report["cases"] if c["id"] == f"{SUBSET_MODEL}__en-who-are-you")
    assert case["response"]["text"].startswith("\ufffd ")
