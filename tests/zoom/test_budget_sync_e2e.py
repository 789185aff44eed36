"""A sync the account's daily budget cannot finish stops before it sends anything, and says why.

The real sandbox on loopback and a real ZoomClient with an account budget; earlier use of the day is
written into the budget file, as other wmdctl runs on the account would have left it.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from wmdctl.config import load_settings
from wmdctl.sandbox import SandboxHandle, SandboxOptions, start_sandbox
from wmdctl.sync import SyncOptions, run_sync
from wmdctl.zoom.budget import utc_day
from wmdctl.zoom.client import ZoomClient
from wmdctl.zoom.errors import ZoomRateLimitError

pytestmark = pytest.mark.e2e
BATCHES = 40


@pytest.fixture
def handle() -> Iterator[SandboxHandle]:
    with start_sandbox(SandboxOptions(seed=7, plan="pro")) as running:
        yield running


def test_a_sync_needing_more_batches_than_are_left_today_does_not_start(handle: SandboxHandle, tmp_path: Path) -> None:
    state_dir = tmp_path / "state"
    settings = load_settings(env={**handle.settings(), "ZOOM_PLAN": "pro"}, cwd=tmp_path)
    now = time.time()  # one instant for the whole test: the UTC day cannot change under it
    with ZoomClient(settings.client_config(token_cache=state_dir / "token.json"), clock=lambda: now) as client:
        body = {"topic": "Budget", "type": 5, "start_time": "2031-10-07T15:00:00Z", "duration": 60,
                "settings": {"approval_type": 1}}  # fmt: skip
        webinar_id = str(client.create_webinar(settings.host, body)["id"])
        assert client.budget is not None
        assert str(client.budget.path).startswith(os.environ["XDG_STATE_HOME"])  # the isolated state home
        with sqlite3.connect(client.budget.path) as db:
            db.execute("INSERT INTO daily VALUES (?, 'heavy', 29988)", (utc_day(now),))  # earlier runs today
        source = tmp_path / "people.csv"
        rows = [f"p{n}@example.org,First{n},Last{n}" for n in range(BATCHES * 30)]
        source.write_text("email,first_name,last_name\n" + "\n".join(rows) + "\n", encoding="utf-8")

        with pytest.raises(ZoomRateLimitError) as caught:
            run_sync(client, webinar_id, [source], event=None, ledger_path=state_dir / "registrants.sqlite",
                     rejects_path=None, options=SyncOptions())  # fmt: skip

    assert caught.value.message == "this sync needs 40 batch calls; 12 are left today; resume after 00:00 UTC"
    assert caught.value.exit_code == 5
    state = requests.get(f"{handle.admin_url}/state", timeout=30).json()
    webinar = next(w for w in state["webinars"] if str(w["id"]) == webinar_id)
    assert webinar["_sandbox"]["registrants"] == []  # nothing was sent


def test_calls_other_apps_made_today_count_once_zoom_says_what_is_left(handle: SandboxHandle, tmp_path: Path) -> None:
    # Another app on the account (here: plain requests with its own token) spends Heavy calls wmdctl never saw.
    other = requests.Session()
    token = other.post(handle.oauth_url, params={"grant_type": "account_credentials", "account_id": handle.account_id},
                       auth=(handle.client_id, handle.client_secret), timeout=30).json()["access_token"]  # fmt: skip
    other.headers["Authorization"] = f"Bearer {token}"
    body = {"topic": "Other app", "type": 5, "start_time": "2031-10-07T15:00:00Z", "duration": 60,
            "settings": {"approval_type": 0}}  # fmt: skip
    webinar_id = other.post(f"{handle.api_url}/users/me/webinars", json=body, timeout=30).json()["id"]
    for n in range(7):
        people = {"registrants": [{"email": f"other{n}@example.org", "first_name": "Other"}]}
        assert other.post(f"{handle.api_url}/webinars/{webinar_id}/batch_registrants", json=people, timeout=30).ok

    settings = load_settings(env={**handle.settings(), "ZOOM_PLAN": "pro"}, cwd=tmp_path)
    with ZoomClient(settings.client_config(token_cache=tmp_path / "token.json")) as client:
        before = {u.category: u.used for u in client.usage_today()}
        client.batch_add_registrants(
            str(webinar_id), [{"email": "ours@example.org", "first_name": "Ours"}], auto_approve=False
        )
        after = {u.category: u.used for u in client.usage_today()}
        with pytest.raises(ZoomRateLimitError, match="needs 29993 batch calls; 29992 are left today"):
            client.check_daily_budget({"heavy": 29993}, what="this sync", names={"heavy": "batch"})
        client.check_daily_budget({"heavy": 29992})  # exactly what is left: allowed
    assert before["heavy"] == 0  # wmdctl alone had counted nothing
    assert after["heavy"] == 8  # the other app's 7 and our 1, as Zoom counts them
