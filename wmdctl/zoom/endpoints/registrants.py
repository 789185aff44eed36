"""Registrants (notes §5): list by status, add one or a batch, change status, questions.

Zoom allows 3 add calls and 10 status changes per registrant per UTC day, so
adds are never re-sent blindly: after an ambiguous failure the registrant is
looked up by e-mail under every status first.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

from wmdctl.zoom.encoding import chunks, encode_uuid, quote_id
from wmdctl.zoom.endpoints.base import EndpointBase

REGISTRANT_STATUSES = ("pending", "approved", "denied")
STATUS_ACTIONS = ("approve", "deny", "cancel")


class RegistrantEndpoints(EndpointBase):
    def iter_registrants(
        self, webinar_id: str | int, status: str = "approved", *, occurrence_id: str | None = None
    ) -> Iterator[dict[str, Any]]:
        """Registrants with one status (Zoom has no "all": query each of pending, approved, denied)."""
        for page in self.iter_registrant_pages(webinar_id, status, occurrence_id=occurrence_id):
            yield from page.get("registrants") or []

    def iter_registrant_pages(
        self, webinar_id: str | int, status: str = "approved", *, occurrence_id: str | None = None
    ) -> Iterator[dict[str, Any]]:
        if status not in REGISTRANT_STATUSES:
            raise ValueError(f"registrant status must be one of {', '.join(REGISTRANT_STATUSES)}, not {status!r}")
        params = {"status": status, **({"occurrence_id": occurrence_id} if occurrence_id else {})}
        return self.iter_pages(f"/webinars/{encode_uuid(webinar_id)}/registrants", params=params, category="medium")

    def add_registrant(self, webinar_id: str | int, body: dict[str, Any]) -> dict[str, Any]:
        """Register one person; returns ``{id, registrant_id, join_url, ...}``."""
        verify = partial(self._registered_as, webinar_id, str(body.get("email", "")))
        return self._post(f"/webinars/{encode_uuid(webinar_id)}/registrants", body, verify=verify)

    def batch_add_registrants(
        self, webinar_id: str | int, registrants: list[dict[str, Any]], *, auto_approve: bool
    ) -> list[dict[str, Any]]:
        """Register many (type-5 webinars only), 30 per POST; returns ``[{email, registrant_id, join_url}]``."""
        path = f"/webinars/{encode_uuid(webinar_id)}/batch_registrants"
        added: list[dict[str, Any]] = []
        for batch in chunks(registrants):
            body = {"auto_approve": auto_approve, "registrants": batch}
            data = self._post(path, body, category="heavy", verify=partial(self._batch_registered, webinar_id, batch))
            added.extend(data.get("registrants") or [])
        return added

    def get_registrant(self, webinar_id: str | int, registrant_id: str) -> dict[str, Any]:
        path = f"/webinars/{encode_uuid(webinar_id)}/registrants/{quote_id(registrant_id)}"
        return self._get(path)

    def delete_registrant(self, webinar_id: str | int, registrant_id: str) -> None:
        path = f"/webinars/{encode_uuid(webinar_id)}/registrants/{quote_id(registrant_id)}"
        self._delete(path)

    def update_registrant_status(self, webinar_id: str | int, action: str, registrants: list[dict[str, Any]]) -> int:
        """approve | deny | cancel, 30 registrants (``{id}`` or ``{email}``) per PUT; returns how many PUTs."""
        if action not in STATUS_ACTIONS:
            raise ValueError(f"registrant action must be one of {', '.join(STATUS_ACTIONS)}, not {action!r}")
        path = f"/webinars/{encode_uuid(webinar_id)}/registrants/status"
        puts = 0
        for batch in chunks(registrants):
            self._put(path, {"action": action, "registrants": batch}, category="medium")
            puts += 1
        return puts

    def get_registration_questions(self, webinar_id: str | int) -> dict[str, Any]:
        path = f"/webinars/{encode_uuid(webinar_id)}/registrants/questions"
        return self._get(path)

    def update_registration_questions(self, webinar_id: str | int, body: dict[str, Any]) -> None:
        path = f"/webinars/{encode_uuid(webinar_id)}/registrants/questions"
        self._patch(path, body)

    def find_registrants(self, webinar_id: str | int, emails: set[str]) -> dict[str, dict[str, Any]]:
        """Registrants with these e-mails (lower-cased keys), looked up under every status."""
        wanted = {e.lower() for e in emails}
        found: dict[str, dict[str, Any]] = {}
        for status in REGISTRANT_STATUSES:
            for registrant in self.iter_registrants(webinar_id, status):
                email = str(registrant.get("email", "")).lower()
                if email in wanted:
                    found[email] = registrant
            if len(found) == len(wanted):
                break
        return found

    def _registered_as(self, webinar_id: str | int, email: str) -> dict[str, Any] | None:
        """Verify hook for add_registrant: shaped like Zoom's 201 body."""
        registrant = self.find_registrants(webinar_id, {email}).get(email.lower())
        if registrant is None:
            return None
        return {
            "id": webinar_id,
            "registrant_id": registrant.get("id"),
            "join_url": registrant.get("join_url"),
            "status": registrant.get("status"),
        }

    def _batch_registered(self, webinar_id: str | int, batch: list[dict[str, Any]]) -> dict[str, Any] | None:
        """Verify hook for a batch: it landed only if everyone in it is registered now."""
        emails = {str(r.get("email", "")) for r in batch}
        found = self.find_registrants(webinar_id, emails)
        if len(found) < len({e.lower() for e in emails}):
            return None
        rows = [
            {"email": r.get("email"), "registrant_id": r.get("id"), "join_url": r.get("join_url")}
            for r in found.values()
        ]
        return {"registrants": rows}
