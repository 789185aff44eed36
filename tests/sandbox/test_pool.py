"""The server under the sandbox: a client that stops halfway through its request head holds no worker.

These run wmdctl.sandbox.pool's server over a tiny echo app, with an injected clock for the header
deadline, so nothing here depends on how fast the machine is.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import pytest
import requests

from wmdctl.sandbox.pool import QUEUED_CONNECTIONS, PooledServer
from wmdctl.sandbox.waiting_room import HEADER_LIMIT_BYTES, end_of_head

WORKERS = 2
HEADER_TIMEOUT = 10.0


class FakeMonotonic:
    """A monotonic clock that moves only when told to."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def echo_app(environ: dict, start_response) -> Iterable[bytes]:  # type: ignore[no-untyped-def]
    length = int(environ.get("CONTENT_LENGTH") or 0)
    body = environ["wsgi.input"].read(length) if length else b""
    answer = {"method": environ["REQUEST_METHOD"], "path": environ["PATH_INFO"], "body": body.decode("latin-1"),
              "x_test": environ.get("HTTP_X_TEST")}  # fmt: skip
    payload = json.dumps(answer).encode()
    start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(payload)))])
    return [payload]


@dataclass
class Running:
    server: PooledServer
    clock: FakeMonotonic
    address: tuple[str, int]

    @property
    def url(self) -> str:
        return f"http://{self.address[0]}:{self.address[1]}"

    def connect(self) -> socket.socket:
        return socket.create_connection(self.address, timeout=10)

    def exchange(self, *pieces: bytes) -> bytes:
        """Send the pieces one by one, then read the answer until the server closes."""
        with self.connect() as sock:
            for piece in pieces:
                sock.sendall(piece)
            return read_to_end(sock)


def read_to_end(sock: socket.socket) -> bytes:
    answer = b""
    while chunk := sock.recv(65536):
        answer += chunk
    return answer


def wait_until(condition: Callable[[], bool]) -> None:
    """Poll for something the server does on its own threads (accepting, admitting), with a generous deadline."""
    give_up = time.monotonic() + 10
    while not condition():
        assert time.monotonic() < give_up, "the server never got there"
        time.sleep(0.005)


def split_answer(answer: bytes) -> tuple[int, dict]:
    head, _, body = answer.partition(b"\r\n\r\n")
    assert b"application/json" in head.lower(), head
    return int(head.split(b" ")[1]), json.loads(body)


@pytest.fixture
def running() -> Iterator[Running]:
    clock = FakeMonotonic()
    server = PooledServer("127.0.0.1", 0, echo_app, workers=WORKERS, header_timeout=HEADER_TIMEOUT, monotonic=clock)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield Running(server, clock, ("127.0.0.1", int(server.server_address[1])))
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


PARTIAL_HEADS = [
    b"GET /v2/users HTTP/1.1\r\n",  # the reviewer's repro: a request line, then nothing
    b"GET /v2/us",
    b"POST /v2/users/me/webinars HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n",
    b"GET / HTTP/1.1\r\nX-Slow: ",
]


def is_open_and_unanswered(sock: socket.socket) -> bool:
    sock.setblocking(False)
    try:
        sock.recv(1)  # an answer or the server's close would be readable
    except BlockingIOError:
        return True
    finally:
        sock.settimeout(10)
    return False


def test_clients_stuck_mid_head_hold_no_worker_and_are_closed_at_their_deadline(running: Running) -> None:
    # More than every worker and queue slot together: before the fix, these alone refused everyone else.
    count = (WORKERS + QUEUED_CONNECTIONS) * 2
    stuck = [running.connect() for _ in range(count)]
    try:
        for index, sock in enumerate(stuck):
            sock.sendall(PARTIAL_HEADS[index % len(PARTIAL_HEADS)])
        wait_until(lambda: len(running.server.waiting_room) == count)  # every one admitted, deadline set
        response = requests.get(f"{running.url}/normal", timeout=10)
        assert response.status_code == 200 and response.json()["path"] == "/normal"
        assert all(is_open_and_unanswered(sock) for sock in stuck)  # their deadline has not passed
        running.clock.advance(HEADER_TIMEOUT + 0.001)
        running.server.waiting_room.wake()
        for sock in stuck:
            assert read_to_end(sock) == b""  # closed by the server, without an answer
        assert len(running.server.waiting_room) == 0
    finally:
        for sock in stuck:
            sock.close()


