"""VCR configuration: one cassette per (model, probe) case, matched on what identifies the request.

Cassettes replay wherever they were recorded: matching ignores host, port and client-version headers and
compares the path and the parts of the JSON body that decide the answer. Nothing that could hold a
credential is written: request headers are dropped except Content-Type, key-bearing query parameters are
removed, and the persister refuses to write a cassette that still contains a known secret.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import vcr
import yaml
from vcr.patch import PATCHER_NAMES
from vcr.persisters.filesystem import CassetteNotFoundError
from vcr.request import Request as VcrRequest
from vcr.serialize import deserialize, serialize

from distillbench.atomic import write_atomic
from distillbench.errors import CaseError
from distillbench.recording import cassette_yaml
from distillbench.redact import is_key_bearing

__all__ = [
    "IDENTIFYING_FIELDS",
    "RECORD_MODES",
    "cassette_path",
    "make_vcr",
    "normalise_record_mode",
    "read_cassette",
    "recorded_answer",
    "validate_cassette",
]

# --record-mode values users may pass, mapped onto vcrpy's modes ("rewrite" reads better than "all").
RECORD_MODES = {"none": "none", "once": "once", "new_episodes": "new_episodes", "all": "all", "rewrite": "all"}
# Body fields that decide what a model answers; anything else (stream options, user, ...) is ignored.
IDENTIFYING_FIELDS = ("model", "messages", "prompt", "temperature", "top_p", "max_tokens", "seed", "n",
                      "stop", "response_format", "tools")
_KEEP_HEADERS = {"content-type"}
# Cases send only through the `openai` client, whose transport is httpx (httpx2 in newer releases). vcrpy
# otherwise patches nine HTTP libraries on entering every cassette, 3 of a case's 5 ms in cassette handling.
_CLIENT_PATCHERS = {"httpx", "httpx2"}
_UNUSED_PATCHERS = tuple(name for name in PATCHER_NAMES if name not in _CLIENT_PATCHERS)


def normalise_record_mode(mode: str) -> str:
    try:
        return RECORD_MODES[mode]
    except KeyError:
        raise ValueError(f"--record-mode must be one of {', '.join(RECORD_MODES)}, got {mode!r}") from None


def cassette_path(root: Path, model: str, probe_id: str) -> Path:
    return root / model / f"{probe_id}.yaml"


def _identity(body: bytes | str | None) -> dict[str, Any] | None:
    if body is None:
        return None
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(data, dict):
        return None
    return {key: data.get(key) for key in IDENTIFYING_FIELDS}


def chat_request_matcher(r1: VcrRequest, r2: VcrRequest) -> None:
    """vcrpy matcher: same path and the same identifying body fields (raises AssertionError otherwise)."""
    a, b = _identity(r1.body), _identity(r2.body)
    if a is None or b is None:
        assert r1.body == r2.body, "request bodies differ"
        return
    differing = [key for key in IDENTIFYING_FIELDS if a[key] != b[key]]
    assert not differing, f"request differs in {', '.join(differing)}"


def _scrub_request(request: VcrRequest) -> VcrRequest:
    for name in list(request.headers):
        if name.lower() not in _KEEP_HEADERS:
            del request.headers[name]
    parts = urlsplit(request.uri)
    if parts.query:
        query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not is_key_bearing(k)]
        request.uri = urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), parts.fragment))
    if "@" in parts.netloc:
        request.uri = urlunsplit((parts.scheme, parts.netloc.rsplit("@", 1)[1], parts.path,
                                  urlsplit(request.uri).query, ""))
    return request


def _scrub_response(response: dict[str, Any]) -> dict[str, Any] | None:
    """Keep only successful answers (an error is retried, not recorded) and only their Content-Type."""
    if response["status"]["code"] >= 400:
        return None
    response["headers"] = {k: v for k, v in response["headers"].items() if k.lower() in _KEEP_HEADERS}
    return response


def read_cassette(path: Path, load: Callable[[str], Any] = cassette_yaml.load,
                  raw: bytes | None = None) -> dict[str, Any]:
    """A cassette's parsed data, checked: fail with the file's name when it is truncated, not YAML, or not a
    vcrpy cassette. `raw` is the file's bytes when the caller has read them already (one read, one parse)."""
    try:
        text = (path.read_bytes() if raw is None else raw).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CaseError(f"cassette {path} is not UTF-8 text ({exc.reason}); delete it and re-record") from None
    try:
        data = load(text)
    except yaml.YAMLError as exc:
        raise CaseError(f"cassette {path} is not valid YAML ({str(exc).splitlines()[0]}); "
                        "it may be truncated: delete it and re-record") from None
    interactions = data.get("interactions") if isinstance(data, dict) else None
    if not isinstance(interactions, list) or not interactions:
        raise CaseError(f"cassette {path} holds no recorded interactions; delete it and re-record")
    for index, interaction in enumerate(interactions):
        if not isinstance(interaction, dict) or not {"request", "response"} <= set(interaction):
            raise CaseError(f"cassette {path}: interaction {index} lacks a request or response; re-record it")
        where = _credential_in(interaction["request"])
        if where is not None:
            raise CaseError(f"cassette {path}: interaction {index} holds a credential ({where}); a committed key must "
                            "not be replayed or kept: rotate the key, delete the file and re-record it (the writer "
                            "never stores one)")
        status = (interaction["response"] or {}).get("status", {}).get("code")
        if not isinstance(status, int) or status >= 400:
            raise CaseError(f"cassette {path}: the recorded response is HTTP {status}, not an answer; "
                            "re-record it with --record-mode=rewrite")
    assert isinstance(data, dict)
    return data


