"""The old home of the command tree, kept so older imports and installs keep working.

The Typer app lives in ``wmdctl.cli.app`` and the console script in ``wmdctl.cli.entry``; an install made
before the script moved still calls ``wmdctl.cli.main:run``, which is the same entry point.
"""

from __future__ import annotations

from wmdctl.cli.app import app
from wmdctl.cli.entry import run

__all__ = ["app", "run"]
