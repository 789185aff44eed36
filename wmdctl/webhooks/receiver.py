"""The HTTP side: verify, store, answer. Nothing here talks to Zoom, so the answer is quick.

Zoom wants its answer within 3 seconds and retries only after a 5xx or a timeout (three times, at about
+5, +25 and +85 minutes, as the issue gives it; the notes say +5/+20/+60), then drops the event. So:
- a bad signature or a stale timestamp gets 401 and leaves no trace;
- a verified event gets 200 only once it is committed to the inbox; if the commit fails, a 500 makes
  Zoom deliver it again rather than lose it;
- a repeat delivery is answered 200 too (it is stored already), or Zoom would keep retrying it.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from werkzeug.wrappers import Request, Response

from wmdctl.webhooks.events import URL_VALIDATION, MalformedEvent, parse
from wmdctl.webhooks.inbox import Inbox
from wmdctl.webhooks.signature import DEFAULT_MAX_AGE, SignatureRejected, validation_answer, verify

DEFAULT_PATH = "/zoom/webhooks"
MAX_BODY = 1024 * 1024  # Zoom's largest events (recording.completed with many files) are a few tens of KB


@dataclass(frozen=True)
class ReceiverConfig:
    secret: str = field(repr=False)  # never in a log line or a traceback
    path: str = DEFAULT_PATH
    max_age: float = DEFAULT_MAX_AGE
    max_body: int = MAX_BODY


def _json(payload: Any, status: int = 200) -> Response:
    return Response(json.dumps(payload), status=status, mimetype="application/json")


class ReceiverApp:
    """A WSGI app; ``on_stored`` wakes the worker after each new event is committed."""

    def __init__(
        self,
        config: ReceiverConfig,
        inbox: Inbox,
        *,
        on_stored: Callable[[], None] = lambda: None,
        log: Callable[[str], None] = lambda message: None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.config = config
        self.inbox = inbox
        self.on_stored = on_stored
        self.log = log
        self.clock = clock

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        request = Request(environ)
        response = self.handle(request)
        return response(environ, start_response)

    def handle(self, request: Request) -> Response:
        if request.path == "/healthz":
            return _json({"ok": True}) if request.method in ("GET", "HEAD") else _json({"error": "GET only"}, 405)
        if request.path != self.config.path:
            return _json({"error": "not found"}, 404)
        if request.method != "POST":
            return _json({"error": "POST only"}, 405)
        length = request.content_length
        if length is not None and length > self.config.max_body:
            return _json({"error": "body too large"}, 413)
        raw = request.stream.read(self.config.max_body + 1)
        if len(raw) > self.config.max_body:  # a chunked body declares no length
            return _json({"error": "body too large"}, 413)
        try:
            verify(
                self.config.secret, dict(request.headers.items()), raw, now=self.clock(), max_age=self.config.max_age
            )
        except SignatureRejected as rejected:
            self.log(f"rejected a delivery from {request.remote_addr}: {rejected.message}")
            return _json({"error": "invalid signature"}, 401)
        try:
            event = parse(raw)
        except MalformedEvent as error:
            self.log(f"refused a signed delivery: {error}")
            return _json({"error": str(error)}, 400)
        try:
            _, repeat = self.inbox.store(event, raw, datetime.fromtimestamp(self.clock(), UTC))
        except Exception as error:  # a full disk, a locked file: Zoom must deliver it again
            self.log(f"could not store {event.type}: {error}")
            return _json({"error": "could not store the event"}, 500)
        if not repeat:
            self.on_stored()
        if event.type == URL_VALIDATION:
            return _json(validation_answer(self.config.secret, event.subject))
        return _json({"ok": True, "duplicate": repeat})
