"""The sandbox sends webhooks as Zoom does (notes §11): signed, asynchronous, retried in sandbox time.

Each notification (wmdctl.sandbox.events) becomes a row of ``webhook_deliveries`` inside the request's own
transaction, so a change and its event commit together, and the API answer never waits for a receiver.
A worker thread delivers whatever is due; ``flush()`` (admin ``POST /webhooks/flush``) does the same
synchronously and says what it did, so a test can move the sandbox clock and then flush, deterministically.

Only a validated URL gets events (wmdctl.sandbox.webhook_validation): the admin API validates a URL when it is
saved, and a pass re-validates first when the last check is 72 h old in sandbox time. Until a URL passes, its
events wait (pending, never lost) and go out once it does.

Outcomes: a 2xx is delivered; a 5xx, a timeout or a network error is retried 5, 20 and 60 minutes after
the previous attempt (+5, +25, +85 minutes from the first) and then dropped; anything else (3xx, 4xx)
fails for good. Fault options (seeded): ``duplicate_rate`` delivers an event a second time, and
``reorder_rate`` holds an event back so that later ones overtake it.
The secret token lives in memory only: never in the state file, a dump, a log or an answer.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import random
import threading
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from wmdctl.sandbox.core import Sandbox
from wmdctl.sandbox.events import subscribe
from wmdctl.sandbox.recordings import download_token
from wmdctl.sandbox.store import dumps, iso
from wmdctl.sandbox.webhook_http import Outcome, exchange, post
from wmdctl.sandbox.webhook_validation import Validation, challenge, problem

RETRY_INTERVALS_MINUTES = (5, 20, 60)  # after attempts 1, 2 and 3; a 4th failure drops the event
USER_AGENT = "Zoom Marketplace/1.0a"
WAITING = ("pending", "retrying")
WORKER_POLL_SECONDS = 0.5  # how often the worker looks for retries that a moving clock made due
log = logging.getLogger("wmdctl.sandbox")


@dataclass
class WebhookConfig:
    url: str | None = None
    secret_token: str | None = field(default=None, repr=False)
    paused: bool = False  # True: deliveries happen on flush only (deterministic tests)
    timeout_seconds: float = 3.0  # Zoom waits 3 s for the answer
    duplicate_rate: float = 0.0
    reorder_rate: float = 0.0

    def public(self) -> dict[str, Any]:
        """What the admin API shows: everything but the secret token, of which only its presence."""
        shown = {k: v for k, v in vars(self).items() if k != "secret_token"}
        return shown | {"secret_token_set": bool(self.secret_token)}


def signature(secret: str, timestamp: str, body: bytes) -> str:
    message = b"v0:" + timestamp.encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


class WebhookSender:
    """One account's subscription: its outbox, its worker, its faults."""

    def __init__(self, sb: Sandbox, seed: int | None) -> None:
        self.sb = sb
        self.config = WebhookConfig()
        self._rng = random.Random(f"webhooks:{seed}:{sb.credentials.account_id}" if seed is not None else None)
        self._pass_lock = threading.Lock()  # one delivery pass at a time: the worker's or a flush
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self.validation = Validation()  # the last URL validation; it speaks only for the (url, secret) it checked
        sb.webhooks = self
        subscribe(sb, self.enqueue)

    # -- the outbox ------------------------------------------------------------------------------

    @property
    def subscribed(self) -> bool:
        return bool(self.config.url and self.config.secret_token)

    @property
    def validated(self) -> bool:
        config = self.config
        return self.validation.holds_for(config.url, config.secret_token) and self.validation.validated

    def public(self) -> dict[str, Any]:
        """The subscription as the admin API shows it (no secret), its validation, what waits."""
        config = self.config
        return {**config.public(), **self.validation.public(config.url, config.secret_token), **self.waiting()}

    def enqueue(self, event: str, payload: dict[str, Any], at: datetime) -> None:
        """Record one event for delivery (called inside the request's transaction); nothing when unsubscribed."""
        if not self.subscribed:
            return
        body: dict[str, Any] = {"event": event, "event_ts": int(at.timestamp() * 1000), "payload": payload}
        if event == "recording.completed":
            body["download_token"] = download_token(self.sb, payload["object"]["id"])
        due = max(self.sb.now(), at).timestamp()
        self.sb.store.conn.execute(
            "INSERT INTO webhook_deliveries (event, event_ts, body, due_at, status) VALUES (?, ?, ?, ?, 'pending')",
            (event, body["event_ts"], dumps(body), due),
        )
        self._wake.set()

    def deliveries(self, status: str | None = None) -> list[dict[str, Any]]:
        sql = "SELECT * FROM webhook_deliveries" + (" WHERE status = ?" if status else "") + " ORDER BY seq"
        with self.sb.store.lock:
            rows = self.sb.store.rows(sql, (status,) if status else ())
        return [_shown(row) for row in rows]

    def waiting(self) -> dict[str, Any]:
        with self.sb.store.lock:
            count, next_due = self.sb.store.conn.execute(
                "SELECT COUNT(*), MIN(due_at) FROM webhook_deliveries WHERE status IN ('pending', 'retrying')"
            ).fetchone()
        return {"waiting": count, "next_due": _iso(next_due) if next_due is not None else None}

    # -- delivering ------------------------------------------------------------------------------

    def flush(self, limit: int | None = None) -> dict[str, Any]:
        """Deliver everything due now (at most ``limit`` events), held-back ones included; what was attempted,
        and what still waits."""
        attempts = self._deliver_due(final=True, limit=limit)
        return {"attempts": attempts, "validated": self.validated, **self.waiting()}

    def _deliver_due(self, *, final: bool, limit: int | None = None) -> list[dict[str, Any]]:
        with self._pass_lock:
            if not self.subscribed:
                return []
            with self.sb.store.lock:
                now = self.sb.now().timestamp()
                rows = self.sb.store.rows(
                    "SELECT * FROM webhook_deliveries WHERE status IN ('pending', 'retrying') AND due_at <= ? "
                    "ORDER BY due_at, seq LIMIT ?",
                    (now, -1 if limit is None else limit),
                )
            if not rows or not self._ready():
                return []
            return [result for row in self._pass_order(rows, final=final) for result in self._attempt(row)]

    def _pass_order(self, rows: list[dict[str, Any]], *, final: bool) -> list[dict[str, Any]]:
        """Due rows in order, except that the reorder fault holds some back behind the others.

        An event held in one pass goes out at the end of the next one (or of a flush), after later events.
        """
        ready, held_before, held_now = [], [], []
        for row in rows:
            if row["held"]:
                held_before.append(row)
            elif row["attempts"] == 0 and self._rng.random() < self.config.reorder_rate:
                held_now.append(row)
            else:
                ready.append(row)
        if held_now:
            with self.sb.store.transaction() as conn:
                conn.executemany(
                    "UPDATE webhook_deliveries SET held = 1 WHERE seq = ?", [(r["seq"],) for r in held_now]
                )
        return ready + held_before + (held_now if final else [])

    def _attempt(self, row: dict[str, Any]) -> list[dict[str, Any]]:
        config = self.config
        if not (config.url and config.secret_token) or not self.validated:  # changed during the pass: the rest waits
            return []
        body = row["body"].encode()
        outcome = self._send(config.url, config.secret_token, body, config.timeout_seconds)
        attempt = row["attempts"] + 1
        status, due = _next_state(outcome, attempt, self.sb.now())
        sent_at = self.sb.now()
        results = [_result(row, attempt, outcome, status, sent_at)]
        duplicates = row["duplicates"]
        if status == "delivered" and duplicates == 0 and self._rng.random() < config.duplicate_rate:
            again = self._send(config.url, config.secret_token, body, config.timeout_seconds)
            duplicates += 1
            results.append(_result(row, attempt, again, status, sent_at) | {"duplicate": True})
        log = json.loads(row["log"]) + [{k: r[k] for k in ("at", "result", "duplicate")} for r in results]
        with self.sb.store.transaction() as conn:
            conn.execute(
                "UPDATE webhook_deliveries SET status = ?, attempts = ?, due_at = ?, held = 0, duplicates = ?, "
                "log = ? WHERE seq = ?",
                (status, attempt, due if due is not None else row["due_at"], duplicates, dumps(log), row["seq"]),
            )
        return results

    def _send(self, url: str, secret: str, body: bytes, timeout: float) -> Outcome:
        request_id = str(uuid.UUID(int=self._rng.getrandbits(128), version=4))
        return post(url, body, self._headers(secret, body, request_id), timeout)

    def _headers(self, secret: str, body: bytes, request_id: str) -> dict[str, str]:
        timestamp = str(int(self.sb.now().timestamp()))
        return {
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": USER_AGENT,
            "x-zm-request-timestamp": timestamp,
            "x-zm-signature": signature(secret, timestamp, body),
            "x-zm-request-id": request_id,
            "x-zm-trackingid": f"v=2.0;clid=sandbox;rid={request_id.replace('-', '')[:24]}",
        }

    # -- the URL validation ----------------------------------------------------------------------

    def validate(self) -> Validation:
        """Send ``endpoint.url_validation`` to the subscribed URL now, and record how it answered."""
        with self._pass_lock:
            return self._validate()

    def _validate(self) -> Validation:
        config = self.config
        url, secret, timeout = config.url, config.secret_token, config.timeout_seconds
        if not (url and secret):
            self.validation = Validation()
            return self.validation
        now = self.sb.now()
        plain, body = challenge(now)
        # Its own random request id: drawing it from the seeded generator would shift the seeded faults.
        answer = exchange(url, body, self._headers(secret, body, str(uuid.uuid4())), timeout)
        error = problem(answer, secret, plain, timeout)
        self.validation = Validation(error is None, now, error, url, secret)
        account = self.sb.credentials.account_id
        if error is None:
            log.info("sandbox: %s's webhook URL passed the URL validation", account)
            self._wake.set()  # what waited for it is due now
        else:
            log.warning("sandbox: %s's webhook URL failed the URL validation: %s", account, error)
        return self.validation

    def _ready(self) -> bool:
        """Whether events may go out now: the URL passed, and passes again first when that was 72 h ago."""
        config = self.config
        if not self.validation.holds_for(config.url, config.secret_token):
            return False  # changed, and the admin request that changed it is validating it
        if self.validation.stale(self.sb.now()):
            self._validate()
        return self.validated

    # -- the worker ------------------------------------------------------------------------------

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="zoom-sandbox-webhooks", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=30)

    def _run(self) -> None:
        while not self._stopping.is_set():
            self._wake.wait(WORKER_POLL_SECONDS)
            self._wake.clear()
            if self._stopping.is_set() or self.config.paused:
                continue
            try:
                self._deliver_due(final=False)
            except Exception:  # a bug must not kill the worker: the rows stay due, the next pass tries again
                log.exception("sandbox: webhook delivery pass failed")


