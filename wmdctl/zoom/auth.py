"""Server-to-Server OAuth: one cached token shared by every thread and every wmdctl process.

Zoom invalidates the previous token when a new one is minted (notes §14.1 #3),
so two cron runs that each mint their own token break each other. The token
therefore lives in a JSON file (mode 0600, replaced atomically) and is minted
only under a file lock, after re-reading the file: whoever gets the lock second
finds the first one's fresh token and uses it.

The file belongs to the Zoom account (``account.py``), not to a state dir: two jobs
with different state dirs on one account share it. A cache left in a state dir by
an older wmdctl is read once (its token adopted if still good) and then removed,
so an upgrade mints nothing it does not need.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests
from filelock import FileLock

from wmdctl.state.files import ensure_private_dir, write_json_atomic
from wmdctl.zoom.errormap import CREDENTIALS_HINT, error_from_response, network_error, parse_body
from wmdctl.zoom.errors import ZoomAuthError, ZoomError
from wmdctl.zoom.redaction import Redactor

REFRESH_MARGIN_SECONDS = 300.0  # never start a request with a token that has less than 5 minutes left
LOCK_TIMEOUT_SECONDS = 60.0


@dataclass(frozen=True)
class Credentials:
    oauth_url: str
    account_id: str
    client_id: str
    client_secret: str

    @property
    def cache_key(self) -> str:
        """Which app and Zoom a cached token belongs to (the sandbox and real Zoom share a state dir)."""
        raw = f"{self.oauth_url}|{self.account_id}|{self.client_id}"
        return hashlib.sha256(raw.encode()).hexdigest()[:16]

    @property
    def secret_fingerprint(self) -> str:
        """Which client secret minted a token: a one-way hash, so the cache file never holds the secret.

        A cached token stays valid for up to an hour after the secret is changed (or mistyped), so without
        this a run with a wrong secret would succeed on the cached token without a word, and fail later.
        """
        raw = f"wmdctl-token-cache|{self.client_id}|{self.client_secret}"
        return hashlib.sha256(raw.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Token:
    access_token: str
    expires_at: float  # epoch seconds
    scope: str = ""
    minted_with: str = ""  # Credentials.secret_fingerprint of the secret that minted it ("" from older caches)

    def usable_at(self, now: float) -> bool:
        return self.expires_at - now > REFRESH_MARGIN_SECONDS

    def to_dict(self) -> dict[str, Any]:
        return {
            "access_token": self.access_token,
            "expires_at": self.expires_at,
            "scope": self.scope,
            "minted_with": self.minted_with,
        }

    @classmethod
    def from_dict(cls, data: Any) -> Token | None:
        try:
            return cls(
                str(data["access_token"]),
                float(data["expires_at"]),
                str(data.get("scope", "")),
                str(data.get("minted_with", "")),
            )
        except (KeyError, TypeError, ValueError):
            return None


FOREIGN_TOKEN_HINT = (
    "the cached token was minted with another client secret and still works for a while, but wmdctl does not "
    "run on a token the configured credentials cannot renew: fix ZOOM_CLIENT_SECRET (`wmdctl doctor` checks it)"
)


class TokenCacheFile:
    """``{"tokens": {cache_key: token}}``: one entry per app, so switching Zoom does not evict the other token."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock = FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT_SECONDS, thread_local=False, mode=0o600)

    def read(self, key: str) -> Token | None:
        return Token.from_dict(self._entries().get(key))

    def write(self, key: str, token: Token, now: float) -> None:
        """Atomic and 0600: a reader never sees half a file, and nobody else reads the token."""
        entries = {k: v for k, v in self._entries().items() if (Token.from_dict(v) or Token("", 0)).expires_at > now}
        entries[key] = token.to_dict()
        ensure_private_dir(self.path.parent)
        write_json_atomic(self.path, {"tokens": entries}, private=True)

    def _entries(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}  # missing or corrupt: mint a new token and rewrite it
        tokens = data.get("tokens") if isinstance(data, dict) else None
        return tokens if isinstance(tokens, dict) else {}


