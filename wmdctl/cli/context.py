"""What every command needs: output, settings, the event, a Zoom client.

Built once by the root callback and stored on ``typer.Context.obj``. Heavy
imports (requests, the sandbox) happen only when a command asks for them, so
``wmdctl --version`` and ``--help`` stay fast.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from wmdctl.errors import NotFoundError

if TYPE_CHECKING:
    from wmdctl.config import Settings
    from wmdctl.event.model import Event
    from wmdctl.output import Output
    from wmdctl.zoom.client import ZoomClient


@dataclass
class AppContext:
    output: Output
    settings: Settings
    sandbox: bool = False
    sandbox_admin_url: str | None = None  # the in-process sandbox's, token included
    _event: Event | None = None
    _client: ZoomClient | None = None
    _cleanups: list[Callable[[], None]] = field(default_factory=list)
    _state_checked: bool = False

    def __post_init__(self) -> None:
        for warning in self.settings.warnings:
            self.output.warn(warning)

    @property
    def state_dir(self) -> Path:
        """The state dir, created 0700 whatever the umask; an existing one others can open is warned about once."""
        from wmdctl.state.files import lax_warning
        from wmdctl.state.store import StateStore

        path = StateStore(self.settings.state_dir).ensure()
        if not self._state_checked:
            self._state_checked = True
            warning = lax_warning(path, "the state dir, which holds registrants' join links and the Zoom token,", "700")
            if warning:
                self.output.warn(warning)
        return path

    def event(self) -> Event:
        """The event file, or the embedded default (said on stderr)."""
        if self._event is None:
            from wmdctl.event.load import load_event

            path = self.settings.event_file
            if path is None:
                self.output.info(
                    "Using the embedded default event (World Metropolitan Day 2021); "
                    "set --event or WMD_EVENT_FILE to use your own."
                )
            self._event = load_event(path)
        return self._event

    def client(self) -> ZoomClient:
        if self._client is None:
            if self.sandbox:
                self._start_sandbox()
            from wmdctl.zoom.client import ZoomClient

            config = self.settings.client_config(token_cache=self.state_dir / "token.json")
            log = self.output.debug if self.output.verbose else None
            self._client = ZoomClient(config, log=log)
            self._cleanups.append(self._client.close)
        return self._client

    def has_credentials(self) -> bool:
        """True when Zoom can be asked; False when nothing is configured (so `plan` shows the full create).

        A partial set is a mistake, not "no credentials": it raises ConfigError naming what is missing.
        """
        if self.sandbox:
            return True
        names = ("ZOOM_ACCOUNT_ID", "ZOOM_CLIENT_ID", "ZOOM_CLIENT_SECRET", "ZOOM_HOST")
        if not any(self.settings.get(n) for n in names):
            return False
        for name in names:
            self.settings.require(name)
        return True

    def _start_sandbox(self) -> None:
        from wmdctl.sandbox import SandboxOptions, start_sandbox
        from wmdctl.sandbox.options import ADMIN_TOKEN_VARIABLE
        from wmdctl.state.files import create_private_database

        # The sandbox's database holds registrants and their join links, like the real ledger: 0600 from the start.
        state_path = create_private_database(self.state_dir / "sandbox.db")
        # A fixed admin token only when a test driving this process asks for one; else a random one per run.
        admin_token = os.environ.get(ADMIN_TOKEN_VARIABLE) or None
        handle = start_sandbox(SandboxOptions(state_path=state_path, plan=self.settings.plan, admin_token=admin_token))
        self._cleanups.append(handle.stop)
        self.sandbox_admin_url = handle.admin_url
        self.settings = self.settings.with_overrides(handle.settings(), source="sandbox")
        self.output.sandbox_banner(handle.api_url)

    def webinar_id(self) -> str:
        """The id of the event's webinar, as recorded by `wmdctl webinar apply`."""
        from wmdctl.webinar.state import load_webinar_id

        webinar_id = load_webinar_id(self.state_dir, self.zoom_world(), self.event().key)
        if webinar_id is None:
            raise NotFoundError(
                f"no webinar recorded for event {self.event().key!r}",
                hint="run `wmdctl webinar apply` first",
            )
        return webinar_id

    def zoom_world(self) -> str:
        """Which Zoom the ids in the state dir belong to.

        The in-process sandbox listens on a new port each run, so it is named
        by its state file instead of its URL.
        """
        if self.sandbox:
            return f"sandbox:{self.state_dir / 'sandbox.db'}"
        return self.settings.require("ZOOM_API_URL")

    def close(self) -> None:
        while self._cleanups:
            self._cleanups.pop()()


def get_app(ctx: typer.Context) -> AppContext:
    """The AppContext from the root callback, for any sub-command."""
    root = ctx.find_root()
    app = root.obj
    assert isinstance(app, AppContext), "root callback did not run"
    return app
