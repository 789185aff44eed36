"""`campaign sync`: each session's part of the campaign list, synced by the registrant sync itself.

Each session's rows are written to temporary lists in that session's own state folder (0600, personal
data) and handed to ``run_sync`` with the session's ledger: so every guarantee of `registrants sync`
holds per session (the ledger, never re-posting, the lock, the rejects). The temporary lists are removed
afterwards, and the sync's rejects are mapped back to the campaign list's own file and line.
"""

from __future__ import annotations

import contextlib
import csv
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wmdctl.campaign.accounts import Account, Accounts, Outcome, campaign_exit_code, run_sessions
from wmdctl.campaign.lists import ListReject, SessionRows, SplitList, list_tables
from wmdctl.campaign.model import Session
from wmdctl.errors import NotFoundError
from wmdctl.exitcodes import ExitCode
from wmdctl.state.files import atomic_writer, write_text_atomic
from wmdctl.sync import SyncOptions, SyncResult, run_sync

TEMP_LIST = "campaign-list-{n}.csv"
REJECT_COLUMNS = ("source", "line", "session", "reason")


@dataclass
class SessionSync:
    result: SyncResult
    people: int  # rows of the campaign list routed to this session
    rejects: list[ListReject] = field(default_factory=list)  # the sync's rejects, at the campaign list's lines

    def summary(self) -> str:
        if self.result.skipped:
            return f"skipped: {self.result.skipped}"
        counts = self.result.counts()
        shown = ", ".join(f"{n} {name}" for name, n in counts.items() if n and name not in ("duplicates", "read"))
        prefix = "would: " if self.result.dry_run else ""
        return f"{prefix}{shown or 'nothing to do'} ({self.people} listed)"

    @property
    def exit_code(self) -> ExitCode:
        return self.result.exit_code


def sync_session(
    session: Session,
    account: Account,
    split: SplitList,
    options: SyncOptions,
    on_event: Callable[[str, str], None] | None = None,
) -> SessionSync:
    job = account.job_for(session)
    webinar_id = job.recorded_webinar_id()
    if webinar_id is None:
        raise NotFoundError(f"no webinar recorded for session {session.key!r}", hint="run `wmdctl campaign apply`")
    files = job.event_state()
    parts = split.by_session.get(session.key, [])
    lines: dict[tuple[str, int], tuple[SessionRows, int]] = {}
    temps: list[Path] = []
    try:
        for n, part in enumerate(parts, start=1):
            temp = files.folder / TEMP_LIST.format(n=n)
            _write_part(temp, part)
            temps.append(temp)
            # Read back with the sync's own reader, so the lines it reports are the ones mapped here.
            [table] = list_tables(temp)
            for record, original in zip(table.records(), part.records, strict=True):
                lines[(table.label, record.line)] = (part, original.line)
        result = run_sync(job.client(), webinar_id, temps, event=session.event, ledger_path=files.ledger,
                          rejects_path=None, options=options, on_event=on_event)  # fmt: skip
    finally:
        for temp in temps:
            with contextlib.suppress(OSError):
                temp.unlink()
    return SessionSync(result, split.people(session.key), _mapped_rejects(result, lines, session.key))


@dataclass
class CampaignSync:
    split: SplitList
    outcomes: list[Outcome[SessionSync]]

    @property
    def rejects(self) -> list[ListReject]:
        """Rows the campaign could not route, then rows a session's sync refused."""
        return [*self.split.rejects, *(r for o in self.outcomes if o.result for r in o.result.rejects)]

    @property
    def exit_code(self) -> ExitCode:
        """The worst of the sessions' outcomes and syncs (5, a daily limit, says when to resume); 1 for a reject."""
        codes = [campaign_exit_code(self.outcomes), *(o.result.exit_code for o in self.outcomes if o.result)]
        worst = max(codes)
        return ExitCode.PARTIAL if worst == ExitCode.OK and self.split.rejects else worst

    def to_dict(self) -> dict[str, Any]:
        return {
            "rows": self.split.rows,
            "rejects": [{"source": r.source, "line": r.line, "session": r.session, "reason": r.reason}
                        for r in self.rejects],
            "sessions": [{"key": o.session.key, "account": o.session.account, "ok": o.ok, "error": o.error,
                          "result": o.result.result.to_dict() if o.result else None} for o in self.outcomes],
        }  # fmt: skip


def sync_campaign(
    split: SplitList,
    sessions: Sequence[Session],
    accounts: Accounts,
    options: SyncOptions,
    *,
    on_event: Callable[[Session, str, str], None] | None = None,
    on_done: Callable[[Outcome[SessionSync]], None] | None = None,
) -> CampaignSync:
    """Sync every session's part of the list: one thread per account, each session on its own ledger."""

    def job(session: Session, account: Account) -> SessionSync:
        said = (lambda kind, message: on_event(session, kind, message)) if on_event else None
        return sync_session(session, account, split, options, on_event=said)

    return CampaignSync(split, run_sessions(sessions, accounts, job, on_done=on_done))


def _write_part(path: Path, part: SessionRows) -> None:
    columns = list(part.headers)
    for record in part.records:
        columns.extend(k for k in record.values if k not in columns)
    with atomic_writer(path, private=True, newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(columns)
        for record in part.records:
            writer.writerow([record.values.get(c, "") for c in columns])


def _mapped_rejects(
    result: SyncResult, lines: dict[tuple[str, int], tuple[SessionRows, int]], key: str
) -> list[ListReject]:
    mapped = []
    for reject in result.loaded.rejects:
        part, line = lines.get((reject.source, reject.line), (None, reject.line))
        source = part.source if part is not None else reject.source
        mapped.append(ListReject(source, line, f"{reject.kind}: {reject.reason}", dict(reject.values), key))
    return mapped


def write_campaign_rejects(path: Path, rejects: list[ListReject]) -> None:
    """Every refused row with its file, line, session and reason, and its original cells (fix and feed back)."""
    from wmdctl.tabular import csv_text

    headers: list[str] = []
    rows: list[dict[str, Any]] = []
    for reject in sorted(rejects, key=lambda r: (r.source, r.line, r.session)):
        values = {(f"{h} (original)" if h in REJECT_COLUMNS else h): v for h, v in reject.values.items()}
        headers.extend(h for h in values if h not in headers)
        rows.append({"source": reject.source, "line": reject.line, "session": reject.session,
                     "reason": reject.reason, **values})  # fmt: skip
    write_text_atomic(path, "\ufeff" + csv_text([*REJECT_COLUMNS, *headers], rows), private=True)
