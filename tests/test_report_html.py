"""The HTML report: escaping, highlighted claim spans, self-containment, optional sections, and the CLI.

The sample report is built from synthetic case dicts shaped like the controller's, with scores computed by
the real `scoring.ice.scores.model_scores`, and is checked against the report schema, so the renderer is
tested on what the suite actually writes. `tests/test_report_html_browser.py` reuses `sample_report`.
"""

from __future__ import annotations

import copy
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from distillbench.cli.html import main as html_main
from distillbench.report.html.page import MAX_EXAMPLES, highlight_claims, render_html
from distillbench.report.json_file import SCHEMA_VERSION, validate_report
from scoring.ice.scores import model_scores

GRANULARITIES = ("content", "structure", "style", "combined")
HASH = "sha256:" + "ab" * 32
SCRIPT_ANSWER = ('Sure. <script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2"> '
                 "I am ChatGPT by OpenAI.")
MODELS = {"student": "test", "teacher": "reference", "other": "test"}


def claim(text: str, name: str, vendor: str, contradicts: bool = True, kind: str = "is") -> dict[str, Any]:
    start = text.index(name)
    return {"vendor": vendor, "name": name, "kind": kind, "span": [start, start + len(name)], "text": text,
            "in_roleplay": False, "contradicts": contradicts}


def ice_case(model: str, probe_id: str, text: str, claims: list[dict[str, Any]], *, hard: bool = False,
             control: bool = False, question: str = "Who are you?") -> dict[str, Any]:
    contradiction = any(c["contradicts"] for c in claims)
    return {
        "id": f"{model}__{probe_id}", "kind": "ice", "model": model, "probe_id": probe_id, "status": "passed",
        "duration_s": 0.01,
        "probe": {"question_id": probe_id.split("--")[0], "question": question, "lang": "en", "system_id": "none",
                  "system": "", "control": control, "template_id": "dan-chatgpt",
                  "template": "Pretend to be <DAN>. User: {question}"},
        "response": {"text": text, "finish_reason": "stop", "prompt_tokens": 10, "completion_tokens": 20},
        "ice": {"contradiction": contradiction, "strict": contradiction, "hard": hard, "control": control,
                "claims": claims, "evidence": text if contradiction else None},
    }


def sample_cases() -> list[dict[str, Any]]:
    plain = "DAN here: I am ChatGPT, a model made by OpenAI."
    own = "I am Teacher, made by Example Labs."
    cases = [
        ice_case("student", "q-script", SCRIPT_ANSWER, [claim(SCRIPT_ANSWER, "ChatGPT", "openai"),
                                                        claim(SCRIPT_ANSWER, "OpenAI", "openai", kind="developed_by")],
                 hard=True, question="Are you <b>ChatGPT</b>?"),
        ice_case("student", "q-plain", plain, [claim(plain, "ChatGPT", "openai"),
                                               claim(plain, "DAN", "persona", contradicts=False, kind="persona")]),
        ice_case("student", "q-own", own, [claim(own, "Example Labs", "example", contradicts=False, kind="self")]),
        ice_case("student", "q-plain--sys-self", plain, [claim(plain, "ChatGPT", "openai")], control=True),
        ice_case("teacher", "q-own", own, [claim(own, "Example Labs", "example", contradicts=False, kind="self")]),
        ice_case("teacher", "q-plain", own, []),
    ]
    failed = ice_case("teacher", "q-broken", "", [])
    failed |= {"status": "failed", "error": "no cassette at cassettes/teacher/q-broken.yaml <see README>"}
    del failed["response"], failed["ice"]
    return [*cases, failed]


def _cell(mean: float | None) -> dict[str, Any]:
    if mean is None:
        return {"mean": None, "n": 0, "ci_low": None, "ci_high": None}
    low, high = round(max(0.0, mean - 0.05), 4), round(min(1.0, mean + 0.05), 4)
    return {"mean": mean, "n": 20, "ci_low": low, "ci_high": high}


