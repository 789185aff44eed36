"""The report's rows and windows: what the attendance builder makes and the summary reads.

They live apart from both so that ``attendance`` (which builds them and calls
the summary) and ``summary`` (which reads them) do not import each other.
"""

from __future__ import annotations

from dataclasses import dataclass

from wmdctl.event.model import Panel
from wmdctl.reports import segments
from wmdctl.reports.segments import Interval


@dataclass(frozen=True)
class PanelWindow:
    number: int
    title: str
    window: Interval

    @classmethod
    def of(cls, panel: Panel) -> PanelWindow:
        return cls(panel.number, panel.title, (segments.to_epoch(panel.start), segments.to_epoch(panel.end)))


@dataclass
class PersonRow:
    name: str
    email: str
    organisation: str
    answers: dict[str, str]
    role: str
    registered: bool
    registration_status: str
    first_join: int | None
    last_leave: int | None
    total_seconds: int
    sessions: int
    attended_pct: float
    panel_seconds: dict[int, int]
    panel_present: dict[int, bool]
    identity: str  # "registrant", "email" or "session": how the rows were matched

    @property
    def total_minutes(self) -> float:
        return round(self.total_seconds / 60, 1)

    @property
    def attended(self) -> bool:
        return self.total_seconds > 0 or self.sessions > 0
