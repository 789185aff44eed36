"""The example campaign `wmdctl init --campaign` writes: WMD 2021 plus two sessions of a partner city."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from wmdctl.errors import UsageError
from wmdctl.event.load import default_event_text
from wmdctl.state.files import write_text_atomic

EXAMPLE_NAME = "urban-october-2021.toml"
CAMPAIGN_FILE = "campaign.toml"
WMD_EVENT_FILE = "wmd2021.toml"  # the campaign's first session reads it: file = "wmd2021.toml"


def example_campaign_text() -> str:
    return resources.files("wmdctl").joinpath("campaigns").joinpath(EXAMPLE_NAME).read_text(encoding="utf-8")


def example_files(directory: Path) -> dict[Path, str]:
    return {directory / CAMPAIGN_FILE: example_campaign_text(), directory / WMD_EVENT_FILE: default_event_text()}


def write_example_campaign(directory: Path, *, force: bool = False) -> list[Path]:
    """Write campaign.toml and the WMD 2021 event file it uses; refuses to overwrite unless ``force``."""
    files = example_files(directory)
    existing = [str(p) for p in files if p.exists()]
    if existing and not force:
        raise UsageError(f"refusing to overwrite {', '.join(existing)}", hint="pass --force to overwrite")
    for path, text in files.items():
        # Not private: an event file holds no secret, and organisers share it.
        write_text_atomic(path, text, private=False)
    return list(files)
