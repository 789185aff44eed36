"""A campaign as the rest of wmdctl sees it: frozen, and every session's event already validated."""

from __future__ import annotations

from dataclasses import dataclass

from wmdctl.event.model import Event


@dataclass(frozen=True)
class Session:
    """One webinar of the campaign."""

    index: int  # 0-based position in the file: key paths say sessions[index]
    key: str  # = event.key: keys the session's state (webinar id, ledger, rejects)
    event: Event
    profile: str | None = None  # the Zoom account it runs on; None = the default settings
    host: str | None = None  # the host's email; None = the profile's ZOOM_HOST
    source: str = "inline"  # "inline", or the event file it was read from

    @property
    def title(self) -> str:
        return self.event.topic

    @property
    def account(self) -> str:
        """How summaries name the account: the profile, or "default"."""
        return self.profile or "default"


@dataclass(frozen=True)
class Campaign:
    name: str
    year: int | None
    organisers: tuple[str, ...]
    sessions: tuple[Session, ...]
    source: str = ""

    def session(self, key: str) -> Session:
        for session in self.sessions:
            if session.key == key:
                return session
        raise KeyError(key)

    def select(self, only: list[str] | tuple[str, ...]) -> tuple[Session, ...]:
        """The sessions named by ``--only`` (keys), in file order; all of them when ``only`` is empty."""
        from wmdctl.errors import UsageError

        if not only:
            return self.sessions
        known = {s.key for s in self.sessions}
        unknown = [k for k in only if k not in known]
        if unknown:
            raise UsageError(
                f"no session with key {', '.join(repr(k) for k in unknown)} in {self.source}",
                hint=f"known keys: {', '.join(s.key for s in self.sessions)}",
            )
        return tuple(s for s in self.sessions if s.key in set(only))

    @property
    def profiles(self) -> list[str | None]:
        """Every account the campaign uses, in order of first use."""
        seen: list[str | None] = []
        for session in self.sessions:
            if session.profile not in seen:
                seen.append(session.profile)
        return seen
