"""Sandbox options and the demo credentials it accepts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import datetime
from pathlib import Path
from typing import Any

PLANS = ("free", "pro", "business")
# Where the CLI takes a fixed admin token from (tests that drive a child `wmdctl --sandbox`); unset = random.
ADMIN_TOKEN_VARIABLE = "WMD_SANDBOX_ADMIN_TOKEN"


@dataclass
class SandboxOptions:
    state_path: Path | None = None  # SQLite file; None = in-memory
    plan: str = "pro"  # free | pro | business: sets the rate-limit budget
    latency_ms: int = 0
    fail_rate: float = 0.0  # random 500/502/503, decided before handling, so nothing is committed
    drop_rate: float = 0.0  # close the socket without a response; half of the drops happen after the commit
    seed: int | None = None
    host: str = "127.0.0.1"
    port: int = 0  # 0 = ephemeral
    clock: Callable[[], datetime] | None = None  # injectable UTC clock (tests); default datetime.now(UTC)
    admin_token: str | None = None  # the admin URL's capability; None = a fresh random one per process
    accounts: int = 1  # how many accounts to serve at least (account 1 = SANDBOX_CREDENTIALS); see sandbox.accounts
    webhook_url: str | None = None  # the first account's webhook subscription (admin API: /webhooks)
    webhook_secret_token: str | None = field(default=None, repr=False)  # a secret: never shown
    header_timeout: float = 10.0  # seconds from connecting to the end of the request's headers; see sandbox.pool

    def __post_init__(self) -> None:
        if self.plan not in PLANS:
            raise ValueError(f"plan must be one of {', '.join(PLANS)}, not {self.plan!r}")
        if self.admin_token is not None and (len(self.admin_token) < 16 or not self.admin_token.isalnum()):
            raise ValueError("admin_token must be at least 16 letters and digits")
        if not 1 <= self.accounts <= 50:
            raise ValueError(f"accounts must be between 1 and 50, not {self.accounts}")
        if self.webhook_url and not self.webhook_secret_token:
            raise ValueError("a webhook URL needs a webhook secret token: Zoom signs every delivery")
        if not self.header_timeout > 0:
            raise ValueError(f"header_timeout must be a positive number of seconds, not {self.header_timeout}")
        for name in ("fail_rate", "drop_rate"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must be between 0 and 1, not {value}")


@dataclass(frozen=True)
class SandboxCredentials:
    """The one account, app and host user the sandbox knows.

    Not secret: they only open a local emulator. Item access
    (``SANDBOX_CREDENTIALS["client_id"]``) works too, for env-var style code.
    """

    account_id: str
    client_id: str
    client_secret: str
    host_email: str
    host_id: str
    host_first_name: str
    host_last_name: str

    def __getitem__(self, name: str) -> Any:
        if name not in {f.name for f in fields(self)}:
            raise KeyError(name)
        return getattr(self, name)


SANDBOX_CREDENTIALS = SandboxCredentials(
    account_id="sandbox-account-wmd",
    client_id="sandboxClientIdWmd2021",
    client_secret="sandbox-client-secret-not-a-real-secret",
    host_email="host@wmd-sandbox.example",
    host_id="wMdSaNdBoXh0sTuSeR0001",
    host_first_name="Sandbox",
    host_last_name="Host",
)
