"""--shard K/N: each case in exactly one shard, stable under reordering, and N merged shards equal one run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import SuiteProject
from distillbench.cli.main import main as distillbench_main
from distillbench.shard import Shard, parse_shard, shard_index

# Run metadata that legitimately differs between one job and N merged jobs.
RUN_VARIES = {"started", "finished", "workers", "exit_status", "merged_from", "shard"}

TINY_RSE = ('id = "tiny-mtbench"\nsource = "mtbench"\nper_category = 1\n\n'
            '[resample]\ntemperature = 0.7\nseeds = [1001]\n')


def comparable(report: dict[str, Any]) -> dict[str, Any]:
    """The report without timestamps, durations and run metadata that differ between one job and shards."""
    out = dict(report)
    out["run"] = {k: v for k, v in report["run"].items() if k not in RUN_VARIES}
    out["cases"] = [{k: v for k, v in case.items() if k != "duration_s"} for case in report["cases"]]
    return out


@pytest.mark.parametrize(("text", "shard"), [("1/1", Shard(1, 1)), ("2/3", Shard(2, 3)), (" 3 / 3 ", Shard(3, 3))])
def test_parse_valid(text: str, shard: Shard) -> None:
    assert parse_shard(text) == shard and str(shard) == text.replace(" ", "")


@pytest.mark.parametrize("text", ["0/2", "3/2", "a/b", "1", "1/0", "-1/2", "1/2/3", ""])
def test_parse_invalid_names_the_option(text: str) -> None:
    with pytest.raises(ValueError, match="--shard"):
        parse_shard(text)


@given(st.lists(st.text(min_size=1, max_size=30), min_size=1, max_size=50, unique=True), st.integers(1, 7),
       st.randoms(use_true_random=False))
def test_every_key_has_one_owner_whatever_else_is_there(keys: list[str], count: int, rnd: Any) -> None:
    owners = {k: shard_index(k, count) for k in keys}
    assert all(1 <= s <= count for s in owners.values())
    shuffled = keys[:]
    rnd.shuffle(shuffled)
    subset = shuffled[: len(shuffled) // 2]
    assert {k: shard_index(k, count) for k in subset} == {k: owners[k] for k in subset}  # no dependence on others


def test_shards_are_roughly_even() -> None:
    counts = [0, 0, 0, 0]
    for i in range(4000):
        counts[shard_index(f"model__probe-{i}", 4) - 1] += 1
    assert all(900 <= c <= 1100 for c in counts), counts  # 1000 +- 3.5 sd


@pytest.mark.parametrize("value", ["0/2", "3/2", "a/b"])
def test_malformed_shard_is_a_usage_error(suite_project: SuiteProject, value: str) -> None:
    result = suite_project.run("--shard", value)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([f"*--shard '{value}'*K/N*"])
    assert not (suite_project.reports / "distillation.json").exists()


def _run(project: SuiteProject, report_dir: Path, *extra: str) -> dict[str, Any]:
    rse = ["--measures", "ice,rse", "--rse-config", str(project.root / "rse.toml")]
    result = project.run(*rse, "--report-dir", str(report_dir), *extra)
    assert result.ret == 0, result.stdout.str()[-3000:]
    return dict(json.loads((report_dir / "distillation.json").read_text(encoding="utf-8")))


def test_three_shards_merge_into_the_report_of_one_job(suite_project: SuiteProject,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    (suite_project.root / "rse.toml").write_text(TINY_RSE, encoding="utf-8")
    single = _run(suite_project, suite_project.root / "single")
    shards = [_run(suite_project, suite_project.root / f"shard-{k}", "--shard", f"{k}/3") for k in (1, 2, 3)]

    ids = [{c["id"] for c in s["cases"]} for s in shards]
    assert all(ids) and sum(map(len, ids)) == len(single["cases"])  # every shard runs something, none twice
    assert set.union(*ids) == {c["id"] for c in single["cases"]}
    assert [s["run"]["shard"] for s in shards] == [{"index": k, "count": 3} for k in (1, 2, 3)]
    junit = (suite_project.root / "shard-2" / "junit.xml").read_text(encoding="utf-8")
    html = (suite_project.root / "shard-2" / "index.html").read_text(encoding="utf-8")
    assert 'name="distillbench.shard" value="2/3"' in junit and 'data-run="shard">2/3<' in html
    assert "shard" not in single["run"] and single["similarity"]["pairs"]

    merged_path = suite_project.root / "merged.json"
    paths = [str(suite_project.root / f"shard-{k}" / "distillation.json") for k in (1, 2, 3)]
    assert distillbench_main(["merge", *paths, "-o", str(merged_path)]) == 0
    merged = json.loads(merged_path.read_text(encoding="utf-8"))
    assert merged["run"]["merged_from"] == 3
    one, many = comparable(single), comparable(merged)
    for key in one.keys() | many.keys():
        assert many.get(key) == one.get(key), key
    assert "merged 3 reports" in capsys.readouterr().out


def test_shard_membership_is_stable_when_cases_are_reordered(suite_project: SuiteProject) -> None:
    (suite_project.root / "rse.toml").write_text(TINY_RSE, encoding="utf-8")
    before = _run(suite_project, suite_project.root / "in-order", "--shard", "2/3")
    suite_project.pytester.makeconftest("""
        import pytest

        @pytest.hookimpl(tryfirst=True)
        def pytest_collection_modifyitems(items):
            items.reverse()
    """)
    after = _run(suite_project, suite_project.root / "reversed", "--shard", "2/3")
    assert {c["id"] for c in after["cases"]} == {c["id"] for c in before["cases"]}
    assert comparable(after) == comparable(before)


def test_deselected_cases_are_counted(suite_project: SuiteProject) -> None:
    result = suite_project.run("--shard", "1/2")
    outcomes = result.parseoutcomes()
    assert result.ret == 0 and outcomes["passed"] >= 1 and outcomes["deselected"] >= 1
    total = suite_project.run().parseoutcomes()["passed"]
    assert outcomes["passed"] + outcomes["deselected"] == total
