"""Two Zoom accounts for campaign tests: one in-process sandbox serving both, each with its own state dir."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from campaign.support import RequestLog, TwoAccounts
from wmdctl.sandbox import SandboxOptions, start_sandbox


@pytest.fixture
def two_accounts(tmp_path: Path) -> Iterator[TwoAccounts]:
    with start_sandbox(SandboxOptions(seed=1, accounts=2)) as handle:
        partner = handle.accounts()[1].account_id
        yield TwoAccounts(handle, partner, tmp_path, RequestLog())
