"""What every command needs: the job context (client, host, event, state, world), plus output and settings.

Built once by the root callback and stored on ``typer.Context.obj``. ``AppContext`` is the job context
(``wmdctl.jobs.JobContext``) with what only the command line has on top: the output, the settings' warnings,
the state dir permission check and the in-process sandbox started on first use. Heavy imports (requests,
the sandbox) happen only when a command asks for them, so ``wmdctl --version`` and ``--help`` stay fast.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from wmdctl.jobs import REAL_TIME, JobContext, Timing

if TYPE_CHECKING:
    from wmdctl.config import Settings
    from wmdctl.output import Output
    from wmdctl.sandbox import SandboxHandle
    from wmdctl.zoom.client import ZoomClient


# Test seam, set by nothing in wmdctl: the tests' `cli` fixture (tests/cli_support.py) swaps in a clock that
# moves when the client sleeps, so that no test waits through a real backoff or pacing delay.
TIMING: Timing = REAL_TIME


class AppContext(JobContext):
    def __init__(self, *, output: Output, settings: Settings, sandbox: bool = False) -> None:
        super().__init__(settings, timing=TIMING)
        self.output = output
        self.sandbox = sandbox
        self.sandbox_handle: SandboxHandle | None = None  # it, once started (a campaign adds its profiles' accounts)
        self._state_checked = False
        for warning in settings.warnings:
            output.warn(warning)

    @property
    def sandbox_admin_url(self) -> str | None:
        """The in-process sandbox's admin URL (token included), once it runs."""
        return self.sandbox_handle.admin_url if self.sandbox_handle else None

    @property
    def state_dir(self) -> Path:
        """The state dir, created 0700 whatever the umask; an existing one others can open is warned about once."""
        from wmdctl.state.files import lax_warning

        path = super().state_dir
        if not self._state_checked:
            self._state_checked = True
            warning = lax_warning(path, "the state dir, which holds registrants' join links and the Zoom token,", "700")
            if warning:
                self.output.warn(warning)
        return path

    def _on_default_event(self) -> None:
        self.output.info(
            "Using the embedded default event (World Metropolitan Day 2021); "
            "set --event or WMD_EVENT_FILE to use your own."
        )

    def _connect(self) -> ZoomClient:
        if self.sandbox:
            self._start_sandbox()
        return super()._connect()

    def _log(self) -> Callable[[str], None] | None:
        return self.output.debug if self.output.verbose else None

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
        options = SandboxOptions(state_path=state_path, plan=self.settings.plan, admin_token=admin_token)
        options.clock = self.timing.utc_now  # the client's clock (see TIMING): pacing spaces requests on the same time
        handle = start_sandbox(options)
        self._cleanups.append(handle.stop)
        self.sandbox_handle = handle
        self.settings = self.settings.with_overrides(handle.settings(), source="sandbox")
        self.output.sandbox_banner(handle.api_url)

    def world(self) -> str:
        """Which Zoom the ids in the state dir belong to.

        The in-process sandbox listens on a new port each run, so it is named by its state file instead of its URL.
        """
        if self.sandbox:
            return f"sandbox:{self.state_dir / 'sandbox.db'}"
        return super().world()


def get_app(ctx: typer.Context) -> AppContext:
    """The AppContext from the root callback, for any sub-command."""
    root = ctx.find_root()
    app = root.obj
    assert isinstance(app, AppContext), "root callback did not run"
    return app
