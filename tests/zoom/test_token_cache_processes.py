"""Overlapping processes (cron runs) share one token through the cache file and its lock.

A real HTTP server on 127.0.0.1 stands in for Zoom: each process is a separate
Python interpreter, so `responses` cannot be used here.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

PROCESSES = 3


class FakeZoom(BaseHTTPRequestHandler):
    """Zoom's token endpoint and one API call. A mint is answered only once every process has checked in at
    /ready (just before it asks for a token), so the first mint is certainly in flight while the others ask:
    the overlap the test is about, whatever the machine's speed."""

    minted: ClassVar[list[str]] = []
    arrived: ClassVar[int] = 0
    lock = threading.Lock()
    everyone_here = threading.Condition(lock)

    def do_POST(self) -> None:  # the token endpoint
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with self.everyone_here:
            token = f"tok-{len(self.minted) + 1}"
            self.minted.append(token)
            assert self.everyone_here.wait_for(lambda: FakeZoom.arrived >= PROCESSES, timeout=30)
        self._reply(200, {"access_token": token, "expires_in": 3600, "scope": "webinar:read"})

    def do_GET(self) -> None:  # /ready: a process checks in; anything else: echo the bearer token
        if self.path == "/ready":
            with self.everyone_here:
                FakeZoom.arrived += 1
                self.everyone_here.notify_all()
            self._reply(200, {})
            return
        self._reply(200, {"authorization": self.headers.get("Authorization")})

    def _reply(self, status: int, body: dict[str, object]) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def fake_zoom() -> Iterator[str]:
    FakeZoom.minted = []
    FakeZoom.arrived = 0
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeZoom)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


CHILD = """
import sys
from pathlib import Path
from typing import ClassVar
from wmdctl.zoom.client import ClientConfig, ZoomClient
base, cache = sys.argv[1], Path(sys.argv[2])
import urllib.request
urllib.request.urlopen(base + "/ready", timeout=30).read()
config = ClientConfig(api_url=base + "/v2", oauth_url=base + "/oauth/token", account_id="a", client_id="c",
                      client_secret="s", token_cache=cache)
print(ZoomClient(config).get_user("host@example.org")["authorization"])
"""


def test_overlapping_processes_mint_one_token(fake_zoom: str, tmp_path: Path) -> None:
    cache = tmp_path / "state" / "token.json"
    children = [
        subprocess.Popen([sys.executable, "-c", CHILD, fake_zoom, str(cache)], stdout=subprocess.PIPE, text=True)
        for _ in range(PROCESSES)
    ]
    outputs = [child.communicate(timeout=30)[0].strip() for child in children]

    assert [child.returncode for child in children] == [0] * PROCESSES
    assert FakeZoom.minted == ["tok-1"]
    assert outputs == ["Bearer tok-1"] * PROCESSES


ACCOUNT_CHILD = """
import sys
from pathlib import Path
from wmdctl.zoom.client import ClientConfig, ZoomClient
base, state_dir, accounts = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
import urllib.request
urllib.request.urlopen(base + "/ready", timeout=30).read()
config = ClientConfig(api_url=base + "/v2", oauth_url=base + "/oauth/token", account_id="a", client_id="c",
                      client_secret="s", token_cache=state_dir / "token.json", accounts_dir=accounts)
with ZoomClient(config) as client:
    print(client.get_user("host@example.org")["authorization"])
"""


def test_jobs_with_different_state_dirs_on_one_account_share_one_token(fake_zoom: str, tmp_path: Path) -> None:
    # Two events' syncs at once, each with its own state dir: a token per state dir would invalidate the other's.
    accounts = tmp_path / "state-home" / "wmdctl" / "accounts"
    children = [
        subprocess.Popen(
            [sys.executable, "-c", ACCOUNT_CHILD, fake_zoom, str(tmp_path / f"event-{n}"), str(accounts)],
            stdout=subprocess.PIPE,
            text=True,
        )
        for n in range(PROCESSES)
    ]
    outputs = [child.communicate(timeout=30)[0].strip() for child in children]

    assert [child.returncode for child in children] == [0] * PROCESSES
    assert FakeZoom.minted == ["tok-1"]
    assert outputs == ["Bearer tok-1"] * PROCESSES
    [cache] = accounts.rglob("token.json")
    assert cache.stat().st_mode & 0o777 == 0o600
    assert not any((tmp_path / f"event-{n}" / "token.json").exists() for n in range(PROCESSES))
