"""One chat completion through the real `openai` client, turned into plain data or a clear CaseError."""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import parse_qsl, urlsplit, urlunsplit

import openai
from vcr.errors import CannotOverwriteExistingCassetteException

from distillbench.errors import CaseError
from distillbench.fixtures.models_file import ModelSpec

__all__ = ["REPLAY_KEY", "ChatAnswer", "ClientPool", "api_key_for", "chat", "chat_messages", "headers_for",
           "make_client", "split_base_url"]

# openai refuses an empty key; replay never reaches a server, and local servers need none.
REPLAY_KEY = "distillbench-no-key"


@dataclass(frozen=True)
class ChatAnswer:
    """What a case keeps of a completion: enough to score it and to explain the score."""

    text: str
    finish_reason: str | None
    prompt_tokens: int | None
    completion_tokens: int | None
    served_model: str | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def chat_messages(user: str, system: str = "") -> list[dict[str, str]]:
    """The messages of one chat request: a system message only when there is one, then the user's."""
    return ([{"role": "system", "content": system}] if system else []) + [{"role": "user", "content": user}]


def api_key_for(spec: ModelSpec, *, recording: bool) -> str:
    """The key from `api_key_env`; while replaying a missing key is fine, while recording it is an error."""
    if spec.api_key_env is None:
        return REPLAY_KEY
    key = os.environ.get(spec.api_key_env, "")
    if key:
        return key
    if recording:
        raise CaseError(f"model {spec.name!r}: environment variable {spec.api_key_env} (its api_key_env) "
                        "is not set; export it before recording")
    return REPLAY_KEY


def headers_for(spec: ModelSpec, *, recording: bool) -> dict[str, str]:
    """The models file's headers with "env:VAR" values read; while replaying an unset variable leaves its header
    out (no request leaves the machine), while recording it is an error."""
    out: dict[str, str] = {}
    for name, value in spec.headers:
        if value.startswith("env:"):
            var = value[4:]
            value = os.environ.get(var, "")
            if not value:
                if recording:
                    raise CaseError(f"model {spec.name!r}: environment variable {var} (its header {name}) is not "
                                    "set; export it before recording")
                continue
        out[name] = value
    return out


def split_base_url(url: str) -> tuple[str, dict[str, str]]:
    """base_url without its query string, and that query as parameters. A gateway that takes its key in the
    query (`?api-key=...`, `?code=...`) needs it on every request's URL; left in base_url, the client would
    append the request path after it (`/v1/?api-key=...chat/completions`)."""
    parts = urlsplit(url)
    if not parts.query:
        return url, {}
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", "")), dict(
        parse_qsl(parts.query, keep_blank_values=True))


def make_client(spec: ModelSpec, *, recording: bool) -> openai.OpenAI:
    """Replay never retries (a cassette answers the same way twice); recording retries boundedly."""
    base_url, query = split_base_url(spec.base_url)
    return openai.OpenAI(
        base_url=base_url,
        api_key=api_key_for(spec, recording=recording),
        max_retries=spec.max_retries if recording else 0,
        timeout=spec.timeout,
        default_headers=headers_for(spec, recording=recording) or None,
        default_query=query or None,
    )


class ClientPool:
    """One `openai` client per endpoint in a process, shared by every case that calls it.

    A client builds an SSL context (the CA bundle, ~55 ms) and an HTTP connection pool; made per case, that
    was half of what a replayed case cost. Cases that differ only in sampling (greedy and resamples) share
    their endpoint's client, since sampling travels in each request, not in the client. VCR patches the
    HTTP transport's class, so a shared client replays and records through each case's own cassette.
    """

    def __init__(self) -> None:
        self._clients: dict[tuple[str, str, int, float, tuple[tuple[str, str], ...]], openai.OpenAI] = {}
        self.made = 0  # clients constructed over the pool's life, closed ones included

    def client(self, spec: ModelSpec, *, recording: bool) -> openai.OpenAI:
        """The endpoint's client, made on first use; the key is read each time, as a new client would."""
        key = (spec.base_url, api_key_for(spec, recording=recording),
               spec.max_retries if recording else 0, spec.timeout,
               tuple(sorted(headers_for(spec, recording=recording).items())))
        client = self._clients.get(key)
        if client is None:
            client = self._clients[key] = make_client(spec, recording=recording)
            self.made += 1
        return client

    def __len__(self) -> int:
        return len(self._clients)

    def close(self) -> None:
        """Close every client's connections (at the end of the session)."""
        for client in self._clients.values():
            client.close()
        self._clients.clear()


def _root_cause(exc: BaseException) -> BaseException:
    while exc.__cause__ is not None:
        exc = exc.__cause__
    return exc


def chat(client: openai.OpenAI, spec: ModelSpec, messages: list[dict[str, str]], where: str, *,
         allow_empty: bool = False) -> ChatAnswer:
    """Send one request; `where` names the cassette so every failure says which file to look at. An empty
    answer is an error unless `allow_empty` (a helper model's empty reply is retried by its caller)."""
    try:
        completion = client.chat.completions.create(
            model=spec.model,
            messages=messages,  # type: ignore[arg-type]
            **spec.sampling(),
        )
    except CannotOverwriteExistingCassetteException:
        raise CaseError(f"{where}: no recorded answer matches this request (the probe or the sampling "
                        "parameters changed since recording); re-record it with "
                        "--record-mode=new_episodes or --record-mode=rewrite") from None
    except openai.APIStatusError as exc:
        raise CaseError(f"{where}: model {spec.name!r} answered HTTP {exc.status_code}: "
                        f"{str(exc)[:300]}") from None
    except openai.APIConnectionError as exc:
        cause = _root_cause(exc)
        if isinstance(cause, CaseError):
            raise cause from None
        raise CaseError(f"{where}: could not reach model {spec.name!r} at {spec.base_url} "
                        f"({type(cause).__name__}: {cause}) after {spec.max_retries} retries") from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise CaseError(f"{where}: the response of model {spec.name!r} is not valid UTF-8 JSON ({exc})") from None
    if not completion.choices:
        raise CaseError(f"{where}: the response of model {spec.name!r} has no choices")
    choice = completion.choices[0]
    text = choice.message.content
    if (text is None or not text.strip()) and not allow_empty:
        raise CaseError(f"{where}: the response of model {spec.name!r} has empty content "
                        f"(finish_reason={choice.finish_reason!r}); nothing to score")
    usage = completion.usage
    return ChatAnswer(
        text=text or "",
        finish_reason=choice.finish_reason,
        prompt_tokens=usage.prompt_tokens if usage else None,
        completion_tokens=usage.completion_tokens if usage else None,
        served_model=completion.model,
    )