_CREDENTIAL_HEADERS = {"authorization", "proxy-authorization", "cookie"}


def _credential_in(request: Any) -> str | None:
    """Where a recorded request holds a credential: an Authorization, Cookie or key-bearing header, a key-bearing
    query parameter, or a password in its URL. `api-version` and `barcode` are not credentials."""
    if not isinstance(request, dict):
        return None
    headers = request.get("headers") or {}
    if isinstance(headers, dict):
        for name, value in headers.items():
            lowered = str(name).lower()
            if value and (lowered in _CREDENTIAL_HEADERS or is_key_bearing(lowered)):
                return f"request header {name!r}"
    parts = urlsplit(str(request.get("uri", "")))
    for name, value in parse_qsl(parts.query, keep_blank_values=True):
        if value and is_key_bearing(name):
            return f"query parameter {name!r} of its URL"
    if parts.password:
        return "a password in its URL"
    return None


def validate_cassette(path: Path) -> None:
    """Fail with the file's name when a cassette is truncated, not YAML, or not a vcrpy cassette."""
    read_cassette(path)


class _Parsed:
    """A vcrpy serializer whose 'text' is data already parsed and checked, so vcrpy builds its requests and
    responses from it without parsing the file a second time."""

    @staticmethod
    def deserialize(data: dict[str, Any]) -> dict[str, Any]:
        return data


def recorded_answer(path: Path) -> str | None:
    """The assistant's text in a cassette's first interaction, or None when the file is missing, unreadable
    or holds no successful chat answer. For tools that read answers without replaying them (benchmarks)."""
    try:
        data: Any = cassette_yaml.load(path.read_text(encoding="utf-8"))
        response = data["interactions"][0]["response"]
        if int(response["status"]["code"]) != 200:
            return None
        text = json.loads(response["body"]["string"])["choices"][0]["message"]["content"]
    except (OSError, UnicodeDecodeError, yaml.YAMLError, ValueError, KeyError, IndexError, TypeError):
        return None
    return text if isinstance(text, str) else None


def _persister(secrets: Iterable[str], record_mode: str) -> type:
    known = tuple(s for s in secrets if s)
    overwrite = record_mode == "all"

    class AtomicPersister:
        """Loads strictly (a broken cassette is an error, not an empty one) and writes atomically."""

        @classmethod
        def load_cassette(cls, cassette_path: str | Path, serializer: Any) -> Any:
            path = Path(cassette_path)
            try:
                raw = path.read_bytes()
            except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
                raise CassetteNotFoundError() from None
            if not raw.strip():
                if record_mode == "none":  # else "the probe or sampling parameters changed", which they did not
                    raise CaseError(f"cassette {path} is empty ({len(raw)} bytes): a recording that never "
                                    "finished; delete it and re-record with --record-mode=once")
                raise CassetteNotFoundError()  # recording fills it
            try:
                data = read_cassette(path, serializer.deserialize, raw)
            except CaseError:
                if overwrite:  # --record-mode=rewrite replaces a broken cassette instead of refusing it
                    raise CassetteNotFoundError() from None
                raise
            return deserialize(data, _Parsed)

        @staticmethod
        def save_cassette(cassette_path: str | Path, cassette_dict: Any, serializer: Any) -> None:
            data = serialize(cassette_dict, serializer)
            leaked = [s for s in known if s in data]
            if leaked:
                raise CaseError(f"refusing to write {cassette_path}: it would contain an API key")
            write_atomic(Path(cassette_path), data)

    return AtomicPersister


def make_vcr(record_mode: str, secrets: Iterable[str] = ()) -> vcr.VCR:
    """A VCR that records with `record_mode` (a vcrpy mode) and never writes the given secrets."""
    recorder = vcr.VCR(
        record_mode=record_mode,
        match_on=("method", "path", "chat_request"),
        before_record_request=_scrub_request,
        before_record_response=_scrub_response,
        decode_compressed_response=True,
        record_on_exception=False,
        skip_patchers=_UNUSED_PATCHERS,
    )
    recorder.register_matcher("chat_request", chat_request_matcher)
    recorder.register_serializer("yaml", cassette_yaml.SERIALIZER)  # the default name: libyaml where present
    recorder.register_persister(_persister(secrets, record_mode))
    return recorder
