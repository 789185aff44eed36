"""State in a SQLite file survives stop/start; so do the token and the clock offset."""

from __future__ import annotations

from pathlib import Path

from wmdctl.sandbox import SandboxOptions, start_sandbox

from .helpers import ManualClock, Zoom


def test_state_survives_restart_over_the_same_file(tmp_path: Path) -> None:
    state = tmp_path / "sandbox.db"
    with start_sandbox(SandboxOptions(state_path=state, seed=1, clock=ManualClock())) as first:
        zoom = Zoom(first)
        webinar_id = zoom.registration_webinar()
        registrant = zoom.register(webinar_id, "kept@example.org").json()["registrant_id"]
        token = zoom.token
    with start_sandbox(SandboxOptions(state_path=state, seed=1, clock=ManualClock())) as second:
        zoom = Zoom(second, token=token)  # the token issued before the restart still works
        assert zoom.get(f"/webinars/{webinar_id}/registrants/{registrant}").json()["email"] == "kept@example.org"
        other = zoom.registration_webinar()
        assert other != webinar_id  # a restart with the same seed does not reuse ids
    state_text = state.read_bytes()
    assert token.encode() not in state_text  # only a hash of the token is stored


def test_reset_forgets_everything(zoom: Zoom) -> None:
    zoom.create_webinar()
    assert zoom.admin("POST", "/reset").status_code == 200
    state = zoom.state()
    assert state["webinars"] == [] and state["counters"] == []
    assert zoom.get("/users/me/webinars").status_code == 200  # the token is kept
