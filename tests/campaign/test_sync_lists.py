"""Each session's part of the list reaches run_sync as owner-only files in the session's state folder, then goes."""

from __future__ import annotations

import csv
import stat
from pathlib import Path

import pytest

from campaign.support import CAMPAIGN
from wmdctl.campaign import sync as campaign_sync
from wmdctl.campaign.accounts import Account
from wmdctl.campaign.lists import split_lists
from wmdctl.campaign.load import parse_campaign
from wmdctl.config import load_settings
from wmdctl.errors import NotFoundError
from wmdctl.event.load import default_event_text
from wmdctl.state.store import StateStore
from wmdctl.sync import SyncOptions, SyncResult
from wmdctl.sync.inputs import LoadedRows
from wmdctl.sync.rows import Reject


def account(state_dir: Path) -> Account:
    """A real account on its own state dir; its client is never called (run_sync is replaced)."""
    settings = load_settings(env={"WMD_STATE_DIR": str(state_dir)})
    return Account(None, settings, client=object(), world="https://zoom.example/v2")  # type: ignore[arg-type]


def test_temporary_lists_are_private_mapped_back_and_removed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "wmd.toml").write_text(default_event_text(), encoding="utf-8")
    session = parse_campaign(CAMPAIGN, "c.toml", base_dir=tmp_path).sessions[1]
    source = tmp_path / "list.csv"
    with source.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Email", "Notes", "sessions"])
        writer.writerow(["a@x.org", "two\nlines", "partner-one"])
        writer.writerow(["b@x.org", "", "wmd-2021"])
        writer.writerow(["not-an-email", "", "partner-one"])
    state_dir = tmp_path / "state"
    StateStore(state_dir).save_webinar_id("https://zoom.example/v2", "partner-one", "123")
    seen: dict[str, object] = {}

    def fake_run_sync(client, webinar_id, sources, *, event, ledger_path, **kwargs):
        [temp] = sources
        seen.update(webinar=webinar_id, mode=stat.S_IMODE(temp.stat().st_mode), folder=temp.parent,
                    ledger=ledger_path, text=temp.read_text(encoding="utf-8"), event=event)  # fmt: skip
        # The sync refuses the row on the temporary list's line 4 (line 3 is the two-line cell's second line).
        rejected = Reject(str(temp), 4, "email 'not-an-email' is not a valid address", {"Email": "not-an-email"})
        return SyncResult(webinar_id=webinar_id, run_id="r", loaded=LoadedRows(rejects=[rejected]))

    monkeypatch.setattr(campaign_sync, "run_sync", fake_run_sync)
    split = split_lists([source], [session], [session])
    result = campaign_sync.sync_session(session, account(state_dir), split, SyncOptions())
    folder = StateStore(state_dir).event("partner-one").folder
    assert seen["webinar"] == "123" and seen["mode"] == 0o600 and seen["folder"] == folder
    assert seen["ledger"] == folder / "registrants.sqlite" and seen["event"] is session.event
    assert "sessions" not in str(seen["text"]).splitlines()[0] and "b@x.org" not in str(seen["text"])
    assert [(r.source, r.line, r.session) for r in result.rejects] == [(str(source), 5, "partner-one")]
    assert list(folder.glob("campaign-list-*")) == []


def test_a_session_without_a_webinar_is_not_found(tmp_path: Path) -> None:
    (tmp_path / "wmd.toml").write_text(default_event_text(), encoding="utf-8")
    session = parse_campaign(CAMPAIGN, "c.toml", base_dir=tmp_path).sessions[1]
    split = split_lists([], [session])
    with pytest.raises(NotFoundError, match="no webinar recorded for session 'partner-one'") as caught:
        campaign_sync.sync_session(session, account(tmp_path / "state"), split, SyncOptions())
    assert caught.value.hint == "run `wmdctl campaign apply`"
