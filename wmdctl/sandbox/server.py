"""Start and stop the sandbox.

werkzeug's WSGI server keeps the sandbox to the standard library plus one dependency wmdctl
already has, and exposes the raw request URI and the socket, which the double-encoding and the
dropped-connection faults need. wmdctl.sandbox.pool bounds it: a fixed pool of workers, a waiting
room for silent connections, and read deadlines.
"""

from __future__ import annotations

import random
import secrets
import signal
import threading
from collections.abc import Callable
from types import TracebackType
from typing import Any

from werkzeug.serving import BaseWSGIServer

from wmdctl.sandbox.app import SandboxApp
from wmdctl.sandbox.core import Faults, Sandbox
from wmdctl.sandbox.limits import AccountLimiter
from wmdctl.sandbox.options import SANDBOX_CREDENTIALS, SandboxOptions
from wmdctl.sandbox.pool import PooledServer
from wmdctl.sandbox.store import SandboxClock, Store
from wmdctl.sandbox.wire import IdFactory, PageTokens


class SandboxHandle:
    """A running sandbox. ``stop()`` (or leaving the ``with`` block) shuts it down; the state file stays."""

    def __init__(self, server: BaseWSGIServer, app: SandboxApp, store: Store) -> None:
        self._server = server
        self._store = store
        self.app = app
        host, port = str(server.server_address[0]), int(server.server_address[1])
        self.base_url = f"http://{host}:{port}"
        self.api_url = f"{self.base_url}/v2"
        self.oauth_url = f"{self.base_url}/oauth/token"
        # The admin token is the capability: printed at start, never stored; a page that can't read it can't reset.
        self.admin_url = f"{self.base_url}/_sandbox/{app.admin_token}"
        self.port = port
        self.account_id = SANDBOX_CREDENTIALS.account_id
        self.client_id = SANDBOX_CREDENTIALS.client_id
        self.client_secret = SANDBOX_CREDENTIALS.client_secret
        self.host_email = SANDBOX_CREDENTIALS.host_email
        self.host_id = SANDBOX_CREDENTIALS.host_id
        # A short poll interval makes stop() quick (shutdown waits for the next poll).
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, name=f"zoom-sandbox-{port}", daemon=True
        )
        self._stopped = False

    def settings(self) -> dict[str, str]:
        """The wmdctl settings (environment variables) that point a client at this sandbox.

        The demo client secret is a fixed public value that opens only this local emulator.
        """
        return {
            "ZOOM_API_URL": self.api_url,
            "ZOOM_OAUTH_URL": self.oauth_url,
            "ZOOM_ACCOUNT_ID": self.account_id,
            "ZOOM_CLIENT_ID": self.client_id,
            "ZOOM_CLIENT_SECRET": self.client_secret,
            "ZOOM_HOST": self.host_email,
        }

    def _start(self) -> None:
        self._thread.start()

    @property
    def sandbox(self) -> Sandbox:
        return self.app.sb

    def simulate(
        self, webinar_id: int | str, *, attendance: float = 0.6, seed: int = 0, participants: int = 0
    ) -> dict[str, Any]:
        """In-process equivalent of POST {admin_url}/webinars/{id}/simulate; returns its summary."""
        from wmdctl.sandbox.simulate import simulate
        from wmdctl.sandbox.wire import webinar_not_found

        sb = self.app.sb
        with sb.store.transaction():
            found = sb.find_webinar(str(webinar_id))
            if found is None:
                raise LookupError(webinar_not_found(str(webinar_id)).message)
            return simulate(sb, found[0], attendance=attendance, seed=seed, participants=participants)

    def state(self) -> dict[str, Any]:
        """In-process equivalent of GET {admin_url}/state."""
        from wmdctl.sandbox.admin import dump_state

        with self.app.sb.store.lock:
            return dump_state(self.app.sb)

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)
        self._store.close()

    def __enter__(self) -> SandboxHandle:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()


def start_sandbox(options: SandboxOptions | None = None) -> SandboxHandle:
    """Serve the sandbox in a background thread; returns once it accepts connections."""
    options = options or SandboxOptions()
    store = Store(options.state_path)
    with store.transaction():
        # Restarts over the same file draw fresh ids: the seed alone would repeat the first run's.
        boots = store.meta("boot_count", 0)
        store.set_meta("boot_count", boots + 1)
        if store.meta("page_token_secret") is None:
            store.set_meta("page_token_secret", secrets.token_hex(16))
        token_secret = store.meta("page_token_secret")
    id_seed: str | None = f"{options.seed}:{boots}" if options.seed is not None else None
    clock = SandboxClock(options.clock, store)
    sb = Sandbox(
        store=store,
        clock=clock,
        ids=IdFactory(random.Random(id_seed)),
        tokens=PageTokens(token_secret.encode()),
        credentials=SANDBOX_CREDENTIALS,
        faults=Faults(options.fail_rate, options.drop_rate, options.latency_ms),
    )
    limiter = AccountLimiter(options.plan, store, clock.now)
    app = SandboxApp(
        sb,
        limiter,
        fault_seed=f"faults:{options.seed}" if options.seed is not None else None,
        admin_token=options.admin_token or secrets.token_urlsafe(24),
    )
    server = PooledServer(options.host, options.port, app)
    handle = SandboxHandle(server, app, store)
    app.base_url = sb.base_url = handle.base_url
    handle._start()
    return handle


def serve_forever(
    options: SandboxOptions,
    on_ready: Callable[[SandboxHandle], None],
    stop_event: threading.Event | None = None,
) -> None:
    """Serve in the foreground until SIGINT/SIGTERM (or ``stop_event``), then stop cleanly."""
    stop = stop_event or threading.Event()
    handle = start_sandbox(options)
    previous: dict[signal.Signals, Any] = {}
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGINT, signal.SIGTERM):
            previous[sig] = signal.signal(sig, lambda *_: stop.set())
    try:
        on_ready(handle)
        while not stop.wait(0.2):
            pass
    finally:
        handle.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
