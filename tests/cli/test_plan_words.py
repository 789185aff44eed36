"""`webinar plan` speaks to programme officers in words; `--json` keeps Zoom's fields."""

from __future__ import annotations

import json

from cli_support import Cli

from wmdctl.cli.plan_words import in_words, label


def test_the_plan_says_registration_manual_approval_not_approval_type_1(cli: Cli) -> None:
    result = cli("webinar", "plan")
    assert result.exit_code == 0, result.stderr
    assert "  + registration: manual approval" in result.stdout
    assert "  + webinar type: a single webinar" in result.stdout
    assert "approval_type" not in result.stdout and "type = 5" not in result.stdout


def test_json_keeps_zooms_fields(cli: Cli) -> None:
    result = cli("webinar", "plan", "--json")
    assert result.exit_code == 0
    assert '"approval_type": 1' in result.stdout
    json.loads(result.stdout)


def test_an_update_reads_old_to_new_and_unknown_fields_stay_readable() -> None:
    assert (label("settings.approval_type"), in_words("settings.approval_type", 0)) == (
        "registration",
        "automatic approval",
    )
    assert in_words("settings.hd_video", False) == "off"
    assert label("settings.question_and_answer.attendees_can_upvote") == "Q&A: attendees can upvote"
    assert in_words("type", 42) == "42"  # a code we have no words for is shown as it is
