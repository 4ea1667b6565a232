"""Before the first recorded call: can every endpoint this run must call be reached, with its key?

Recording against a closed port or without the key variable would otherwise fail once per case, after
minutes; checked once up front it is one message (exit 4). Only a TCP connection is opened — no request, so
no key leaves the machine here — and only for models that will really be called: with `--record-mode=once`
those with a missing cassette, with `new_episodes`/`all` every probed model and judge.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterable
from urllib.parse import urlsplit

from distillbench.cases.suite import SuiteConfig
from distillbench.fixtures.models_file import ModelSpec, public_endpoint

__all__ = ["endpoint_problems", "models_to_call"]


def models_to_call(suite: SuiteConfig) -> list[ModelSpec]:
    """The models (and judges) this recording run will send requests to."""
    if suite.record_mode != "once":
        return list(suite.endpoints().values())
    missing = {c.model.name for c in suite.ice_cases() if not c.cassette.exists()}
    missing |= {c.model.name for c in suite.rse_cases() if not c.cassette.exists()}
    judges = [m for m in (suite.judge, suite.similarity_judge) if m is not None]
    return [m for m in suite.models.values() if m.name in missing] + judges


def _reachable(url: str, timeout: float) -> str | None:
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        with socket.create_connection((parts.hostname or "", port), timeout=timeout):
            return None
    except OSError as exc:
        return exc.strerror or type(exc).__name__


def endpoint_problems(models: Iterable[ModelSpec], *, timeout: float = 3.0) -> list[str]:
    """One line per model that cannot be called: its key variable unset, or its host and port unreachable."""
    problems = []
    for spec in models:
        if spec.api_key_env and not os.environ.get(spec.api_key_env):
            problems.append(f"model {spec.name!r}: environment variable {spec.api_key_env} (its api_key_env) is "
                            "not set; export it before recording")
        for var in spec.header_env_vars():
            if not os.environ.get(var):
                problems.append(f"model {spec.name!r}: environment variable {var} (read by one of its headers) is "
                                "not set; export it before recording")
        why = _reachable(spec.base_url, timeout)
        if why is not None:
            problems.append(f"model {spec.name!r}: cannot reach {public_endpoint(spec.base_url)} ({why}); is the "
                            f"server running, and is base_url right in {spec.source}?")
    return problems
