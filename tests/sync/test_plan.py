from __future__ import annotations

from datetime import UTC, datetime

from wmdctl.sync.ledger import LedgerEntry
from wmdctl.sync.plan import PlanOptions, ZoomRegistrant, compute_plan, reconcile
from wmdctl.sync.rows import RegistrantRow

NOW = datetime(2021, 10, 1, 12, 0, tzinfo=UTC)
TODAY = "2021-10-01"


def person(email: str, first: str = "A") -> RegistrantRow:
    return RegistrantRow(email, {"first_name": first}, {}, "list.csv", 2)


def zoom(*people: tuple[str, str]) -> dict[str, ZoomRegistrant]:
    return {e: ZoomRegistrant(e, f"id-{e}", s, f"https://j/{e}") for e, s in people}


def test_new_people_are_added_and_registered_ones_never_reposted() -> None:
    rows = [person("new@example.org"), person("ok@example.org"), person("wait@example.org")]
    plan = compute_plan(rows, zoom(("ok@example.org", "approved"), ("wait@example.org", "pending")), {},
                        PlanOptions(), NOW)  # fmt: skip
    assert [r.email for r in plan.add] == ["new@example.org"]
    assert plan.unchanged == ["ok@example.org", "wait@example.org"]
    assert plan.approve == [] and plan.cancel == []


def test_changed_row_of_a_registered_person_is_still_not_reposted() -> None:
    plan = compute_plan([person("ok@example.org", "Renamed")], zoom(("ok@example.org", "approved")), {},
                        PlanOptions(), NOW)  # fmt: skip
    assert plan.add == [] and plan.unchanged == ["ok@example.org"]


def test_approve_only_with_the_flag() -> None:
    people = zoom(("wait@example.org", "pending"))
    assert compute_plan([person("wait@example.org")], people, {}, PlanOptions(), NOW).approve == []
    plan = compute_plan([person("wait@example.org")], people, {}, PlanOptions(approve=True), NOW)
    assert [p.email for p in plan.approve] == ["wait@example.org"]


def test_denied_and_cancelled_people_need_a_human_and_are_never_re_added() -> None:
    ledger = {
        "gone@example.org": LedgerEntry("gone@example.org", "cancelled", "r1"),
        "blocked@example.org": LedgerEntry("blocked@example.org", "blocked", last_error="cannot be used"),
    }
    rows = [person("denied@example.org"), person("gone@example.org"), person("blocked@example.org")]
    plan = compute_plan(rows, zoom(("denied@example.org", "denied")), ledger, PlanOptions(approve=True), NOW)
    assert plan.add == [] and plan.approve == []
    assert set(plan.needs_human) == {"denied@example.org", "gone@example.org", "blocked@example.org"}
    assert "denied" in plan.needs_human["denied@example.org"]
    assert "cancelled" in plan.needs_human["gone@example.org"]


def test_failed_row_is_retried_only_once_edited() -> None:
    row = person("f@example.org")
    failed = LedgerEntry("f@example.org", "failed", fingerprint=row.fingerprint(), last_error="Invalid field.")
    plan = compute_plan([row], {}, {"f@example.org": failed}, PlanOptions(), NOW)
    assert plan.add == [] and "fix the row" in plan.needs_human["f@example.org"]
    edited = person("f@example.org", "Fixed")
    assert compute_plan([edited], {}, {"f@example.org": failed}, PlanOptions(), NOW).add == [edited]


