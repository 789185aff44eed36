"""Tables for people, and their plain form for files and pipes.

On a terminal a table takes the terminal's width and wraps long cells (an
email or a join link is folded onto the next line, never cut), and a table
taller than the screen goes through the pager: ``PAGER``, else ``less -FRX``;
``--no-pager`` or ``PAGER=cat`` turns it off. Anywhere else the same rows are
written as CSV, which a spreadsheet or ``cut`` reads and no box drawing spoils.
"""

from __future__ import annotations

import csv
import os
import shlex
import subprocess
from collections.abc import Sequence
from typing import IO, Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

DEFAULT_PAGER = "less -FRX"  # -F: quit at once if it fits; -R: keep colours; -X: leave it on screen


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


def write_csv(stream: IO[str], columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([_cell(v) for v in row] for row in rows)


def build_table(columns: Sequence[str], rows: Sequence[Sequence[Any]], title: str | None = None) -> Table:
    table = Table(title=title, header_style="bold")
    for name in columns:
        # fold: a value longer than its column continues on the next line, whole.
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(*(escape(_cell(v)) for v in row))
    return table


def render_table(
    console: Console, columns: Sequence[str], rows: Sequence[Sequence[Any]], *, title: str | None, page: bool
) -> None:
    table = build_table(columns, rows, title)
    pager = pager_command() if page else None
    if pager is None:
        console.print(table)
        return
    with console.capture() as captured:
        console.print(table)
    text = captured.get()
    if text.count("\n") <= console.height:
        console.file.write(text)
        return
    show_in_pager(pager, text, console.file)


def pager_command() -> list[str] | None:
    """The pager to use, or None for none (PAGER set empty or to cat)."""
    value = os.environ.get("PAGER")
    if value is None:
        value = DEFAULT_PAGER
    words = shlex.split(value)
    if not words or os.path.basename(words[0]) == "cat":
        return None
    return words


def show_in_pager(command: list[str], text: str, fallback: IO[str]) -> None:
    env = {**os.environ, "LESSCHARSET": os.environ.get("LESSCHARSET", "utf-8")}
    try:
        subprocess.run(command, input=text, text=True, env=env, check=False)
    except OSError:  # no such pager: the table still reaches the reader
        fallback.write(text)
