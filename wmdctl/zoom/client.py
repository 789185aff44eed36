"""ZoomClient: the one object the rest of wmdctl uses to talk to Zoom.

It takes its settings as arguments (reads no globals or environment), and is
safe to share between threads: the token provider and the rate limiter lock
their own state, and the requests connection pool is thread-safe.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import requests
from requests.adapters import HTTPAdapter

from wmdctl.zoom.auth import Credentials, TokenProvider
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
from wmdctl.zoom.transport import Transport

POOL_SIZE = 32  # enough connections for the registrant sync's thread pool


@dataclass(frozen=True)
class ClientConfig:
    api_url: str
    oauth_url: str
    account_id: str
    client_id: str
    client_secret: str
    plan: str = "pro"
    token_cache: Path | None = None
    timeout: float = 30.0

    def __repr__(self) -> str:  # never show the secret, even in a traceback
        return (
            f"ClientConfig(api_url={self.api_url!r}, oauth_url={self.oauth_url!r}, account_id={self.account_id!r}, "
            f"client_id={self.client_id!r}, client_secret='****', plan={self.plan!r}, "
            f"token_cache={self.token_cache!r}, timeout={self.timeout!r})"
        )


class ZoomClient(
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
        self.auth = TokenProvider(
            credentials,
            self._session,
            cache_path=config.token_cache,
            timeout=config.timeout,
            clock=clock,
            redact=self.redact,
            log=log,
        )
        self.limiter = RateLimiter(config.plan, clock=clock, sleep=sleep)
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
        )

    def token_scopes(self) -> list[str]:
        """The scopes granted to the cached token (obtaining one if needed)."""
        return self.auth.scopes()

    def server_time(self) -> datetime | None:
        """Zoom's clock from the last response's Date header, for `wmdctl doctor`'s skew check."""
        return self._transport.server_time()

    def close(self) -> None:
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
