"""Splitting one campaign list into each session's list: names, separators, session-only columns, rejects."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from campaign.support import CAMPAIGN
from wmdctl.campaign.lists import split_lists
from wmdctl.campaign.load import parse_campaign
from wmdctl.errors import UsageError
from wmdctl.event.load import default_event_text


@pytest.fixture
def sessions(tmp_path: Path):
    (tmp_path / "wmd.toml").write_text(default_event_text(), encoding="utf-8")
    text = CAMPAIGN.replace('topic = "Partner session two"', 'topic = "Care, and cities"')
    return parse_campaign(text, "c.toml", base_dir=tmp_path).sessions


def _csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_keys_titles_and_separators(tmp_path: Path, sessions) -> None:
    source = _csv(tmp_path / "l.csv", ["Email", "Sessions"], [
        ["a@x.org", "wmd-2021"],
        ["b@x.org", " PARTNER-ONE ; care, and cities "],  # a title with a comma, in any case
        ["c@x.org", "partner-one,partner-two"],
        ["d@x.org", "Partner   session one\nwmd-2021"],  # spacing in a title does not matter
    ])  # fmt: skip
    split = split_lists([source], sessions)
    emails = {
        key: [r.values["Email"] for part in parts for r in part.records] for key, parts in split.by_session.items()
    }
    assert emails == {"wmd-2021": ["a@x.org", "d@x.org"], "partner-one": ["b@x.org", "c@x.org", "d@x.org"],
                      "partner-two": ["b@x.org", "c@x.org"]}  # fmt: skip
    assert split.rejects == [] and split.rows == 4
    assert all("Sessions" not in r.values for parts in split.by_session.values() for p in parts for r in p.records)


def test_unknown_or_missing_sessions_are_rejects_with_file_and_line(tmp_path: Path, sessions) -> None:
    source = _csv(tmp_path / "l.csv", ["Email", "sessions"], [
        ["a@x.org", "wmd-2021; wmd-2020"], ["b@x.org", ""], ["c@x.org", "partner-two"],
    ])  # fmt: skip
    split = split_lists([source], sessions)
    assert [(r.source, r.line) for r in split.rejects] == [(str(source), 2), (str(source), 3)]
    assert "'wmd-2020'" in split.rejects[0].reason and "known keys" in split.rejects[0].reason
    assert "names no session" in split.rejects[1].reason
    assert split.rejects[0].values["Email"] == "a@x.org"  # the original cells, to fix and feed back
    # A known name in a row with an unknown one still registers that person where the list is clear.
    assert split.people("wmd-2021") == 1


def test_a_session_only_column_wins_there_and_is_dropped_elsewhere(tmp_path: Path, sessions) -> None:
    question = "Which panel breakout session would you like to join?"
    source = _csv(tmp_path / "l.csv", ["Email", "sessions", question, f"partner-one: {question}", "Notes: free"], [
        ["a@x.org", "wmd-2021;partner-one;partner-two", "Framing recovery for all", "Housing", "hi"],
    ])  # fmt: skip
    split = split_lists([source], sessions)
    [wmd] = split.by_session["wmd-2021"][0].records
    [one] = split.by_session["partner-one"][0].records
    assert wmd.values == {"Email": "a@x.org", question: "Framing recovery for all", "Notes: free": "hi"}
    assert one.values == {"Email": "a@x.org", question: "Housing", "Notes: free": "hi"}
    assert split.by_session["partner-one"][0].headers == ["Email", "Notes: free", question]


def test_only_keeps_the_selected_sessions_and_no_sessions_column_is_a_usage_error(tmp_path: Path, sessions) -> None:
    source = _csv(tmp_path / "l.csv", ["Email", "sessions"], [["a@x.org", "wmd-2021;partner-one"]])
    split = split_lists([source], sessions, selected=sessions[1:2])
    assert list(split.by_session) == ["partner-one"] and split.people("partner-one") == 1
    with pytest.raises(UsageError, match="no 'sessions' column"):
        split_lists([_csv(tmp_path / "n.csv", ["Email"], [["a@x.org"]])], sessions)


def test_a_list_without_a_sessions_column_is_for_the_sessions_named_by_only(tmp_path: Path, sessions) -> None:
    source = _csv(tmp_path / "late.csv", ["Email"], [["a@x.org"], ["b@x.org"]])
    split = split_lists([source], sessions, selected=sessions[1:])
    assert split.people("partner-one") == split.people("partner-two") == 2 and split.rejects == []
    assert "wmd-2021" not in split.by_session
