"""Start, check and always stop llama.cpp's OpenAI-compatible server for a local model.

Used only when recording or in live tests; replay never starts a server. llama.cpp answers any `model`
name with whatever it loaded, so the served alias is checked before a single answer is recorded.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import TracebackType
from urllib.parse import urlsplit

from distillbench.fixtures.models_file import ModelSpec
from distillbench.recording.local_models import LocalModelError, served_file, unknown_local
from scoring.errors import DistillbenchError

__all__ = ["LocalServer", "ServerError", "served_models"]


_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """In the server's child process: have Linux send it SIGTERM when the process that started it dies, so a
    run killed outright (SIGKILL, a crashed worker) leaves no server holding the port. Elsewhere a no-op."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)


class ServerError(DistillbenchError):
    """A model server could not be started, died, or serves a different model than asked for."""


def served_models(base_url: str, timeout: float = 2.0) -> list[str] | None:
    """The model ids an OpenAI-compatible endpoint lists at /models, or None when it does not answer."""
    try:
        with urllib.request.urlopen(base_url.rstrip("/") + "/models", timeout=timeout) as response:
            data = json.loads(response.read().decode("utf-8"))
    except (OSError, ValueError):
        return None
    return [str(entry.get("id")) for entry in data.get("data", []) if isinstance(entry, dict)]


def _port_taken(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


class LocalServer:
    """A llama.cpp server for one models-file entry with `local = "<key>"`, as a context manager."""

    def __init__(self, spec: ModelSpec, log_dir: Path, *, threads: int = 1, n_ctx: int = 4096,
                 startup_timeout: float = 120.0):
        problem = unknown_local(spec.local, spec.name)
        if problem is not None:
            raise ServerError(problem)
        parts = urlsplit(spec.base_url)
        if parts.hostname not in ("127.0.0.1", "localhost") or parts.port is None:
            raise ServerError(f"model {spec.name!r}: a local model needs a loopback base_url with a port, "
                              f"got {spec.base_url!r}")
        self.spec = spec
        self.host, self.port = parts.hostname, parts.port
        self.log_path = log_dir / f"llama-server-{spec.name}.log"
        self.threads, self.n_ctx, self.startup_timeout = threads, n_ctx, startup_timeout
        self.process: subprocess.Popen[bytes] | None = None

    def command(self, model_file: Path, chat_format: str | None = None) -> list[str]:
        command = [sys.executable, "-m", "llama_cpp.server", "--model", str(model_file),
                   "--host", str(self.host), "--port", str(self.port), "--model_alias", self.spec.model,
                   "--n_ctx", str(self.n_ctx), "--n_threads", str(self.threads),
                   "--interrupt_requests", "false", "--verbose", "false"]
        if chat_format:
            command += ["--chat_format", chat_format]
        return command

    def start(self) -> None:
        try:
            model_file, chat_format = served_file(str(self.spec.local), self.spec.name, self.spec.source)
        except LocalModelError as exc:
            raise ServerError(str(exc)) from None
        if _port_taken(str(self.host), self.port):
            raise ServerError(f"model {self.spec.name!r}: port {self.port} is already in use; stop what "
                              f"listens there or change the port in its base_url ({self.spec.source})")
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("wb")
        self.process = subprocess.Popen(self.command(model_file, chat_format), stdout=log, stderr=subprocess.STDOUT,
                                        start_new_session=True, env={**os.environ, "OMP_NUM_THREADS": "1"},
                                        preexec_fn=_die_with_parent)
        log.close()
        self._wait_ready()

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                tail = self.log_path.read_text(errors="replace")[-800:]
                raise ServerError(f"model {self.spec.name!r}: llama.cpp server exited with code "
                                  f"{self.process.returncode} while starting; log {self.log_path}:\n{tail}")
            served = served_models(self.spec.base_url)
            if served is not None:
                self.check_alias(served)
                return
            time.sleep(0.5)
        self.stop()
        raise ServerError(f"model {self.spec.name!r}: server did not answer {self.spec.base_url}/models "
                          f"within {self.startup_timeout:.0f}s; log {self.log_path}")

    def check_alias(self, served: list[str]) -> None:
        if self.spec.model not in served:
            self.stop()
            raise ServerError(f"model {self.spec.name!r}: the server at {self.spec.base_url} serves "
                              f"{served}, not {self.spec.model!r}; it would answer with the wrong model")

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self) -> None:
        """Terminate the server's whole process group; escalate to SIGKILL after a grace period."""
        if self.process is None or self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        except ProcessLookupError:
            pass

    def __enter__(self) -> LocalServer:
        self.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()
