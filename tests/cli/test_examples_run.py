"""Every example in every `--help`, and every `wmdctl` line in the README's shell blocks, runs.

Each runs against a sandbox (`--sandbox` is added; global options work anywhere) in a fresh copy of one
prepared Zoom world: the webinar applied, everyone the examples name registered (pending, and approved where
an example cancels them) and the breakout meeting written; for the report examples, the live event simulated
too. So the order of the examples does not matter: what one needs is in the world, and what one destroys is
destroyed in its copy. The `--json` ones must print exactly one JSON document.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
from pathlib import Path

import pytest
from cli_support import Cli, CliResult, VirtualTime
from typer.main import get_command

from wmdctl.cli.main import app

REPO_ROOT = Path(__file__).resolve().parents[2]
README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
OUTPUT_OPTIONS = {"--out", "-o", "--rejects", "--chart", "--dir"}
# Not run, and why: these are not examples of a job, they change the machine or never return.
NOT_RUN = {
    "sandbox serve": "a server that runs until stopped",
    "--install-completion": "writes to the user's shell start-up files",
    "webhooks serve": "a server that runs until stopped",
    "webhooks trigger": "sends to a receiver on another machine (no network beyond loopback in tests)",
}


def _help_examples() -> list[str]:
    found: list[str] = []

    def walk(command: object) -> None:
        found.extend(re.findall(r"Example: `([^`]+)`", getattr(command, "help", None) or ""))
        ctx = None
        for name in getattr(command, "list_commands", lambda _c: [])(ctx):
            walk(command.get_command(ctx, name))  # type: ignore[attr-defined]

    walk(get_command(app))
    return found


def _readme_examples() -> list[str]:
    lines = []
    for block in re.findall(r"```sh\n(.*?)```", README, re.DOTALL):
        lines += [line.split("  #")[0].strip() for line in block.splitlines() if line.startswith("wmdctl ")]
    return lines


def _commands(example: str) -> list[list[str]]:
    """The wmdctl commands in an example line: `a && cd x && $EDITOR y` keeps a; `>>` redirections are dropped."""
    commands = []
    for part in re.split(r"&&|\|", example):
        words = shlex.split(part.split(">>")[0])
        if words and words[0] == "wmdctl":
            commands.append(words[1:])
    return commands


EXAMPLES = sorted(set(_help_examples() + _readme_examples()))
RUNNABLE = [e for e in EXAMPLES if not any(skip in e for skip in NOT_RUN)]


def _inputs(args: list[str]) -> list[str]:
    """File arguments the example reads (CSV/XLSX lists), as opposed to files it writes."""
    return [
        a for i, a in enumerate(args) if a.endswith((".csv", ".xlsx")) and (i == 0 or args[i - 1] not in OUTPUT_OPTIONS)
    ]


def _write_list(path: Path, emails: list[str], email_header: str) -> None:
    rows = [(e, e.split("@")[0].title(), "Docs") for e in emails]
    if path.suffix == ".xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.append([email_header, "First name", "Last name"])
        for row in rows:
            sheet.append(list(row))
        book.save(path)
    else:
        text = "\n".join([f"{email_header},First name,Last name", *(",".join(r) for r in rows)]) + "\n"
        path.write_text(text, encoding="utf-8")


# One clock for the module's world, which a module-scoped fixture builds (the `cli` fixture is per test).
_cli = Cli(VirtualTime())


def _run(args: list[str], state: Path, *, stdin: str | None = None) -> CliResult:
    """Every example runs on the in-process sandbox of the world's state dir.

    The world is built in a module-scoped fixture, before the autouse isolation: the account's folder
    (token, rate budget) must not land in the real state home.
    """
    env = {"WMD_STATE_DIR": str(state), "XDG_STATE_HOME": str(state.parent / "state-home")}
    return _cli("--sandbox", *args, env=env, input=stdin, catch_exceptions=True)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One prepared sandbox state: applied, registered, approved where needed, breakouts written, simulated."""
    base = tmp_path_factory.mktemp("docs-world")
    state = base / "state"
    named = sorted({e.lower() for example in EXAMPLES for e in EMAIL.findall(example)})
    to_cancel = sorted({e.lower() for x in EXAMPLES if " cancel " in x for e in EMAIL.findall(x)})
    people = base / "people.csv"
    _write_list(people, [*named, "docs.attendee@example.org"], "Email")
    steps = [
        ["webinar", "apply", "--yes"],
        ["registrants", "sync", str(people)],
        ["registrants", "approve", "--yes", *to_cancel, "docs.attendee@example.org"],
        ["breakouts", "apply", "--yes"],
    ]
    for step in steps:
        result = _run(step, state)
        assert result.exit_code == 0, (step, result.stdout, result.stderr)
    shutil.copytree(state, base / "before")  # registration is open: syncs, approvals, breakouts
    result = _run(["sandbox", "simulate", "--seed", "7"], state)
    assert result.exit_code == 0, result.stderr
    shutil.copytree(state, base / "after")  # the webinar has ended: reports
    return state


def _restore(world: Path, example: str) -> Path:
    """The world before or after the event, as the example needs, in place: ids belong to the file at this path."""
    shutil.rmtree(world)
    shutil.copytree(world.parent / ("after" if " report " in example else "before"), world)
    return world


def test_there_are_examples_to_run() -> None:
    assert len(RUNNABLE) >= 25
    assert any("--json" in e for e in RUNNABLE)


@pytest.mark.e2e
@pytest.mark.parametrize("example", RUNNABLE)
def test_the_example_runs(example: str, world: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    state = _restore(world, example)
    monkeypatch.setenv("HOME", str(tmp_path))
    profiles = tmp_path / "config-home" / "wmdctl" / "profiles"
    profiles.mkdir(parents=True)
    (profiles / "barcelona.env").write_text("ZOOM_PLAN=pro\n", encoding="utf-8")
    for args in _commands(example.replace("/tmp/", f"{tmp_path}/")):
        emails = [e.lower() for e in EMAIL.findall(example)]
        for name in _inputs(args):
            from_file = "--from" in args and args[args.index("--from") + 1] == name
            header = "Correo" if "Correo=email" in example else "Email"
            newcomer = f"docs.{Path(name).stem.replace('-', '.')}@example.org"  # one per list: no duplicates
            _write_list(Path(name), emails if from_file else [*emails, newcomer], header)
        result = _run(args, state)
        assert result.exit_code == 0, (example, result.stdout, result.stderr)
        if "--json" in args:
            json.loads(result.stdout)  # exactly one document, nothing else
