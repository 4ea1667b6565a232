"""Keys that a gateway takes in a header or in the query string arrive where it expects them, and are written
nowhere: not into cassettes, reports or the terminal, even when the gateway echoes them back."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest

from distillbench.fixtures.models_file import ModelSpec
from distillbench.recording.client import headers_for, make_client, split_base_url
from tests.chat_stub import chat_completion, chat_endpoint
from tests.conftest import SuiteProject

HEADER_KEY = "hk-9Qm2Lw7Rt4Zx"
QUERY_KEY = "qk-3Vb8Nc1Pd6Sy"


@dataclass
class Gateway:
    """What the gateway wants, what it was sent, and whether it echoes the key into an accepted answer."""

    port: int = 0
    want_header: tuple[str, str] | None = None
    want_query: tuple[str, str] | None = None
    echo_in_answer: bool = False
    seen: list[tuple[str, dict[str, str]]] = field(default_factory=list)


def _respond(gw: Gateway, path: str, headers: dict[str, str], body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    lowered = {k.lower(): v for k, v in headers.items()}
    gw.seen.append((path, lowered))
    parts = urlsplit(path)
    query = dict(parse_qsl(parts.query))
    ok = parts.path == "/v1/chat/completions"
    if gw.want_header is not None:
        ok = ok and lowered.get(gw.want_header[0].lower()) == gw.want_header[1]
    if gw.want_query is not None:
        ok = ok and query.get(gw.want_query[0]) == gw.want_query[1]
    if ok:
        return 200, chat_completion(f"I am Qwen. You sent {path} {headers}" if gw.echo_in_answer else "I am Qwen.")
    return 401, {"error": {"message": f"refused {path}; headers: {headers}"}}


@pytest.fixture
def gateway() -> Iterator[Gateway]:
    gw = Gateway()
    with chat_endpoint(lambda path, headers, body: _respond(gw, path, headers, body)) as port:
        gw.port = port
        yield gw


def _spec(base_url: str, headers: tuple[tuple[str, str], ...] = ()) -> ModelSpec:
    return ModelSpec(name="gw", base_url=base_url, model="m", vendor="Alibaba Cloud", family="Qwen",
                     headers=headers, max_retries=0)


def test_a_query_key_is_sent_on_the_request_path(gateway: Gateway) -> None:
    gateway.want_query = ("api-key", QUERY_KEY)
    client = make_client(_spec(f"http://127.0.0.1:{gateway.port}/v1?api-key={QUERY_KEY}&api-version=2024"),
                         recording=True)
    answer = client.chat.completions.create(model="m", messages=[{"role": "user", "content": "hi"}])
    assert answer.choices[0].message.content == "I am Qwen."
    path = gateway.seen[0][0]
    assert path.startswith("/v1/chat/completions?") and f"api-key={QUERY_KEY}" in path and "api-version=2024" in path


def test_split_base_url_keeps_a_url_without_a_query() -> None:
    assert split_base_url("http://h:1/v1") == ("http://h:1/v1", {})
    assert split_base_url("http://h:1/v1?code=k&x=") == ("http://h:1/v1", {"code": "k", "x": ""})


def test_a_header_key_comes_from_the_environment(gateway: Gateway, monkeypatch: pytest.MonkeyPatch) -> None:
    gateway.want_header = ("X-Api-Key", HEADER_KEY)
    monkeypatch.setenv("GW_KEY", HEADER_KEY)
    spec = _spec(f"http://127.0.0.1:{gateway.port}/v1", (("X-Api-Key", "env:GW_KEY"), ("X-Org", "team-a")))
    client = make_client(spec, recording=True)
    client.chat.completions.create(model="m", messages=[{"role": "user", "content": "hi"}])
    assert gateway.seen[0][1]["x-api-key"] == HEADER_KEY and gateway.seen[0][1]["x-org"] == "team-a"


def test_an_unset_header_variable_is_an_error_when_recording_only(monkeypatch: pytest.MonkeyPatch) -> None:
    from distillbench.errors import CaseError

    monkeypatch.delenv("GW_KEY", raising=False)
    spec = _spec("http://127.0.0.1:1/v1", (("X-Api-Key", "env:GW_KEY"),))
    with pytest.raises(CaseError, match="GW_KEY"):
        headers_for(spec, recording=True)
    assert headers_for(spec, recording=False) == {}


def _project_models(project: SuiteProject, gateway: Gateway, extra: str) -> list[str]:
    path = project.root / "gw.toml"
    path.write_text(f'[models."gw"]\nmodel = "m"\nvendor = "Alibaba Cloud"\nfamily = "Qwen"\nmax_retries = 0\n{extra}',
                    encoding="utf-8")
    return ["--models-file", str(path)]


def _written(project: SuiteProject) -> list[str]:
    return [p.read_text(encoding="utf-8", errors="replace") for p in project.root.rglob("*")
            if p.is_file() and p.suffix in (".json", ".xml", ".html", ".yaml", ".log")]


def _keyed(gateway: Gateway, monkeypatch: pytest.MonkeyPatch, where: str) -> str:
    """The models-file lines of an endpoint whose gateway wants its key in a header or a query parameter."""
    url = f"http://127.0.0.1:{gateway.port}/v1"
    if where == "header":
        gateway.want_header = ("X-Api-Key", HEADER_KEY)
        monkeypatch.setenv("GW_KEY", HEADER_KEY)
        return f'base_url = "{url}"\nheaders = {{"X-Api-Key" = "env:GW_KEY"}}\n'
    name = "api-key" if where == "query" else "code"
    gateway.want_query = (name, QUERY_KEY)
    return f'base_url = "{url}?{name}={QUERY_KEY}"\n'


@pytest.mark.parametrize("where", ["header", "query", "azure-code"])
def test_recording_through_a_keyed_gateway_writes_no_key(suite_project: SuiteProject, gateway: Gateway,
                                                         monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    extra = _keyed(gateway, monkeypatch, where)
    result = suite_project.run(*_project_models(suite_project, gateway, extra), "--record-mode=once",
                               subprocess=True)
    assert result.ret == pytest.ExitCode.OK, result.stdout.str()[-2000:]
    cassettes = list((suite_project.cassettes / "gw").glob("*.yaml"))
    assert cassettes and len(cassettes) == len(gateway.seen)
    for text in [result.stdout.str(), result.stderr.str(), *_written(suite_project)]:
        assert HEADER_KEY not in text and QUERY_KEY not in text
    replay = suite_project.run(*_project_models(suite_project, gateway, extra), subprocess=True)
    assert replay.ret == pytest.ExitCode.OK and len(gateway.seen) == len(cassettes)  # offline: no new request


@pytest.mark.parametrize("where", ["header", "query"])
def test_an_answer_that_echoes_the_key_is_not_written(suite_project: SuiteProject, gateway: Gateway,
                                                      monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    gateway.echo_in_answer = True
    extra = _keyed(gateway, monkeypatch, where)
    result = suite_project.run(*_project_models(suite_project, gateway, extra), "--record-mode=once",
                               subprocess=True)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    assert "would contain an API key" in result.stdout.str()
    assert gateway.seen and not list((suite_project.cassettes / "gw").glob("*.yaml"))
    for text in [result.stdout.str(), result.stderr.str(), *_written(suite_project)]:
        assert HEADER_KEY not in text and QUERY_KEY not in text


def test_an_unset_header_variable_stops_recording_before_the_first_call(suite_project: SuiteProject,
                                                                        gateway: Gateway,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GW_KEY", raising=False)
    extra = f'base_url = "http://127.0.0.1:{gateway.port}/v1"\nheaders = {{"X-Api-Key" = "env:GW_KEY"}}\n'
    result = suite_project.run(*_project_models(suite_project, gateway, extra), "--record-mode=once")
    assert result.ret == 4
    assert "GW_KEY (read by one of its headers) is not set" in result.stderr.str() + result.stdout.str()
    assert not gateway.seen
