"""What every handler sees: the store, the clock, id factory, page tokens, and shared lookups."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from wmdctl.sandbox.options import SandboxCredentials
from wmdctl.sandbox.store import SandboxClock, Store, dumps
from wmdctl.sandbox.wire import ApiError, IdFactory, PageTokens, int64_id, webinar_not_found


class WebhookOutbox(Protocol):
    """What the core and its event hook need of an account's webhook sender (wmdctl.sandbox.webhooks).

    A Protocol, not an import: the sender builds on recordings and payloads that themselves import the core,
    so importing it here would tie the whole package into one import cycle.
    """

    @property
    def subscribed(self) -> bool: ...
    def enqueue(self, event: str, payload: dict[str, Any], at: datetime) -> None: ...
    def start(self) -> None: ...
    def stop(self) -> None: ...


# Join/start links point at a reserved .invalid domain: they look like Zoom's but can't be mistaken for a real one.
JOIN_BASE = "https://sandbox.zoom.invalid"
Listener = Callable[[str, dict[str, Any], datetime], None]  # (event, webhook payload, when), see sandbox.events


@dataclass
class Faults:
    fail_rate: float = 0.0
    drop_rate: float = 0.0
    latency_ms: int = 0


@dataclass
class Sandbox:
    store: Store
    clock: SandboxClock
    ids: IdFactory
    tokens: PageTokens
    credentials: SandboxCredentials
    faults: Faults = field(default_factory=Faults)
    listeners: list[Listener] = field(default_factory=list)
    base_url: str = ""  # http://127.0.0.1:<port>, known once the server listens (download URLs need it)
    webhooks: WebhookOutbox | None = None  # this account's webhook sender, once the server made one

    def now(self) -> datetime:
        return self.clock.now()

    def resolve_user(self, user_id: str) -> str:
        """The host user id for a path userId: 'me', the host's id or email (case-insensitive)."""
        creds = self.credentials
        if user_id == "me" or user_id == creds.host_id or user_id.lower() == creds.host_email.lower():
            return creds.host_id
        raise ApiError(404, 1001, f"User does not exist: {user_id}.")

    def join_url(self, kind: str, object_id: int | str, token: str | None = None) -> str:
        suffix = f"?tk={token}" if token else ""
        return f"{JOIN_BASE}/{kind}/{object_id}{suffix}"

    # -- webinars ----------------------------------------------------------------

    def find_webinar(self, raw_id: str) -> tuple[dict[str, Any], bool] | None:
        """(webinar, ended) by numeric id, current uuid or past instance uuid."""
        conn = self.store.conn
        row = None
        numeric = int64_id(raw_id)
        if numeric is not None:
            row = conn.execute("SELECT data, ended FROM webinars WHERE id = ?", (numeric,)).fetchone()
        if row is None:
            row = conn.execute(
                "SELECT data, ended FROM webinars WHERE json_extract(data, '$.uuid') = ? "
                "OR id IN (SELECT webinar_id FROM instances WHERE uuid = ?)",
                (raw_id, raw_id),
            ).fetchone()
        return (json.loads(row[0]), bool(row[1])) if row else None

    def webinar(self, raw_id: str) -> dict[str, Any]:
        found = self.find_webinar(raw_id)
        if found is None:
            raise webinar_not_found(raw_id)
        return found[0]

    def webinar_ended(self, webinar_id: int) -> bool:
        row = self.store.conn.execute("SELECT ended FROM webinars WHERE id = ?", (webinar_id,)).fetchone()
        return bool(row and row[0])

    def save_webinar(self, webinar: dict[str, Any]) -> None:
        self.store.conn.execute("UPDATE webinars SET data = ? WHERE id = ?", (dumps(webinar), webinar["id"]))

    def registration_enabled(self, webinar: dict[str, Any]) -> bool:
        return webinar["settings"].get("approval_type", 2) in (0, 1)

    def require_registration(self, webinar: dict[str, Any], message: str | None = None) -> None:
        if not self.registration_enabled(webinar):
            text = message or "Registration has not been enabled for this webinar: {id}."
            raise ApiError(400, 3000, text.format(id=webinar["id"]))

    def polls_enabled(self) -> bool:
        return bool(self.store.meta("account_webinar_polls", True))
