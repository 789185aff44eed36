"""Start and stop the sandbox.

werkzeug's WSGI server keeps the sandbox to the standard library plus one dependency wmdctl
already has, and exposes the raw request URI and the socket, which the double-encoding and the
dropped-connection faults need. wmdctl.sandbox.pool bounds it: a fixed pool of workers, a waiting
room where connections stay until their request head is in, and read deadlines.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable
from types import TracebackType
from typing import Any

from werkzeug.serving import BaseWSGIServer

from wmdctl.sandbox.accounts import Account, Accounts, build_account
from wmdctl.sandbox.app import SandboxApp
from wmdctl.sandbox.core import Faults, Sandbox
from wmdctl.sandbox.options import SANDBOX_CREDENTIALS, SandboxCredentials, SandboxOptions
from wmdctl.sandbox.pool import PooledServer
from wmdctl.sandbox.store import SandboxClock, Store
from wmdctl.sandbox.webhook_admin import configure, sender
from wmdctl.signals import serve_until_stopped


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

    def settings(self, account_id: str | None = None) -> dict[str, str]:
        """The wmdctl settings (environment variables) that point a client at one account of this sandbox.

        Default: the first account. The demo client secrets are fixed public values that open only this
        local emulator.
        """
        creds = self.account(account_id).credentials
        return {
            "ZOOM_API_URL": self.api_url,
            "ZOOM_OAUTH_URL": self.oauth_url,
            "ZOOM_ACCOUNT_ID": creds.account_id,
            "ZOOM_CLIENT_ID": creds.client_id,
            "ZOOM_CLIENT_SECRET": creds.client_secret,
            "ZOOM_HOST": creds.host_email,
        }

    def account(self, account_id: str | None = None) -> Account:
        """An account by id (default: the first one); LookupError when there is none."""
        accounts = self.app.accounts
        found = accounts.default if account_id is None else accounts.get(account_id)
        if found is None:
            raise LookupError(f"no sandbox account {account_id!r}")
        return found

    def accounts(self) -> list[SandboxCredentials]:
        return [account.credentials for account in self.app.accounts.all()]

    def add_account(self, plan: str | None = None, **overrides: str) -> SandboxCredentials:
        """In-process equivalent of POST {admin_url}/accounts: a new account, its credentials."""
        return self.app.accounts.create(plan, **overrides).credentials

    def account_admin_url(self, account_id: str | None = None) -> str:
        """The admin URL whose routes (state, simulate, webhooks...) act on that account."""
        if account_id is None or account_id == self.account_id:
            return self.admin_url
        return f"{self.admin_url}/accounts/{self.account(account_id).credentials.account_id}"

    def _start(self) -> None:
        self._thread.start()

    @property
    def sandbox(self) -> Sandbox:
        return self.app.accounts.default.sb

    def simulate(
        self, webinar_id: int | str, *, attendance: float = 0.6, seed: int = 0, participants: int = 0,
        account_id: str | None = None,
    ) -> dict[str, Any]:  # fmt: skip
        """In-process equivalent of POST {admin_url}/webinars/{id}/simulate; returns its summary."""
        from wmdctl.sandbox.simulate import simulate
        from wmdctl.sandbox.wire import webinar_not_found

        sb = self.account(account_id).sb
        with sb.store.transaction():
            found = sb.find_webinar(str(webinar_id))
            if found is None:
                raise LookupError(webinar_not_found(str(webinar_id)).message)
            return simulate(sb, found[0], attendance=attendance, seed=seed, participants=participants)

    def state(self, account_id: str | None = None) -> dict[str, Any]:
        """In-process equivalent of GET {admin_url}/state (of one account)."""
        from wmdctl.sandbox.admin import dump_state

        sb = self.account(account_id).sb
        with sb.store.lock:
            return dump_state(sb)

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)
        self.app.accounts.stop()
        self._store.close()

    def __enter__(self) -> SandboxHandle:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()


def start_sandbox(options: SandboxOptions | None = None) -> SandboxHandle:
    """Serve the sandbox in a background thread; returns once it accepts connections."""
    options = options or SandboxOptions()
    store = Store(options.state_path)
    clock = SandboxClock(options.clock, store)
    faults = Faults(options.fail_rate, options.drop_rate, options.latency_ms)
    default = build_account(options, SANDBOX_CREDENTIALS, options.plan, store=store, clock=clock, faults=faults)
    if options.webhook_url and default.sb.webhooks is not None:
        configure(sender(default.sb).config, {"url": options.webhook_url,
                                              "secret_token": options.webhook_secret_token})  # fmt: skip
        # Validated as Zoom validates a saved URL; a receiver not up yet fails it (GET /webhooks says why) and
        # its events wait until POST /webhooks/validate passes or 72 h of sandbox time call for a new check.
        sender(default.sb).validate()
    accounts = Accounts(options, default)
    accounts.restore()
    accounts.ensure(options.accounts)
    app = SandboxApp(
        accounts,
        fault_seed=f"faults:{options.seed}" if options.seed is not None else None,
        admin_token=options.admin_token or secrets.token_urlsafe(24),
    )
    server = PooledServer(options.host, options.port, app, header_timeout=options.header_timeout)
    handle = SandboxHandle(server, app, store)
    app.base_url = handle.base_url
    accounts.start(handle.base_url)
    handle._start()
    return handle


def serve_forever(
    options: SandboxOptions,
    on_ready: Callable[[SandboxHandle], None],
    stop_event: threading.Event | None = None,
) -> None:
    """Serve in the foreground until SIGINT/SIGTERM (or ``stop_event``), then stop cleanly."""
    handle = start_sandbox(options)
    serve_until_stopped(stop_event or threading.Event(), lambda: on_ready(handle), handle.stop)
