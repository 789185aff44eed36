"""The waiting room: a connection costs a file descriptor and a small buffer, never a thread, until its head is in.

One selector thread reads what each waiting connection sends, up to the empty line that ends the headers. Only
then does the connection go to a worker, with the bytes read so far (wmdctl.sandbox.pool replays them to the
request handler). So a client that sends half a request line, or half its headers, and stops holds no worker.

- The header deadline runs from the accept and is enforced here: a connection whose head is not complete by
  then is closed without an answer (as http.server does on a timeout).
- A head longer than HEADER_LIMIT_BYTES gets a JSON 431 (414 if even the request line has not ended), then a
  lingering close: what the client still sends is read and dropped until it closes or the deadline passes, so
  it reads the refusal rather than a connection reset.
- Memory is bounded: CAPACITY connections at most, each buffering at most HEADER_LIMIT_BYTES + 1.
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import json
import queue
import selectors
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

CAPACITY = 1024  # accepted connections whose request head has not arrived yet
HEADER_LIMIT_BYTES = 32 * 1024  # request line and headers; 1024 such heads are 32 MiB at most
_LONGEST_SLEEP_SECONDS = 0.25  # the loop looks at the clock at least this often (an injected clock may jump)
_DISCARD_CHUNK = 64 * 1024

Dispatch = Callable[[socket.socket, Any, bytes], None]


def end_of_head(head: bytes | bytearray, start: int = 0) -> int | None:
    """The index just past the empty line that ends the headers, or None while it hasn't arrived.

    Lines end in CRLF or a bare LF, as http.server reads them. ``start`` is where the previous search
    stopped: a drip-fed head is scanned once, not once per byte.
    """
    start = max(start - 2, 0)  # the terminator may straddle the previous end
    found = [at + len(mark) for mark in (b"\n\r\n", b"\n\n") if (at := head.find(mark, start)) >= 0]
    return min(found) if found else None


def refusal(status: int) -> bytes:
    """A complete HTTP/1.0 response in the JSON shape of the sandbox's other errors."""
    phrase = HTTPStatus(status).phrase
    body = json.dumps({"code": status, "message": phrase}).encode()
    head = (
        f"HTTP/1.0 {status} {phrase}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    )
    return head.encode("ascii") + body


@dataclass(eq=False)
class _Guest:
    sock: socket.socket
    address: Any
    deadline: float
    head: bytearray = field(default_factory=bytearray)
    refused: bool = False  # answered 431/414: what still arrives is discarded


class WaitingRoom:
    """Connections wait here, in one selector thread, until their request head is complete (see the module doc)."""

    def __init__(
        self, dispatch: Dispatch, close: Callable[[socket.socket], None], *, name: str, header_timeout: float,
        monotonic: Callable[[], float] = time.monotonic, capacity: int = CAPACITY, limit: int = HEADER_LIMIT_BYTES,
    ) -> None:  # fmt: skip
        self._dispatch, self._close = dispatch, close
        self._header_timeout, self._monotonic, self._limit = header_timeout, monotonic, limit
        self._selector = selectors.DefaultSelector()
        self._arrivals: queue.SimpleQueue[tuple[socket.socket, Any]] = queue.SimpleQueue()
        self._wake_r, self._wake_w = socket.socketpair()
        self._wake_w.setblocking(False)  # a wake-up never blocks the accept loop
        self._selector.register(self._wake_r, selectors.EVENT_READ)
        self._guests: dict[socket.socket, _Guest] = {}
        self._deadlines: list[tuple[float, int, _Guest]] = []  # a heap; guests that left are skipped when popped
        self._order = itertools.count()
        self._count = threading.BoundedSemaphore(capacity)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name=name, daemon=True)
        self._thread.start()

    def enter(self, sock: socket.socket, address: Any) -> bool:
        """Called from the accept loop; False when the room is full (the caller closes the connection)."""
        if not self._count.acquire(blocking=False):
            return False
        self._arrivals.put((sock, address))
        self.wake()
        return True

    def wake(self) -> None:
        """Make the loop look at its arrivals and the clock now."""
        with contextlib.suppress(OSError):  # closed, or the wake-up pipe is full of wake-ups already
            self._wake_w.send(b"\0")

    def __len__(self) -> int:
        return len(self._guests)

    def _loop(self) -> None:
        while not self._stop.is_set():
            for key, _events in self._selector.select(timeout=self._sleep()):
                if key.fileobj is self._wake_r:
                    self._wake_r.recv(4096)
                    self._admit_arrivals()
                else:
                    self._read(key.data)
            self._expire()
        for guest in list(self._guests.values()):
            self._drop(guest)
        while not self._arrivals.empty():
            self._close(self._arrivals.get()[0])

    def _sleep(self) -> float:
        if not self._deadlines:
            return _LONGEST_SLEEP_SECONDS
        return min(max(self._deadlines[0][0] - self._monotonic(), 0.0), _LONGEST_SLEEP_SECONDS)

    def _admit_arrivals(self) -> None:
        while not self._arrivals.empty():
            sock, address = self._arrivals.get()
            guest = _Guest(sock, address, self._monotonic() + self._header_timeout)
            try:
                sock.setblocking(False)
                self._selector.register(sock, selectors.EVENT_READ, guest)
            except (OSError, ValueError):  # gone already
                self._count.release()
                self._close(sock)
                continue
            self._guests[sock] = guest
            heapq.heappush(self._deadlines, (guest.deadline, next(self._order), guest))

    def _read(self, guest: _Guest) -> None:
        want = _DISCARD_CHUNK if guest.refused else self._limit + 1 - len(guest.head)
        try:
            chunk = guest.sock.recv(want)
        except BlockingIOError:
            return
        except OSError:
            chunk = b""
        if not chunk:  # the client gave up (or read our refusal and closed)
            self._drop(guest)
            return
        if guest.refused:
            return
        scanned = len(guest.head)
        guest.head += chunk
        end = end_of_head(guest.head, scanned)
        if end is not None and end <= self._limit:
            self._leave(guest)
        elif len(guest.head) > self._limit:
            self._refuse(guest, HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE if b"\n" in guest.head else
                         HTTPStatus.REQUEST_URI_TOO_LONG)  # fmt: skip

    def _refuse(self, guest: _Guest, status: int) -> None:
        guest.refused, guest.head = True, bytearray()
        try:
            guest.sock.send(refusal(status))  # a few hundred bytes: the socket's empty send buffer takes them
            guest.sock.shutdown(socket.SHUT_WR)
        except OSError:
            self._drop(guest)

    def _leave(self, guest: _Guest) -> None:
        """The head is in: off to the workers, with every byte read so far."""
        self._forget(guest)
        self._dispatch(guest.sock, guest.address, bytes(guest.head))

    def _expire(self) -> None:
        now = self._monotonic()
        while self._deadlines and self._deadlines[0][0] <= now:
            _deadline, _order, guest = heapq.heappop(self._deadlines)
            if self._guests.get(guest.sock) is guest:
                self._drop(guest)

    def _drop(self, guest: _Guest) -> None:
        self._forget(guest)
        self._close(guest.sock)

    def _forget(self, guest: _Guest) -> None:
        del self._guests[guest.sock]
        self._selector.unregister(guest.sock)
        self._count.release()

    def close(self) -> None:
        if self._stop.is_set():
            return  # werkzeug's serve_forever closes the server too
        self._stop.set()
        self.wake()
        self._thread.join(timeout=5)
        self._selector.close()
        self._wake_r.close()
        self._wake_w.close()
