"""Two Zoom accounts for campaign tests (one in-process sandbox serving both), a request log, a test campaign."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wmdctl.campaign.accounts import Accounts
from wmdctl.config import Settings, load_settings
from wmdctl.event.load import default_event_text
from wmdctl.sandbox import SandboxHandle

REQUEST = re.compile(r"^(GET|POST|PATCH|PUT|DELETE) (\S+) (\d{3})")
WRITES = ("POST", "PATCH", "PUT", "DELETE")

# Two sessions on the partner's account; the default account's session is the WMD 2021 event file.
CAMPAIGN = """
[campaign]
name = "Urban October test"
year = 2021
organisers = ["Metropolis"]

[defaults.registration]
approval = "automatic"

[[defaults.registration.questions]]
field_name = "last_name"
required = true

[[defaults.registration.custom_questions]]
title = "Which panel breakout session would you like to join?"
type = "single_radio"
answers_from_panels = true

[[sessions]]
file = "wmd.toml"

[[sessions]]
key = "partner-one"
profile = "partner"
[sessions.event]
topic = "Partner session one"
timezone = "America/Bogota"
start = 2021-10-14T10:00:00
duration_minutes = 60
[[sessions.panels]]
title = "Housing"
start = 2021-10-14T10:00:00
end = 2021-10-14T10:30:00
questions = ["Who houses the carers?"]
[[sessions.panels.speakers]]
name = "Speaker One"
email = "speaker.one@example.org"
[[sessions.panels]]
title = "Streets"
start = 2021-10-14T10:30:00
end = 2021-10-14T11:00:00
questions = ["Who are streets for?"]
[[sessions.panels.speakers]]
name = "Speaker Two"
email = "speaker.two@example.org"

[[sessions]]
key = "partner-two"
profile = "partner"
[sessions.event]
topic = "Partner session two"
timezone = "Asia/Tokyo"
start = 2021-10-21T18:00:00
duration_minutes = 60
[[sessions.panels]]
title = "Care"
start = 2021-10-21T18:00:00
end = 2021-10-21T19:00:00
questions = ["What is care?"]
[[sessions.panels.speakers]]
name = "Speaker Three"
email = "speaker.three@example.org"
"""


@dataclass
class RequestLog:
    lines: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __call__(self, line: str) -> None:
        with self.lock:
            self.lines.append(line)

    def requests(self) -> list[tuple[str, str, int]]:
        return [(m[1], m[2], int(m[3])) for line in self.lines if (m := REQUEST.match(line))]

    def writes(self) -> list[tuple[str, str, int]]:
        """API writes (a token request changes nothing in Zoom)."""
        return [r for r in self.requests() if r[0] in WRITES and not r[1].startswith("/oauth")]

    def clear(self) -> None:
        with self.lock:
            self.lines.clear()


@dataclass
class TwoAccounts:
    """One sandbox serving two accounts: the default one, and the partner profile's (its own id and budget)."""

    sandbox: SandboxHandle
    partner_id: str
    root: Path
    log: RequestLog

    def account_id(self, profile: str | None) -> str:
        return self.partner_id if profile == "partner" else self.sandbox.account_id

    def state(self, profile: str | None) -> dict[str, Any]:
        return self.sandbox.state(account_id=self.account_id(profile))

    def simulate(self, profile: str | None, webinar_id: str, **options: Any) -> dict[str, Any]:
        return self.sandbox.simulate(webinar_id, account_id=self.account_id(profile), **options)

    def settings_for(self, profile: str | None) -> Settings:
        name = profile or "default"
        env = {**self.sandbox.settings(self.account_id(profile)), "WMD_STATE_DIR": str(self.root / "state" / name)}
        return load_settings(env=env, cwd=self.root)

    def accounts(self) -> Accounts:
        return Accounts.from_settings(self.settings_for, log=self.log)

    def campaign_file(self, text: str = CAMPAIGN) -> Path:
        (self.root / "wmd.toml").write_text(default_event_text(), encoding="utf-8")
        path = self.root / "campaign.toml"
        path.write_text(text, encoding="utf-8")
        return path
