"""The committed search replays offline into the same bytes, and its held-back evaluation shows what the
search found (fixtures/fuzz/README.md). Needs ../shared/data/gptfuzzer (the seed templates): fails loudly
without them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from distillbench.fixtures.probes import load_questions, load_templates
from distillbench.fuzz.heldback import template_answers
from distillbench.paths import FIXTURES_DIR, shared_data_dir
from distillbench.paths import REPO_ROOT as ROOT
from scoring.stats.template_sets import compare_sets

FUZZ = FIXTURES_DIR / "fuzz"
TARGET = "qwen2.5-coder-0.5b-instruct"
SEEDS_CSV = shared_data_dir() / "gptfuzzer" / "GPTFuzzer.csv"


def _committed_command(log: dict[str, object]) -> list[str]:
    config = log["config"]
    assert isinstance(config, dict)
    command = [sys.executable, "-m", "distillbench.cli.main", "fuzz", "--target", str(log["target"]),
               "--mutator", str(log["mutator"]), "--models-file", str(FUZZ / "models.toml"),
               "--seeds", str(SEEDS_CSV), "--questions", str(FUZZ / "search-questions.toml"),
               "--budget", str(config["budget"]), "--seed", str(config["seed"]), "--keep", str(log["keep"])]
    if config["pool"] is not None:
        command += ["--pool", str(config["pool"])]
    return command


@pytest.mark.parametrize("log_path", sorted(FUZZ.glob("*.log.json")), ids=lambda p: p.name)
def test_a_committed_search_replays_offline_into_identical_files(log_path: Path, tmp_path: Path) -> None:
    assert SEEDS_CSV.is_file(), f"{SEEDS_CSV} is missing: the fuzz replay needs the GPTFuzzer seed templates"
    log = json.loads(log_path.read_text(encoding="utf-8"))
    stem = log_path.name.removesuffix(".log.json")
    env = {k: v for k, v in os.environ.items() if "KEY" not in k and "TOKEN" not in k}
    env["HTTPS_PROXY"] = env["HTTP_PROXY"] = "http://127.0.0.1:9"  # any request that left would fail
    done = subprocess.run([*_committed_command(log), "--cassette-dir", str(ROOT / "cassettes" / "fuzz"),
                           "--record-mode", "none", "-o", str(tmp_path / f"{stem}.toml")],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, (done.stderr + "\nIf the ICE scorer changed since this search was recorded, its "
                                  "verdicts now steer the search elsewhere: re-run `make fuzz`.")
    for suffix in (".toml", ".seeds.toml", ".log.json", ".png"):
        name = stem + suffix
        assert (tmp_path / name).read_bytes() == (FUZZ / name).read_bytes(), f"{name} differs on replay"


def test_the_found_templates_load_as_a_suite_template_set_with_their_lineage() -> None:
    info, templates = load_templates(FUZZ / "found.toml")
    log = json.loads((FUZZ / "found.log.json").read_text(encoding="utf-8"))
    assert info.count == len(log["frozen"]) >= 1
    search_questions = {q["id"] for q in load_questions(FUZZ / "search-questions.toml")[1]}
    for template in templates:
        assert template["lineage"][0] == template["seed"] and len(template["lineage"]) >= 2
        assert set(template["questions"]) == search_questions and template["successes"] >= 1
        assert "{question}" in template["text"]
    assert load_templates(FUZZ / "found.seeds.toml")[0].count == len(log["pool"])


def test_search_and_held_back_questions_are_disjoint() -> None:
    search = load_questions(FUZZ / "search-questions.toml")[1]
    held = load_questions(FUZZ / "heldback-questions.toml")[1]
    assert not {q["id"] for q in search} & {q["id"] for q in held}
    assert not {q["text"] for q in search} & {q["text"] for q in held}
    assert all(q.get("core") for q in held), "held-back questions must be asked inside every template"


@pytest.mark.parametrize("name", ["found", "static", "seeds"])
def test_each_template_set_replays_on_the_held_back_questions(name: str) -> None:
    templates = {"found": FUZZ / "found.toml", "static": ROOT / "distillbench" / "fixtures" / "defaults" /
                 "templates.toml", "seeds": FUZZ / "found.seeds.toml"}[name]
    folder = ROOT / "cassettes" / "fuzz" / "heldback" / "qwen2.5-coder-0.5b-instruct"
    ids = {t["id"] for t in load_templates(templates)[1]}
    questions = {q["id"] for q in load_questions(FUZZ / "heldback-questions.toml")[1]}
    missing = [f"{q}--tpl-{t}" for t in ids for q in questions if not (folder / f"{q}--tpl-{t}.yaml").is_file()]
    assert not missing, f"{len(missing)} held-back cassettes missing (first: {missing[0]}); run `make fuzz`"


def _replay_heldback(templates: Path, report_dir: Path) -> Path:
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-n", "0", "-q", "--distillbench",
         "--measures", "ice", f"--models-file={FIXTURES_DIR / 'models.toml'}", f"--models={TARGET}",
         f"--questions={FUZZ / 'heldback-questions.toml'}", f"--system-prompts={FUZZ / 'systems.toml'}",
         f"--templates={templates}", f"--cassette-dir={ROOT / 'cassettes' / 'fuzz' / 'heldback'}",
         f"--report-dir={report_dir}"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    return report_dir / "distillation.json"


def test_the_found_templates_beat_the_static_set_and_the_seeds_on_held_back_questions(tmp_path: Path) -> None:
    """The issue's decision, as `benchmarks/bench_fuzz.py` prints it: on questions the search never saw, the
    found templates elicit more contradictions than the static set and than the same seeds unmutated (loose,
    paired over questions, p < 0.05 each) and a higher strict rate than both. The strict differences are pinned
    as point estimates only: their p-values moved with each re-run of the search after ICE scorer changes
    (0.070 / 0.047, then 0.16 / 0.13, now 0.016 / 0.051 against the static set / the seeds), so on 12 questions
    the strict advantage is not a finding."""
    sets = {"found": FUZZ / "found.toml", "static": ROOT / "distillbench" / "fixtures" / "defaults" / "templates.toml",
            "seeds": FUZZ / "found.seeds.toml"}
    rows = {name: template_answers(json.loads(_replay_heldback(path, tmp_path / name).read_text(encoding="utf-8")),
                                   TARGET) for name, path in sets.items()}
    assert {len({r.question for r in v}) for v in rows.values()} == {12}
    versus_static = compare_sets(rows["found"], rows["static"], "strict")
    assert versus_static["a"]["score"] > versus_static["b"]["score"]
    loose_static = compare_sets(rows["found"], rows["static"], "loose")
    assert loose_static["test"]["p_value"] < 0.05, loose_static
    loose_seeds = compare_sets(rows["found"], rows["seeds"], "loose")
    assert loose_seeds["test"]["p_value"] < 0.05, loose_seeds
    versus_seeds = compare_sets(rows["found"], rows["seeds"], "strict")
    assert versus_seeds["a"]["score"] > versus_seeds["b"]["score"]
