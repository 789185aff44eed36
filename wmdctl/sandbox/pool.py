"""The HTTP server under the sandbox: werkzeug's, with a bounded pool of workers and read deadlines.

- A connection costs a worker only once its whole request head (request line and headers) is in:
  until then it waits in the waiting room (wmdctl.sandbox.waiting_room: one selector thread, a file
  descriptor and a capped buffer each), which closes it if the head is not complete within the header
  deadline. Silent clients, and clients that stop halfway through their headers, can't occupy the workers.
- The worker's handler reads the bytes the waiting room read first, then the socket (_Replayed).
- A fixed pool of worker threads serves the rest; connections beyond the pool, its queue and the
  waiting room are closed at once. Never a thread per connection.
- The body must arrive within BODY_DEADLINE_SECONDS of the headers, and each read within
  READ_TIMEOUT_SECONDS, whatever the pace of the bytes, so a slow drip frees its worker too.
- One request per connection (HTTP/1.0): an idle keep-alive connection would hold a worker.
"""

from __future__ import annotations

import io
import json
import socket
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from http import HTTPStatus
from typing import Any

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler

from wmdctl.sandbox.waiting_room import WaitingRoom

WORKERS = 16
QUEUED_CONNECTIONS = 64  # connections with a complete head, waiting for a worker
HEADER_TIMEOUT_SECONDS = 10.0  # from the accept to the end of the headers (the waiting room's deadline)
READ_TIMEOUT_SECONDS = 10.0  # any single read of the body
BODY_DEADLINE_SECONDS = 30.0  # the body, from the end of the headers


class _DeadlineReader:
    """The request's rfile, whose every read is bounded by what is left of the request's deadline."""

    def __init__(self, raw: Any, sock: socket.socket, deadline: float) -> None:
        self._raw, self._sock, self._deadline = raw, sock, deadline

    def _arm(self) -> None:
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("request deadline passed")
        self._sock.settimeout(min(left, READ_TIMEOUT_SECONDS))

    def read(self, *args: Any) -> bytes:
        self._arm()
        return bytes(self._raw.read(*args))

    def readline(self, *args: Any) -> bytes:
        self._arm()
        return bytes(self._raw.readline(*args))

    def readinto(self, buffer: Any) -> int:
        self._arm()
        return int(self._raw.readinto(buffer))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._raw, name)


class _Replayed(io.RawIOBase):
    """The socket's raw file, behind the bytes the waiting room has already read from it."""

    def __init__(self, head: bytes, rest: Any) -> None:
        super().__init__()
        self._head, self._rest = memoryview(head), rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if len(self._head):
            taken = min(len(buffer), len(self._head))
            buffer[:taken] = self._head[:taken]
            self._head = self._head[taken:]
            return taken
        return int(self._rest.readinto(buffer))

    def close(self) -> None:
        self._rest.close()
        super().close()


class QuietHandler(WSGIRequestHandler):
    """No access log: the CLI's stderr belongs to the user (errors are still logged)."""

    protocol_version = "HTTP/1.0"
    timeout = READ_TIMEOUT_SECONDS
    rbufsize = 0  # the raw socket file: setup() puts the waiting room's bytes in front of it, then buffers

    def __init__(self, request: Any, client_address: Any, server: Any, head: bytes = b"") -> None:
        self._head = head
        super().__init__(request, client_address, server)

    def setup(self) -> None:
        super().setup()
        replayed = io.BufferedReader(_Replayed(self._head, self.rfile))
        # The head is in memory already; the deadline that matters is the body's, set in parse_request.
        self.rfile = _DeadlineReader(replayed, self.connection, time.monotonic() + READ_TIMEOUT_SECONDS)  # type: ignore[assignment]

    def parse_request(self) -> bool:
        parsed = super().parse_request()
        # Headers are in: the body gets the rest of the request's deadline.
        self.rfile._deadline = time.monotonic() + BODY_DEADLINE_SECONDS  # type: ignore[attr-defined]
        return parsed

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """http.server's own refusals (a malformed request line, headers too long) as Zoom-shaped JSON, not HTML."""
        body = json.dumps({"code": code, "message": message or HTTPStatus(code).phrase}).encode()
        self.log_error("code %d, message %s", code, message)
        self.send_response(code, message)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD" and code >= 200 and code not in (204, 304):
            self.wfile.write(body)


class PooledServer(BaseWSGIServer):
    """werkzeug's server with a waiting room and a fixed pool of worker threads (see the module docstring)."""

    multithread = True

    def __init__(
        self, host: str, port: int, app: Any, workers: int = WORKERS, *,
        header_timeout: float = HEADER_TIMEOUT_SECONDS, monotonic: Callable[[], float] = time.monotonic,
    ) -> None:  # fmt: skip
        super().__init__(host, port, app, handler=QuietHandler)
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix=f"zoom-sandbox-{self.port}")
        self._slots = threading.BoundedSemaphore(workers + QUEUED_CONNECTIONS)
        self.waiting_room = WaitingRoom(
            self.dispatch, self.shutdown_request, name=f"zoom-sandbox-{self.port}-wait",
            header_timeout=header_timeout, monotonic=monotonic,
        )  # fmt: skip

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self.waiting_room.enter(request, client_address):
            self.shutdown_request(request)  # overloaded: refuse the connection rather than grow

    def dispatch(self, request: socket.socket, client_address: Any, head: bytes) -> None:
        """A connection whose head is in (``head``: every byte read from it so far) goes to a worker."""
        if not self._slots.acquire(blocking=False):
            self.shutdown_request(request)
            return
        try:
            self._pool.submit(self._work, request, client_address, head)
        except RuntimeError:  # the server is stopping
            self._slots.release()
            self.shutdown_request(request)

    def finish_request(self, request: Any, client_address: Any, head: bytes = b"") -> None:
        QuietHandler(request, client_address, self, head)

    def _work(self, request: socket.socket, client_address: Any, head: bytes) -> None:
        try:
            self.finish_request(request, client_address, head)
        except Exception:
            self.handle_error(request, client_address)
        finally:
            self.shutdown_request(request)
            self._slots.release()

    def server_close(self) -> None:
        super().server_close()
        self.waiting_room.close()
        self._pool.shutdown(wait=True, cancel_futures=True)
