"""The one exception hierarchy of wmdctl.

Every error the library raises on purpose derives from WmdctlError and carries
its exit code, so the CLI boundary (``wmdctl.cli.errors``) maps them once.
Zoom API errors live in ``wmdctl.zoom.errors`` and derive from ZoomError,
which is itself a WmdctlError.
"""

from __future__ import annotations

from dataclasses import dataclass

from wmdctl.exitcodes import ExitCode


class WmdctlError(Exception):
    """Base class. ``hint`` tells the user how to fix the problem."""

    exit_code: ExitCode = ExitCode.PARTIAL

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(WmdctlError):
    exit_code = ExitCode.USAGE


class ConfigError(WmdctlError):
    """A missing or invalid setting; ``variable`` names it."""

    exit_code = ExitCode.CONFIG

    def __init__(self, message: str, *, variable: str | None = None, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.variable = variable


@dataclass(frozen=True)
class ValidationProblem:
    """One problem in an input file: where (a key path or line) and why."""

    where: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


class EventFileError(ConfigError):
    """The event file is invalid; ``problems`` lists every problem found."""

    def __init__(self, source: str, problems: list[ValidationProblem]) -> None:
        super().__init__(
            f"{source}: {len(problems)} problem(s) in the event file",
            variable="WMD_EVENT_FILE",
            hint="fix the keys listed above, then run `wmdctl webinar plan` to check",
        )
        self.source = source
        self.problems = problems


class NotFoundError(WmdctlError):
    exit_code = ExitCode.NOT_FOUND


class RateLimitError(WmdctlError):
    """A rate limit outlived the retries. ``daily``: spent until a reset, so exit 5 promises a resume time;
    a per-second limit is an ordinary partial failure (run again shortly)."""

    daily: bool = False

    @property
    def exit_code(self) -> ExitCode:  # type: ignore[override]  # read-only here: it follows ``daily``
        return ExitCode.RATE_LIMITED if self.daily else ExitCode.PARTIAL


class PartialFailure(WmdctlError):
    """The job finished but some items failed; details were already reported."""

    exit_code = ExitCode.PARTIAL


class ConfirmationRequired(UsageError):
    """A dangerous action needs confirmation and there is no TTY to ask on."""

    def __init__(self, action: str) -> None:
        super().__init__(
            f"refusing to {action} without confirmation: no terminal to ask on",
            hint="pass --yes to confirm",
        )


class Declined(WmdctlError):
    """The user answered no to a confirmation: nothing was done (not a failure, but not success either)."""

    exit_code = ExitCode.DECLINED

    def __init__(self, what: str = "nothing was done") -> None:
        super().__init__(f"declined: {what}")


class DailyLimitReached(WmdctlError):
    """A Zoom daily limit stopped part of the job; raise it ``from`` the ZoomRateLimitError to print the resume time."""

    exit_code = ExitCode.RATE_LIMITED
