"""Path encoding of Zoom ids and UUIDs, and the 30-item batching Zoom imposes."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar
from urllib.parse import quote

T = TypeVar("T")

# Zoom caps panelist adds, batch registrations and status changes at 30 items per request.
MAX_BATCH = 30


def encode_uuid(value: str | int) -> str:
    """Encode a webinar id or instance UUID for use as one path segment.

    Zoom decodes path segments twice for UUIDs that begin with "/" or contain
    "//" (DOCS "Double-encoding"), so those must be encoded twice; any other
    UUID once; a numeric id needs no encoding.
    """
    text = str(value)
    if text.isdigit():
        return text
    once = quote(text, safe="")
    if text.startswith("/") or "//" in text:
        return quote(once, safe="")
    return once


def quote_id(value: str | int) -> str:
    """Quote a user id, email, registrant or panelist id as one path segment."""
    return quote(str(value), safe="")


def chunks(seq: Sequence[T], size: int = MAX_BATCH) -> Iterator[list[T]]:
    """Consecutive slices of at most ``size`` items, in order."""
    if size < 1:
        raise ValueError("chunk size must be at least 1")
    for start in range(0, len(seq), size):
        yield list(seq[start : start + size])