def test_deferred_until_resume_and_daily_add_cap() -> None:
    deferred = LedgerEntry("d@example.org", "deferred", deferred_until="2021-10-02T00:00:00+00:00")
    spent = LedgerEntry("s@example.org", "not_added", attempts_day=TODAY, attempts=3)
    yesterday = LedgerEntry("y@example.org", "not_added", attempts_day="2021-09-30", attempts=3)
    ledger = {e.email: e for e in (deferred, spent, yesterday)}
    rows = [person("d@example.org"), person("s@example.org"), person("y@example.org")]
    plan = compute_plan(rows, {}, ledger, PlanOptions(), NOW)
    assert plan.deferred == {"d@example.org": "2021-10-02T00:00:00+00:00",
                             "s@example.org": "2021-10-02T00:00:00+00:00"}  # fmt: skip
    assert [r.email for r in plan.add] == ["y@example.org"]
    after_midnight = datetime(2021, 10, 2, 0, 0, 1, tzinfo=UTC)
    assert len(compute_plan(rows, {}, ledger, PlanOptions(), after_midnight).add) == 3


def test_prune_only_with_flag_and_within_the_guard() -> None:
    registered = [(f"p{i}@example.org", "approved") for i in range(30)] + [("x@example.org", "pending")]
    people = zoom(*registered, ("denied@example.org", "denied"))
    rows = [person(f"p{i}@example.org") for i in range(30)]
    assert compute_plan(rows, people, {}, PlanOptions(), NOW).cancel == []
    plan = compute_plan(rows, people, {}, PlanOptions(prune=True), NOW)
    assert plan.cancel == [] and [p.email for p in plan.deny] == ["x@example.org"]  # denied people are left alone
    assert plan.cancel_refused is None


def test_prune_cancels_the_approved_and_denies_the_pending_under_one_guard() -> None:
    # Zoom's cancel revokes an approval (notes §5): a pending person has none, and is removed with deny.
    listed = [(f"p{i}@example.org", "approved") for i in range(20)]
    people = zoom(*listed, ("gone@example.org", "approved"), ("wait@example.org", "pending"))
    rows = [person(f"p{i}@example.org") for i in range(20)]
    plan = compute_plan(rows, people, {}, PlanOptions(prune=True), NOW)  # 2 removals, 10% of 22 = 2
    assert [p.email for p in plan.cancel] == ["gone@example.org"]
    assert [p.email for p in plan.deny] == ["wait@example.org"] and plan.removals == 2
    data = plan.to_dict()
    assert data["counts"]["cancel"] == 1 and data["counts"]["deny"] == 1  # type: ignore[index]
    held = compute_plan(rows, people, {}, PlanOptions(prune=True, max_cancel=1), NOW)  # both count against it
    assert held.cancel == [] and held.deny == [] and held.removals == 0
    assert held.cancel_held == ["gone@example.org", "wait@example.org"]
    assert "2 cancels/denials exceed the limit of 1" in (held.cancel_refused or "")


def test_prune_guard_holds_back_mass_cancels() -> None:
    people = zoom(*[(f"p{i}@example.org", "approved") for i in range(40)])
    rows = [person(f"p{i}@example.org") for i in range(35)]  # 5 missing: more than 10% of 40 = 4
    plan = compute_plan(rows, people, {}, PlanOptions(prune=True), NOW)
    assert plan.cancel == [] and len(plan.cancel_held) == 5
    assert "exceed the limit of 4" in (plan.cancel_refused or "")
    assert len(compute_plan(rows, people, {}, PlanOptions(prune=True, max_cancel=5), NOW).cancel) == 5
    assert len(compute_plan(rows, people, {}, PlanOptions(prune=True, force=True), NOW).cancel) == 5
    empty = compute_plan([], people, {}, PlanOptions(prune=True), NOW)  # an empty list must not wipe the webinar
    assert empty.cancel == [] and len(empty.cancel_held) == 40


def test_plan_to_dict_counts_and_emails() -> None:
    plan = compute_plan([person("n@example.org")], zoom(("d@example.org", "denied")), {}, PlanOptions(), NOW)
    data = plan.to_dict()
    assert data["counts"]["add"] == 1 and data["emails"]["add"] == ["n@example.org"]


