"""The README's list of dangerous commands is exactly the list of commands that ask first.

Each command in the README's table is run here, in a sandbox world where it has something to do, without a
terminal and without --yes: it must refuse with exit 2 and name --yes, and it must have sent nothing.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_support import Cli, VirtualTime

REPO_ROOT = Path(__file__).resolve().parents[2]


def _readme_dangerous() -> set[str]:
    section = (REPO_ROOT / "README.md").read_text(encoding="utf-8").split("### Dangerous commands", 1)[1]
    rows = [line for line in section.split("\n#", 1)[0].splitlines() if line.startswith("| `wmdctl ")]
    return {row.split("`")[1].removeprefix("wmdctl ") for row in rows}


# The scenarios' set-up steps run the CLI too, from a table of plain functions: one Cli for the module.
_cli = Cli(VirtualTime())


def _ok(*args: str) -> str:
    result = _cli("--sandbox", *args)
    assert result.exit_code == 0, (args, result.stderr)
    return result.stdout


def _people(tmp_path: Path, *emails: str) -> str:
    path = tmp_path / f"list-{len(emails)}.csv"
    path.write_text("Email,First name\n" + "".join(f"{e},{e[0].upper()}\n" for e in emails), encoding="utf-8")
    return str(path)


def _extra_panelist(tmp_path: Path) -> None:
    from sandbox_client import sandbox_client

    from wmdctl.sandbox import SandboxOptions, start_sandbox
    from wmdctl.state.store import StateStore

    state = Path(os.environ["WMD_STATE_DIR"])
    handle = start_sandbox(SandboxOptions(state_path=state / "sandbox.db"))
    try:
        client = sandbox_client(handle, tmp_path / "token.json")
        webinar_id = StateStore(state).webinar_id(f"sandbox:{state / 'sandbox.db'}", "wmd-2021")
        assert webinar_id is not None
        client.add_panelists(webinar_id, [{"name": "Old Speaker", "email": "old.speaker@example.org"}])
        client.close()
    finally:
        handle.stop()


def _two_registered(tmp_path: Path) -> None:
    _ok("registrants", "sync", _people(tmp_path, "a@example.org", "b@example.org"))


def _registrant_count() -> int:
    return len(json.loads(_ok("--json", "registrants", "list")))


# README command -> (set-up, the command line that must ask)
SCENARIOS: dict[str, tuple[Callable[[Path], None], list[str]]] = {
    "webinar delete": (lambda tmp: None, ["webinar", "delete"]),
    "webinar apply --prune-panelists": (_extra_panelist, ["webinar", "apply", "--prune-panelists"]),
    "registrants deny": (lambda tmp: None, ["registrants", "deny", "a@example.org"]),
    "registrants cancel": (lambda tmp: None, ["registrants", "cancel", "a@example.org"]),
    "registrants approve": (lambda tmp: None, ["registrants", "approve", *(f"p{i}@example.org" for i in range(11))]),
    "registrants sync --prune": (_two_registered, ["registrants", "sync", "--prune", "--max-cancel", "5"]),
    "breakouts apply": (lambda tmp: None, ["breakouts", "apply"]),
}


def test_the_readme_lists_exactly_the_commands_that_ask() -> None:
    assert _readme_dangerous() == set(SCENARIOS)


@pytest.mark.e2e
@pytest.mark.parametrize("command", sorted(SCENARIOS))
def test_each_dangerous_command_refuses_without_a_terminal(command: str, tmp_path: Path, cli: Cli) -> None:
    _ok("webinar", "apply", "--yes")
    set_up, args = SCENARIOS[command]
    set_up(tmp_path)
    if command == "registrants sync --prune":
        args = [*args, _people(tmp_path, "a@example.org")]  # b is on no list any more
    before = _registrant_count()
    result = cli("--sandbox", *args)
    assert result.exit_code == 2, (command, result.stdout, result.stderr)
    assert "--yes" in result.stderr
    assert _registrant_count() == before  # nothing was sent
