"""Live recording against a real llama.cpp server: what is recorded replays identically, offline, keyless.

These tests start the SmolLM2-135M server (the smallest local model) through the suite's own code. They
need `make local`; without it they fail with the missing package's name, they are never skipped.
"""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from distillbench.errors import CaseError
from distillbench.fixtures.models_file import ModelSpec, load_models
from distillbench.paths import DEFAULTS_DIR, FIXTURES_DIR
from distillbench.recording.local_models import LOCAL_MODELS, LocalModel, LocalModelError
from distillbench.recording.local_server import LocalServer, ServerError, served_models
from tests.conftest import SuiteProject, write_subset

pytestmark = [pytest.mark.live, pytest.mark.slow]
FAKE_KEY = "sk-distillbench-FAKE-0123456789abcdef"
MODEL = "smollm2-135m-instruct"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def live_project(project: SuiteProject, port: int) -> None:
    """Two probes, one model on a fresh port, a key read from FAKE_KEY_FOR_TEST, an empty cassette folder."""
    models = load_models(FIXTURES_DIR / "models.toml")
    spec = models[MODEL]
    (project.root / "models.toml").write_text(
        f'[models."{MODEL}"]\nbase_url = "http://127.0.0.1:{port}/v1"\nmodel = "{spec.model}"\n'
        f'vendor = "{spec.vendor}"\nfamily = "{spec.family}"\nlocal = "{spec.local}"\n'
        f'api_key_env = "FAKE_KEY_FOR_TEST"\nmax_tokens = 48\nseed = 7\n', encoding="utf-8")
    write_subset(DEFAULTS_DIR / "identity_questions.toml", "question", ("en-who-are-you",),
                 project.root / "questions.toml")
    write_subset(DEFAULTS_DIR / "templates.toml", "template", ("plain-frame",),
                 project.root / "templates.toml")
    write_subset(DEFAULTS_DIR / "system_prompts.toml", "system", ("none",), project.root / "systems.toml")
    for old in project.cassettes.glob("*"):
        for file in old.glob("*.yaml"):
            file.unlink()


def outcomes(report: dict) -> list[tuple]:
    return [(c["id"], c["status"], c["response"]["text"], c["ice"]["contradiction"]) for c in report["cases"]]


