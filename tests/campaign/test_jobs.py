"""What `campaign status` says comes next, from the session's state and the clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from campaign.support import CAMPAIGN
from wmdctl.campaign.jobs import next_step
from wmdctl.campaign.load import parse_campaign
from wmdctl.event.load import default_event_text


def test_next_step_follows_the_session_through_its_life(tmp_path: Path) -> None:
    (tmp_path / "wmd.toml").write_text(default_event_text(), encoding="utf-8")
    session = parse_campaign(CAMPAIGN, "c.toml", base_dir=tmp_path).sessions[1]  # 15:00-16:00 UTC, 14 Oct 2021
    start = session.event.start_utc
    assert next_step(session, None, False, start) == "campaign apply (no webinar yet)"
    assert next_step(session, "1", True, start) == "campaign apply (the webinar was deleted in Zoom)"
    two_days = start - timedelta(days=2, hours=3)
    assert next_step(session, "1", False, two_days) == "campaign sync (starts in 2 day(s) 3 h)"
    assert next_step(session, "1", False, start - timedelta(minutes=90)) == "campaign sync (starts in 1 h 30 min)"
    assert next_step(session, "1", False, start + timedelta(minutes=5)) == "on air now"
    assert next_step(session, "1", False, datetime(2022, 1, 1, tzinfo=UTC)) == "campaign report; report archive (ended)"
