"""No configured secret reaches a report, a cassette or the terminal, wherever a hostile endpoint puts it."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from hypothesis import given
from hypothesis import strategies as st

from distillbench.fixtures.models_file import load_models
from distillbench.paths import FIXTURES_DIR
from distillbench.redact import MASK, redact, secrets_of
from tests.conftest import SUBSET_MODEL, SuiteProject

KEY = "sk-test-Zq81hd72HS9aP0"
QUERY_KEY = "qk-77Abc-PLQmz"
HEADER_LIT = "lit-Hq72-xPz"
SPEC = load_models(FIXTURES_DIR / "models.toml")[SUBSET_MODEL]

keys = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=4, max_size=40).filter(
    lambda k: k.strip() == k and k != MASK and MASK not in k)


@given(key=keys, before=st.text(max_size=30), after=st.text(max_size=30), name=st.sampled_from(
    ["api-key", "key", "code", "token", "x"]))
def test_a_key_anywhere_in_an_outcome_is_masked(key: str, before: str, after: str, name: str) -> None:
    spec = replace(SPEC, api_key_env="DISTILLBENCH_TEST_KEY")
    url_spec = replace(SPEC, name="u", base_url=f"http://127.0.0.1:1/v1?{name}=" + QUERY_KEY)
    header_spec = replace(SPEC, name="h", headers=((f"X-{name}", "env:DISTILLBENCH_TEST_HKEY"), ("X-Lit", HEADER_LIT)))
    hkey = key[::-1] + "h"
    os.environ["DISTILLBENCH_TEST_KEY"] = key  # not monkeypatch: Hypothesis runs many examples per fixture
    os.environ["DISTILLBENCH_TEST_HKEY"] = hkey
    try:
        secrets = secrets_of([spec, url_spec, header_spec])
        outcome = {"error": before + key + after, "response": {"text": [f"{after}{QUERY_KEY}"]},
                   key: "as a key", "url": f"http://h/v1?{name}={QUERY_KEY}&k={key}",
                   "headers": f"{{'x-{name}': '{hkey}', 'x-lit': '{HEADER_LIT}'}}{before}"}
        strings = list(_strings(redact(outcome, secrets)))  # the text itself: JSON escapes ("\\u0000") are no leak
        assert strings and not any(k in s for s in strings for k in (key, QUERY_KEY, hkey, HEADER_LIT))
    finally:
        del os.environ["DISTILLBENCH_TEST_KEY"], os.environ["DISTILLBENCH_TEST_HKEY"]


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(k)
            yield from _strings(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _strings(v)


class _Echo(BaseHTTPRequestHandler):
    """A gateway that refuses the key and echoes back everything it was sent (path, query, headers)."""

    def do_POST(self) -> None:
        body = json.dumps({"error": {"message": f"invalid key for {self.path}; headers: {dict(self.headers)}"}})
        self.send_response(401)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body.encode())

    do_GET = do_POST

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def echo_server() -> Iterator[int]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Echo)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_a_gateway_that_echoes_the_key_writes_it_nowhere(suite_project: SuiteProject, echo_server: int,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ECHO_KEY", KEY)
    (suite_project.root / "echo.toml").write_text(
        f'[models."echo"]\nbase_url = "http://127.0.0.1:{echo_server}/v1?api-key={QUERY_KEY}"\nmodel = "m"\n'
        'vendor = "Alibaba Cloud"\nfamily = "Qwen"\napi_key_env = "ECHO_KEY"\nmax_retries = 0\n', encoding="utf-8")
    result = suite_project.run("--models-file", str(suite_project.root / "echo.toml"), "--record-mode=once",
                               "-rA", subprocess=True)
    assert result.ret == pytest.ExitCode.TESTS_FAILED  # every case: the gateway refused
    seen = result.stdout.str() + result.stderr.str()
    assert "401" in seen and MASK in seen  # the error was shown, with the key masked
    written = [p for p in suite_project.root.rglob("*") if p.is_file() and p.suffix in (".json", ".xml", ".html",
                                                                                          ".yaml")]
    assert any(p.name == "distillation.json" for p in written)
    for text in [seen, *(p.read_text(encoding="utf-8", errors="replace") for p in written)]:
        assert KEY not in text and QUERY_KEY not in text
