"""Global options before or after the sub-command mean the same; --version answers without Typer."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from cli_support import Cli
from typer.main import get_command

from wmdctl.cli.entry import wants_version
from wmdctl.cli.globalopts import hoist_global_options
from wmdctl.cli.main import app


def _hoist(*args: str) -> list[str]:
    root = get_command(app)
    return hoist_global_options(root, list(args), lambda group, name: group.get_command(None, name))


def test_global_options_after_the_sub_command_move_to_the_front() -> None:
    assert _hoist("registrants", "list", "--json", "--status", "pending") == [
        "--json", "registrants", "list", "--status", "pending",
    ]  # fmt: skip
    assert _hoist("webinar", "plan", "--event", "e.toml", "-q") == ["--event", "e.toml", "-q", "webinar", "plan"]
    assert _hoist("webinar", "plan", "--config=x.env") == ["--config=x.env", "webinar", "plan"]


def test_a_commands_own_option_value_is_never_taken_for_a_global_option() -> None:
    # `--map` takes a value: "--json" here is that value, not the global flag.
    assert _hoist("registrants", "sync", "a.csv", "--map", "--json") == [
        "registrants",
        "sync",
        "a.csv",
        "--map",
        "--json",
    ]


def test_nothing_after_a_double_dash_moves_and_help_stays_the_commands() -> None:
    assert _hoist("registrants", "approve", "--", "--json") == ["registrants", "approve", "--", "--json"]
    assert _hoist("webinar", "plan", "--help") == ["webinar", "plan", "--help"]


@pytest.mark.parametrize(
    "args",
    [["--json", "config", "show"], ["config", "--json", "show"], ["config", "show", "--json"]],
)
def test_json_anywhere_gives_the_same_document(args: list[str], cli: Cli) -> None:
    result = cli(*args)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["ZOOM_PLAN"] == {"value": "pro", "source": "default"}


@pytest.mark.e2e
def test_registrants_list_json_after_the_sub_command_works_against_the_sandbox(cli: Cli) -> None:
    assert cli("webinar", "apply", "--yes", "--sandbox").exit_code == 0
    result = cli("registrants", "list", "--json", "--sandbox")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_version_is_found_only_among_the_root_options() -> None:
    assert wants_version(["--version"])
    assert wants_version(["--config", "x.env", "--version"])
    assert not wants_version(["sandbox", "serve", "--version"])
    assert not wants_version(["--config", "--version"])  # the value of --config


@pytest.mark.e2e
def test_version_answers_without_importing_typer_rich_or_the_command_tree() -> None:
    code = (
        "import sys\n"
        "from wmdctl.cli.entry import run\n"
        "try:\n    run(['--version'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('typer', 'rich', 'click', 'wmdctl.cli.main', 'wmdctl.cli.app', 'requests')\n"
        "         if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[0].startswith("wmdctl ")
    assert "HEAVY []" in out


@pytest.mark.e2e
def test_group_help_loads_only_that_group() -> None:
    code = (
        "import sys\n"
        "from wmdctl.cli.entry import run\n"
        "try:\n    run(['webinar', '--help'])\nexcept SystemExit:\n    pass\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('wmdctl.cli.') or m.startswith('wmdctl.sandbox'))\n"
        "print('LOADED', loaded)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    loaded = out.split("LOADED", 1)[1]
    assert "wmdctl.cli.webinar" in loaded
    for other in ("wmdctl.cli.registrants", "wmdctl.cli.report", "wmdctl.cli.breakouts", "wmdctl.sandbox"):
        assert f"'{other}'" not in loaded