def test_the_header_deadline_counts_from_the_connect_not_from_the_last_byte(running: Running) -> None:
    with running.connect() as sock:
        sock.sendall(b"GET / HTTP/1.1\r\n")
        wait_until(lambda: len(running.server.waiting_room) == 1)
        running.clock.advance(HEADER_TIMEOUT - 1)
        sock.sendall(b"X-Drip: 1\r\n")  # bytes keep coming, but too slowly to finish in time
        running.clock.advance(2)
        running.server.waiting_room.wake()
        assert read_to_end(sock) == b""


def test_a_head_that_arrives_byte_by_byte_is_served_with_its_body(running: Running) -> None:
    body = b"x" * 100_000  # larger than the first read: part replayed from the waiting room, part from the socket
    head = b"POST /drip HTTP/1.1\r\nHost: t\r\nX-Test: yes\r\nContent-Length: %d\r\n\r\n" % len(body)
    pieces = [head[i : i + 1] for i in range(len(head) - 1)] + [head[-1:] + body[:10], body[10:]]
    status, answer = split_answer(running.exchange(*pieces))
    assert status == 200
    assert answer == {"method": "POST", "path": "/drip", "body": body.decode(), "x_test": "yes"}


def test_head_and_body_in_one_packet_are_both_replayed(running: Running) -> None:
    status, answer = split_answer(running.exchange(b"PUT /one HTTP/1.0\r\nContent-Length: 5\r\n\r\nhello"))
    assert (status, answer["method"], answer["body"]) == (200, "PUT", "hello")


def test_bare_line_feeds_end_a_head_as_http_server_reads_them(running: Running) -> None:
    status, answer = split_answer(running.exchange(b"GET /lf HTTP/1.0\nX-Test: lf\n\n"))
    assert (status, answer["path"], answer["x_test"]) == (200, "/lf", "lf")


@pytest.mark.parametrize(
    ("sent", "status"),
    [
        (b"GET / HTTP/1.1\r\nX-Long: " + b"a" * HEADER_LIMIT_BYTES, 431),
        (b"GET / HTTP/1.1\r\n" + b"X-Many: header\r\n" * 3000 + b"\r\n", 431),
        (b"GET /" + b"a" * (HEADER_LIMIT_BYTES + 10), 414),
    ],
)
def test_a_head_over_the_cap_is_refused_in_json_without_waiting_for_its_end(
    running: Running, sent: bytes, status: int
) -> None:
    got, body = split_answer(running.exchange(sent))
    assert got == status and body["code"] == status and isinstance(body["message"], str)


def test_a_refused_client_that_keeps_sending_is_closed_at_its_deadline(running: Running) -> None:
    with running.connect() as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nX-Long: " + b"a" * (HEADER_LIMIT_BYTES + 1))
        answer = b""
        while b"}" not in answer:
            answer += sock.recv(65536)
        assert split_answer(answer)[0] == 431
        sock.sendall(b"more and more")  # read and dropped, not a reset
        assert len(running.server.waiting_room) == 1
        running.clock.advance(HEADER_TIMEOUT + 1)
        running.server.waiting_room.wake()
        assert read_to_end(sock) == b""


@pytest.mark.parametrize(
    ("head", "start", "end"),
    [
        (b"GET / HTTP/1.1\r\n\r\n", 0, 18),
        (b"GET / HTTP/1.1\r\nA: b\r\n\r\nbody", 0, 24),
        (b"GET / HTTP/1.1\r\nA: b\r\n\r\nbody", 22, 24),  # the terminator straddles the previous end
        (b"GET /\n\n", 6, 7),
        (b"GET / HTTP/1.1\r\nA: b\r\n", 0, None),
        (b"GET / HTTP/1.1\r\n\r", 0, None),
    ],
)
def test_end_of_head(head: bytes, start: int, end: int | None) -> None:
    assert end_of_head(head, start) == end