def sample_similarity() -> dict[str, Any]:
    """A schema-valid similarity section for three models with one undefined (null) cell."""
    models = list(MODELS)
    base = [[0.9, 0.72, 0.31], [0.72, 0.88, 0.35], [0.31, 0.35, 0.8]]
    matrix: dict[str, Any] = {"models": models, "diagonal": "diagonal cells hold the A/A similarity"}
    for k, g in enumerate(GRANULARITIES):
        cells = [[_cell(round(v - 0.03 * k, 4)) for v in row] for row in base]
        if g == "style":
            cells[0][2] = cells[2][0] = _cell(None)
        matrix[g] = {stat: [[c[stat] for c in row] for row in cells] for stat in ("mean", "ci_low", "ci_high", "n")}
    pair = {g: {"similarity": _cell(0.72), "likert": 3.9, "ceiling": _cell(0.88), "floor": _cell(0.35),
                "floor_model": "other", "homogenization_index": 0.69,
                "permutation": [{"control": "other", "mean_difference": 0.37, "p_value": 0.0001, "n": 20,
                                 "alternative": "greater"}]} for g in GRANULARITIES}
    return {
        "reference": "teacher", "granularities": list(GRANULARITIES), "models": models, "n_prompts": 20,
        "settings": {"seed": 0, "n_resamples": 200, "n_permutations": 2000, "alpha": 0.05},
        "excluded": {"other": [{"prompt_id": "mtbench-81", "sample": "greedy", "reason": "refused"}]},
        "matrix": matrix, "ceiling": {m: {g: _cell(0.85) for g in GRANULARITIES} for m in models},
        "pairs": [{"test": "student", "reference": "teacher", "granularities": pair}],
    }


def sample_gates() -> list[dict[str, Any]]:
    return [
        {"gate": "ice.loose<=0.2", "metric": "ice.loose", "model": "student", "pair": None, "value": 0.666,
         "n": 3, "threshold": 0.2, "op": "<=", "on": "point", "passed": False, "reason": "0.666 > 0.2 <b>"},
        {"gate": "rse.combined<0.9", "metric": "rse.combined", "model": None, "pair": ["student", "teacher"],
         "value": 0.72, "n": 20, "threshold": 0.9, "op": "<", "on": "point", "passed": True, "reason": "ok"},
    ]


def sample_report(*, similarity: bool = True, gates: bool = True) -> dict[str, Any]:
    cases = sample_cases()
    report = {
        "schema_version": SCHEMA_VERSION,
        "run": {
            "suite_version": "0.1.0", "started": "2026-01-02T03:04:05+00:00", "finished": "2026-01-02T03:05:06+00:00",
            "models_file": "fixtures/models.toml",
            "models": {name: {"base_url": f"http://127.0.0.1:88{i}/v1", "model": name, "vendor": "Example Labs",
                              "family": "Ex", "role": role, "temperature": 0.0, "max_tokens": 128, "seed": 7}
                       for i, (name, role) in enumerate(MODELS.items())},
            "probe_sets": [{"id": "ice-identity-questions", "kind": "questions", "source": "q.toml", "count": 3,
                            "hash": HASH}],
            "record_mode": "none", "workers": 2, "exit_status": 1,
        },
        "models": model_scores(cases, MODELS),
        "similarity": sample_similarity() if similarity else {},
        "cases": cases,
        "gates": sample_gates() if gates else [],
    }
    validate_report(report)
    return report


