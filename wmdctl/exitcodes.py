"""The process exit codes, in one place.

Cron jobs and CI scripts branch on these, so they are a public contract: the
README's table is checked against this module by a test.
"""

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    PARTIAL = 1  # the job ran, but some items failed or were rejected; or a report asked for too early
    USAGE = 2  # bad flags or arguments, or a confirmation that could not be asked
    CONFIG = 3  # configuration, event file or authentication problem
    NOT_FOUND = 4  # the webinar (or other object) does not exist
    RATE_LIMITED = 5  # a Zoom daily limit was hit: resume later
    IO_ERROR = 6  # a file could not be read or written: disk full, read-only, permission denied
    DECLINED = 7  # the user answered no to a confirmation: nothing was done
    HANGUP = 129  # SIGHUP (128 + 1): the terminal went away
    INTERRUPTED = 130  # Ctrl-C (SIGINT, 128 + 2)
    TERMINATED = 143  # SIGTERM (128 + 15): systemd, a container stop, kill


DESCRIPTIONS: dict[ExitCode, str] = {
    ExitCode.OK: "success",
    ExitCode.PARTIAL: (
        "partial failure: the job ran, but some items failed or were rejected, or there is nothing to report yet"
    ),
    ExitCode.USAGE: "usage error: bad flags or arguments, or confirmation needed (--yes)",
    ExitCode.CONFIG: "configuration, event file or authentication problem",
    ExitCode.NOT_FOUND: "not found: the webinar or object does not exist",
    ExitCode.RATE_LIMITED: "rate limited by a Zoom daily limit: resume at the time printed",
    ExitCode.IO_ERROR: "I/O error: disk full, read-only file system or permission denied; nothing partial was left",
    ExitCode.DECLINED: "declined: a confirmation was answered no, and nothing was done",
    ExitCode.HANGUP: "hung up (SIGHUP): stopped after the request in flight, what was done is saved",
    ExitCode.INTERRUPTED: "interrupted (Ctrl-C), also at a prompt",
    ExitCode.TERMINATED: "terminated (SIGTERM): stopped after the request in flight, what was done is saved",
}
