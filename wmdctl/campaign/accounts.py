"""The Zoom accounts a campaign runs on, and running its sessions one thread per account.

An account is a profile's settings, its state dir, one ZoomClient and the "world" its ids belong to.
Sessions of one account run one after another on that one client, so they share its rate budget (and,
across processes, whatever budget the client itself shares); sessions of different accounts run in
parallel, since Zoom counts each account's limits apart.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from wmdctl.campaign.model import Session
from wmdctl.errors import WmdctlError
from wmdctl.exitcodes import ExitCode
from wmdctl.jobs import REAL_TIME, JobContext, Timing

if TYPE_CHECKING:
    from wmdctl.config import Settings
    from wmdctl.zoom.client import ZoomClient

T = TypeVar("T")
SettingsFor = Callable[[str | None], "Settings"]


@dataclass
class Account:
    profile: str | None
    settings: Settings
    client: ZoomClient
    world: str  # which Zoom the ids in the state dir belong to
    cleanups: list[Callable[[], None]] = field(default_factory=list)

    @property
    def state_dir(self) -> Path:
        return self.settings.state_dir

    def job_for(self, session: Session) -> JobContext:
        """The job context of one session: this account's client, state dir and world, the session's event and host.

        So a session runs through the very jobs `wmdctl webinar|registrants|report` run for one event.
        """
        # The host as given, else the account's ZOOM_HOST when a job asks (a sync never needs it).
        return JobContext(self.settings, state_dir=self.state_dir, client=self.client, event=session.event,
                          world=self.world, host=session.host)  # fmt: skip

    def close(self) -> None:
        while self.cleanups:
            self.cleanups.pop()()


def account_from_settings(
    profile: str | None,
    settings: Settings,
    *,
    world: str | None = None,
    log: Callable[[str], None] | None = None,
    timing: Timing = REAL_TIME,
) -> Account:
    """An account on ``settings``: its own client (sleeping and telling time by ``timing``), its token cache."""
    from wmdctl.state.files import ensure_private_dir
    from wmdctl.zoom.client import ZoomClient

    ensure_private_dir(settings.state_dir)
    config = settings.client_config(token_cache=settings.state_dir / "token.json")
    client = ZoomClient(config, log=log, sleep=timing.sleep, clock=timing.clock)
    return Account(profile, settings, client, world or settings.require("ZOOM_API_URL"), [client.close])


class Accounts:
    """Opens each account once, on first use (thread-safe), and closes them all at the end."""

    def __init__(self, open_account: Callable[[str | None], Account]) -> None:
        self._open = open_account
        self._accounts: dict[str | None, Account] = {}
        self._opening: dict[str | None, threading.Lock] = {}
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings_for: SettingsFor, log: Callable[[str], None] | None = None) -> Accounts:
        return cls(lambda profile: account_from_settings(profile, settings_for(profile), log=log))

    def get(self, profile: str | None) -> Account:
        # One lock per profile: opening one account (a sandbox start, a slow disk) never holds up another's.
        with self._lock:
            opening = self._opening.setdefault(profile, threading.Lock())
        with opening:
            if profile not in self._accounts:
                account = self._open(profile)
                with self._lock:
                    self._accounts[profile] = account
            return self._accounts[profile]

    def close(self) -> None:
        with self._lock:
            for account in self._accounts.values():
                account.close()
            self._accounts.clear()

    def __enter__(self) -> Accounts:
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()


@dataclass
class Outcome(Generic[T]):
    """What one session's job did: its result, or the error that stopped it (the others went on)."""

    session: Session
    result: T | None = None
    error: str | None = None
    hint: str | None = None
    exit_code: ExitCode = ExitCode.OK

    @property
    def ok(self) -> bool:
        return self.error is None


def run_sessions(
    sessions: Sequence[Session],
    accounts: Accounts,
    job: Callable[[Session, Account], T],
    *,
    on_done: Callable[[Outcome[T]], None] | None = None,
) -> list[Outcome[T]]:
    """Run ``job`` for every session: one thread per account, its sessions in file order; outcomes in file order."""
    by_account: dict[str | None, list[Session]] = {}
    for session in sessions:
        by_account.setdefault(session.profile, []).append(session)
    done_lock = threading.Lock()
    # Opened here, one after another, before any thread starts: opening may import and build code (a sandbox
    # compiles its URL rules with `ast`), and CPython 3.11 before 3.11.8 can fail building ASTs in two threads
    # at once ("AST constructor recursion depth mismatch"). A failure is each of that account's sessions' own.
    unopened: dict[str | None, BaseException] = {}
    for profile in by_account:
        try:
            accounts.get(profile)
        except Exception as error:  # reported per session below, like any other session failure
            unopened[profile] = error

    def one(session: Session) -> Outcome[T]:
        try:
            if session.profile in unopened:
                raise unopened[session.profile]
            outcome: Outcome[T] = Outcome(session, result=job(session, accounts.get(session.profile)))
        except WmdctlError as error:
            outcome = Outcome(session, error=error.message, hint=error.hint, exit_code=error.exit_code)
        except Exception as error:  # one session's bug or outage must not stop the others; it is reported
            outcome = Outcome(session, error=f"{type(error).__name__}: {error}", exit_code=ExitCode.PARTIAL)
        if on_done:
            with done_lock:
                on_done(outcome)
        return outcome

    def account_run(group: list[Session]) -> list[Outcome[T]]:
        return [one(s) for s in group]

    with ThreadPoolExecutor(max_workers=max(1, len(by_account)), thread_name_prefix="campaign") as pool:
        groups = list(pool.map(account_run, by_account.values()))
    outcomes = {o.session.index: o for group in groups for o in group}
    return [outcomes[s.index] for s in sessions]


def campaign_exit_code(outcomes: Sequence[Outcome[Any]]) -> ExitCode:
    """0 when every session succeeded; the shared code when all failed alike; else 1 (partial failure)."""
    failed = [o for o in outcomes if not o.ok]
    if not failed:
        return ExitCode.OK
    codes = {o.exit_code for o in failed}
    if len(failed) == len(outcomes) and len(codes) == 1:
        return codes.pop()
    return ExitCode.PARTIAL
