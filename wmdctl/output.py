"""Two consoles: data to stdout, everything else to stderr.

``--json`` output is written raw with ``print`` (never through rich markup, which
would wrap and interpret brackets). Whether we are interactive is decided in
one place, ``Output.interactive``, which tests can set.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import IO, Any, Protocol

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from wmdctl.errors import ConfirmationRequired


class Advance(Protocol):
    def __call__(self, n: int = 1) -> None: ...


def _color_disabled(no_color: bool) -> bool:
    return no_color or "NO_COLOR" in os.environ or os.environ.get("TERM") == "dumb"


class Output:
    def __init__(
        self,
        *,
        json_mode: bool = False,
        verbose: bool = False,
        no_color: bool = False,
        stdout: IO[str] | None = None,
        stderr: IO[str] | None = None,
        interactive: bool | None = None,
    ) -> None:
        self.json_mode = json_mode
        self.verbose = verbose
        self._stdout = stdout or sys.stdout
        self._stderr = stderr or sys.stderr
        plain = _color_disabled(no_color)
        self.out = Console(file=self._stdout, no_color=plain, highlight=False, soft_wrap=True)
        # soft_wrap: messages and --verbose request lines stay one line each in cron logs.
        self.err = Console(file=self._stderr, no_color=plain, highlight=False, stderr=stderr is None, soft_wrap=True)
        if interactive is None:
            interactive = self._stderr.isatty() and sys.stdin.isatty() and os.environ.get("TERM") != "dumb"
        self.interactive = interactive

    # --- data (stdout) ---------------------------------------------------
    def data(self, payload: Any) -> None:
        """Write machine-readable JSON to stdout: the stable contract for CI."""
        print(json.dumps(payload, indent=2, ensure_ascii=False, default=str), file=self._stdout)

    def text(self, line: str) -> None:
        print(line, file=self._stdout)

    def table(self, columns: Sequence[str], rows: Sequence[Sequence[Any]], title: str | None = None) -> None:
        table = Table(*columns, title=title, header_style="bold")
        for row in rows:
            table.add_row(*(escape("" if v is None else str(v)) for v in row))
        self.out.print(table)

    # --- messages (stderr) -------------------------------------------------
    def info(self, message: str) -> None:
        self.err.print(escape(message))

    def step(self, message: str) -> None:
        self.err.print(f"[bold cyan]›[/] {escape(message)}")

    def success(self, message: str) -> None:
        self.err.print(f"[green]✓[/] {escape(message)}")

    def warn(self, message: str) -> None:
        self.err.print(f"[yellow]warning:[/] {escape(message)}")

    def error(self, message: str, hint: str | None = None) -> None:
        self.err.print(f"[red]error:[/] {escape(message)}")
        if hint:
            self.err.print(f"  [dim]hint:[/] {escape(hint)}")

    def sandbox_banner(self, api_url: str) -> None:
        """Said whenever a command talks to a sandbox, so nobody mistakes it for the real account."""
        self.err.print(f"[bold magenta]SANDBOX[/] local Zoom emulator at {escape(api_url)} (not your Zoom account)")

    def debug(self, message: str) -> None:
        if self.verbose:
            self.err.print(f"[dim]{escape(message)}[/]")

    # --- interaction ------------------------------------------------------
    def confirm(self, question: str, *, yes: bool, action: str) -> bool:
        """True when confirmed; refuses (exit 2) when no terminal can be asked."""
        if yes:
            return True
        if not self.interactive:
            raise ConfirmationRequired(action)
        import typer

        return typer.confirm(question, default=False, err=True)

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