# --- reconcile: settling what a dead run left, and remembering cancellations --------------
def test_in_flight_entry_found_on_zoom_is_recorded_as_added() -> None:
    entry = LedgerEntry("a@example.org", "in_flight", added_by_run="dead-run", attempts_day=TODAY, attempts=1)
    changes = reconcile({"a@example.org": entry}, zoom(("a@example.org", "pending")), NOW)
    assert len(changes) == 1
    settled = changes[0]
    assert (settled.status, settled.registrant_id, settled.added_by_run) == ("pending", "id-a@example.org", "dead-run")
    assert settled.added_at is not None and settled.attempts == 1


def test_in_flight_entry_missing_on_zoom_is_added_again() -> None:
    entry = LedgerEntry("a@example.org", "in_flight", attempts_day=TODAY, attempts=1)
    (settled,) = reconcile({"a@example.org": entry}, {}, NOW)
    assert settled.status == "not_added" and settled.attempts == 1  # the attempt still counts toward the cap
    plan = compute_plan([person("a@example.org")], {}, {"a@example.org": settled}, PlanOptions(), NOW)
    assert [r.email for r in plan.add] == ["a@example.org"]


def test_registered_entry_gone_from_zoom_becomes_cancelled() -> None:
    entries = {
        "was@example.org": LedgerEntry("was@example.org", "approved", "r9"),
        "deferred@example.org": LedgerEntry("deferred@example.org", "deferred"),
    }
    changes = reconcile(entries, {}, NOW)
    assert [(c.email, c.status) for c in changes] == [("was@example.org", "cancelled")]


def test_reconcile_learns_zoom_people_and_is_quiet_when_in_step() -> None:
    people = zoom(("self@example.org", "approved"))
    (learned,) = reconcile({}, people, NOW)
    assert (learned.email, learned.status, learned.added_by_run) == ("self@example.org", "approved", None)
    assert reconcile({"self@example.org": learned}, people, NOW) == []


def test_prune_never_cancels_someone_whose_row_was_rejected() -> None:
    people = zoom(*[(f"p{i}@example.org", "approved") for i in range(21)])
    rows = [person(f"p{i}@example.org") for i in range(20)]  # p20's row was rejected (blank first name)
    plan = compute_plan(rows, people, {}, PlanOptions(prune=True), NOW, mentioned={"p20@example.org"})
    assert plan.cancel == [] and plan.cancel_refused is None and plan.cancel_held == []
    forced = compute_plan(rows, people, {}, PlanOptions(prune=True, force=True), NOW, mentioned={"p20@example.org"})
    assert forced.cancel == []
    unprotected = compute_plan(rows, people, {}, PlanOptions(prune=True), NOW)
    assert [p.email for p in unprotected.cancel] == ["p20@example.org"]  # what it protects against


def test_prune_cancels_nobody_while_a_rejected_row_has_no_valid_email() -> None:
    people = zoom(*[(f"p{i}@example.org", "approved") for i in range(30)])
    rows = [person(f"p{i}@example.org") for i in range(29)]
    for options in (
        PlanOptions(prune=True),
        PlanOptions(prune=True, force=True),
        PlanOptions(prune=True, max_cancel=9),
    ):
        plan = compute_plan(rows, people, {}, options, NOW, unidentified=["list.csv:7"])
        assert plan.cancel == [] and plan.cancel_held == ["p29@example.org"]
        assert "list.csv:7" in (plan.cancel_refused or "") and "no valid email" in (plan.cancel_refused or "")
    nothing_to_cancel = compute_plan(rows, zoom(("p0@example.org", "approved")), {}, PlanOptions(prune=True), NOW,
                                     unidentified=["list.csv:7"])  # fmt: skip
    assert nothing_to_cancel.cancel_refused is None  # no prune candidate: nothing held, no warning
    many = compute_plan(rows, people, {}, PlanOptions(prune=True), NOW, unidentified=[f"l.csv:{n}" for n in range(9)])
    assert "and 4 more" in (many.cancel_refused or "")
