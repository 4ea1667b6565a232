"""The distillbench pytest plugin: options, (model, probe) parametrization, outcome transport, reports.

Workers produce plain data: each case's outcome rides on its test report (`report.distillbench`), which
pytest-xdist serializes to the controller. Only the controller aggregates, writes the reports and starts
local model servers for recording; `item.stash` never crosses to it.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from typing import Any

import pytest

from distillbench.cases.ice import check_identities
from distillbench.cases.suite import IceCase, RseCase, RseJudgeCase, SuiteConfig, suite_case_of
from distillbench.collection import add_suite_paths, measures
from distillbench.detached_paths import skipped_ini
from distillbench.fixtures.models_file import ModelSpec
from distillbench.fixtures.probes import DEFAULT_QUESTIONS, DEFAULT_SYSTEMS, DEFAULT_TEMPLATES
from distillbench.fixtures.rse_prompts import DEFAULT_RSE
from distillbench.gate.preflight import baseline_preflight
from distillbench.options import add_options, option_path, run_checks
from distillbench.recording.cassettes import normalise_record_mode
from distillbench.recording.local_server import LocalServer
from distillbench.recording.progress import RecordingProgress
from distillbench.recording.servers import ServerPool
from distillbench.redact import redact, secrets_of
from distillbench.report.session import ReportSession
from distillbench.shard import configure_shard, deselect_other_shards
from scoring.errors import DistillbenchError

__all__ = ["SUITE_KEY"]

SUITE_KEY = pytest.StashKey[SuiteConfig]()
OUTCOME_KEY = pytest.StashKey[dict[str, Any]]()
SECRETS_KEY = pytest.StashKey[tuple[str, ...]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    add_options(parser)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "distillbench: a (model, probe) case of the distillation suite")
    detached = skipped_ini(config.invocation_params.args, config.invocation_params.dir, config.inipath)
    if detached is not None:
        option, value, ini = detached
        raise pytest.UsageError(
            f"{option} {value}: pytest read {value} as a test path when it chose its rootdir ({config.rootpath}), "
            f"before distillbench's options were known, and so skipped the ini file {ini}; "
            f"write it as one word: {option}={value}")
    add_suite_paths(config)
    configure_shard(config)
    root = config.rootpath
    names = config.getoption("models")
    suite = SuiteConfig(
        models_file=option_path(config, "models_file", root / "fixtures" / "models.toml"),
        model_names=[n.strip() for n in names.split(",") if n.strip()] if names else None,
        questions_file=option_path(config, "questions", DEFAULT_QUESTIONS),
        templates_file=option_path(config, "templates", DEFAULT_TEMPLATES),
        systems_file=option_path(config, "system_prompts", DEFAULT_SYSTEMS),
        template_questions=config.getoption("template_questions"),
        rse_file=option_path(config, "rse_config", DEFAULT_RSE),
        cassette_dir=option_path(config, "cassette_dir", root / "cassettes"),
        record_mode=normalise_record_mode(config.getoption("record_mode")),
        ice_policy=config.getoption("ice_policy"),
        ice_judge=config.getoption("ice_judge"),
        rse_judge=config.getoption("rse_judge"),
    )
    config.stash[SUITE_KEY] = suite
    if not hasattr(config, "workerinput"):
        report_dir = option_path(config, "report_dir", root / "reports")
        checks = run_checks(config, suite)
        config.pluginmanager.register(ReportSession(config, suite, report_dir, checks), "distillbench-report")
        if suite.recording:
            config.pluginmanager.register(ServerPool(suite), "distillbench-servers")
            config.pluginmanager.register(RecordingProgress(config), "distillbench-progress")


def pytest_unconfigure(config: pytest.Config) -> None:
    """Close the clients this process opened (one per endpoint, shared by its cases)."""
    suite = config.stash.get(SUITE_KEY, None)
    if suite is not None:
        suite.clients.close()


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session: pytest.Session) -> None:
    """Check the models file and model names before anything runs, so a typo is a usage error (exit 4).

    Skipped when no models file is in sight (a project's own tests that never touch the suite).
    """
    config = session.config
    suite = config.stash[SUITE_KEY]
    if hasattr(config, "workerinput") or not (config.getoption("models_file") or suite.models_file.exists()):
        return
    try:
        _ = suite.models, suite.judge, suite.similarity_judge
        chosen = measures(config.getoption("measures"))
        if "ice" in chosen:
            check_identities(suite.models.values())
        session_report = config.pluginmanager.get_plugin("distillbench-report")
        if isinstance(session_report, ReportSession) and session_report.checks.baseline is not None:
            problems = baseline_preflight(suite, session_report.checks, chosen)
            if problems:
                raise pytest.UsageError(f"--baseline {session_report.checks.baseline_path}: cannot compare with "
                                        "this run: " + "; ".join(problems))
    except DistillbenchError as exc:
        raise pytest.UsageError(str(exc)) from None


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    suite = metafunc.config.stash[SUITE_KEY]
    builders = (("ice_case", suite.ice_cases), ("rse_case", suite.rse_cases), ("rse_judge_case", suite.rse_judge_cases))
    for name, build in builders:
        if name not in metafunc.fixturenames:
            continue
        try:
            _ = suite.judge, suite.similarity_judge  # unknown judges are usage errors before any case runs
            cases: list[IceCase] | list[RseCase] | list[RseJudgeCase] = build()
            if not cases and name == "rse_judge_case":
                return  # no --rse-judge: the judge test is deselected below
        except (DistillbenchError, ValueError) as exc:
            raise pytest.UsageError(str(exc)) from None
        metafunc.parametrize(name, cases, ids=[case.id for case in cases])


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The judge test exists only with --rse-judge; without it, deselect it rather than report a skip.
    With --shard K/N, also deselect the cases other shards own."""
    deselect_other_shards(config, items)
    if config.getoption("rse_judge"):
        return
    unused = [item for item in items if "rse_judge_case" in getattr(item, "fixturenames", ())]
    if unused:
        config.hook.pytest_deselected(items=unused)
        items[:] = [item for item in items if item not in unused]


@pytest.fixture(scope="session")
def distillbench_suite(request: pytest.FixtureRequest) -> SuiteConfig:
    """The run's models, probes, cassettes and record mode."""
    return request.config.stash[SUITE_KEY]


@pytest.fixture(scope="session")
def llama_server_factory(tmp_path_factory: pytest.TempPathFactory) -> Generator[Callable[[ModelSpec], LocalServer]]:
    """Start a llama.cpp server for a models-file entry with `local = ...`; every one is stopped at session end.

    For live tests and tools that need a server inside one process; a recording run gets its servers from
    the controller instead (they must outlive every xdist worker).
    """
    servers: list[LocalServer] = []
    log_dir = tmp_path_factory.mktemp("llama-server-logs")

    def start(spec: ModelSpec) -> LocalServer:
        server = LocalServer(spec, log_dir)
        servers.append(server)
        server.start()
        return server

    try:
        yield start
    finally:
        for server in servers:
            server.stop()


@pytest.fixture
def case_outcome(request: pytest.FixtureRequest) -> dict[str, Any]:
    """A plain dict the case fills with what it measured; it reaches the report, whatever the worker."""
    data: dict[str, Any] = {}
    request.node.stash[OUTCOME_KEY] = data
    return data


def _case_identity(item: pytest.Item) -> dict[str, Any] | None:
    case = suite_case_of(item)
    if case is None:
        return None
    if isinstance(case, RseJudgeCase):
        return {"id": case.id, "kind": "rse_judge", "model": case.judge.name, "probe_id": case.probe_id,
                "cassette": f"{case.judge.name}/{case.probe_id}--*.yaml",
                "probe": {"prompt_id": case.test.prompt.id, "test": case.test.model.name,
                          "reference": case.reference.model.name}}
    root = item.config.rootpath
    cassette = case.cassette.relative_to(root) if case.cassette.is_relative_to(root) else case.cassette
    data: dict[str, Any] = {"id": case.id, "model": case.model.name, "cassette": cassette.as_posix()}
    if isinstance(case, IceCase):
        data.update(kind="ice", probe_id=case.probe.id, probe=case.probe.framing())
    else:
        data.update(kind="rse", probe_id=case.probe_id,
                    probe={"prompt_id": case.prompt.id, "category": case.prompt.category, "prompt": case.prompt.text,
                           "sample": case.sample, **case.model.sampling()})
    return data


def _secrets(config: pytest.Config) -> tuple[str, ...]:
    """The run's secrets, read once per process (the models file is validated before any case runs)."""
    if SECRETS_KEY not in config.stash:
        suite = config.stash[SUITE_KEY]
        try:
            config.stash[SECRETS_KEY] = secrets_of(suite.all_models.values())
        except DistillbenchError:
            config.stash[SECRETS_KEY] = ()
    return config.stash[SECRETS_KEY]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, Any]:
    report = yield
    identity = _case_identity(item)
    if identity is None or not (call.when == "call" or report.failed or report.skipped):
        return report
    outcome: dict[str, Any] = item.stash.get(OUTCOME_KEY, {})
    data = {**identity, **outcome}
    if call.excinfo is not None and not report.skipped:
        exc = call.excinfo.value
        if isinstance(exc, DistillbenchError):
            data["error"] = str(exc)
            report.longrepr = f"{type(exc).__name__}: {exc}"  # the message says it all; no traceback
        else:
            data["error"] = call.excinfo.exconly()
    elif report.skipped:
        data["error"] = str(call.excinfo.value) if call.excinfo else "skipped"
    secrets = _secrets(item.config)
    if secrets:  # what the terminal shows and what the controller stores, both without any configured secret
        data = redact(data, secrets)
        if report.longrepr is not None:
            report.longrepr = redact(str(report.longrepr), secrets)
    report.distillbench = data
    return report
