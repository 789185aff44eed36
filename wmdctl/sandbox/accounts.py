"""Several Zoom accounts in one sandbox, each with its own app credentials, host user, plan and data.

An account is a whole Sandbox of its own (store, ids, page tokens, limiter, webhook sender) behind the
same server: the OAuth client id picks the account, and a token only ever opens its own account's
store, so one account cannot see another's data by construction. They share one clock (sandbox time)
and the server-level faults. The first account is SANDBOX_CREDENTIALS, unchanged; account N (N >= 2)
has numbered demo credentials (public values that only open this emulator).
With a state file, account N keeps its data beside it (``<stem>.<account id><suffix>``) and the list of
accounts is kept in the first account's meta, so a restart over the same file brings them all back.
"""

from __future__ import annotations

import dataclasses
import random
import secrets
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wmdctl.sandbox.core import Faults, Sandbox
from wmdctl.sandbox.limits import AccountLimiter
from wmdctl.sandbox.options import PLANS, SANDBOX_CREDENTIALS, SandboxCredentials, SandboxOptions
from wmdctl.sandbox.store import SandboxClock, Store
from wmdctl.sandbox.webhooks import WebhookSender
from wmdctl.sandbox.wire import IdFactory, PageTokens

ACCOUNTS_META = "accounts"  # in the first account's store: [{"credentials": {...}, "plan": ...}, ...]
MAX_ACCOUNTS = 50


@dataclass
class Account:
    sb: Sandbox
    limiter: AccountLimiter
    plan: str

    @property
    def credentials(self) -> SandboxCredentials:
        return self.sb.credentials

    def describe(self) -> dict[str, Any]:
        creds = dataclasses.asdict(self.credentials)
        return {**creds, "plan": self.plan}


def numbered_credentials(number: int) -> SandboxCredentials:
    """Account ``number``'s demo credentials (1 is the default account)."""
    if number == 1:
        return SANDBOX_CREDENTIALS
    return SandboxCredentials(
        account_id=f"sandbox-account-wmd-{number}",
        client_id=f"sandboxClientIdWmd2021n{number}",
        client_secret=f"sandbox-client-secret-{number}-not-a-real-secret",
        host_email=f"host{number}@wmd-sandbox.example",
        host_id=f"wMdSaNdBoXh0sTuSeR{number:04d}",
        host_first_name="Sandbox",
        host_last_name=f"Host {number}",
    )


def account_store_path(state_path: Path | None, account_id: str) -> Path | None:
    if state_path is None:
        return None
    return state_path.with_name(f"{state_path.stem}.{account_id}{state_path.suffix or '.sqlite3'}")


def build_account(options: SandboxOptions, credentials: SandboxCredentials, plan: str, *, store: Store,
                  clock: SandboxClock, faults: Faults) -> Account:  # fmt: skip
    """One account's Sandbox over ``store``; its webhook sender is made but not started."""
    with store.transaction():
        # Restarts over the same file draw fresh ids: the seed alone would repeat the first run's.
        boots = store.meta("boot_count", 0)
        store.set_meta("boot_count", boots + 1)
        if store.meta("page_token_secret") is None:
            store.set_meta("page_token_secret", secrets.token_hex(16))
        token_secret = store.meta("page_token_secret")
    suffix = "" if credentials == SANDBOX_CREDENTIALS else f":{credentials.account_id}"
    id_seed = f"{options.seed}:{boots}{suffix}" if options.seed is not None else None
    sb = Sandbox(store=store, clock=clock, ids=IdFactory(random.Random(id_seed)),
                 tokens=PageTokens(token_secret.encode()), credentials=credentials, faults=faults)  # fmt: skip
    WebhookSender(sb, options.seed)
    return Account(sb, AccountLimiter(plan, store, clock.now), plan)


class Accounts:
    """The accounts one server serves, the first one being the default (the admin API's unprefixed routes)."""

    def __init__(self, options: SandboxOptions, default: Account) -> None:
        self.options = options
        self.default = default
        self._accounts = [default]
        self._lock = threading.Lock()
        self.base_url = ""

    def all(self) -> list[Account]:
        with self._lock:
            return list(self._accounts)

    def get(self, account_id: str) -> Account | None:
        return next((a for a in self.all() if a.credentials.account_id == account_id), None)

    def by_client_id(self, client_id: str) -> Account | None:
        return next((a for a in self.all() if a.credentials.client_id == client_id), None)

    def restore(self) -> None:
        """The accounts a previous run over the same state file created."""
        store = self.default.sb.store
        with store.lock:
            saved = store.meta(ACCOUNTS_META, [])
        for entry in saved:
            self._open(SandboxCredentials(**entry["credentials"]), entry["plan"], remember=False)

    def ensure(self, count: int) -> None:
        """At least ``count`` accounts, the missing ones numbered after the existing ones."""
        while len(self.all()) < count:
            self.create()

    def create(self, plan: str | None = None, **overrides: str) -> Account:
        """A new account: the next numbered demo credentials, with any of their fields overridden."""
        plan = plan or self.options.plan
        if plan not in PLANS:
            raise ValueError(f"plan must be one of {', '.join(PLANS)}, not {plan!r}")
        with self._lock:
            if len(self._accounts) >= MAX_ACCOUNTS:
                raise ValueError(f"a sandbox serves at most {MAX_ACCOUNTS} accounts")
            number = len(self._accounts) + 1
            taken = {a.credentials.account_id for a in self._accounts}
            while numbered_credentials(number).account_id in taken:
                number += 1
        credentials = dataclasses.replace(numbered_credentials(number), **overrides)
        self._check_unique(credentials)
        return self._open(credentials, plan, remember=True)

    def _check_unique(self, credentials: SandboxCredentials) -> None:
        for account in self.all():
            for name in ("account_id", "client_id", "host_email", "host_id"):
                if getattr(account.credentials, name).lower() == getattr(credentials, name).lower():
                    raise ValueError(f"{name} {getattr(credentials, name)!r} is already another account's")

    def _open(self, credentials: SandboxCredentials, plan: str, *, remember: bool) -> Account:
        default = self.default.sb
        store = Store(account_store_path(self.options.state_path, credentials.account_id))
        account = build_account(self.options, credentials, plan, store=store, clock=default.clock,
                                faults=default.faults)  # fmt: skip
        account.sb.base_url = self.base_url
        if remember:
            with default.store.transaction():
                saved = default.store.meta(ACCOUNTS_META, [])
                saved.append({"credentials": dataclasses.asdict(credentials), "plan": plan})
                default.store.set_meta(ACCOUNTS_META, saved)
        with self._lock:
            self._accounts.append(account)
        if self.base_url and account.sb.webhooks is not None:  # already serving: start its worker now
            account.sb.webhooks.start()
        return account

    def start(self, base_url: str) -> None:
        self.base_url = base_url
        for account in self.all():
            account.sb.base_url = base_url
            if account.sb.webhooks is not None:
                account.sb.webhooks.start()

    def stop(self) -> None:
        for account in self.all():
            if account.sb.webhooks is not None:
                account.sb.webhooks.stop()
            if account is not self.default:
                account.sb.store.close()