def _next_state(outcome: Outcome, attempt: int, now: datetime) -> tuple[str, float | None]:
    if isinstance(outcome, int) and 200 <= outcome < 300:
        return "delivered", None
    retryable = not isinstance(outcome, int) or outcome >= 500
    if not retryable:
        return "failed", None  # Zoom does not retry a 3xx or a 4xx
    if attempt > len(RETRY_INTERVALS_MINUTES):
        return "dropped", None
    return "retrying", now.timestamp() + RETRY_INTERVALS_MINUTES[attempt - 1] * 60


def _result(row: dict[str, Any], attempt: int, outcome: Outcome, status: str, at: datetime) -> dict[str, Any]:
    return {"id": row["seq"], "event": row["event"], "attempt": attempt, "result": outcome, "status": status,
            "duplicate": False, "at": iso(at)}  # fmt: skip


def _iso(epoch: float) -> str:
    return iso(datetime.fromtimestamp(epoch, UTC))


def _shown(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["seq"],
        "event": row["event"],
        "event_ts": row["event_ts"],
        "status": row["status"],
        "attempts": row["attempts"],
        "due_at": _iso(row["due_at"]),
        "held": bool(row["held"]),
        "duplicates": row["duplicates"],
        "log": json.loads(row["log"]),
        "body": json.loads(row["body"]),
    }
