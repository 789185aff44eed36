"""Panel breakout sessions: a companion Zoom meeting with pre-assigned rooms.

Webinars have no breakout-room API, so each panel's discussion happens in the
rooms of a scheduled meeting right after the webinar. See ``planner`` for the
assignment rules and ``model.CAVEAT`` for what pre-assignment cannot do.
"""

from __future__ import annotations

from wmdctl.breakouts.export import export_breakouts, run_sheet_markdown
from wmdctl.breakouts.job import (
    BreakoutClient,
    BreakoutResult,
    apply_breakouts,
    compute_plan,
    describe_breakouts,
    plan_for_event,
)
from wmdctl.breakouts.model import (
    CAVEAT,
    MAX_PREASSIGNED,
    MAX_ROOMS,
    BreakoutPlan,
    Person,
    Room,
    Unplaced,
)
from wmdctl.breakouts.planner import plan_breakouts

__all__ = [
    "CAVEAT",
    "MAX_PREASSIGNED",
    "MAX_ROOMS",
    "BreakoutClient",
    "BreakoutPlan",
    "BreakoutResult",
    "Person",
    "Room",
    "Unplaced",
    "apply_breakouts",
    "compute_plan",
    "describe_breakouts",
    "export_breakouts",
    "plan_breakouts",
    "plan_for_event",
    "run_sheet_markdown",
]