class _Cells(HTMLParser):
    """Every element with data-metric: its data-* attributes and its text."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[dict[str, str]] = []
        self._open: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        data = {k[5:]: v or "" for k, v in attrs if k.startswith("data-")}
        if "metric" in data:
            self._open = {**data, "text": ""}
            self.cells.append(self._open)

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open["text"] += data

    def handle_endtag(self, tag: str) -> None:
        self._open = None


def cells(page: str) -> list[dict[str, str]]:
    parser = _Cells()
    parser.feed(page)
    return parser.cells


@pytest.fixture(scope="module")
def page() -> str:
    """The sample report rendered once: rendering draws five figures, which is the slow part of these tests."""
    return render_html(sample_report())


def test_model_output_is_escaped(page: str) -> None:
    assert "<script>window.__pwned" not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in page
    assert "Are you &lt;b&gt;ChatGPT&lt;/b&gt;?" in page  # probe framing too
    assert "Pretend to be &lt;DAN&gt;" in page
    assert "<script" not in page.lower()  # the page itself runs no script


def test_markup_in_names_and_errors_is_escaped() -> None:
    report = sample_report()
    report["models"]['evil"><b>'] = copy.deepcopy(report["models"]["student"])
    page = render_html(report)
    assert 'evil"><b>' not in page
    assert "evil&quot;&gt;&lt;b&gt;" in page
    assert "&lt;see README&gt;" in page


def test_claim_spans_are_highlighted(page: str) -> None:
    marks = re.findall(r'<mark class="(\w+)"[^>]*data-vendor="(\w+)"[^>]*>([^<]*)</mark>', page)
    assert ("contra", "openai", "ChatGPT") in marks
    assert ("contra", "openai", "OpenAI") in marks
    assert ("claim", "persona", "DAN") in marks  # a role-play persona: highlighted, not as a contradiction


def test_highlight_escapes_and_skips_bad_spans() -> None:
    text = "<i>ChatGPT</i> & Claude"
    claims = [
        {"vendor": "openai", "span": [3, 10], "contradicts": True},
        {"vendor": "x", "span": [5, 12], "contradicts": True},  # overlaps the first: dropped
        {"vendor": "x", "span": [20, 99], "contradicts": True},  # past the end: dropped
        {"vendor": "x", "span": [True, 3], "contradicts": True},  # not an int: dropped
        {"vendor": "anthropic", "span": [17, 23], "contradicts": False},
    ]
    out = highlight_claims(text, claims)
    assert out.count("<mark") == 2
    assert re.sub(r"<[^>]+>", "", out) == "&lt;i&gt;ChatGPT&lt;/i&gt; &amp; Claude"
    assert '<mark class="contra"' in out and ">ChatGPT</mark>" in out and ">Claude</mark>" in out


def test_no_remote_references(page: str) -> None:
    assert not re.search(r"""(?:src|href|action|srcset)\s*=\s*["']?\s*(?:[a-z]+:)?//""", page, re.IGNORECASE)
    assert not re.search(r"url\(\s*['\"]?\s*(?:https?:)?//|@import|<link\b|<iframe\b|<object\b", page, re.IGNORECASE)
    assert "default-src 'none'" in page  # the CSP blocks any load even if something slipped through


def test_ice_numbers_carry_their_json_values(page: str) -> None:
    report = sample_report()
    found = {(c["metric"], c.get("model")): c for c in cells(page)}
    for model, scores in report["models"].items():
        for metric in ("loose", "strict", "hard", "control_false_positive"):
            expected = scores["ice"][metric]
            cell = found[(f"ice.{metric}", model)]
            assert float(cell["value"]) == expected["score"]
            assert cell["text"] == (f"{expected['score']:.3f}" if expected["n"] else "n/a")
            assert int(cell["n"]) == expected["n"]
        assert found[("cases.failed", model)]["text"] == str(scores["cases"]["failed"])


def test_similarity_heatmaps_and_pairs(page: str) -> None:
    report = sample_report()
    assert page.count("<svg") == 1 + len(GRANULARITIES)  # the ICE chart and one heatmap per granularity
    matrix = report["similarity"]["matrix"]
    rse = [c for c in cells(page) if c["metric"].startswith("rse.") and "row" in c]
    assert len(rse) == len(GRANULARITIES) * len(MODELS) ** 2
    for c in rse:
        g = c["metric"].removeprefix("rse.")
        i, j = matrix["models"].index(c["row"]), matrix["models"].index(c["col"])
        expected = matrix[g]["mean"][i][j]
        assert c["text"] == ("n/a" if expected is None else f"{expected:.3f}")
        assert ("value" not in c) if expected is None else float(c["value"]) == expected
    pair = [c for c in cells(page) if c["metric"] == "rse.similarity"]
    assert [(c["pair"], c["granularity"]) for c in pair] == [("student|teacher", g) for g in GRANULARITIES]


def test_without_similarity_and_gates() -> None:
    page = render_html(sample_report(similarity=False, gates=False))
    assert 'id="similarity"' not in page and 'id="gates"' not in page and 'id="baseline"' not in page
    assert page.count("<svg") == 1
    assert 'id="ice"' in page and 'id="failed"' in page


def test_minimal_report_without_cases() -> None:
    """An empty run (no model, no case) still renders: the page is the place to see that nothing ran."""
    report = sample_report(similarity=False, gates=False) | {"models": {}, "cases": []}
    page = render_html(report)
    assert "No model in this report." in page and "No case failed." in page


def test_failed_case_and_error_are_listed(page: str) -> None:
    section = page[page.index('<section id="failed">'):]
    assert 'data-case="teacher__q-broken"' in section
    assert "no cassette at cassettes/teacher/q-broken.yaml &lt;see README&gt;" in section
    assert "1 case(s) failed" in section


