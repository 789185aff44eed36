"""The job context: what every job needs to know about one run, built once and passed whole.

A job (apply the webinar, sync registrants, plan breakouts, export a report) needs the same handful of
things: the Zoom client, the host user, the event, the state dir that remembers ids, which Zoom those ids
belong to (the *world*), and the id of the event's webinar. Passing them one by one threaded six to eight
parameters through every signature, and the command line and the demo each assembled them their own way.

``JobContext`` is that bundle. The command line builds one per run (``cli/context.py`` adds the output,
the settings warnings and the sandbox start-up on top); the demo builds one over its own sandbox; doctor
checks one part at a time. Each part is made on first use, so `webinar plan` without credentials never
builds a client, and a part given up front (tests, the demo) is used as it is.
"""

from __future__ import annotations

import copy
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from wmdctl.errors import NotFoundError

if TYPE_CHECKING:
    from wmdctl.config import Settings
    from wmdctl.event.model import Event
    from wmdctl.state.store import EventState, StateStore
    from wmdctl.zoom.client import ZoomClient

NO_WEBINAR_HINT = "run `wmdctl webinar apply` first"


@dataclass(frozen=True)
class Timing:
    """How the Zoom client (and an in-process sandbox) sleep and tell the time.

    Production uses the real ones. Tests hand in a virtual clock that moves when the client sleeps
    (tests/cli_support.py), so no test waits through a real backoff or pacing delay, and the sandbox's rate
    limits count on the same clock the client paces on.
    """

    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.time

    def utc_now(self) -> datetime:
        return datetime.fromtimestamp(self.clock(), UTC)


REAL_TIME = Timing()


class JobContext:
    """One run's client, host, event, state store and world; each made on first use unless given."""

    def __init__(
        self,
        settings: Settings,
        *,
        state_dir: Path | None = None,
        client: ZoomClient | None = None,
        event: Event | None = None,
        world: str | None = None,
        host: str | None = None,
        webinar_id: str | None = None,
        timing: Timing = REAL_TIME,
    ) -> None:
        self.settings = settings
        self.timing = timing
        self._state_root = state_dir
        self._client = client
        self._event = event
        self._world = world
        self._host = host
        self._webinar_id = webinar_id
        self._cleanups: list[Callable[[], None]] = []

    # --- the state dir ------------------------------------------------------------------------------
    @property
    def state_dir(self) -> Path:
        """The state dir, created 0700 whatever the umask."""
        from wmdctl.state.store import StateStore

        return StateStore(self._state_root or self.settings.state_dir).ensure()

    @property
    def store(self) -> StateStore:
        from wmdctl.state.store import StateStore

        return StateStore(self.state_dir)

    def event_state(self) -> EventState:
        """This event's folder in the state dir: its ledger, its sync lock, its default rejects file."""
        return self.store.event(self.event().key)

    # --- Zoom ---------------------------------------------------------------------------------------
    @property
    def host(self) -> str:
        """The Zoom user that owns the webinar and the breakout meeting (ZOOM_HOST)."""
        return self._host or self.settings.host

    def client(self) -> ZoomClient:
        if self._client is None:
            self._client = self._connect()
        return self._client

    def _connect(self) -> ZoomClient:
        from wmdctl.zoom.client import ZoomClient

        config = self.settings.client_config(token_cache=self.state_dir / "token.json")
        client = ZoomClient(config, log=self._log(), sleep=self.timing.sleep, clock=self.timing.clock)
        self._cleanups.append(client.close)
        return client

    def _log(self) -> Callable[[str], None] | None:
        return None

    def world(self) -> str:
        """Which Zoom the ids in the state dir belong to, so a sandbox id is never sent to the real Zoom."""
        return self._world or self.settings.require("ZOOM_API_URL")

    # --- the event and its webinar ------------------------------------------------------------------
    def event(self) -> Event:
        """The event file, or the embedded default."""
        if self._event is None:
            from wmdctl.event.load import load_event

            if self.settings.event_file is None:
                self._on_default_event()
            self._event = load_event(self.settings.event_file)
        return self._event

    def _on_default_event(self) -> None:
        """Called when no event file is set; the command line says so on stderr."""

    def webinar_id(self) -> str:
        """The id of the event's webinar, as recorded by `wmdctl webinar apply`."""
        recorded = self.recorded_webinar_id()
        if recorded is None:
            raise NotFoundError(f"no webinar recorded for event {self.event().key!r}", hint=NO_WEBINAR_HINT)
        return recorded

    def recorded_webinar_id(self) -> str | None:
        """The webinar id given, else the one recorded for this world and event; None when there is none yet."""
        if self._webinar_id is not None:
            return self._webinar_id
        key = self.event().key
        # Read each time, not cached: `webinar apply` and `webinar delete` change the record mid-run.
        return self.store.webinar_id(self.world(), key)

    def pinned(self) -> JobContext:
        """This context with the webinar id read once, for a job that asks for it more than once.

        ``webinar_id()`` reads the record each time on purpose; a report that fetches attendance, then the
        registrants, then Q&A must not mix two webinars if `webinar apply` records a new one meanwhile. The
        copy shares this context's client, event and clean-ups (the client first: the in-process sandbox
        sets the host when it starts).
        """
        self.client()
        pinned = copy.copy(self)
        pinned._webinar_id = self.webinar_id()
        return pinned

    def close(self) -> None:
        while self._cleanups:
            self._cleanups.pop()()