def test_record_then_replay_offline_without_the_key(suite_project: SuiteProject,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    live_project(suite_project, free_port())
    monkeypatch.setenv("FAKE_KEY_FOR_TEST", FAKE_KEY)
    systems = ["--system-prompts", str(suite_project.root / "systems.toml")]
    recorded = suite_project.run("--record-mode=once", *systems, subprocess=True)
    recorded.assert_outcomes(passed=2)
    recorded.stdout.fnmatch_lines(["*distillbench recording: 2/2 cases (0 failed)*cases/min, ETA 0m00s"])
    live = suite_project.report()
    assert live["run"]["record_mode"] == "once"
    files = sorted(p.name for p in (suite_project.cassettes / MODEL).glob("*.yaml"))
    assert files == ["en-who-are-you--tpl-plain-frame.yaml", "en-who-are-you.yaml"]

    # An interrupted recording keeps what it wrote: a rerun records only what is missing.
    kept = suite_project.cassette("en-who-are-you")
    kept_bytes = kept.read_bytes()
    suite_project.cassette("en-who-are-you--tpl-plain-frame").unlink()
    rerun = suite_project.run("--record-mode=once", *systems, subprocess=True)
    rerun.assert_outcomes(passed=2)
    assert kept.read_bytes() == kept_bytes and suite_project.cassette("en-who-are-you--tpl-plain-frame").is_file()
    assert outcomes(suite_project.report()) == outcomes(live)

    # Replay in a process whose sockets cannot connect anywhere, with no key in the environment.
    monkeypatch.delenv("FAKE_KEY_FOR_TEST")
    suite_project.pytester.makeconftest(
        'import socket\n\n'
        'def _blocked(*args, **kwargs):\n    raise OSError("network blocked by the test")\n\n'
        'socket.socket.connect = _blocked\nsocket.create_connection = _blocked\n'
        )
    replayed = suite_project.run(*systems, subprocess=True)
    replayed.assert_outcomes(passed=2)
    assert outcomes(suite_project.report()) == outcomes(live)

    written = [*suite_project.cassettes.rglob("*.yaml"), *suite_project.reports.rglob("*")]
    for path in written:
        if path.is_file():
            content = path.read_text(encoding="utf-8", errors="replace")
            assert FAKE_KEY not in content, path
            assert "authorization" not in content.lower(), path


def test_recording_against_a_dead_endpoint_is_refused_up_front_and_writes_nothing(suite_project: SuiteProject) -> None:
    port = free_port()
    live_project(suite_project, port)
    models = suite_project.root / "models.toml"
    models.write_text(models.read_text(encoding="utf-8").replace('local = "smollm2-135m-instruct"\n', "")
                      .replace('api_key_env = "FAKE_KEY_FOR_TEST"\n', ""), encoding="utf-8")
    systems = ["--system-prompts", str(suite_project.root / "systems.toml")]
    result = suite_project.run("--record-mode=once", *systems)
    assert result.ret == pytest.ExitCode.USAGE_ERROR  # once, before any case, instead of once per case
    result.stderr.fnmatch_lines([f"*cannot record: model '{MODEL}': cannot reach http://127.0.0.1:{port}/v1*"])
    assert not list(suite_project.cassettes.rglob("*.yaml"))


def test_server_checks_port_alias_and_death(
    tmp_path: Path, llama_server_factory: Callable[[ModelSpec], LocalServer]
) -> None:
    spec = replace(load_models(FIXTURES_DIR / "models.toml")[MODEL], base_url=f"http://127.0.0.1:{free_port()}/v1")
    server = llama_server_factory(spec)
    # The port is now taken: a second server must refuse to start, naming it.
    with pytest.raises(ServerError, match=f"port {server.port} is already in use"):
        LocalServer(spec, tmp_path).start()
    # llama.cpp would answer any name with the model it loaded: the alias check catches it.
    with pytest.raises(ServerError, match="serves \\['smollm2-135m-instruct'\\], not 'gpt-4o'"):
        LocalServer(replace(spec, model="gpt-4o"), tmp_path).check_alias(served_models(spec.base_url) or [])
    assert server.alive()
    server.stop()
    assert not server.alive()
    from distillbench.recording.client import chat, make_client

    # Bounded retries and a timeout: a dead server fails the call instead of hanging it.
    with pytest.raises(CaseError, match="could not reach"):
        chat(make_client(replace(spec, max_retries=1, timeout=5), recording=True), spec,
             [{"role": "user", "content": "hi"}], where="live")


def test_corrupted_model_file_is_refused(tmp_path: Path) -> None:
    chunk = tmp_path / "part00"
    chunk.write_bytes(b"GGUF" + b"\0" * 64)
    broken = LocalModel("broken", "broken.gguf", "0" * 64, lambda: [chunk, chunk])
    with pytest.raises(LocalModelError, match=r"sha256 .* expected 0{64}.*reinstall"):
        broken.path(tmp_path / "cache")
    assert not list((tmp_path / "cache").glob("*"))
    missing = LocalModel("gone", "gone.gguf", "0" * 64, lambda: [tmp_path / "nope"])
    with pytest.raises(LocalModelError, match="missing chunk file"):
        missing.path(tmp_path)


def test_every_local_model_verifies() -> None:
    for model in LOCAL_MODELS.values():
        assert model.path().is_file()



def test_http_error_while_recording_fails_the_case_and_records_nothing(suite_project: SuiteProject) -> None:
    """A prompt beyond the server's context: llama.cpp answers HTTP 400, which must not become a cassette."""
    live_project(suite_project, free_port())
    (suite_project.root / "questions.toml").write_text(
        'id = "too-long"\n\n[[question]]\nid = "en-overflow"\nlang = "en"\nstyle = "direct"\n'
        f'text = "{"word " * 5000}Who are you?"\n', encoding="utf-8")
    models = suite_project.root / "models.toml"
    models.write_text(models.read_text(encoding="utf-8").replace('api_key_env = "FAKE_KEY_FOR_TEST"\n', ""),
                      encoding="utf-8")
    systems = ["--system-prompts", str(suite_project.root / "systems.toml")]
    result = suite_project.run("--record-mode=once", *systems, subprocess=True)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([f"*en-overflow.yaml: model '{MODEL}' answered HTTP 400*context length*"])
    assert not list(suite_project.cassettes.rglob("*.yaml"))
    assert suite_project.report()["models"][MODEL]["cases"]["failed"] == 1


def test_ice_judge_mode_records_and_replays_the_judge(suite_project: SuiteProject) -> None:
    """--ice-judge: the paper's two-pass protocol through a real server, its calls recorded like any other."""
    live_project(suite_project, free_port())
    models = suite_project.root / "models.toml"
    models.write_text(models.read_text(encoding="utf-8").replace('api_key_env = "FAKE_KEY_FOR_TEST"\n', ""),
                      encoding="utf-8")
    args = ["--system-prompts", str(suite_project.root / "systems.toml"), "--ice-judge", MODEL]
    suite_project.run("--record-mode=once", *args, subprocess=True).assert_outcomes(passed=2)
    live = suite_project.report()
    judge_files = sorted(p.name for p in (suite_project.cassettes / MODEL).glob("ice-judge--*.yaml"))
    assert judge_files and all(name.endswith(("--loose.yaml", "--strict.yaml")) for name in judge_files)
    judge = live["models"][MODEL]["ice"]["judge"]
    assert judge["judge"] == MODEL and judge["agreement_loose"]["n"] + judge["agreement_loose"]["unparsed"] == 2
    assert all("ice_judge" in case for case in live["cases"])

    suite_project.run(*args, subprocess=True).assert_outcomes(passed=2)  # replay: the server is gone
    replayed = suite_project.report()
    assert replayed["models"] == live["models"]
    assert [c["ice_judge"] for c in replayed["cases"]] == [c["ice_judge"] for c in live["cases"]]


def test_unknown_ice_judge_is_a_usage_error(suite_project: SuiteProject) -> None:
    result = suite_project.run("--ice-judge", "gpt-99")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*unknown model 'gpt-99'*"])


def committed_text(path: Path) -> str:
    import yaml

    body = yaml.safe_load(path.read_text(encoding="utf-8"))["interactions"][0]["response"]["body"]["string"]
    return str(json.loads(body)["choices"][0]["message"]["content"])


def test_rerecording_reproduces_the_committed_greedy_answers(suite_project: SuiteProject) -> None:
    """Temperature-0 cassettes are reproducible: re-recording on this machine gives the committed text."""
    committed = {p: suite_project.cassette(p) for p in ("en-who-are-you", "en-who-are-you--tpl-plain-frame")}
    expected = {p: committed_text(path) for p, path in committed.items()}
    live_project(suite_project, free_port())
    models = suite_project.root / "models.toml"
    spec = load_models(FIXTURES_DIR / "models.toml")[MODEL]
    models.write_text(models.read_text(encoding="utf-8").replace('api_key_env = "FAKE_KEY_FOR_TEST"\n', "")
                      .replace("max_tokens = 48", f"max_tokens = {spec.max_tokens}"), encoding="utf-8")
    result = suite_project.run("--record-mode=once", "--system-prompts", str(suite_project.root / "systems.toml"),
                               subprocess=True)
    result.assert_outcomes(passed=2)
    assert {p: committed_text(suite_project.cassette(p)) for p in expected} == expected


def test_rse_and_rse_judge_record_and_replay(suite_project: SuiteProject) -> None:
    """RSE answers and the --rse-judge rubric (both orders) through a real server, then replayed offline."""
    port = free_port()
    spec = load_models(FIXTURES_DIR / "models.toml")[MODEL]
    common = f'base_url = "http://127.0.0.1:{port}/v1"\nmodel = "{spec.model}"\nmax_tokens = 48\nseed = 7\n'
    (suite_project.root / "models.toml").write_text(
        f'[models."{MODEL}"]\n{common}vendor = "Hugging Face"\nfamily = "SmolLM"\nrole = "reference"\n'
        f'local = "{spec.local}"\n\n'
        f'[models."smollm-copy"]\n{common}vendor = "Acme"\nfamily = "Copycat"\nrole = "test"\n', encoding="utf-8")
    (suite_project.root / "prompts.jsonl").write_text(
        '{"id": "p1", "category": "advice", "prompt": "Give two tips for learning to cook."}\n', encoding="utf-8")
    (suite_project.root / "rse.toml").write_text(
        'id = "tiny"\nsource = "prompts.jsonl"\nper_category = 5\n\n[resample]\ntemperature = 0.7\nseeds = [11]\n',
        encoding="utf-8")
    args = ["--measures", "rse", "--rse-config", str(suite_project.root / "rse.toml"),
            "--rse-judge", MODEL]
    suite_project.run("--record-mode=once", *args, subprocess=True).assert_outcomes(passed=5)
    live = suite_project.report()
    judge = live["similarity"]["judge"]
    assert judge["judge"] == MODEL and judge["pairs"][0]["test"] == "smollm-copy"
    assert any(MODEL in w for w in judge["warnings"])  # the judge is the reference itself: flagged
    orders = sorted(p.name.rsplit("--", 1)[1] for p in (suite_project.cassettes / MODEL).glob("rse-judge--*.yaml"))
    assert orders == ["backward.yaml", "forward.yaml"]
    pair = live["similarity"]["pairs"][0]
    assert pair["test"] == "smollm-copy" and pair["granularities"]["combined"]["similarity"]["n"] == 1

    suite_project.run(*args, subprocess=True).assert_outcomes(passed=5)  # offline: the server is gone
    assert suite_project.report()["similarity"] == live["similarity"]


def test_sigterm_while_recording_stops_the_server_and_keeps_what_was_recorded(suite_project: SuiteProject,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """A cancelled CI job sends SIGTERM: the run unwinds as interrupted, and no server is left on its port."""
    port = free_port()
    live_project(suite_project, port)
    monkeypatch.setenv("FAKE_KEY_FOR_TEST", FAKE_KEY)
    args = [a for a in suite_project.args("--record-mode=once") if a not in ("--questions", "--templates")
            and not a.endswith(("questions.toml", "templates.toml"))]  # the default sets: many cases
    run = subprocess.Popen([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args],
                           cwd=suite_project.root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 120
    while not port_open(port) and time.monotonic() < deadline and run.poll() is None:
        time.sleep(0.5)
    assert port_open(port), "the recording run never started its server"
    while len(list(suite_project.cassettes.rglob("*.yaml"))) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)  # the first case has finished (and reported) once the second has recorded
    run.send_signal(signal.SIGTERM)
    output = run.communicate(timeout=120)[0].decode(errors="replace")
    assert run.returncode == pytest.ExitCode.INTERRUPTED, output[-2000:]
    assert not port_open(port)
    recorded = list(suite_project.cassettes.rglob("*.yaml"))
    assert recorded  # what was recorded before the signal stays
    report = json.loads((suite_project.reports / "distillation.json").read_text(encoding="utf-8"))
    assert report["run"]["complete"] is False and "interrupted" in report["run"]["incomplete"]


def port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0