def test_gates_and_baseline_verdicts() -> None:
    report = sample_report()
    report["baseline"] = {"baseline": {"path": "old.json"}, "shared_cases": 6, "checks": [
        {"metric": "ice.loose", "model": "student", "before": 0.25, "after": 0.5, "change": 0.25, "test": "mcnemar",
         "p_value": 0.03, "n": 4, "verdict": "regressed", "passed": False, "reason": "loose rose by 0.25"},
        {"metric": "rse.combined", "pair": ["student", "teacher"], "granularity": "combined", "before": 0.7,
         "after": 0.71, "change": 0.01, "test": "permutation", "p_value": 0.6, "n": 20, "verdict": "unchanged",
         "passed": True, "reason": "no significant change"}]}
    page = render_html(report)
    gates = page[page.index('<section id="gates">'):page.index('<section id="baseline">')]
    assert gates.count('data-passed="false"') == 1 and gates.count('data-passed="true"') == 1
    assert "0.666 &gt; 0.2 &lt;b&gt;" in gates and "student → teacher" in gates
    baseline = page[page.index('<section id="baseline">'):]
    assert "regressed" in baseline and "+0.250" in baseline and "student → teacher (combined)" in baseline


def test_examples_are_capped_and_spread_over_questions() -> None:
    report = sample_report(similarity=False, gates=False)
    base = report["cases"][1]
    report["cases"] += [copy.deepcopy(base) | {"id": f"student__q-plain--tpl-{i}", "probe_id": f"q-plain--tpl-{i}"}
                        for i in range(10)]
    page = render_html(report)
    shown = re.findall(r'<article class="example" data-case="student__([^"]+)"', page)
    assert len(shown) == MAX_EXAMPLES
    assert shown[:2] == ["q-script", "q-plain"]  # the hard one first, then one per question before repeats


def test_render_is_deterministic() -> None:
    report = sample_report()
    assert render_html(report) == render_html(copy.deepcopy(report))


def test_cli_writes_index_beside_the_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "distillation.json"
    source.write_text(json.dumps(sample_report()), encoding="utf-8")
    assert html_main([str(source)]) == 0
    assert (tmp_path / "index.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    out = tmp_path / "sub" / "page.html"
    assert html_main([str(source), "-o", str(out)]) == 0
    assert out.is_file() and str(out) in capsys.readouterr().out
    assert not [p for p in tmp_path.rglob(".*.tmp")]  # the atomic write left no temporary file


@pytest.mark.parametrize(("content", "status", "message"), [
    ("{not json", 2, "cannot read report"),
    ("[1, 2]", 1, "not a distillation report"),
    ('{"schema_version": "1.0"}', 1, "invalid report at (top level)"),
])
def test_cli_rejects_bad_json_naming_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str,
                                              status: int, message: str) -> None:
    source = tmp_path / "distillation.json"
    source.write_text(content, encoding="utf-8")
    assert html_main([str(source)]) == status
    err = capsys.readouterr().err
    assert str(source) in err and message in err
    assert not (tmp_path / "index.html").exists()


def test_cli_names_the_invalid_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = sample_report()
    report["run"]["workers"] = -1
    source = tmp_path / "distillation.json"
    source.write_text(json.dumps(report), encoding="utf-8")
    assert html_main([str(source)]) == 1
    assert "invalid report at run/workers" in capsys.readouterr().err


def test_cli_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert html_main([str(tmp_path / "nope.json")]) == 2
    assert "nope.json: cannot read report" in capsys.readouterr().err


def test_llm_judge_scores_are_shown_when_present() -> None:
    report = sample_report(similarity=False, gates=False)
    agreement = {"n": 3, "unparsed": 1, "accuracy": 0.5, "cohen_kappa": 0.25}
    report["models"]["student"]["ice"]["judge"] = {
        "judge": "judge-model", "loose": {"score": 0.5, "n": 2, "ci_low": 0.09, "ci_high": 0.91},
        "strict": {"score": 0.0, "n": 0, "ci_low": 0.0, "ci_high": 1.0},
        "agreement_loose": agreement, "agreement_strict": agreement | {"cohen_kappa": None}}
    validate_report(report)
    found = {(c["metric"], c.get("model")): c for c in cells(render_html(report))}
    assert found[("ice.judge.loose", "student")]["text"] == "0.500"
    assert found[("ice.judge.strict", "student")]["text"] == "n/a"  # n == 0: no estimate
    assert found[("ice.judge.agreement_loose.kappa", "student")]["text"] == "0.25"
    assert found[("ice.judge.agreement_strict.kappa", "student")]["text"] == "n/a"
    assert ("ice.judge.loose", "teacher") not in found
