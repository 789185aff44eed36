"""A scripted webhook receiver on loopback for the sandbox's sender tests, and Zoom's recipe written out.

It answers Zoom's URL validation as a real receiver must (its plainToken back, HMAC'd with its own secret),
and keeps those challenges apart from the events, so a test counts events only. A test scripts the rest:
the event statuses, a wrong secret, a broken answer, or an answer held back (``hold``) until it is released.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

SECRET = "sandbox-webhook-test-secret"
VALIDATION = "endpoint.url_validation"
# How the receiver answers a validation challenge: (plainToken, its secret) -> (status, raw body).
Answerer = Callable[[str, str], tuple[int, bytes]]


def zoom_signature(secret: str, timestamp: str, body: bytes) -> str:
    """Zoom's recipe (notes §11), independently of the sandbox's code."""
    return "v0=" + hmac.new(secret.encode(), f"v0:{timestamp}:".encode() + body, hashlib.sha256).hexdigest()


def right_answer(plain: str, secret: str) -> tuple[int, bytes]:
    """What Zoom wants back (notes §11), written out independently of the sandbox and of wmdctl's receiver."""
    encrypted = hmac.new(secret.encode(), plain.encode(), hashlib.sha256).hexdigest()
    return 200, json.dumps({"plainToken": plain, "encryptedToken": encrypted}).encode()


@dataclass
class Received:
    headers: dict[str, str]
    raw: bytes

    @property
    def body(self) -> dict[str, Any]:
        return dict(json.loads(self.raw))


@dataclass
class Receiver:
    url: str = ""
    statuses: list[int] = field(default_factory=list)  # answers to events, in order; 200 once they run out
    received: list[Received] = field(default_factory=list)  # the events (validation challenges not included)
    validations: list[Received] = field(default_factory=list)  # the endpoint.url_validation challenges
    arrivals: list[str] = field(default_factory=list)  # "validation" or the event's name, in the order they came
    secret: str = SECRET  # the secret it proves it holds when challenged
    answer: Answerer = right_answer
    hold: set[str] = field(default_factory=set)  # "validation" and/or "events": answered only once released
    released: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def events(self) -> list[str]:
        with self.lock:
            return [r.body["event"] for r in self.received]


def _is_validation(raw: bytes) -> bool:
    try:
        return bool(json.loads(raw).get("event") == VALIDATION)
    except (ValueError, AttributeError):
        return False


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # an answer held past the sandbox's timeout meets a closed socket: expected, not worth a traceback


@contextmanager
def receiver() -> Iterator[Receiver]:
    state = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            got = Received({k.lower(): v for k, v in self.headers.items()}, raw)
            challenge = _is_validation(raw)
            with state.lock:
                (state.validations if challenge else state.received).append(got)
                state.arrivals.append("validation" if challenge else got.body["event"])
                if challenge:
                    status, answer = state.answer(got.body["payload"]["plainToken"], state.secret)
                else:
                    status, answer = (state.statuses.pop(0) if state.statuses else 200), b""
            if ("validation" if challenge else "events") in state.hold:
                state.released.wait(30)  # the sandbox gives up long before; released at the latest on exit
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args: Any) -> None:
            pass

    server = _QuietServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/zoom/webhooks"
    try:
        yield state
    finally:
        state.released.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
