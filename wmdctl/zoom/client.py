"""ZoomClient: the one object the rest of wmdctl uses to talk to Zoom.

It takes its settings as arguments (reads no globals or environment), and is
safe to share between threads: the token provider and the rate limiter lock
their own state, and the requests connection pool is thread-safe.

With ``accounts_dir`` set (the CLI always sets it), the rate budget and the token
cache belong to the Zoom account, shared by every wmdctl process that uses it
(``account.py``, ``budget.py``); without it (tests with mocked HTTP) they are this
process's own. Either way one ``ConcurrencyController`` per category sizes how
many requests callers keep in flight from the latency the transport measures.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import requests
from requests.adapters import HTTPAdapter

from wmdctl.zoom.account import BUDGET_FILE, TOKEN_FILE, account_dir
from wmdctl.zoom.auth import Credentials, TokenProvider
from wmdctl.zoom.budget import AccountBudget, DayUse
from wmdctl.zoom.concurrency import ConcurrencyController
from wmdctl.zoom.endpoints.livestream import LivestreamEndpoints
from wmdctl.zoom.endpoints.meetings import MeetingEndpoints
from wmdctl.zoom.endpoints.panelists import PanelistEndpoints
from wmdctl.zoom.endpoints.polls import PollEndpoints
from wmdctl.zoom.endpoints.recordings import RecordingEndpoints
from wmdctl.zoom.endpoints.registrants import RegistrantEndpoints
from wmdctl.zoom.endpoints.reports import ReportEndpoints
from wmdctl.zoom.endpoints.survey import SurveyEndpoints
from wmdctl.zoom.endpoints.webinars import WebinarEndpoints
from wmdctl.zoom.ratelimit import RateLimiter
from wmdctl.zoom.redaction import Redactor
from wmdctl.zoom.transport import Answer, Pacer, Transport

POOL_SIZE = 64  # one connection for each request the concurrency control may keep in flight


@dataclass(frozen=True)
class ClientConfig:
    api_url: str
    oauth_url: str
    account_id: str
    client_id: str
    client_secret: str
    plan: str = "pro"
    token_cache: Path | None = None  # without accounts_dir: the cache; with it: an old cache, read once
    timeout: float = 30.0
    accounts_dir: Path | None = None  # <state home>/wmdctl/accounts: the account's budget and token cache

    def __repr__(self) -> str:  # never show the secret, even in a traceback
        return (
            f"ClientConfig(api_url={self.api_url!r}, oauth_url={self.oauth_url!r}, account_id={self.account_id!r}, "
            f"client_id={self.client_id!r}, client_secret='****', plan={self.plan!r}, "
            f"token_cache={self.token_cache!r}, timeout={self.timeout!r}, accounts_dir={self.accounts_dir!r})"
        )


class ZoomClient(  # one endpoint mixin per resource (endpoints/): add a line to add one
    WebinarEndpoints,
    PanelistEndpoints,
    RegistrantEndpoints,
    PollEndpoints,
    MeetingEndpoints,
    ReportEndpoints,
    RecordingEndpoints,
    SurveyEndpoints,
    LivestreamEndpoints,
):
    def __init__(
        self,
        config: ClientConfig,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
        log: Callable[[str], None] | None = None,
        session: requests.Session | None = None,
    ) -> None:
        self.config = config
        self._owns_session = session is None
        self._session = session or _new_session()
        self.redact = Redactor(config.client_secret)
        credentials = Credentials(config.oauth_url, config.account_id, config.client_id, config.client_secret)
        folder = account_dir(config.accounts_dir, config.account_id) if config.accounts_dir else None
        self.auth = TokenProvider(
            credentials,
            self._session,
            cache_path=folder / TOKEN_FILE if folder else config.token_cache,
            legacy_cache_path=config.token_cache if folder else None,
            timeout=config.timeout,
            clock=clock,
            redact=self.redact,
            log=log,
        )
        self.budget = AccountBudget(folder / BUDGET_FILE, config.plan, clock=clock, sleep=sleep) if folder else None
        self.limiter: Pacer = self.budget or RateLimiter(config.plan, clock=clock, sleep=sleep)
        self.concurrency = {category: ConcurrencyController(rate) for category, rate in self.limiter.limits.items()}
        self._transport = Transport(
            config.api_url,
            self.auth,
            self._session,
            limiter=self.limiter,
            timeout=config.timeout,
            clock=clock,
            sleep=sleep,
            redact=self.redact,
            log=log,
            on_answer=self._answered,
            on_quota=self.budget.saw_remaining if self.budget else None,
        )

    def _answered(self, category: str, seconds: float, answer: Answer) -> None:
        controller = self.concurrency.get(category)
        if controller is None:
            return
        if answer == "throttled":
            controller.throttled()
            if self.budget is not None:
                self.budget.throttled(category)
        elif answer == "answered":
            controller.observe(seconds)

    def usage_today(self) -> list[DayUse]:
        """The account's calls so far this UTC day, per category (empty without a shared budget)."""
        return self.budget.today() if self.budget else []

    def check_daily_budget(
        self, needs: Mapping[str, int], *, what: str = "this run", names: Mapping[str, str] | None = None
    ) -> None:
        """Before a run: raise the daily ZoomRateLimitError if ``needs`` (calls per category) exceed today's rest."""
        if self.budget is not None:
            self.budget.check_day(needs, what=what, names=names)

    def token_scopes(self) -> list[str]:
        """The scopes granted to the cached token (obtaining one if needed)."""
        return self.auth.scopes()

    def server_time(self) -> datetime | None:
        """Zoom's clock from the last response's Date header, for `wmdctl doctor`'s skew check."""
        return self._transport.server_time()

    def close(self) -> None:
        if self.budget is not None:
            self.budget.close()
        if self._owns_session:
            self._session.close()

    def __enter__(self) -> ZoomClient:
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()


def _new_session() -> requests.Session:
    session = requests.Session()
    adapter = HTTPAdapter(pool_connections=2, pool_maxsize=POOL_SIZE)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    from wmdctl import __version__

    session.headers["User-Agent"] = f"wmdctl/{__version__}"
    return session
