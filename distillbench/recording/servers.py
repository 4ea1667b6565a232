"""Controller-side: start the local llama.cpp servers a recording run needs, and always stop them."""

from __future__ import annotations

import signal
import threading
from types import FrameType
from typing import Any

import pytest

from distillbench.cases.suite import SuiteConfig
from distillbench.recording.local_server import LocalServer, ServerError, served_models
from distillbench.recording.preflight import endpoint_problems, models_to_call
from scoring.errors import DistillbenchError

__all__ = ["ServerPool"]


class ServerPool:
    """Starts servers before xdist starts its workers (tryfirst) and stops them at unconfigure."""

    def __init__(self, suite: SuiteConfig):
        self.suite = suite
        self.servers: list[LocalServer] = []
        self._previous_sigterm: Any = None

    def _on_sigterm(self, signum: int, frame: FrameType | None) -> None:
        """SIGTERM (a CI job cancelled, `kill`) unwinds like Ctrl-C: the report is written as interrupted and
        every server is stopped, instead of the process dying with servers left holding their ports."""
        raise KeyboardInterrupt(f"signal {signum}")

    @pytest.hookimpl(tryfirst=True)
    def pytest_sessionstart(self, session: pytest.Session) -> None:
        if threading.current_thread() is threading.main_thread():
            self._previous_sigterm = signal.signal(signal.SIGTERM, self._on_sigterm)
        try:
            # Only the models this run will call: with --record-mode=once a model whose cassettes all exist needs
            # no server (a lab student recorded beside another one shares their teacher's recordings, not a port).
            models = {spec.name: spec for spec in models_to_call(self.suite)}
        except DistillbenchError:
            return  # reported with its file and key at collection
        log_dir = session.config.rootpath / "reports" / "server-logs"
        try:
            for spec in models.values():
                if spec.local is not None:
                    server = LocalServer(spec, log_dir)
                    self.servers.append(server)
                    server.start()
                else:
                    served = served_models(spec.base_url)
                    if served is not None and spec.model not in served:
                        raise ServerError(f"model {spec.name!r}: {spec.base_url} serves {served}, "
                                          f"not {spec.model!r}")
            problems = endpoint_problems(models_to_call(self.suite))
            if problems:
                raise ServerError("cannot record: " + "; ".join(problems))
        except DistillbenchError as exc:
            self.stop_all()
            raise pytest.UsageError(str(exc)) from None

    def stop_all(self) -> None:
        for server in self.servers:
            server.stop()
        self.servers.clear()

    @pytest.hookimpl
    def pytest_unconfigure(self) -> None:
        self.stop_all()
        if self._previous_sigterm is not None:
            signal.signal(signal.SIGTERM, self._previous_sigterm)
            self._previous_sigterm = None
