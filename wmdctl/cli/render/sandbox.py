"""The human form of `wmdctl sandbox serve` (the settings to paste into .env) and `sandbox simulate`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from wmdctl.output import Output

SIMULATION_COLUMNS = ("webinar", "instance uuid", "segments", "registrants attended", "questions", "poll answers")
SIMULATION_KEYS = ("webinar_id", "uuid", "segments", "registrants_attended", "questions", "poll_answers")


def print_env_lines(output: Output, lines: list[str], profiles: dict[str, dict[str, str]]) -> None:
    """The default account's NAME=value lines, then each further account's, under a comment naming it."""
    for line in lines:
        output.text(line)
    for account_id, settings in profiles.items():
        output.text(f"# account {account_id} (a profile's settings)")
        for name, value in settings.items():
            output.text(f"{name}={value}")


def render_simulation(output: Output, summary: dict[str, Any]) -> None:
    """What the simulation generated, as one row, and that the webinar has ended."""
    output.table(list(SIMULATION_COLUMNS), [[summary[key] for key in SIMULATION_KEYS]])
    output.success(f"webinar {summary['webinar_id']} ended with simulated attendance")
