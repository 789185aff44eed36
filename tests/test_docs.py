"""The documentation cannot drift from the code: help texts, variables, exit codes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from cli_support import Cli
from typer.main import get_command

from wmdctl.cli.main import app
from wmdctl.config import VARIABLES, load_settings
from wmdctl.exitcodes import DESCRIPTIONS, ExitCode

REPO_ROOT = Path(__file__).resolve().parents[1]
README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")


def _leaf_commands() -> list[tuple[str, object]]:
    found = []

    def walk(command: object, path: str) -> None:
        if hasattr(command, "list_commands"):  # a group: its sub-commands load on demand
            for name in command.list_commands(None):
                walk(command.get_command(None, name), f"{path} {name}")  # type: ignore[attr-defined]
        else:
            found.append((path.strip(), command))

    walk(get_command(app), "")
    return found


@pytest.mark.parametrize(("path", "command"), _leaf_commands(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_command_has_a_summary_and_an_example(path: str, command: object) -> None:
    help_text = getattr(command, "help", None) or ""
    assert help_text.strip(), f"`wmdctl {path}` has no help"
    assert "Example" in help_text, f"`wmdctl {path}` help has no example"


def test_the_command_tree_is_complete() -> None:
    paths = {path for path, _ in _leaf_commands()}
    expected = {
        "init", "doctor", "demo", "config show",
        "webinar plan", "webinar apply", "webinar show", "webinar delete",
        "registrants sync", "registrants list", "registrants export",
        "registrants approve", "registrants deny", "registrants cancel",
        "report attendance", "report qa", "report polls", "report archive",
        "breakouts plan", "breakouts apply", "breakouts export", "breakouts show",
        "sandbox serve", "sandbox simulate", "config profiles",
        "webhooks serve", "webhooks events", "webhooks trigger", "live", "completion",
    }  # fmt: skip
    assert expected <= paths


def _readme_table(heading: str) -> list[list[str]]:
    section = README.split(heading, 1)[1]
    rows = []
    for line in section.splitlines()[1:]:
        if line.startswith("#"):
            break
        if line.startswith("|") and not line.startswith("| ---"):
            rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows[1:]  # without the header row


def test_every_variable_is_in_the_example_the_readme_and_the_code() -> None:
    in_code = {v.name for v in VARIABLES}
    example = (REPO_ROOT / "config.example.env").read_text(encoding="utf-8")
    in_example = set(re.findall(r"^([A-Z_]+)=", example, re.MULTILINE))
    in_readme = {row[0].strip("`") for row in _readme_table("## Configuration")}
    assert in_example == in_code
    assert in_readme == in_code
    assert set(load_settings(env={}).resolved) == in_code  # every one is read


def test_readme_exit_code_table_matches_the_exit_code_module() -> None:
    rows = {int(code): meaning for code, meaning in _readme_table("## Exit codes")}
    assert rows == {int(code): DESCRIPTIONS[code] for code in ExitCode}


def _readme_commands() -> list[str]:
    return re.findall(r"```sh\n(python3 -m venv[^\n]+)\n```", README)


def test_readme_opens_with_the_two_setup_commands() -> None:
    demo, tests = _readme_commands()[:2]
    assert demo.endswith("wmdctl demo") and "pip install ." in demo
    assert "'.[test]'" in tests and tests.endswith("pytest")


def test_ci_runs_exactly_the_readme_test_command() -> None:
    ci_script = (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert _readme_commands()[1] in ci_script.splitlines()


def _all_commands() -> list[tuple[str, object]]:
    """Every group and leaf command, with its path ("" for the root)."""
    found: list[tuple[str, object]] = []

    def walk(command: object, path: str) -> None:
        found.append((path.strip(), command))
        for name, child in (getattr(command, "commands", None) or {}).items():
            walk(child, f"{path} {name}")

    root = get_command(app)
    for name in root.list_commands(None):  # type: ignore[attr-defined]
        root.get_command(None, name)  # type: ignore[attr-defined]  # load the lazy ones
    walk(root, "")
    return found


@pytest.mark.parametrize(("path", "command"), [c for c in _all_commands() if getattr(c[1], "commands", None)])
def test_every_group_has_an_example(path: str, command: object) -> None:
    assert "Example: `wmdctl" in (getattr(command, "help", None) or ""), f"`wmdctl {path}` group has no example"


@pytest.mark.parametrize("path", ["", "registrants sync", "registrants list", "report attendance", "config show"])
def test_help_shows_readable_metavars(path: str, cli: Cli) -> None:

    result = cli(*path.split(), "--help", env={"COLUMNS": "120"})
    assert result.exit_code == 0
    for developer_word in ("<bool>", "<str>", "<int>", "<path>", "list[", "{sources}"):
        assert developer_word not in result.stdout, f"`wmdctl {path} --help` shows {developer_word}"


def test_sync_help_reads_like_documentation(cli: Cli) -> None:

    text = cli("registrants", "sync", "--help", env={"COLUMNS": "120"}).stdout
    assert "SOURCES..." in text and "--rejects" in text and "FILE" in text


def test_readme_lists_every_global_option() -> None:
    from wmdctl.cli.globalopts import GLOBAL_FLAGS, GLOBAL_VALUED

    listed = " ".join(row[0] for row in _readme_table("### Global options"))
    for option in GLOBAL_FLAGS | GLOBAL_VALUED | {"--version"}:
        assert f"`{option}" in listed or f"`{option}`" in listed, option


def test_every_commented_toml_example_in_the_embedded_event_parses() -> None:
    import tomllib

    text = (REPO_ROOT / "wmdctl" / "events" / "wmd2021.toml").read_text(encoding="utf-8")
    comments = [line.lstrip()[1:].strip() for line in text.splitlines() if line.lstrip().startswith("#")]
    examples = [c.split("  #")[0].strip() for c in comments if re.match(r"^[a-z_]+\s*=\s*\S", c)]
    examples += re.findall(r"\(([a-z_]+ = [^)]+)\)", "\n".join(comments))  # "(start = 15:10:00)" in prose
    assert len(examples) >= 3
    for example in examples:
        try:
            tomllib.loads(example)
        except tomllib.TOMLDecodeError as exc:
            raise AssertionError(f"the embedded event's comment shows invalid TOML: {example!r} ({exc})") from exc
