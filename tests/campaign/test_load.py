"""The campaign file: defaults merged into each session, every problem reported with its key path."""

from __future__ import annotations

from pathlib import Path

import pytest

from campaign.support import CAMPAIGN
from wmdctl.campaign.example import write_example_campaign
from wmdctl.campaign.load import CampaignFileError, load_campaign, parse_campaign
from wmdctl.errors import UsageError
from wmdctl.event.load import default_event_text


def _campaign(tmp_path: Path, text: str = CAMPAIGN):
    (tmp_path / "wmd.toml").write_text(default_event_text(), encoding="utf-8")
    return parse_campaign(text, "campaign.toml", base_dir=tmp_path)


def _problems(tmp_path: Path, text: str) -> dict[str, str]:
    with pytest.raises(CampaignFileError) as caught:
        _campaign(tmp_path, text)
    return {p.where: p.reason for p in caught.value.problems}


def test_defaults_fill_in_and_each_layer_wins_over_the_one_below(tmp_path: Path) -> None:
    campaign = _campaign(tmp_path)
    wmd, one, two = campaign.sessions
    assert (campaign.name, campaign.year, campaign.organisers) == ("Urban October test", 2021, ("Metropolis",))
    assert wmd.key == "wmd-2021" and wmd.source.endswith("wmd.toml")  # the key comes from the event file
    assert wmd.event.registration.approval == "manual"  # the event file's own value beats the defaults
    assert one.event.registration.approval == "automatic"  # from the defaults
    assert [q.field_name for q in one.event.registration.questions] == ["last_name"]
    # answers_from_panels in the defaults gives each session its own panel titles.
    assert one.event.registration.custom_questions[0].answers == ("Housing", "Streets")
    assert two.event.registration.custom_questions[0].answers == ("Care",)
    assert one.event.organisers == ("Metropolis",)  # the campaign's organisers, when nobody else says
    assert (one.profile, two.profile, wmd.profile) == ("partner", "partner", None)
    assert campaign.profiles == [None, "partner"]


def test_every_problem_is_reported_at_once_with_its_key_path(tmp_path: Path) -> None:
    text = CAMPAIGN.replace('approval = "automatic"', 'approval = "sometimes"')
    text = text.replace('timezone = "Asia/Tokyo"', 'timezone = "Mars/Olympus"')
    text = text.replace('profile = "partner"\n[sessions.event]\ntopic = "Partner session one"',
                        'profil = "partner"\n[sessions.event]\ntopic = "Partner session one"')  # fmt: skip
    problems = _problems(tmp_path, text)
    assert "sessions[2].event.timezone" in problems
    assert "session 'partner-two'" in problems["sessions[2].event.timezone"]
    # A bad default is reported in each session it reaches, saying where it came from.
    approval = problems["sessions[1].registration.approval"]
    assert "'sometimes'" in approval and "from defaults" in approval
    assert "sessions[2].registration.approval" in problems
    assert "sessions[0].registration.approval" not in problems  # the WMD file sets its own
    assert "did you mean 'profile'" in problems["sessions[1].profil"]


def test_a_problem_in_the_event_file_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "broken.toml").write_text(default_event_text().replace("title = \"Creating caring metropolises\"",
                                                                       "title = 5"), encoding="utf-8")  # fmt: skip
    text = CAMPAIGN.replace('file = "wmd.toml"', 'file = "broken.toml"')
    (tmp_path / "wmd.toml").write_text(default_event_text(), encoding="utf-8")
    with pytest.raises(CampaignFileError) as caught:
        parse_campaign(text, "campaign.toml", base_dir=tmp_path)
    [problem] = [p for p in caught.value.problems if p.where == "sessions[0].panels[0].title"]
    assert "from file broken.toml" in problem.reason


def test_missing_file_duplicate_keys_and_missing_event(tmp_path: Path) -> None:
    text = CAMPAIGN.replace('file = "wmd.toml"', 'file = "nowhere.toml"').replace('key = "partner-two"',
                                                                                'key = "partner-one"')  # fmt: skip
    text += '\n[[sessions]]\nkey = "empty"\n'
    problems = _problems(tmp_path, text)
    assert "does not exist" in problems["sessions[0].file"]
    assert "also the key of sessions[1]" in problems["sessions[2].key"]
    assert "inline" in problems["sessions[3].event"]


def test_campaign_table_and_sessions_are_required(tmp_path: Path) -> None:
    problems = _problems(tmp_path, "[defaults]\nhots = 'x@example.org'\n")
    assert problems["campaign"] == "required key is missing"
    assert problems["sessions"] == "required key is missing"
    assert "did you mean 'host'" in problems["defaults.hots"]


def test_syntax_error_and_unreadable_file(tmp_path: Path) -> None:
    assert "TOML syntax error" in _problems(tmp_path, "[campaign\n")["file"]
    with pytest.raises(CampaignFileError) as caught:
        load_campaign(tmp_path / "missing.toml")
    assert caught.value.exit_code == 3


def test_select_by_key_and_unknown_keys(tmp_path: Path) -> None:
    campaign = _campaign(tmp_path)
    assert [s.key for s in campaign.select(["partner-two", "wmd-2021"])] == ["wmd-2021", "partner-two"]
    with pytest.raises(UsageError, match="'nope'"):
        campaign.select(["nope"])


def test_the_example_campaign_loads(tmp_path: Path) -> None:
    written = write_example_campaign(tmp_path)
    assert sorted(p.name for p in written) == ["campaign.toml", "wmd2021.toml"]
    campaign = load_campaign(tmp_path / "campaign.toml")
    assert [(s.key, s.profile) for s in campaign.sessions] == [
        ("wmd-2021", None), ("partner-housing-2021", "partner-city"), ("partner-mobility-2021", "partner-city"),
    ]  # fmt: skip
    with pytest.raises(UsageError, match="refusing to overwrite"):
        write_example_campaign(tmp_path)


def test_the_host_comes_from_the_session_else_the_defaults(tmp_path: Path) -> None:
    host = '[defaults]\nhost = "team@example.org"\n\n'
    text = CAMPAIGN.replace("[defaults.registration]", host + "[defaults.registration]")
    text = text.replace('key = "partner-two"', 'key = "partner-two"\nhost = "partner.host@example.org"')
    wmd, one, two = _campaign(tmp_path, text).sessions
    assert (wmd.host, one.host, two.host) == ("team@example.org", "team@example.org", "partner.host@example.org")
    assert "not a valid email" in _problems(tmp_path, text.replace("team@example.org", "team"))["defaults.host"]
