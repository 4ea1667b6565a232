"""The suite's command-line and ini options, and the run-level checks (gates, baseline) read from them.

Everything a user can get wrong here is reported as a pytest usage error (exit 4) before any case runs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from distillbench.cases.suite import SuiteConfig
from distillbench.fixtures.models_file import load_gates
from distillbench.gate.baseline_match import parse_model_map
from distillbench.gate.verdicts import RunChecks, load_baseline, parse_gates
from distillbench.recording.cassettes import RECORD_MODES
from scoring.errors import DistillbenchError
from scoring.ice.claim_types import POLICIES

__all__ = ["add_options", "option_path", "run_checks"]


def add_options(parser: pytest.Parser) -> None:
    group = parser.getgroup("distillbench", "distillation suite (identity consistency, response similarity)")
    group.addoption("--distillbench", action="store_true", default=False,
                    help="run the distillation suite (its cases ship with the package); with paths, also those")
    group.addoption("--measures", metavar="ICE,RSE", default="ice,rse",
                    help="which measurements the suite runs: ice, rse or both (default: ice,rse)")
    group.addoption("--models-file", metavar="PATH", default=None,
                    help="TOML file of models to probe (default: fixtures/models.toml)")
    group.addoption("--models", metavar="A,B", default=None,
                    help="comma-separated subset of the models file to run")
    group.addoption("--questions", metavar="PATH", default=None,
                    help="identity question set (TOML; default: the package's set)")
    group.addoption("--templates", metavar="PATH", default=None,
                    help="persona/jailbreak templates: this project's TOML or a GPTFuzzer CSV (id,text)")
    group.addoption("--system-prompts", metavar="PATH", default=None,
                    help="system-prompt framings (TOML; default: the package's set)")
    group.addoption("--template-questions", choices=("core", "all"), default="core",
                    help="which questions go inside templates and system prompts (default: core)")
    group.addoption("--rse-config", metavar="PATH", default=None,
                    help="RSE prompt set and resampling plan (TOML; default: the package's MT-Bench set)")
    group.addoption("--ice-policy", choices=tuple(POLICIES), default="rule",
                    help="how ICE verdicts read role-play: rule (default: ICE_RULE.md, a role's claim counts "
                         "only beyond what the template assigned), paper (every role-play claim counts, as the "
                         "paper's judge read answers), out-of-role (nothing said inside a role counts)")
    group.addoption("--ice-judge", metavar="MODEL", default=None,
                    help="also judge every ICE answer with this model of the models file (the paper's protocol)")
    group.addoption("--rse-judge", metavar="MODEL", default=None,
                    help="also rate each test model's answers against the reference's with this model of the "
                         "models file (the paper's 1-5 rubric, both presentation orders)")
    group.addoption("--cassette-dir", metavar="PATH", default=None,
                    help="where cassettes live (default: cassettes/)")
    group.addoption("--record-mode", choices=sorted(RECORD_MODES), default="none",
                    help="none (default): replay only, no network; once: record missing cassettes; "
                         "new_episodes: add unmatched requests; all/rewrite: re-record everything")
    group.addoption("--gate", metavar="EXPR", action="append", default=[],
                    help="a threshold on a score, e.g. 'ice.strict<=0.05' or 'rse.combined[a,b]<=0.6' "
                         "(repeatable; also the ini option distillbench_gates and `gates = [...]` in the "
                         "models file); failing gates fail the run")
    group.addoption("--gate-on", choices=("point", "upper", "lower"), default="point",
                    help="compare gates on the point estimate (default) or the interval's conservative "
                         "'upper' side (ci_high for <, ci_low for >)")
    group.addoption("--baseline", metavar="OLD.json", default=None,
                    help="compare with an earlier distillation.json using paired tests on the shared probes")
    group.addoption("--baseline-model", metavar="NEW=OLD", action="append", default=[],
                    help="compare this run's model NEW with the baseline's model OLD (a fine-tune under a new "
                         "name; repeatable)")
    group.addoption("--max-regression", metavar="X", type=float, default=0.0,
                    help="how much worse (absolute) a significant change may be before it fails (default 0)")
    group.addoption("--replace-report", action="store_true", default=False,
                    help="let an incomplete run (interrupted, -k, --shard, --models) replace the complete report "
                         "in --report-dir (it always writes to history/ there)")
    group.addoption("--shard", metavar="K/N", default=None,
                    help="run shard K of N (1 <= K <= N): a split by a hash of each case id, stable under "
                         "reordering; `distillbench merge` combines the N reports into one run's report")
    group.addoption("--report-dir", metavar="PATH", default=None,
                    help="where distillation.json and junit.xml are written (default: reports/)")
    parser.addini("distillbench_suite", "collect the distillation suite when no paths are given", type="bool",
                  default=False)
    parser.addini("distillbench_gates", "gate expressions applied to every run (one per line)", type="linelist",
                  default=[])


def option_path(config: pytest.Config, option: str, default: Path) -> Path:
    value = config.getoption(option)
    if value is None:
        return default
    path = Path(value)
    return path if path.is_absolute() else Path(config.invocation_params.dir) / path


def run_checks(config: pytest.Config, suite: SuiteConfig) -> RunChecks:
    """Gates from the command line, pytest.ini and the models file, and the baseline: all checked up front."""
    texts = [*config.getoption("gate"), *config.getini("distillbench_gates")]
    if config.getoption("models_file") or suite.models_file.exists():
        try:
            texts += load_gates(suite.models_file)
        except DistillbenchError as exc:
            raise pytest.UsageError(str(exc)) from None
    try:
        gates = parse_gates(texts)
    except ValueError as exc:
        raise pytest.UsageError(str(exc)) from None
    baseline_option = config.getoption("baseline")
    baseline = None
    if baseline_option:
        baseline_path = option_path(config, "baseline", Path(baseline_option))
        try:
            baseline = load_baseline(baseline_path)
        except DistillbenchError as exc:
            raise pytest.UsageError(str(exc)) from None
    try:
        model_map = parse_model_map(config.getoption("baseline_model"))
    except ValueError as exc:
        raise pytest.UsageError(str(exc)) from None
    if model_map and baseline is None:
        raise pytest.UsageError("--baseline-model needs --baseline OLD.json")
    return RunChecks(gates=gates, gate_on=config.getoption("gate_on"), baseline=baseline,
                     baseline_path=baseline_option, max_regression=config.getoption("max_regression"),
                     model_map=model_map)
