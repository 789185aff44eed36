"""One webhook POST with the standard library: the status code, or why there was none."""

from __future__ import annotations

import http.client
from urllib.parse import urlsplit

Outcome = int | str  # an HTTP status, or "timeout" / "network error: <kind>" (both retried, as by Zoom)


def post(url: str, body: bytes, headers: dict[str, str], timeout: float) -> Outcome:
    parts = urlsplit(url)
    connection_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    connection = connection_class(parts.hostname or "", parts.port, timeout=timeout)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request("POST", target, body=body, headers=headers)
        response = connection.getresponse()
        response.read(64 * 1024)  # the answer's body means nothing to Zoom; read a little so the socket closes clean
        return response.status
    except TimeoutError:
        return "timeout"
    except (OSError, http.client.HTTPException) as error:
        return f"network error: {type(error).__name__}"
    finally:
        connection.close()
