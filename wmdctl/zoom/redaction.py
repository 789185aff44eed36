"""Remove secrets from any text before it is logged or put in an exception message."""

from __future__ import annotations

import re
import threading

MASK = "****"

# Patterns catch secrets we were never told about (a token echoed in a body, a header dump).
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+", re.IGNORECASE), rf"\1 {MASK}"),
    (re.compile(r"(access_token|client_secret|refresh_token)=[^&\s\"']+", re.IGNORECASE), rf"\1={MASK}"),
    (re.compile(r"(\"(?:access_token|client_secret|refresh_token)\"\s*:\s*\")[^\"]*\"", re.IGNORECASE), rf'\1{MASK}"'),
    (re.compile(r"('(?:access_token|client_secret|refresh_token)'\s*:\s*')[^']*'", re.IGNORECASE), rf"\1{MASK}'"),
)


def redact(text: str, secrets: tuple[str, ...] | list[str] | frozenset[str] = ()) -> str:
    """``text`` with every known secret and every token-looking value masked."""
    # Longest first, so a secret that contains another is masked whole.
    for secret in sorted((s for s in secrets if s), key=len, reverse=True):
        text = text.replace(secret, MASK)
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class Redactor:
    """Remembers the secrets of one client (its client secret and every token it saw)."""

    def __init__(self, *secrets: str) -> None:
        self._lock = threading.Lock()
        self._secrets: frozenset[str] = frozenset(s for s in secrets if s)

    def add(self, secret: str) -> None:
        if secret:
            with self._lock:
                self._secrets = self._secrets | {secret}

    def __call__(self, text: str) -> str:
        return redact(text, self._secrets)
