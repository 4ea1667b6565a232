"""A real HTTP server speaking the OpenAI chat-completions wire format, scripted by a test: a team's gateway or
endpoint as the client meets it (sockets, headers, status codes), with the answer decided by the test."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = ["Respond", "chat_completion", "chat_endpoint"]

# (request path, request headers, request JSON body) -> (HTTP status, response JSON)
Respond = Callable[[str, dict[str, str], dict[str, Any]], tuple[int, dict[str, Any]]]


def chat_completion(content: str, model: str = "m") -> dict[str, Any]:
    """A successful chat completion whose one choice says `content`."""
    return {"id": "x", "object": "chat.completion", "created": 0, "model": model,
            "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": content}}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}


@contextmanager
def chat_endpoint(respond: Respond) -> Iterator[int]:
    """Serve on a free loopback port (yielded) until the block ends; every POST is answered by `respond`."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            try:
                body = json.loads(raw) if raw else {}
            except ValueError:
                body = {}
            status, payload = respond(self.path, dict(self.headers.items()), body)
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield int(server.server_address[1])
    finally:
        server.shutdown()
        server.server_close()
