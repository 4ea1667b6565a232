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


COMMITTED = Path(__file__).resolve().parents[1] / "cassettes" / "smollm2-135m-instruct" / "en-architecture.yaml"


def _with_request(tmp_path: Path, *, header: tuple[str, str] | None = None, uri_suffix: str = "") -> Path:
    """The committed cassette with one request header added or its URL extended, as a hand edit or another
    recorder might leave it."""
    text = COMMITTED.read_text(encoding="utf-8")
    if header is not None:
        added = f"      {header[0]}:\n      - {header[1]}\n"
        text = text.replace("      content-type:\n", added + "      content-type:\n", 1)
    text = text.replace("/v1/chat/completions\n", f"/v1/chat/completions{uri_suffix}\n", 1)
    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("header", "uri_suffix", "where"),
    [
        (("Authorization", "Bearer sk-live-123"), "", "request header 'Authorization'"),
        (("api-key", "abc123"), "", "request header 'api-key'"),
        (("X-Goog-Api-Key", "abc123"), "", "request header 'X-Goog-Api-Key'"),
        (None, "?api-key=abc123", "query parameter 'api-key'"),
        (None, "?code=abc123", "query parameter 'code'"),
    ],
)
def test_replay_refuses_a_cassette_holding_a_credential(tmp_path: Path, header: tuple[str, str] | None,
                                                        uri_suffix: str, where: str) -> None:
    path = _with_request(tmp_path, header=header, uri_suffix=uri_suffix)
    with pytest.raises(CaseError, match="holds a credential") as info:
        validate_cassette(path)
    assert str(path) in str(info.value) and where in str(info.value)
    assert "abc123" not in str(info.value) and "sk-live" not in str(info.value)


@pytest.mark.parametrize(("header", "uri_suffix"), [(("X-Request-Id", "42"), ""), (None, "?api-version=2024-06-01"),
                                                    (None, "?barcode=123456")])
def test_near_misses_of_credentials_replay(tmp_path: Path, header: tuple[str, str] | None, uri_suffix: str) -> None:
    validate_cassette(_with_request(tmp_path, header=header, uri_suffix=uri_suffix))


def test_key_bearing_names() -> None:
    from distillbench.redact import is_key_bearing

    assert all(map(is_key_bearing, ["api-key", "api_key", "apiKey", "code", "auth_code", "access_token", "sig",
                                    "subscription-key", "password"]))
    assert not any(map(is_key_bearing, ["api-version", "barcode", "model", "deployment", "zipcode"]))


def test_scrub_drops_an_azure_functions_code(tmp_path: Path) -> None:
    scrubbed = _scrub_request(request(uri="https://fn.example/api/v1/chat/completions?code=s3cret&barcode=12"))
    assert "s3cret" not in scrubbed.uri and "barcode=12" in scrubbed.uri


def test_an_empty_cassette_says_so_on_replay_and_is_recorded_over_when_recording(tmp_path: Path) -> None:
    from vcr.persisters.filesystem import CassetteNotFoundError
    from vcr.serializers import yamlserializer

    path = tmp_path / "empty.yaml"
    path.write_text("\n", encoding="utf-8")
    with pytest.raises(CaseError, match="is empty") as info:
        _persister([], "none").load_cassette(path, yamlserializer)
    assert str(path) in str(info.value) and "parameters changed" not in str(info.value)
    with pytest.raises(CassetteNotFoundError):
        _persister([], "once").load_cassette(path, yamlserializer)
