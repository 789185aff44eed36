"""What the reports look up before the data itself: the webinar, the instance, the polls.

Zoom answers 404 3001 for a webinar that does not exist, one that has not
ended and one that has *expired* (notes §2, §8): ``GET /webinars/{id}`` can
say 3001 while the report endpoints still hold a year of data. So a 3001 on
the webinar is only a warning; the report endpoints decide. When they say
3001 too, the webinar is not found (``not_found``), not "too early".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from wmdctl.errors import NotFoundError
from wmdctl.zoom.errors import ZoomBadRequestError, ZoomNotFoundError, ZoomPermissionError

_SHOWN_INSTANCES = 10  # a weekly webinar has many; the newest are the useful ones
# Keys of GET /webinars/{id} that must never be written to disk: the start_url
# starts the webinar as the host (notes §4: "host-only").
HOST_ONLY_KEYS = frozenset({"start_url"})


class LookupClient(Protocol):
    def get_webinar(self, webinar_id: str) -> dict[str, Any]: ...
    def list_past_instances(self, webinar_id: str) -> list[dict[str, Any]]: ...
    def list_polls(self, webinar_id: str) -> list[dict[str, Any]]: ...


@dataclass
class Webinar:
    """The webinar's details, or ``{}`` with ``warning`` set when Zoom would not give them."""

    details: dict[str, Any]
    warning: str = ""

    @property
    def missing(self) -> bool:
        return bool(self.warning)


def get_webinar(client: LookupClient, webinar_id: str) -> Webinar:
    """``GET /webinars/{id}``; a 404 becomes a warning, since the report endpoints may still have the data."""
    try:
        return Webinar(client.get_webinar(webinar_id))
    except ZoomNotFoundError as error:
        code = f" {error.code}" if error.code is not None else ""
        return Webinar(
            {},
            f"Zoom answers 404{code} for webinar {webinar_id} ({error.message}): it does not exist or has expired; "
            "carrying on with the report endpoints and the event file's times",
        )


def not_found(webinar_id: str, target: str) -> NotFoundError:
    """The webinar and its reports both answer 3001: there is nothing to report on."""
    what = f"webinar {webinar_id}" if target == webinar_id else f"instance {target!r} of webinar {webinar_id}"
    return NotFoundError(
        f"{what} not found: Zoom answers 3001 both for the webinar and for its reports",
        hint="check WMD_WEBINAR_ID (and --instance); Zoom keeps participant reports for 6 months only",
    )


def check_instance(client: LookupClient, webinar_id: str, uuid: str) -> dict[str, Any] | None:
    """The ended instance ``uuid`` of the webinar; NotFoundError when Zoom lists others but not it.

    Zoom answers 3001 for an unknown UUID exactly as for one still running, so
    without this an unknown UUID would be "too early" forever. None when it
    cannot be checked (no instance has ended yet, or Zoom will not list them).
    """
    try:
        instances = client.list_past_instances(webinar_id)
    except ZoomNotFoundError:
        return None
    if not instances:
        return None
    match = next((i for i in instances if i.get("uuid") == uuid), None)
    if match is not None:
        return match
    newest = sorted(instances, key=lambda i: str(i.get("start_time") or ""), reverse=True)
    shown = ", ".join(f"{i.get('uuid')} ({i.get('start_time') or 'undated'})" for i in newest[:_SHOWN_INSTANCES])
    more = f" and {len(newest) - _SHOWN_INSTANCES} older" if len(newest) > _SHOWN_INSTANCES else ""
    raise NotFoundError(
        f"webinar {webinar_id} has no ended instance {uuid!r}; Zoom knows: {shown}{more}",
        hint="pass one of those UUIDs to --instance, or leave --instance out for the latest",
    )


def without_host_secrets(value: Any) -> Any:
    """A copy of a Zoom document without the host-only keys, at any depth."""
    if isinstance(value, dict):
        return {k: without_host_secrets(v) for k, v in value.items() if k not in HOST_ONLY_KEYS}
    if isinstance(value, list):
        return [without_host_secrets(v) for v in value]
    return value


def poll_definitions(client: LookupClient, webinar_id: str) -> tuple[list[dict[str, Any]], str]:
    """The webinar's polls as Zoom has them, and a warning when it would not list them."""
    try:
        return client.list_polls(webinar_id), ""
    except (ZoomNotFoundError, ZoomBadRequestError, ZoomPermissionError) as error:
        return [], f"Zoom would not list the webinar's polls ({error.message}); poll titles come from the event file"
