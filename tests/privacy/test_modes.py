"""File modes under umask 000 and 022, after a whole run of the real CLI against its sandbox.

The state dir is 0700 and every file in it 0600 whatever the umask; a file named with --out follows the umask
unless it holds join links. Some writers belong to other parts of the code and are not routed through
wmdctl/state/files.py yet: their tests are strict xfails naming who routes them, so they flip at integration.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from cli_support import Cli, VirtualTime

from wmdctl.config import VARIABLES

from .conftest import mode_of, umask, write_list

pytestmark = pytest.mark.e2e  # a whole event through the real CLI and its sandbox, once per umask


@dataclass
class Run:
    umask: int
    state: Path
    work: Path
    archive: Path
    account: Path  # the Zoom account's folder (token, rate budget) under the state home


@pytest.fixture(scope="module", params=[0o000, 0o022], ids=["umask000", "umask022"])
def run(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    """One whole event, under one umask: apply, sync (with a rejected row), export, simulate, report, archive."""
    root = tmp_path_factory.mktemp(f"modes{request.param:03o}")
    work = root / "work"
    work.mkdir()
    with pytest.MonkeyPatch.context() as patch, umask(request.param):
        for var in VARIABLES:
            patch.delenv(var.name, raising=False)
        patch.setenv("WMD_STATE_DIR", str(root / "state"))
        patch.setenv("XDG_STATE_HOME", str(root / "state-home"))  # module scope: the autouse isolation is not on yet
        patch.setenv("NO_COLOR", "1")
        patch.chdir(work)
        source = write_list(work / "members.csv", 6, bad_rows=1)
        cli = Cli(VirtualTime())  # module-scoped: the per-test `cli` fixture is not available here
        steps = [
            ("--sandbox", "webinar", "apply", "--yes"),
            ("--sandbox", "registrants", "sync", str(source), "--approve"),
            ("--sandbox", "registrants", "export", "--out", "registrants.csv"),
            ("--sandbox", "registrants", "export", "--format", "xlsx", "--out", "registrants.xlsx"),
            ("--sandbox", "sandbox", "simulate"),
            ("--sandbox", "report", "attendance", "--out", "attendance.csv"),
            ("--sandbox", "report", "attendance", "--out", "attendance.xlsx"),
            ("--sandbox", "report", "archive", "--dir", "archive"),
        ]
        for step in steps:
            result = cli(*step)
            assert result.exit_code in (0, 1), (step, result.stderr)  # 1: the rejected row, on purpose
        [archive] = (work / "archive").iterdir()
        [account] = (root / "state-home" / "wmdctl" / "accounts").iterdir()
        yield Run(request.param, root / "state", work, archive, account)


def test_the_state_dir_is_owner_only(run: Run) -> None:
    assert mode_of(run.state) == 0o700


@pytest.mark.parametrize("name", ["webinars.json", "sandbox.db"])
def test_state_files_are_owner_only(run: Run, name: str) -> None:
    assert mode_of(run.state / name) == 0o600


@pytest.mark.parametrize("name", ["token.json", "budget.sqlite"])
def test_the_accounts_files_are_owner_only(run: Run, name: str) -> None:
    assert mode_of(run.account) == 0o700 and mode_of(run.account.parent) == 0o700
    assert mode_of(run.account / name) == 0o600


def _event_folder_or_root(run: Run, name: str) -> Path:
    """The ledger and rejects live per event (state/store.py) or, before that lands, in the state dir itself."""
    found = sorted(run.state.rglob(name))
    assert found, f"no {name} under {run.state}"
    return found[0]


def test_the_ledger_is_owner_only(run: Run) -> None:
    assert mode_of(_event_folder_or_root(run, "registrants.sqlite")) == 0o600


def test_the_sync_lock_is_owner_only(run: Run) -> None:
    assert mode_of(_event_folder_or_root(run, "sync.lock")) == 0o600


def test_the_rejects_file_is_owner_only(run: Run) -> None:
    assert mode_of(_event_folder_or_root(run, "registrant-rejects.csv")) == 0o600


@pytest.mark.parametrize("name", ["registrants.csv", "registrants.xlsx"])
def test_exports_with_join_links_are_owner_only(run: Run, name: str) -> None:
    assert "join_url" in (run.work / "registrants.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert mode_of(run.work / name) == 0o600


@pytest.mark.parametrize("name", ["attendance.csv", "attendance.xlsx"])
def test_reports_named_with_out_follow_the_umask(run: Run, name: str) -> None:
    assert mode_of(run.work / name) == 0o666 & ~run.umask


def test_the_archive_is_owner_only(run: Run) -> None:
    assert mode_of(run.archive) == 0o700
    inside = list(run.archive.rglob("*"))
    assert any(p.name == "manifest.json" for p in inside)
    assert {mode_of(p) for p in inside if p.is_dir()} <= {0o700}
    assert {mode_of(p) for p in inside if p.is_file()} == {0o600}
    assert not [p for p in run.archive.parent.iterdir() if p.name.startswith(".")]  # no staging left behind
