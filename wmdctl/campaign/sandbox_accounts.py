"""With --sandbox, each profile of a campaign is its own account of the one in-process sandbox.

Its account id is named after the profile, so a later run over the same sandbox state file finds the same
account (and its webinars) again, and each account id gets its own rate budget (``zoom/budget.py``), as
two real Zoom accounts would: one sandbox per profile, all with the demo account id, shared one budget.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wmdctl.sandbox import SandboxHandle
    from wmdctl.sandbox.options import SandboxCredentials

PROFILE_ACCOUNT_PREFIX = "sandbox-profile-"  # never a numbered demo id ("sandbox-account-wmd-N")


def profile_account_id(profile: str) -> str:
    return f"{PROFILE_ACCOUNT_PREFIX}{profile}"


def profile_account(handle: SandboxHandle, profile: str, plan: str) -> SandboxCredentials:
    """The profile's account in ``handle``'s sandbox: the one a previous run made, else a new one."""
    account_id = profile_account_id(profile)
    try:
        return handle.account(account_id).credentials
    except LookupError:
        return handle.add_account(plan=plan, account_id=account_id)
