"""`[registration.auto_approve]`: read, validated, matched, and shown by `webinar plan`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import Cli

from wmdctl.errors import EventFileError
from wmdctl.event.load import default_event_text, parse_event
from wmdctl.event.model import AutoApprove

from .helpers import event_text, write_event


def test_the_rules_are_read_and_normalised() -> None:
    event = parse_event(event_text(("Metropolis.ORG", "@unhabitat.org", ".un.org", "metropolis.org")), "t")
    assert event.registration.auto_approve.email_domains == ("metropolis.org", "unhabitat.org", "un.org")


def test_no_table_means_no_rules() -> None:
    assert parse_event(default_event_text(), "t").registration.auto_approve == AutoApprove()


@pytest.mark.parametrize("bad", ["*.metropolis.org", "metropolis", "ana@metropolis.org", "metro polis.org", ""])
def test_a_bad_domain_is_named_with_its_key_path(bad: str) -> None:
    with pytest.raises(EventFileError) as error:
        parse_event(event_text((bad,)), "t")
    [problem] = error.value.problems
    assert problem.where.startswith("registration.auto_approve.email_domains[0]")


def test_rules_with_automatic_approval_are_a_contradiction() -> None:
    text = event_text().replace('approval = "manual"', 'approval = "automatic"', 1)
    with pytest.raises(EventFileError) as error:
        parse_event(text, "t")
    assert [p.where for p in error.value.problems] == ["registration.auto_approve"]


def test_an_unknown_key_in_the_table_is_reported() -> None:
    rules = "[registration.auto_approve]\nemail_domains ="
    text = event_text().replace(rules, rules.replace("domains", "domain"), 1)
    assert text != event_text()
    with pytest.raises(EventFileError) as error:
        parse_event(text, "t")
    assert "did you mean 'email_domains'" in str(error.value.problems[0])


@pytest.mark.parametrize(
    ("email", "matches"),
    [
        ("ana@metropolis.org", True),
        ("ANA@Metropolis.Org", True),
        ("ana@barcelona.metropolis.org", True),
        ("ana@evilmetropolis.org", False),  # a suffix is not a subdomain
        ("ana@metropolis.org.evil.com", False),
        ("ana@gmail.com", False),
        ("metropolis.org", False),  # no @: no domain
    ],
)
def test_a_domain_covers_itself_and_its_subdomains(email: str, matches: bool) -> None:
    assert AutoApprove(("metropolis.org",)).matches(email) is matches


def test_webinar_plan_shows_the_rules(tmp_path: Path, cli: Cli) -> None:
    path = write_event(tmp_path / "event.toml")
    result = cli("--event", str(path), "webinar", "plan")
    assert result.exit_code == 0, result.output
    assert "auto-approve pending registrants from metropolis.org, unhabitat.org and their subdomains" in result.stdout
    data = json.loads(cli("--json", "--event", str(path), "webinar", "plan").stdout)
    assert data["registration_auto_approve"] == {"email_domains": ["metropolis.org", "unhabitat.org"]}
