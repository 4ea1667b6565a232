"""VCR configuration: what a cassette matches on, what it never stores, how broken cassettes are reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from vcr.request import Request

from distillbench.errors import CaseError
from distillbench.recording.cassettes import (
    _persister,
    _scrub_request,
    _scrub_response,
    chat_request_matcher,
    normalise_record_mode,
    validate_cassette,
)

BODY = {"model": "m", "messages": [{"role": "user", "content": "Who are you?"}], "temperature": 0.0,
        "max_tokens": 16, "seed": 1}


def request(uri: str = "http://127.0.0.1:8811/v1/chat/completions", headers: dict[str, str] | None = None,
            **changes: object) -> Request:
    return Request("POST", uri, json.dumps({**BODY, **changes}), headers or {})


def matches(a: Request, b: Request) -> bool:
    try:
        chat_request_matcher(a, b)
    except AssertionError:
        return False
    return True


def test_matching_ignores_host_port_headers_and_key_order() -> None:
    recorded = request(headers={"User-Agent": "OpenAI/Python 3.57.0", "X-Stainless-Lang": "python"})
    elsewhere = Request("POST", "https://gpu-box:9999/v1/chat/completions",
                        json.dumps(dict(reversed(list(BODY.items())))), {"User-Agent": "OpenAI/Python 3.99"})
    assert matches(recorded, elsewhere)


@pytest.mark.parametrize("change", [{"model": "other"}, {"temperature": 0.7}, {"seed": 2}, {"max_tokens": 17},
                                    {"messages": [{"role": "user", "content": "Who made you?"}]}])
def test_matching_distinguishes_what_decides_the_answer(change: dict[str, object]) -> None:
    assert not matches(request(), request(**change))


def test_scrub_drops_every_header_but_content_type_and_key_query_params() -> None:
    scrubbed = _scrub_request(request(
        uri="https://user:pw@host/v1/chat/completions?api-version=2024&api_key=s3cret&sig=abc",
        headers={"Authorization": "Bearer s3cret", "api-key": "s3cret", "Content-Type": "application/json"}))
    assert dict(scrubbed.headers) == {"Content-Type": "application/json"}
    assert "s3cret" not in scrubbed.uri and "pw" not in scrubbed.uri and "sig=" not in scrubbed.uri
    assert "api-version=2024" in scrubbed.uri


def test_error_responses_are_not_recorded_and_headers_are_trimmed() -> None:
    error = {"status": {"code": 500, "message": "err"}, "headers": {}, "body": {"string": "x"}}
    assert _scrub_response(error) is None
    ok = {"status": {"code": 200, "message": "OK"},
          "headers": {"Set-Cookie": ["session=1"], "content-type": ["application/json"]}, "body": {"string": "{}"}}
    assert _scrub_response(ok)["headers"] == {"content-type": ["application/json"]}  # type: ignore[index]


def test_persister_refuses_to_write_a_secret(tmp_path: Path) -> None:
    from vcr.serializers import yamlserializer

    persister = _persister(["sk-live-123"], "once")
    data = {"requests": [request(headers={"X": "sk-live-123"})], "responses": [{"status": {"code": 200}}]}
    with pytest.raises(CaseError, match="API key"):
        persister.save_cassette(tmp_path / "c.yaml", data, yamlserializer)
    assert not (tmp_path / "c.yaml").exists()


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("interactions:\n- request: {body: '{\"model\": ", "not valid YAML"),
        ("just a string\n", "no recorded interactions"),
        ("interactions: []\nversion: 1\n", "no recorded interactions"),
        ("interactions:\n- request: {}\nversion: 1\n", "lacks a request or response"),
    ],
)
def test_broken_cassettes_are_named(tmp_path: Path, content: str, fragment: str) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CaseError, match=fragment) as info:
        validate_cassette(path)
    assert str(path) in str(info.value)


def test_non_utf8_cassette_is_named(tmp_path: Path) -> None:
    path = tmp_path / "binary.yaml"
    path.write_bytes(b"interactions:\n- \xff\xfe\n")
    with pytest.raises(CaseError, match="not UTF-8"):
        validate_cassette(path)


def test_record_modes() -> None:
    assert normalise_record_mode("rewrite") == "all"
    assert normalise_record_mode("none") == "none"
    with pytest.raises(ValueError, match="--record-mode must be one of"):
        normalise_record_mode("sometimes")
