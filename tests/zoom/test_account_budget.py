"""One rate budget per Zoom account: shared per-second window and daily counts in one SQLite file.

Two connections and two real processes share the file; clocks are injected, so nothing waits or
depends on the machine's speed.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
import stat
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from wmdctl.zoom.account import account_dir, accounts_root
from wmdctl.zoom.budget import (
    CATEGORY_MARGIN_SECONDS,
    MARGIN_SECONDS,
    MARGIN_STEP_SECONDS,
    NARROW_AFTER_WINDOWS,
    NARROW_STEP_SECONDS,
    AccountBudget,
    DayUse,
    utc_day,
)
from wmdctl.zoom.errors import ZoomRateLimitError
from wmdctl.zoom.ratelimit import WINDOW_SECONDS

from .helpers import FakeClock

WINDOW = WINDOW_SECONDS + MARGIN_SECONDS  # one second plus the pacing margin
NOON = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def spend(path: Path, category: str, used: int, clock: FakeClock) -> None:
    """Stand-in for the calls earlier runs made today."""
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO daily (day, category, used) VALUES (?, ?, ?)", (utc_day(clock()), category, used))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOON)


def budget(path: Path, clock: FakeClock, plan: str = "pro") -> AccountBudget:
    return AccountBudget(path, plan, clock=clock, sleep=clock.sleep)


def test_the_file_is_private_and_lives_in_the_accounts_state_home(tmp_path: Path, clock: FakeClock) -> None:
    root = accounts_root({"XDG_STATE_HOME": str(tmp_path / "xdg")})
    assert root == tmp_path / "xdg" / "wmdctl" / "accounts"
    assert accounts_root({}, home=tmp_path) == tmp_path / ".local" / "state" / "wmdctl" / "accounts"
    folder = account_dir(root, "acct-secret-id")
    assert "acct-secret-id" not in str(folder)  # the folder name is a hash
    assert folder == account_dir(root, "acct-secret-id") != account_dir(root, "another-account")
    budget(folder / "budget.sqlite", clock).close()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(root.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / "budget.sqlite").stat().st_mode) == 0o600


def starts_of(waits: list[float], at: float = 0.0) -> list[float]:
    return [at + w for w in waits]


def assert_within_the_limit(starts: list[float], limit: int) -> None:
    """No ``limit + 1`` starts inside one window (what Zoom counts), with the margin kept."""
    ordered = sorted(starts)
    assert all(b - a >= WINDOW - 1e-4 for a, b in zip(ordered, ordered[limit:], strict=False))


def test_two_connections_share_one_per_second_window(tmp_path: Path, clock: FakeClock) -> None:
    path = tmp_path / "budget.sqlite"
    first, second = budget(path, clock), budget(path, clock)
    starts = []
    for n in range(60):
        before = clock()
        waited = (first if n % 2 else second).acquire("light")  # the fake sleep moves the clock
        starts.append(before + waited)
    assert starts[:5] == pytest.approx([starts[0]] * 5, abs=1e-4)  # a short burst goes at once
    assert starts[5] - starts[4] == pytest.approx(WINDOW / 30, abs=1e-4)  # then one every window/limit
    assert_within_the_limit(starts, 30)  # Pro's Light: 30 per second for both together
    # The window holds the 31st back to one window after the burst; from there on the starts are evenly
    # spaced at the full rate (the burst is not replayed each window, which would arrive bunched, with jitter).
    # The cost is once per run: the 60th starts 4 intervals later than a replayed burst would have let it.
    gaps = [b - a for a, b in itertools.pairwise(starts[30:])]
    assert starts[30] - starts[0] == pytest.approx(WINDOW, abs=1e-4)
    assert gaps == pytest.approx([WINDOW / 30] * 29, abs=1e-4)
    clock.advance(2 * WINDOW)  # idle: a short command's handful of calls goes at once again
    assert [first.acquire("light") for _ in range(5)] == [0.0] * 5
    assert second.acquire("medium") == 0.0  # each category has its own window
    assert [u for u in second.today() if u.category == "light"] == [DayUse("light", 65, None)]


def test_the_window_slides(tmp_path: Path, clock: FakeClock) -> None:
    pacer = budget(tmp_path / "budget.sqlite", clock)
    for _ in range(10):
        pacer.acquire("heavy")  # Pro's Heavy is 10/s
    clock.advance(WINDOW_SECONDS + CATEGORY_MARGIN_SECONDS["heavy"])
    assert pacer.acquire("heavy") == 0.0


def test_a_late_wakeup_counts_from_when_the_request_really_went(tmp_path: Path, clock: FakeClock) -> None:
    # On a busy machine a sleeping thread can wake late. Zoom counts when requests arrive, so the ten
    # after it must be paced from when it really went, not from when it was meant to.
    lateness = iter([0.5] + [0.0] * 100)  # the first request that sleeps wakes half a second late

    def late_sleep(seconds: float) -> None:
        clock.advance(seconds + next(lateness))

    pacer = AccountBudget(tmp_path / "budget.sqlite", "pro", clock=clock, sleep=late_sleep)
    sent = []
    for _ in range(20):
        pacer.acquire("heavy")
        sent.append(clock())  # when the request really goes
    window = WINDOW_SECONDS + CATEGORY_MARGIN_SECONDS["heavy"]
    ordered = sorted(sent)
    assert all(b - a >= window - 1e-4 for a, b in zip(ordered, ordered[10:], strict=False))  # Heavy: 10 a window


CHILD = """
import json, sys
from pathlib import Path
from wmdctl.zoom.budget import AccountBudget
pacer = AccountBudget(Path(sys.argv[1]), "pro", clock=lambda: 1_000_000.0, sleep=lambda seconds: None)
print(json.dumps([pacer.acquire("light") for _ in range(int(sys.argv[2]))]))
"""


@pytest.mark.e2e
def test_two_real_processes_stay_within_the_accounts_limit_together(tmp_path: Path) -> None:
    # Both ask at the same (frozen) instant: however their 40 requests interleave, together they get
    # exactly the start times one process asking 40 times would get, within Pro's Light limit.
    path = tmp_path / "budget.sqlite"
    AccountBudget(path, "pro").close()  # create the schema once, as the first wmdctl run would
    children = [
        subprocess.Popen([sys.executable, "-c", CHILD, str(path), "20"], stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outputs = [child.communicate(timeout=60)[0] for child in children]
    assert [child.returncode for child in children] == [0, 0]

    together = sorted(wait for output in outputs for wait in json.loads(output))
    reference = AccountBudget(tmp_path / "alone.sqlite", "pro", clock=lambda: 1_000_000.0, sleep=lambda s: None)
    alone = [reference.acquire("light") for _ in range(40)]
    assert together == pytest.approx(sorted(alone), abs=1e-4)
    assert_within_the_limit(together, 30)
    assert together[:5] == pytest.approx([0.0] * 5, abs=1e-4) and together[5] > 0.03  # a burst of five, then spread out
    assert together[-1] > WINDOW  # the last ones wait for the next window


def test_a_spent_day_stops_before_sending_and_resumes_at_midnight(tmp_path: Path, clock: FakeClock) -> None:
    path = tmp_path / "budget.sqlite"
    pacer = budget(path, clock)
    spend(path, "heavy", 30_000, clock)  # Heavy + Resource-intensive share 30,000 a day on Pro

    with pytest.raises(ZoomRateLimitError) as caught:
        pacer.acquire("heavy")
    assert caught.value.daily and caught.value.scope == "account" and caught.value.category == "heavy"
    assert caught.value.resume_at == datetime(2026, 12, 2, tzinfo=UTC)
    assert pacer.acquire("light") == 0.0  # Light has no daily cap on Pro

    clock.now = datetime(2026, 12, 2, 0, 0, 1, tzinfo=UTC).timestamp()  # 00:00 UTC: a new day
    assert pacer.acquire("heavy") == 0.0


def test_business_has_twice_the_daily_heavy_budget(tmp_path: Path, clock: FakeClock) -> None:
    path = tmp_path / "budget.sqlite"
    pacer = budget(path, clock, plan="business")
    spend(path, "heavy", 30_000, clock)
    assert pacer.acquire("heavy") == 0.0
    assert [u.left for u in pacer.today() if u.category == "heavy"] == [29_999]


def test_a_run_that_needs_more_than_is_left_says_so_before_it_starts(tmp_path: Path, clock: FakeClock) -> None:
    path = tmp_path / "budget.sqlite"
    pacer = budget(path, clock)
    spend(path, "heavy", 29_988, clock)

    pacer.check_day({"heavy": 12, "light": 5_000}, what="this sync")  # exactly what is left: fine
    with pytest.raises(ZoomRateLimitError) as caught:
        pacer.check_day({"heavy": 40, "light": 5}, what="this sync", names={"heavy": "batch"})
    assert caught.value.message == "this sync needs 40 batch calls; 12 are left today; resume after 00:00 UTC"
    assert caught.value.daily and caught.value.resume_at == datetime(2026, 12, 2, tzinfo=UTC)
    assert caught.value.exit_code == 5
    assert [u.used for u in pacer.today() if u.category == "heavy"] == [29_988]  # checking spends nothing


def test_the_free_plan_caps_light_and_medium_per_day_too(tmp_path: Path, clock: FakeClock) -> None:
    path = tmp_path / "budget.sqlite"
    pacer = budget(path, clock, plan="free")
    spend(path, "light", 6_000, clock)
    with pytest.raises(ZoomRateLimitError):
        pacer.acquire("light")
    assert {u.category: u.limit for u in pacer.today()} == {"light": 6000, "medium": 2000, "heavy": 1000}


def test_a_429_despite_the_pacing_widens_the_margin_for_every_process(tmp_path: Path) -> None:
    path = tmp_path / "budget.sqlite"
    frozen = FakeClock(NOON)
    first = AccountBudget(path, "pro", clock=frozen, sleep=lambda s: None)
    second = AccountBudget(path, "pro", clock=frozen, sleep=lambda s: None)
    first.throttled("light")  # Zoom said 429 to one process: the jitter outgrew the margin

    waits = [second.acquire("light") for _ in range(31)]
    assert waits[30] == pytest.approx(WINDOW + MARGIN_STEP_SECONDS, abs=1e-4)  # the other paces wider too
    assert second.acquire("medium") == 0.0


def test_the_widened_margin_narrows_back_after_clean_windows(tmp_path: Path, clock: FakeClock) -> None:
    path = tmp_path / "budget.sqlite"
    pacer = budget(path, clock)
    pacer.throttled("heavy")
    pacer.throttled("heavy")
    for _ in range(NARROW_AFTER_WINDOWS * 10):  # clean windows of Pro's 10 Heavy calls
        pacer.acquire("heavy")
    with sqlite3.connect(path) as db:
        (extra,) = db.execute("SELECT extra FROM widened WHERE category = 'heavy'").fetchone()
    assert extra == pytest.approx(2 * MARGIN_STEP_SECONDS - NARROW_STEP_SECONDS)


def test_zooms_remaining_raises_the_days_count_but_never_lowers_it(tmp_path: Path, clock: FakeClock) -> None:
    pacer = budget(tmp_path / "budget.sqlite", clock)
    pacer.acquire("heavy")
    pacer.saw_remaining("heavy", 30000, 30000 - 120)  # other apps on the account spent 119 more today
    pacer.saw_remaining("heavy", 30000, 29999)  # an older answer, overtaken: ignored
    pacer.saw_remaining("heavy", 10, 0)  # a per-second limit, not the day's: ignored
    pacer.saw_remaining("light", 30000, 0)  # Light has no daily cap on Pro: ignored
    pacer.saw_remaining("heavy", 30000, 31000)  # nonsense: ignored
    assert [u for u in pacer.today() if u.category in ("heavy", "light")] == [
        DayUse("light", 0, None),
        DayUse("heavy", 120, 30000),
    ]
    with pytest.raises(ZoomRateLimitError, match="needs 29881 Heavy calls; 29880 are left today"):
        pacer.check_day({"heavy": 29881})
