"""The RSE prompt plan: MT-Bench prompts, resample seeds (shared and reference-only), per-prompt request seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from distillbench.cases.suite import SuiteConfig
from distillbench.fixtures.probes import DEFAULT_QUESTIONS, DEFAULT_SYSTEMS, DEFAULT_TEMPLATES
from distillbench.fixtures.rse_prompts import DEFAULT_RSE, load_rse_plan, request_seed
from scoring.errors import ConfigError

REPO = Path(__file__).resolve().parent.parent


def write_plan(tmp_path: Path, resample: str) -> Path:
    path = tmp_path / "rse.toml"
    path.write_text(f'id = "t"\nversion = 1\nsource = "mtbench"\nper_category = 2\n\n[resample]\n{resample}\n')
    return path


def test_committed_plan_has_enough_prompts_and_categories() -> None:
    plan = load_rse_plan(DEFAULT_RSE)
    assert len(plan.prompts) >= 60
    assert len({p.category for p in plan.prompts}) >= 3
    assert len({p.id for p in plan.prompts}) == len(plan.prompts)
    assert plan.probe_set.hash == load_rse_plan(DEFAULT_RSE).probe_set.hash


def test_reference_only_seeds_go_to_the_reference(tmp_path: Path) -> None:
    plan = load_rse_plan(write_plan(tmp_path, "seeds = [1, 2]\nreference_seeds = [3, 4, 5]"))
    assert plan.seeds_for("test") == (1, 2)
    assert plan.seeds_for("reference") == (1, 2, 3, 4, 5)


def test_reference_seeds_change_the_hash_only_when_present(tmp_path: Path) -> None:
    base = load_rse_plan(write_plan(tmp_path, "seeds = [1, 2]")).probe_set.hash
    empty = load_rse_plan(write_plan(tmp_path, "seeds = [1, 2]\nreference_seeds = []")).probe_set.hash
    extra = load_rse_plan(write_plan(tmp_path, "seeds = [1, 2]\nreference_seeds = [3]")).probe_set.hash
    assert base == empty != extra


@pytest.mark.parametrize(
    ("resample", "key"),
    [
        ('seeds = [1, "2"]', "seeds"),
        ("seeds = [1]\nreference_seeds = [true]", "reference_seeds"),
        ("seeds = [1, 2]\nreference_seeds = [2, 3]", "reference_seeds"),
    ],
)
def test_bad_seeds_name_the_key(tmp_path: Path, resample: str, key: str) -> None:
    with pytest.raises(ConfigError) as err:
        load_rse_plan(write_plan(tmp_path, resample))
    assert key in str(err.value) and "rse.toml" in str(err.value)


def test_request_seed_is_stable_distinct_per_prompt_and_in_range() -> None:
    seeds = {request_seed(1001, f"mtbench-{i}") for i in range(200)}
    assert len(seeds) == 200
    assert all(0 <= s < 2**31 for s in seeds)
    assert request_seed(1001, "mtbench-81") == request_seed(1001, "mtbench-81") != request_seed(1002, "mtbench-81")


def test_suite_sends_a_per_prompt_seed_and_names_cassettes_by_the_configured_one(tmp_path: Path) -> None:
    suite = SuiteConfig(
        models_file=REPO / "fixtures" / "models.toml", model_names=None, questions_file=DEFAULT_QUESTIONS,
        templates_file=DEFAULT_TEMPLATES, systems_file=DEFAULT_SYSTEMS, template_questions="core",
        rse_file=DEFAULT_RSE, cassette_dir=tmp_path, record_mode="none",
    )  # fmt: skip
    cases = suite.rse_cases()
    plan = load_rse_plan(DEFAULT_RSE)
    per_model = {m: [c for c in cases if c.model.name == m] for m in suite.models}
    for name, own in per_model.items():
        seeds = plan.seeds_for(suite.models[name].role)
        assert len(own) == len(plan.prompts) * (1 + len(seeds))
    sampled = [c for c in cases if c.seed is not None]
    assert all(c.model.seed == request_seed(c.seed, c.prompt.id) for c in sampled)
    assert all(c.cassette.name == f"rse-{c.prompt.id}--s{c.seed}.yaml" for c in sampled)
    assert len({c.model.seed for c in sampled if c.seed == sampled[0].seed}) == len(plan.prompts)
