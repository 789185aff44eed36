"""Two consoles: data to stdout, everything else to stderr.

``--json`` output is written raw with ``print`` (never through rich markup, which
would wrap and interpret brackets). Whether we are interactive is decided in
one place, ``Output.interactive``, which tests can set.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import IO, Any, Protocol

from rich.console import Console
from rich.markup import escape

from wmdctl.errors import ConfirmationRequired


class Advance(Protocol):
    def __call__(self, n: int = 1) -> None: ...


class _Console(Console):
    def on_broken_pipe(self) -> None:
        """rich's own answer to EPIPE is SystemExit(1); a closed pipe is the reader's choice, so let the CLI end
        quietly with 0 (wmdctl.cli.errors)."""
        raise BrokenPipeError(32, "Broken pipe")


def _is_tty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # closed or not a real stream
        return False


def run_stamp() -> Callable[[], str]:
    """ "2026-10-07T13:05:09Z 3f9a1c": when, and a short id shared by every line of this run."""
    import secrets
    from datetime import UTC, datetime

    run_id = secrets.token_hex(3)

    def stamp() -> str:
        return f"{datetime.now(UTC):%Y-%m-%dT%H:%M:%SZ} {run_id}"

    return stamp


def _color_disabled(no_color: bool) -> bool:
    return no_color or "NO_COLOR" in os.environ or os.environ.get("TERM") == "dumb"


class Output:
    def __init__(
        self,
        *,
        json_mode: bool = False,
        verbose: bool = False,
        quiet: bool = False,
        no_color: bool = False,
        no_input: bool = False,
        no_pager: bool = False,
        stdout: IO[str] | None = None,
        stderr: IO[str] | None = None,
        interactive: bool | None = None,
        stdout_terminal: bool | None = None,
        stamp: Callable[[], str] | None = None,
    ) -> None:
        self.json_mode = json_mode
        self.verbose = verbose and not quiet
        self.quiet = quiet
        self.no_pager = no_pager
        self._stdout = stdout or sys.stdout
        self._stderr = stderr or sys.stderr
        plain = _color_disabled(no_color)
        self.out = _Console(file=self._stdout, no_color=plain, highlight=False, soft_wrap=True)
        # soft_wrap: messages and --verbose request lines stay one line each in cron logs.
        self.err = _Console(file=self._stderr, no_color=plain, highlight=False, stderr=stderr is None, soft_wrap=True)
        if interactive is None:
            interactive = _is_tty(self._stderr) and _is_tty(sys.stdin) and os.environ.get("TERM") != "dumb"
            if stdout_terminal is None:
                stdout_terminal = _is_tty(self._stdout) and os.environ.get("TERM") != "dumb"
        # Tables are drawn only for a person; a file or a pipe gets CSV. Tests that pass `interactive`
        # get the terminal's behaviour on both streams unless they say otherwise.
        self.stdout_terminal = interactive if stdout_terminal is None else stdout_terminal
        self.interactive = interactive and not no_input
        # Without a terminal (cron, CI) every message line says when, and which run, it came from.
        self._stamp = stamp or (None if _is_tty(self._stderr) else run_stamp())

    # --- data (stdout) ---------------------------------------------------
    def data(self, payload: Any) -> None:
        """Write machine-readable JSON to stdout: the stable contract for CI."""
        print(json.dumps(payload, indent=2, ensure_ascii=False, default=str), file=self._stdout)

    def text(self, line: str) -> None:
        print(line, file=self._stdout)

    def table(self, columns: Sequence[str], rows: Sequence[Sequence[Any]], title: str | None = None) -> None:
        """A table on a terminal (long values wrap, never cut; long tables paged); CSV anywhere else."""
        from wmdctl.tables import render_table, write_csv

        if not self.stdout_terminal:
            write_csv(self._stdout, columns, rows)
            return
        render_table(self.out, columns, rows, title=title, page=not self.no_pager)

    # --- messages (stderr) -------------------------------------------------
    def say(self, markup: str) -> None:
        """One message line on stderr (already escaped markup), stamped when there is no terminal."""
        if self._stamp is not None:
            markup = f"{escape(self._stamp())} {markup}"
        self.err.print(markup)

    def info(self, message: str) -> None:
        if not self.quiet:
            self.say(escape(message))

    def step(self, message: str) -> None:
        if not self.quiet:
            self.say(f"[bold cyan]›[/] {escape(message)}")

    def success(self, message: str) -> None:
        if not self.quiet:
            self.say(f"[green]✓[/] {escape(message)}")

    def warn(self, message: str) -> None:
        if not self.quiet:
            self.say(f"[yellow]warning:[/] {escape(message)}")

    def error(self, message: str, hint: str | None = None) -> None:
        self.say(f"[red]error:[/] {escape(message)}")
        if hint:
            self.say(f"  [dim]hint:[/] {escape(hint)}")

    def sandbox_banner(self, api_url: str) -> None:
        """Said whenever a command talks to a sandbox, so nobody mistakes it for the real account."""
        if not self.quiet:
            self.say(f"[bold magenta]SANDBOX[/] local Zoom emulator at {escape(api_url)} (not your Zoom account)")

    def debug(self, message: str) -> None:
        if self.verbose:
            self.say(f"[dim]{escape(message)}[/]")

    # --- interaction ------------------------------------------------------
    def confirm(self, question: str, *, yes: bool, action: str) -> bool:
        """True when confirmed, False when declined; refuses (exit 2) when no terminal can be asked.

        Ctrl-C at the prompt is a KeyboardInterrupt like anywhere else (exit 130); end of input is a no.
        """
        if yes:
            return True
        if not self.interactive:
            raise ConfirmationRequired(action)
        self._stderr.write(f"{question} [y/N]: ")
        self._stderr.flush()
        try:
            answer = input()
        except EOFError:
            return False
        return answer.strip().lower() in ("y", "yes")

    @contextmanager
    def progress(self, total: int | None, description: str) -> Iterator[Advance]:
        """A transient progress bar on a TTY only; a no-op elsewhere (cron logs)."""
        if not self.interactive or self.json_mode:

            def noop(n: int = 1) -> None:
                return None

            yield noop
            return
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=self.err,
            transient=True,
        ) as bar:
            task = bar.add_task(description, total=total)

            def advance(n: int = 1) -> None:
                bar.advance(task, n)

            yield advance
