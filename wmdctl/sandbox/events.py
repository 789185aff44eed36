"""The sandbox's own notifications: the one place where something happening in it is announced.

`simulate` calls ``notify(sb, "recording.completed", ...)`` once a webinar's recording is available,
so a webhook sender (not built yet) only has to ``subscribe`` here; nothing else in the sandbox changes.
Listeners run inside the request's transaction and must not block.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from wmdctl.sandbox.core import Listener, Sandbox


def subscribe(sb: Sandbox, listener: Listener) -> Callable[[], None]:
    """Call ``listener(event, payload)`` on each notification; returns the unsubscribe function."""
    sb.listeners.append(listener)
    return lambda: sb.listeners.remove(listener)


def notify(sb: Sandbox, event: str, payload_object: dict[str, Any]) -> None:
    """Announce a Zoom event by its webhook name, with the webhook's ``payload`` (account_id and object)."""
    payload = {"account_id": sb.credentials.account_id, "object": payload_object}
    for listener in list(sb.listeners):
        listener(event, payload)
