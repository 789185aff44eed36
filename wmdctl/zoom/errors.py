"""Typed Zoom API errors, built from Zoom's ``{code, message, errors}`` bodies.

The client knows nothing of exit codes: each class also derives from the kind of
wmdctl error it is (``wmdctl.errors``: a configuration problem, a thing not found,
a rate limit), and that kind names the exit code.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from wmdctl.errors import ConfigError, NotFoundError, RateLimitError, WmdctlError

RateLimitScope = Literal["account", "user", "registrant"]


class ZoomError(WmdctlError):
    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        code: int | None = None,
        errors: list[dict[str, Any]] | None = None,
        request_id: str | None = None,
        method: str | None = None,
        path: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message, hint=hint)
        self.status = status
        self.code = code
        self.errors = errors or []
        self.request_id = request_id
        self.method = method
        self.path = path

    def __str__(self) -> str:
        where = f"{self.method} {self.path}: " if self.method and self.path else ""
        status = f"HTTP {self.status}" if self.status else "no response"
        code = f", code {self.code}" if self.code is not None else ""
        fields = "".join(f"; {e.get('field')}: {e.get('message')}" for e in self.errors)
        return f"{where}{self.message} ({status}{code}){fields}"


class ZoomAuthError(ZoomError, ConfigError):
    """Credentials rejected, token invalid after one refresh, or scopes missing."""


class ZoomPermissionError(ZoomError, ConfigError):
    """403, or code 200: the plan or webinar licence is missing."""


class ZoomNotFoundError(ZoomError, NotFoundError):
    pass


class ZoomBadRequestError(ZoomError):
    """A 4xx that retrying cannot fix (validation, 3038 webinar over, ...)."""


class ZoomRateLimitError(ZoomError, RateLimitError):
    """A 429. ``daily`` limits are never slept on: resume at ``resume_at`` (UTC).

    ``scope`` tells what is exhausted: the whole account's budget for a
    category, the host user's 100 create/update calls, or one registrant's
    3 adds / 10 status changes. Only the first two stop a run.
    """

    def __init__(
        self,
        message: str,
        *,
        daily: bool,
        scope: RateLimitScope = "account",
        resume_at: datetime | None = None,
        retry_after: float | None = None,
        category: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(message, **kwargs)
        self.daily = daily
        self.scope = scope
        self.resume_at = resume_at
        self.retry_after = retry_after
        self.category = category


class ZoomServerError(ZoomError):
    """5xx that outlived the retries."""


class ZoomNetworkError(ZoomError):
    """No response at all (connection refused, reset, timeout) after retries."""


class ZoomConnectError(ZoomNetworkError):
    """The connection could not be opened, so the request provably never reached Zoom.

    Unlike a read timeout or a dropped connection, this is safe to retry even
    for a POST that creates something.
    """
