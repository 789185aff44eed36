"""`--columns`: which columns a table shows. Each table has a default set that fits 80 columns."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

import typer

from wmdctl.errors import UsageError

ColumnsOption = Annotated[
    str | None,
    typer.Option(
        "--columns",
        metavar="NAME,...",
        help="Columns to show, comma-separated, or `all` (default: a set that fits 80 columns).",
    ),
]


def choose_columns(available: Sequence[str], default: Sequence[str], requested: str | None) -> list[str]:
    """The requested columns in the order given; an unknown name is a usage error that lists the known ones."""
    if not requested:
        return [c for c in default if c in available]
    if requested.strip() == "all":
        return list(available)
    wanted = [name.strip() for name in requested.split(",") if name.strip()]
    unknown = [name for name in wanted if name not in available]
    if unknown:
        raise UsageError(
            f"no column {', '.join(map(repr, unknown))}",
            hint="choose from: " + ", ".join(available),
        )
    return wanted
