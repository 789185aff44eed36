"""One webhook POST with the standard library: the status code, or why there was none (and, for the URL
validation, the answer's body and how long the whole exchange took)."""

from __future__ import annotations

import http.client
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

Outcome = int | str  # an HTTP status, or "timeout" / "network error: <kind>" (both retried, as by Zoom)
ANSWER_READ_LIMIT = 64 * 1024  # an event's answer means nothing to Zoom, a validation's is a few dozen bytes


@dataclass(frozen=True)
class Answer:
    outcome: Outcome
    body: bytes = b""
    seconds: float = 0.0  # wall time from connecting to the end of the body: Zoom's 3 s are real seconds


def post(url: str, body: bytes, headers: dict[str, str], timeout: float) -> Outcome:
    return exchange(url, body, headers, timeout).outcome


def exchange(url: str, body: bytes, headers: dict[str, str], timeout: float) -> Answer:
    parts = urlsplit(url)
    connection_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    connection = connection_class(parts.hostname or "", parts.port, timeout=timeout)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    started = time.monotonic()
    try:
        connection.request("POST", target, body=body, headers=headers)
        response = connection.getresponse()
        answer = response.read(ANSWER_READ_LIMIT)  # read it (a little at most) so the socket closes clean
        return Answer(response.status, answer, time.monotonic() - started)
    except TimeoutError:
        return Answer("timeout", b"", time.monotonic() - started)
    except (OSError, http.client.HTTPException) as error:
        return Answer(f"network error: {type(error).__name__}", b"", time.monotonic() - started)
    finally:
        connection.close()
