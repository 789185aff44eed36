"""One rate budget per Zoom account, shared by every wmdctl process on the machine that uses it.

Zoom counts per account (notes §10, §14.2 #5), so two jobs that each pace themselves to the full limit
exceed it together: a cron sync and a report, or two events' syncs. They therefore reserve their start
times in one small SQLite file in the account's folder (``account.py``), in short ``BEGIN IMMEDIATE``
transactions (WAL, so readers never wait):

- per second: the same sliding window as ``ratelimit.RateLimiter``, over the starts of every process:
  a request may start once the one ``limit`` places before it is a full window (plus a margin) behind.
  Starts are also spread evenly (one per window/limit, after a burst of ``BURST``: GCRA), because Zoom
  counts arrivals: a burst of 30 at once arrives with more jitter than 30 spread over the second, and
  jitter larger than the margin is a 429. A 429 all the same widens the margin for every process on the
  account (``throttled``), and clean windows narrow it back;
- per UTC day: a counter per category. Heavy shares its daily cap with Resource-intensive (30,000 on
  Pro, 60,000 on Business+; wmdctl calls no Resource-intensive endpoint). A spent day raises the
  daily ``ZoomRateLimitError`` before anything is sent, and ``check_day`` says so before a run starts.

The counts are wmdctl's own, raised to Zoom's whenever an answer carries ``X-RateLimit-Remaining`` for a
daily cap (``saw_remaining``): other apps on the account spend the same budget, and between two such
answers Zoom may still answer 429 first, which the transport handles as before.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from wmdctl.state.files import create_private_file
from wmdctl.state.sqlite import immediate_transaction
from wmdctl.zoom.errors import ZoomRateLimitError
from wmdctl.zoom.ratelimit import CATEGORIES, PLAN_LIMITS, WINDOW_SECONDS

# Calls per UTC day, by plan and category (notes §10); a category missing here has no daily cap.
DAILY_LIMITS: dict[str, dict[str, int]] = {
    "free": {"light": 6000, "medium": 2000, "heavy": 1000},
    "pro": {"heavy": 30000},
    "business": {"heavy": 60000},
}
BUSY_TIMEOUT_SECONDS = 30.0
BURST = 5  # requests that may start at once: a short command's handful of calls never waits
# Evenly spread starts arrive with little jitter, so a smaller margin than the bursty RateLimiter's holds:
# 30 per 1.03 s is 97% of Pro's Light. A Heavy call keeps the server busy longer (a batch writes 30
# registrants), so the calls behind it reach the rate limiter later and bunched: Heavy gets more margin.
MARGIN_SECONDS = 0.03
CATEGORY_MARGIN_SECONDS = {"heavy": 0.08}
# A per-second 429 despite the pacing means the jitter outgrew the margin (a busy machine, a slow network):
# every process on the account widens it by a step, and it narrows back by 5 ms after every three
# clean windows (a 429 costs about 12 s of wider pacing). The 429 itself is retried by the transport as before.
MARGIN_STEP_SECONDS = 0.02
MAX_EXTRA_MARGIN_SECONDS = 0.2
NARROW_AFTER_WINDOWS = 3
NARROW_STEP_SECONDS = 0.005
SCHEMA = """
CREATE TABLE IF NOT EXISTS starts (category TEXT NOT NULL, at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS pace (category TEXT PRIMARY KEY, due REAL NOT NULL);
CREATE TABLE IF NOT EXISTS widened (category TEXT PRIMARY KEY, extra REAL NOT NULL, clean INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS starts_by_category ON starts (category, at);
CREATE TABLE IF NOT EXISTS daily (
    day TEXT NOT NULL, category TEXT NOT NULL, used INTEGER NOT NULL, PRIMARY KEY (day, category)
);
"""


@dataclass(frozen=True)
class DayUse:
    category: str
    used: int
    limit: int | None  # None: no daily cap on this plan

    @property
    def left(self) -> int | None:
        return None if self.limit is None else max(0, self.limit - self.used)


def utc_day(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%d")


def next_utc_midnight(epoch: float) -> datetime:
    today = datetime.fromtimestamp(epoch, UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    return today + timedelta(days=1)


class AccountBudget:
    """Thread-safe and process-safe; same ``acquire`` as ``RateLimiter``, plus the day's counts."""

    def __init__(
        self,
        path: Path,
        plan: str = "pro",
        *,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
        margin: float | None = None,
    ) -> None:
        """``margin``: seconds added to every category's window (default: MARGIN_SECONDS, more for Heavy)."""
        if plan not in PLAN_LIMITS:
            raise ValueError(f"unknown Zoom plan {plan!r}; expected one of {', '.join(PLAN_LIMITS)}")
        self.path = Path(path)
        self.plan = plan
        self.limits: dict[str, int] = {str(category): n for category, n in PLAN_LIMITS[plan].items()}
        self.daily_limits = DAILY_LIMITS[plan]
        self._clock = clock
        self._sleep = sleep
        self._windows = {
            c: WINDOW_SECONDS + (margin if margin is not None else CATEGORY_MARGIN_SECONDS.get(c, MARGIN_SECONDS))
            for c in self.limits
        }
        self._lock = threading.Lock()  # one connection per process, shared by its threads
        create_private_file(self.path)
        self._db = sqlite3.connect(
            self.path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=False
        )
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")  # a lost last write after a power cut costs one request
        with self._transaction() as db:  # executescript would commit on its own: one statement at a time
            for statement in _statements(SCHEMA):
                db.execute(statement)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        return immediate_transaction(self._db, self._lock)

    def acquire(self, category: str) -> float:
        """Wait until a request of ``category`` may start; return the seconds waited.

        Raises the daily ``ZoomRateLimitError`` when the day's budget for the category is spent.
        """
        limit = self.limits.get(category)
        if limit is None:
            raise ValueError(f"unknown rate-limit category {category!r}; expected one of {', '.join(CATEGORIES)}")
        with self._transaction() as db:
            now = self._clock()
            self._charge_day(db, category, now)
            window = self._windows[category] + self._extra_margin(db, category, limit)
            interval = window / limit
            due = self._due(db, category, now)  # GCRA's theoretical arrival time
            burst_ok = due - (min(BURST, limit) - 1) * interval
            window_allows = self._window_allows(db, category, limit, window)
            start = max(now, window_allows, burst_ok)
            row = db.execute("INSERT INTO starts (category, at) VALUES (?, ?)", (category, start)).lastrowid
            booked = max(due, start) + interval
            if window_allows > max(now, burst_ok):
                # The window, not the spacing, held this start back: the starts one window ago came in a
                # burst, and the window alone would replay that burst every window, forever. Spending the
                # burst allowance here spaces the next ones evenly, which is what arrives with least jitter.
                booked = max(booked, start + min(BURST, limit) * interval)
            db.execute("INSERT OR REPLACE INTO pace (category, due) VALUES (?, ?)", (category, booked))
            db.execute("DELETE FROM starts WHERE category = ? AND at < ?", (category, now - 2 * window))
        wait = start - now
        if wait > 0:
            self._sleep(wait)
            with self._transaction() as db:
                # A thread may wake late (a busy machine): the next ones must count from when it really went.
                db.execute("UPDATE starts SET at = max(at, ?) WHERE rowid = ?", (self._clock(), row))
        return wait

    def throttled(self, category: str) -> None:
        """Zoom answered a per-second 429 although we paced: widen the category's margin for every process."""
        with self._transaction() as db:
            row = db.execute("SELECT extra FROM widened WHERE category = ?", (category,)).fetchone()
            extra = min(MAX_EXTRA_MARGIN_SECONDS, (float(row[0]) if row else 0.0) + MARGIN_STEP_SECONDS)
            db.execute("INSERT OR REPLACE INTO widened (category, extra, clean) VALUES (?, ?, 0)", (category, extra))

    @staticmethod
    def _extra_margin(db: sqlite3.Connection, category: str, limit: int) -> float:
        """The widened part of the margin; counts this start as clean, and narrows after enough clean windows."""
        row = db.execute("SELECT extra, clean FROM widened WHERE category = ?", (category,)).fetchone()
        if row is None:
            return 0.0
        extra, clean = float(row[0]), int(row[1]) + 1
        if clean >= NARROW_AFTER_WINDOWS * limit:
            extra, clean = max(0.0, extra - NARROW_STEP_SECONDS), 0
        db.execute("UPDATE widened SET extra = ?, clean = ? WHERE category = ?", (extra, clean, category))
        return extra

    @staticmethod
    def _window_allows(db: sqlite3.Connection, category: str, limit: int, window: float) -> float:
        """The start ``limit`` places back must be a full window behind."""
        row = db.execute(
            "SELECT at FROM starts WHERE category = ? ORDER BY at DESC LIMIT 1 OFFSET ?", (category, limit - 1)
        ).fetchone()
        return float(row[0]) + window if row else 0.0

    @staticmethod
    def _due(db: sqlite3.Connection, category: str, now: float) -> float:
        row = db.execute("SELECT due FROM pace WHERE category = ?", (category,)).fetchone()
        return float(row[0]) if row else now

    def _charge_day(self, db: sqlite3.Connection, category: str, now: float) -> None:
        day = utc_day(now)
        cap = self.daily_limits.get(category)
        if cap is not None and self._used(db, day, category) >= cap:
            raise daily_spent(category, cap, now)
        db.execute(
            "INSERT INTO daily (day, category, used) VALUES (?, ?, 1) "
            "ON CONFLICT (day, category) DO UPDATE SET used = used + 1",
            (day, category),
        )
        db.execute("DELETE FROM daily WHERE day < ?", (utc_day(now - 2 * 86400),))

    @staticmethod
    def _used(db: sqlite3.Connection, day: str, category: str) -> int:
        row = db.execute("SELECT used FROM daily WHERE day = ? AND category = ?", (day, category)).fetchone()
        return int(row[0]) if row else 0

    def saw_remaining(self, category: str, limit: int, remaining: int) -> None:
        """Zoom's own count, from a response's ``X-RateLimit-Limit``/``-Remaining``: never below it.

        Other apps on the account spend the same daily budget unseen; when Zoom says how much is left,
        the count takes the larger of the two, so `doctor` and the pre-run check see the real rest.
        Only a limit equal to the plan's daily cap is read as the day's count (not a per-second one).
        """
        if self.daily_limits.get(category) != limit or not 0 <= remaining <= limit:
            return
        with self._transaction() as db:
            db.execute(
                "INSERT INTO daily (day, category, used) VALUES (?, ?, ?) "
                "ON CONFLICT (day, category) DO UPDATE SET used = max(used, excluded.used)",
                (utc_day(self._clock()), category, limit - remaining),
            )

    def today(self) -> list[DayUse]:
        """Calls counted so far this UTC day, per category, with the plan's daily cap."""
        day = utc_day(self._clock())
        with self._transaction() as db:
            return [DayUse(c, self._used(db, day, c), self.daily_limits.get(c)) for c in self.limits]

    def check_day(
        self, needs: Mapping[str, int], *, what: str = "this run", names: Mapping[str, str] | None = None
    ) -> None:
        """Raise the daily ``ZoomRateLimitError`` when ``needs`` (calls per category) exceed what is left today.

        ``names`` says what a category's calls are to the user, e.g. ``{"heavy": "batch"}``.
        """
        uses = {use.category: use for use in self.today()}
        for category, calls in needs.items():
            use = uses.get(category)
            left = use.left if use else None
            if left is not None and calls > left:
                name = (names or {}).get(category, category.capitalize())
                raise ZoomRateLimitError(
                    f"{what} needs {calls} {name} calls; {left} are left today; resume after 00:00 UTC",
                    daily=True,
                    scope="account",
                    resume_at=next_utc_midnight(self._clock()),
                    category=category,
                    hint=f"Zoom allows {use.limit if use else '?'} {category.capitalize()} calls per UTC day "
                    "on this plan, shared by every app and job on the account",
                )


def daily_spent(category: str, cap: int, now: float) -> ZoomRateLimitError:
    resume = next_utc_midnight(now)
    return ZoomRateLimitError(
        f"the account's {cap} {category.capitalize()} calls for today are spent "
        "(counted on this machine, and as Zoom reported what was left); resume after 00:00 UTC",
        daily=True,
        scope="account",
        resume_at=resume,
        retry_after=max(0.0, resume.timestamp() - now),
        category=category,
        hint="Zoom's daily limits are per account and reset at 00:00 UTC",
    )


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]
