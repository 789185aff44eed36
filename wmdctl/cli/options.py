"""Options several commands share, declared once so their flags and help read the same everywhere."""

from __future__ import annotations

from typing import Annotated

import typer

WebinarOption = Annotated[
    str | None, typer.Option("--webinar", help="Webinar id (default: the one `wmdctl webinar apply` recorded).")
]
YesOption = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]
