"""Two Zoom accounts for campaign tests: two in-process sandboxes, each with its own state dir."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from campaign.support import RequestLog, TwoAccounts
from wmdctl.sandbox import SandboxOptions, start_sandbox


@pytest.fixture
def two_accounts(tmp_path: Path) -> Iterator[TwoAccounts]:
    default = start_sandbox(SandboxOptions(seed=1))
    partner = start_sandbox(SandboxOptions(seed=2))
    try:
        yield TwoAccounts(default, partner, tmp_path, RequestLog())
    finally:
        default.stop()
        partner.stop()
