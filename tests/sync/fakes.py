"""A small in-memory stand-in for the Zoom client's registrant methods, with Zoom's sticky rules.

Used by the unit tests of the apply step; the end-to-end tests use the real sandbox over loopback.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from wmdctl.zoom.errors import ZoomBadRequestError, ZoomNetworkError, ZoomRateLimitError

MIDNIGHT = datetime(2021, 10, 2, 0, 0, tzinfo=UTC)


@dataclass
class FakeZoom:
    approval_type: int = 1
    webinar_type: int = 5
    questions: list[dict[str, Any]] = field(default_factory=list)
    people: dict[str, dict[str, Any]] = field(default_factory=dict)  # email -> registrant (incl. status)
    cancelled: set[str] = field(default_factory=set)
    adds_today: dict[str, int] = field(default_factory=dict)
    calls: list[tuple[str, Any]] = field(default_factory=list)
    account_adds_left: int | None = None  # None: unlimited; 0: the next add hits the account's daily limit
    before_add: Callable[[str], None] | None = None  # test hook, e.g. raise or kill
    lose_answer_for: set[str] = field(default_factory=set)  # the add lands, but the answer is lost
    _ids: Iterator[int] = field(default_factory=lambda: itertools.count(1))
    _lock: threading.Lock = field(default_factory=threading.Lock)

    # --- read ---
    def get_webinar(self, webinar_id: str) -> dict[str, Any]:
        return {"id": webinar_id, "type": self.webinar_type, "settings": {"approval_type": self.approval_type}}

    def get_registration_questions(self, webinar_id: str) -> dict[str, Any]:
        return {"questions": [], "custom_questions": self.questions}

    def iter_registrants(self, webinar_id: str, status: str = "approved") -> Iterator[dict[str, Any]]:
        self.calls.append(("list", status))
        with self._lock:
            people = [dict(p) for p in self.people.values() if p["status"] == status]
        yield from people

    # --- write ---
    def _register(self, body: dict[str, Any], status: str) -> dict[str, Any]:
        email = body["email"].lower()
        with self._lock:
            if self.account_adds_left is not None:
                if self.account_adds_left <= 0:
                    raise ZoomRateLimitError("daily limit", daily=True, scope="account", resume_at=MIDNIGHT, status=429)
                self.account_adds_left -= 1
            if self.adds_today.get(email, 0) >= 3:
                raise ZoomRateLimitError(f'daily rate limit (3) for the registrant "{email}"', daily=True,
                                         scope="registrant", resume_at=MIDNIGHT, status=429)  # fmt: skip
            self.adds_today[email] = self.adds_today.get(email, 0) + 1
            if email in self.cancelled or self.people.get(email, {}).get("status") == "denied":
                raise ZoomBadRequestError(f"The e-mail address {email} cannot be used to register for this webinar",
                                          status=400, code=3000)  # fmt: skip
            if email not in self.people:
                number = next(self._ids)
                self.people[email] = {**body, "email": email, "id": f"r{number}", "status": status,
                                      "join_url": f"https://zoom.example/w/1?tk={number}"}  # fmt: skip
            return self.people[email]

    def add_registrant(self, webinar_id: str, body: dict[str, Any]) -> dict[str, Any]:
        self.calls.append(("add", body["email"]))
        if self.before_add is not None:
            self.before_add(body["email"])
        person = self._register(body, "approved" if self.approval_type == 0 else "pending")
        if body["email"] in self.lose_answer_for:
            raise ZoomNetworkError("connection dropped after the request was sent")
        return {"id": webinar_id, "registrant_id": person["id"], "join_url": person["join_url"]}

    def batch_add_registrants(
        self, webinar_id: str, registrants: list[dict[str, Any]], *, auto_approve: bool
    ) -> list[dict[str, Any]]:
        assert len(registrants) <= 30
        self.calls.append(("batch", [r["email"] for r in registrants]))
        status = "approved" if self.approval_type == 0 or auto_approve else "pending"
        added = [self._register(r, status) for r in registrants]
        return [{"email": p["email"], "registrant_id": p["id"], "join_url": p["join_url"]} for p in added]

    def update_registrant_status(self, webinar_id: str, action: str, registrants: list[dict[str, Any]]) -> int:
        assert len(registrants) <= 30
        self.calls.append((action, [r["email"] for r in registrants]))
        with self._lock:
            for ref in registrants:
                email = ref["email"]
                if action == "approve":
                    self.people[email]["status"] = "approved"
                elif action == "deny":
                    self.people[email]["status"] = "denied"
                else:
                    self.people.pop(email)
                    self.cancelled.add(email)  # listed nowhere from now on
        return 1

    # --- helpers for tests ---
    def seed(self, email: str, status: str = "approved") -> None:
        number = next(self._ids)
        self.people[email] = {"email": email, "first_name": "Seed", "id": f"r{number}", "status": status,
                              "join_url": f"https://zoom.example/w/1?tk={number}"}  # fmt: skip

    def writes(self) -> list[tuple[str, Any]]:
        return [c for c in self.calls if c[0] != "list"]