class TokenProvider:
    """Thread-safe access to a valid token; see the module docstring for the cross-process rules."""

    def __init__(
        self,
        credentials: Credentials,
        session: requests.Session,
        *,
        cache_path: Path | None = None,
        legacy_cache_path: Path | None = None,
        timeout: float | tuple[float, float] = 30.0,
        clock: Callable[[], float] = time.time,
        redact: Redactor | None = None,
        log: Callable[[str], None] | None = None,
    ) -> None:
        self._credentials = credentials
        self._session = session
        self._cache = TokenCacheFile(cache_path) if cache_path else None
        self._legacy = legacy_cache_path if legacy_cache_path != cache_path else None
        self._timeout = timeout
        self._clock = clock
        self._redact = redact or Redactor(credentials.client_secret)
        self._redact.add(credentials.client_secret)
        self._log = log
        self._lock = threading.Lock()
        self._current: Token | None = None
        # doctor sets this to test a cached token that another secret minted, then probes the secret itself.
        self.accept_token_of_another_secret = False
        self._foreign_token_seen = False
        self.mint_count = 0  # how many tokens this provider requested from Zoom (doctor and tests read it)

    def access_token(self) -> str:
        with self._lock:
            if self._current is None or not self._current.usable_at(self._clock()):
                self._current = self._load_or_mint(rejected=None)
            return self._current.access_token

    def replace_rejected(self, rejected: str) -> str:
        """Zoom answered 124 for ``rejected``: return a different token, minting only if nobody else has."""
        with self._lock:
            current = self._current
            if current is not None and current.access_token != rejected and current.usable_at(self._clock()):
                return current.access_token  # another thread already replaced it
            self._current = self._load_or_mint(rejected=rejected)
            return self._current.access_token

    def has_cached_token(self) -> bool:
        """Does a cache (the account's, else an older wmdctl's in the state dir) hold a good token? Mints nothing."""
        key, now = self._credentials.cache_key, self._clock()
        files = [self._cache] + ([TokenCacheFile(self._legacy)] if self._legacy else [])
        return any((token := f.read(key)) is not None and token.usable_at(now) for f in files if f is not None)

    def scopes(self) -> list[str]:
        self.access_token()
        with self._lock:
            return (self._current.scope if self._current else "").split()

    def _load_or_mint(self, rejected: str | None) -> Token:
        if self._cache is None:
            return self._request_token()
        key = self._credentials.cache_key
        cached = self._usable(self._cache.read(key), rejected)  # cheap path: writes are atomic, no lock needed
        if cached:
            return cached
        with self._cache.lock:
            cached = self._usable(self._cache.read(key), rejected)  # another process may have just refreshed
            if cached is None:
                cached = self._usable(self._read_legacy_once(key), rejected)
            if cached:
                self._cache.write(key, cached, self._clock())
                return cached
            token = self._request_token()
            self._cache.write(key, token, self._clock())
            return token

    def _read_legacy_once(self, key: str) -> Token | None:
        """The token an older wmdctl cached in the state dir; the file is removed once read (it holds a credential)."""
        legacy, self._legacy = self._legacy, None
        if legacy is None or not legacy.exists():
            return None
        token = TokenCacheFile(legacy).read(key)
        with contextlib.suppress(OSError):
            legacy.unlink()
        return token

    def _usable(self, token: Token | None, rejected: str | None) -> Token | None:
        if token is None or token.access_token == rejected or not token.usable_at(self._clock()):
            return None
        self._redact.add(token.access_token)
        if self._minted_by_another_secret(token) and not self.accept_token_of_another_secret:
            # Never run on a token the configured credentials could not renew: mint instead, so a wrong
            # secret fails now, with its own message, rather than in an hour in the middle of a cron run.
            self._foreign_token_seen = True
            return None
        return token

    def _minted_by_another_secret(self, token: Token) -> bool:
        return bool(token.minted_with) and token.minted_with != self._credentials.secret_fingerprint

    def _request_token(self) -> Token:
        creds = self._credentials
        path = urlsplit(creds.oauth_url).path or "/"
        started = time.perf_counter()
        try:
            response = self._session.post(
                creds.oauth_url,
                data={"grant_type": "account_credentials", "account_id": creds.account_id},
                auth=(creds.client_id, creds.client_secret),
                headers={"Accept": "application/json"},
                timeout=self._timeout,
            )
        except requests.RequestException as exc:
            self._log_line(f"POST {path} ERR {type(exc).__name__} {_elapsed_ms(started)}ms")
            raise network_error(
                exc, method="POST", path=path, redact=self._redact, hint="check ZOOM_OAUTH_URL and the network"
            ) from None
        self._log_line(f"POST {path} {response.status_code} {_elapsed_ms(started)}ms")
        self.mint_count += 1
        if response.status_code != 200:
            raise self._token_error(response, path)
        return self._parse_token(response, path)

    def _token_error(self, response: requests.Response, path: str) -> ZoomError:
        if response.status_code in (400, 401, 403):
            code, message, _ = parse_body(response)
            return ZoomAuthError(
                self._redact(f"Zoom refused the token request: {message}"),
                status=response.status_code,
                code=code,
                method="POST",
                path=path,
                hint=FOREIGN_TOKEN_HINT if self._foreign_token_seen else CREDENTIALS_HINT,
            )
        now = _utc(self._clock())
        return error_from_response(response, method="POST", path=path, category="light", now=now, redact=self._redact)

    def _parse_token(self, response: requests.Response, path: str) -> Token:
        try:
            body = response.json()
            token = Token(
                str(body["access_token"]),
                self._clock() + float(body.get("expires_in", 3600)),
                str(body.get("scope", "")),
                self._credentials.secret_fingerprint,
            )
        except (ValueError, KeyError, TypeError):
            raise ZoomAuthError(
                "the token endpoint answered 200 without an access token",
                status=200,
                method="POST",
                path=path,
                hint="check ZOOM_OAUTH_URL",
            ) from None
        self._redact.add(token.access_token)
        return token

    def _log_line(self, line: str) -> None:
        if self._log:
            self._log(self._redact(line))


def _elapsed_ms(started: float) -> int:
    return round((time.perf_counter() - started) * 1000)


def _utc(epoch: float) -> datetime:
    return datetime.fromtimestamp(epoch, UTC)
