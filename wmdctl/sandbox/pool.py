"""The HTTP server under the sandbox: werkzeug's, with a bounded pool of workers and read deadlines.

- A connection costs a worker only once its first bytes arrive: until then it waits in a waiting
  room (one selector thread, a file descriptor each) and is closed if nothing comes within the
  header deadline. Silent clients can't occupy the workers.
- A fixed pool of worker threads serves the rest; connections beyond the pool, its queue and the
  waiting room are closed at once. Never a thread per connection.
- Each request must arrive within a deadline (request line and headers within READ_TIMEOUT_SECONDS,
  the body within BODY_DEADLINE_SECONDS), whatever the pace of the bytes, so a slow drip frees its
  worker too.
- One request per connection (HTTP/1.0): an idle keep-alive connection would hold a worker.
"""

from __future__ import annotations

import json
import queue
import selectors
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http import HTTPStatus
from typing import Any

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler

WORKERS = 16
QUEUED_CONNECTIONS = 64  # ready connections waiting for a worker
WAITING_ROOM = 1024  # accepted connections that have not sent anything yet
READ_TIMEOUT_SECONDS = 10.0  # request line and headers, and any single read
BODY_DEADLINE_SECONDS = 30.0  # the whole request, body included


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


class QuietHandler(WSGIRequestHandler):
    """No access log: the CLI's stderr belongs to the user (errors are still logged)."""

    protocol_version = "HTTP/1.0"
    timeout = READ_TIMEOUT_SECONDS

    def setup(self) -> None:
        super().setup()
        self.rfile = _DeadlineReader(self.rfile, self.connection, time.monotonic() + READ_TIMEOUT_SECONDS)  # type: ignore[assignment]

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


class _WaitingRoom:
    """Connections wait here, costing a file descriptor and no thread, until their first bytes arrive."""

    def __init__(self, server: PooledServer) -> None:
        self._server = server
        self._selector = selectors.DefaultSelector()
        self._arrivals: queue.SimpleQueue[tuple[socket.socket, Any]] = queue.SimpleQueue()
        self._wake_r, self._wake_w = socket.socketpair()
        self._selector.register(self._wake_r, selectors.EVENT_READ)
        self._waiting: dict[socket.socket, tuple[float, Any]] = {}
        self._count = threading.BoundedSemaphore(WAITING_ROOM)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name=f"zoom-sandbox-{server.port}-wait", daemon=True)
        self._thread.start()

    def enter(self, sock: socket.socket, address: Any) -> bool:
        if not self._count.acquire(blocking=False):
            return False
        self._arrivals.put((sock, address))
        self._wake_w.send(b"\0")
        return True

    def _loop(self) -> None:
        while not self._stop.is_set():
            for key, _events in self._selector.select(timeout=0.25):
                if key.fileobj is self._wake_r:
                    self._wake_r.recv(4096)
                    self._admit_arrivals()
                else:
                    self._leave(key.fileobj)  # type: ignore[arg-type]
            self._expire()
        for sock in list(self._waiting):
            self._drop(sock)

    def _admit_arrivals(self) -> None:
        while not self._arrivals.empty():
            sock, address = self._arrivals.get()
            self._waiting[sock] = (time.monotonic() + READ_TIMEOUT_SECONDS, address)
            self._selector.register(sock, selectors.EVENT_READ)

    def _leave(self, sock: socket.socket) -> None:
        """First bytes arrived: off to the workers."""
        _deadline, address = self._waiting.pop(sock)
        self._selector.unregister(sock)
        self._count.release()
        self._server.dispatch(sock, address)

    def _expire(self) -> None:
        now = time.monotonic()
        for sock in [s for s, (deadline, _a) in self._waiting.items() if deadline < now]:
            self._drop(sock)

    def _drop(self, sock: socket.socket) -> None:
        self._waiting.pop(sock, None)
        self._selector.unregister(sock)
        self._count.release()
        self._server.shutdown_request(sock)

    def close(self) -> None:
        if self._stop.is_set():
            return  # werkzeug's serve_forever closes the server too
        self._stop.set()
        self._wake_w.send(b"\0")
        self._thread.join(timeout=5)
        self._selector.close()
        self._wake_r.close()
        self._wake_w.close()


class PooledServer(BaseWSGIServer):
    """werkzeug's server with a waiting room and a fixed pool of worker threads (see the module docstring)."""

    multithread = True

    def __init__(self, host: str, port: int, app: Any, workers: int = WORKERS) -> None:
        super().__init__(host, port, app, handler=QuietHandler)
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix=f"zoom-sandbox-{self.port}")
        self._slots = threading.BoundedSemaphore(workers + QUEUED_CONNECTIONS)
        self._waiting_room = _WaitingRoom(self)

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self._waiting_room.enter(request, client_address):
            self.shutdown_request(request)  # overloaded: refuse the connection rather than grow

    def dispatch(self, request: socket.socket, client_address: Any) -> None:
        if not self._slots.acquire(blocking=False):
            self.shutdown_request(request)
            return
        try:
            self._pool.submit(self._work, request, client_address)
        except RuntimeError:  # the server is stopping
            self._slots.release()
            self.shutdown_request(request)

    def _work(self, request: socket.socket, client_address: Any) -> None:
        try:
            self.finish_request(request, client_address)
        except Exception:
            self.handle_error(request, client_address)
        finally:
            self.shutdown_request(request)
            self._slots.release()

    def server_close(self) -> None:
        super().server_close()
        self._waiting_room.close()
        self._pool.shutdown(wait=True, cancel_futures=True)
