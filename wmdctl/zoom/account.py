"""Where a Zoom account's shared files live: its rate budget and its token cache.

Zoom's rate limits and its tokens belong to the account, not to a state dir: two wmdctl jobs on one
account with different state dirs share one folder, ``<state home>/wmdctl/accounts/<key>/``. The key is
a hash of the account id (ids are unique across Zoom; the sandbox has its own), so the folder name does not
reveal it. Tokens in the cache are keyed by app and OAuth URL as well (``auth.Credentials.cache_key``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path

from wmdctl.state.files import ensure_private_dir

BUDGET_FILE = "budget.sqlite"
TOKEN_FILE = "token.json"


def accounts_root(environ: Mapping[str, str], home: Path | None = None) -> Path:
    """``$XDG_STATE_HOME/wmdctl/accounts``, else ``~/.local/state/wmdctl/accounts`` (XDG base directories)."""
    state_home = environ.get("XDG_STATE_HOME", "").strip()
    base = Path(state_home) if state_home and Path(state_home).is_absolute() else None
    if base is None:
        base = (home or Path.home()) / ".local" / "state"
    return base / "wmdctl" / "accounts"


def account_key(account_id: str) -> str:
    return hashlib.sha256(f"zoom-account|{account_id}".encode()).hexdigest()[:24]


def account_dir(root: Path, account_id: str) -> Path:
    """The account's folder (created 0700, with its parents)."""
    ensure_private_dir(Path(root))  # the accounts folder lists which accounts are used: private too
    return ensure_private_dir(Path(root) / account_key(account_id))
