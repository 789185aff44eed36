"""Pagination as generators: follow ``next_page_token`` until Zoom says there is no more.

Every other query parameter is sent again with each page (Zoom forgets them
otherwise), pages are requested only as the caller consumes them, so stopping
early sends nothing more. ``page_number`` is deprecated by Zoom and never used.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, Protocol

MAX_PAGE_SIZE = 300


class RequestCall(Protocol):
    def __call__(
        self, method: str, path: str, *, params: Mapping[str, Any] | None = ..., category: str = ...
    ) -> Any: ...


def iter_pages(
    call: RequestCall, path: str, params: Mapping[str, Any] | None = None, category: str = "medium"
) -> Iterator[dict[str, Any]]:
    """Each page as Zoom returned it (the reports archive keeps them raw)."""
    query: dict[str, Any] = {"page_size": MAX_PAGE_SIZE, **(params or {})}
    query.pop("next_page_token", None)
    seen_tokens: set[str] = set()
    while True:
        page = call("GET", path, params=dict(query), category=category) or {}
        token = page.get("next_page_token")
        # A token seen before means the endpoint ignores it (SPEC documents none on some list endpoints,
        # e.g. GET /users/{userId}/webinars) and answered the same page again: stop, without repeating it.
        if token and token in seen_tokens:
            return
        yield page
        if not token:
            return
        seen_tokens.add(token)
        query["next_page_token"] = token


def paginate(
    call: RequestCall,
    path: str,
    items_key: str,
    params: Mapping[str, Any] | None = None,
    category: str = "medium",
) -> Iterator[dict[str, Any]]:
    """The items under ``items_key`` across all pages, one at a time."""
    for page in iter_pages(call, path, params, category):
        yield from page.get(items_key) or []
