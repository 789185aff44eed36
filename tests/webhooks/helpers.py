"""Shared by the webhook tests: an event file with rules, signed deliveries built by hand, a receiver."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import requests

from wmdctl.event.load import default_event_text

SECRET = "wmdctl-test-webhook-secret"
DOMAINS = ("metropolis.org", "unhabitat.org")


def event_text(domains: tuple[str, ...] = DOMAINS) -> str:
    """The embedded event with `[registration.auto_approve]` added after the [registration] table's keys."""
    rules = f"\n[registration.auto_approve]\nemail_domains = {json.dumps(list(domains))}\n"
    text = default_event_text()
    anchor = "[[registration.questions]]"
    return text.replace(anchor, rules + "\n" + anchor, 1)


def write_event(path: Path, domains: tuple[str, ...] = DOMAINS) -> Path:
    path.write_text(event_text(domains), encoding="utf-8")
    return path


def hand_signature(secret: str, timestamp: str, body: bytes) -> str:
    """Zoom's recipe, written out here rather than imported, so the test checks the code against it."""
    message = b"v0:" + timestamp.encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def post(url: str, body: dict[str, Any] | bytes, *, secret: str = SECRET, timestamp: int | None = None,
         signature: str | None = None) -> requests.Response:  # fmt: skip
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    headers = {"content-type": "application/json", "x-zm-request-timestamp": stamp,
               "x-zm-signature": signature or hand_signature(secret, stamp, raw)}  # fmt: skip
    return requests.post(url, data=raw, headers=headers, timeout=10)


def webinar_object(webinar_id: str, uuid: str, *, integer_id: bool) -> dict[str, Any]:
    return {"uuid": uuid, "id": int(webinar_id) if integer_id else str(webinar_id), "host_id": "host", "topic": "T",
            "type": 5, "start_time": "2021-10-07T13:00:00Z", "duration": 90, "timezone": "Europe/Madrid"}  # fmt: skip


def registration(kind: str, webinar_id: str, person: dict[str, Any], event_ts: int, *, uuid: str = "inst==",
                 status: str = "pending") -> dict[str, Any]:  # fmt: skip
    registrant = {"id": person["id"], "first_name": person.get("first_name", "Ana"), "email": person["email"]}
    if kind in ("created", "approved"):
        registrant["join_url"] = person.get("join_url", "https://zoom.us/w/1?tk=x")
    if kind == "created":
        registrant["status"] = status
    payload: dict[str, Any] = {"account_id": "acct"}
    if kind != "created":
        payload |= {"operator": "organiser@example.org", "operator_id": "host"}
    obj = webinar_object(webinar_id, uuid, integer_id=True) | {"registrant": registrant}
    return {"event": f"webinar.registration_{kind}", "event_ts": event_ts, "payload": payload | {"object": obj}}


def participant(kind: str, webinar_id: str, uuid: str, row: dict[str, Any], event_ts: int) -> dict[str, Any]:
    """A participant event built from a report-style row (the sandbox's participant rows)."""
    person = {"user_id": str(row.get("user_id", "1")), "user_name": row.get("name", ""),
              "id": row.get("id", ""), "email": row.get("user_email", row.get("email", "")),
              "registrant_id": row.get("registrant_id", ""),
              "participant_user_id": row.get("participant_user_id", row.get("id", ""))}  # fmt: skip
    person["join_time" if kind == "joined" else "leave_time"] = row["join_time" if kind == "joined" else "leave_time"]
    obj = webinar_object(webinar_id, uuid, integer_id=False) | {"participant": person}
    return {"event": f"webinar.participant_{kind}", "event_ts": event_ts,
            "payload": {"account_id": "acct", "object": obj}}  # fmt: skip


def instance(kind: str, webinar_id: str, uuid: str, at: str, event_ts: int) -> dict[str, Any]:
    obj = webinar_object(webinar_id, uuid, integer_id=False) | {"host_email": "host@example.org"}
    if kind == "ended":
        obj["end_time"] = at
    else:
        obj["start_time"] = at
    return {"event": f"webinar.{kind}", "event_ts": event_ts, "payload": {"account_id": "acct", "object": obj}}


def wait_for(condition: Callable[[], Any], timeout: float = 30.0, what: str = "condition") -> Any:
    """Poll something another thread or process changes; fails (never passes) when it does not happen."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def spawn_cli(args: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
    """`wmdctl ARGS` in a child process (a real receiver that SIGKILL can stop dead)."""
    child_env = {k: v for k, v in os.environ.items() if not k.startswith(("ZOOM_", "WMD_"))} | env
    code = "from wmdctl.cli.main import run; run()"
    return subprocess.Popen([sys.executable, "-c", code, *args], env=child_env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip


def read_url(child: subprocess.Popen[str], timeout: float = 30.0) -> str:
    """The receiver prints its URL on stdout once it listens."""
    assert child.stdout is not None
    line = child.stdout.readline().strip()
    if not line.startswith("http"):
        child.kill()
        _, err = child.communicate(timeout=timeout)
        raise AssertionError(f"receiver did not start: {line!r} {err}")
    return line


# --- what `wmdctl live` must show, worked out from the sandbox's own participant rows ------------------------
def row_identity(row: dict[str, Any]) -> str:
    """Who a row is across rejoins: the stable id when signed in, else the registrant, the email, the session."""
    for key in ("participant_user_id", "id", "registrant_id", "user_email", "user_id"):
        if row.get(key):
            return f"{key}:{row[key]}"
    return ""


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)


def assert_in_now(snapshot: dict[str, Any], rows: list[dict[str, Any]], cut: str) -> None:
    """Everyone whose row spans ``cut`` is in now, by the name of their latest row."""
    expected = {row_identity(r) for r in rows if r["join_time"] <= cut < r["leave_time"]}
    names = [next(r["name"] for r in reversed(rows) if row_identity(r) == who) for who in expected]
    assert sorted(p["name"] for p in snapshot["in_now"]["people"]) == sorted(names)
    assert snapshot["in_now"]["count"] == len(expected) > 0


def assert_ended_as_the_rows_say(final: dict[str, Any], rows: list[dict[str, Any]]) -> None:
    """Nobody is in, everyone who came was seen, and each panel counts whoever overlapped its window."""
    assert (final["status"], final["in_now"]["count"]) == ("ended", 0)
    assert final["participants_seen"] == len({row_identity(r) for r in rows})
    for panel in final["panels"]:
        start, end = utc(panel["start"]), utc(panel["end"])
        there = {row_identity(r) for r in rows if utc(r["join_time"]) < end and utc(r["leave_time"]) > start}
        assert panel["count"] == len(there) > 0, panel["title"]
