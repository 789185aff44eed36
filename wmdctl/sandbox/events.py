"""The sandbox's own notifications: the one place where something happening in it is announced.

Handlers call ``notify(sb, "<webhook event>", object, at=...)``: a registrant added or changed, a simulated
webinar's start, joins, leaves and end, a recording ready. The webhook sender (wmdctl.sandbox.webhooks)
subscribes here. Listeners run inside the request's transaction (so what they record commits or rolls
back with the change) and must not block.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from wmdctl.sandbox.core import Listener, Sandbox


def subscribe(sb: Sandbox, listener: Listener) -> Callable[[], None]:
    """Call ``listener(event, payload, at)`` on each notification; returns the unsubscribe function."""
    sb.listeners.append(listener)
    return lambda: sb.listeners.remove(listener)


def listening(sb: Sandbox) -> bool:
    """False when nobody would hear a notification: no listener, or only a webhook sender with no subscription.

    Lets a caller skip building thousands of payloads (a big simulation) that would be thrown away.
    """
    sender = sb.webhooks
    return any(sender is None or listener != sender.enqueue or sender.subscribed for listener in sb.listeners)


def notify(sb: Sandbox, event: str, payload_object: dict[str, Any], *, at: datetime | None = None,
           **payload_extra: Any) -> None:  # fmt: skip
    """Announce a Zoom event by its webhook name, with the webhook's ``payload`` (account_id, extras, object).

    ``at`` is when it happens in sandbox time (default: now); a simulated webinar's joins happen at their
    own times. ``payload_extra`` are payload keys beside the object (``operator``, ``operator_id``).
    """
    payload = {"account_id": sb.credentials.account_id, **payload_extra, "object": payload_object}
    moment = at or sb.now()
    for listener in list(sb.listeners):
        listener(event, payload, moment)
