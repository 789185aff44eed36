"""What every endpoint mixin relies on: typed verbs over ``request``, and the pagination helpers.

An endpoint method is one line over ``_get``, ``_post``, ``_put``, ``_patch`` or ``_delete``: the path
(ids already encoded), the body, and the rate-limit category the SPEC gives the operation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from wmdctl.zoom.pagination import iter_pages, paginate
from wmdctl.zoom.transport import Transport

Verify = Callable[[], Any]


class EndpointBase:
    _transport: Transport

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        category: str = "light",
        verify: Verify | None = None,
    ) -> Any:
        """Any Zoom API call (path relative to the API base, ids already encoded); JSON in and out."""
        return self._transport.request(method, path, params=params, json=json, category=category, verify=verify)

    def _get(self, path: str, *, params: Mapping[str, Any] | None = None, category: str = "light") -> dict[str, Any]:
        return _object(self.request("GET", path, params=params, category=category))

    def _post(self, path: str, body: Any, *, category: str = "light", verify: Verify | None = None) -> dict[str, Any]:
        """``verify`` answers "did it land?" after an ambiguous failure (see Transport.request)."""
        return _object(self.request("POST", path, json=body, category=category, verify=verify))

    def _put(self, path: str, body: Any, *, category: str = "light") -> None:
        self.request("PUT", path, json=body, category=category)

    def _patch(self, path: str, body: Any, *, category: str = "light") -> None:
        self.request("PATCH", path, json=body, category=category)

    def _delete(self, path: str, *, params: Mapping[str, Any] | None = None, category: str = "light") -> None:
        self.request("DELETE", path, params=params, category=category)

    def iter_pages(
        self, path: str, *, params: Mapping[str, Any] | None = None, category: str = "medium"
    ) -> Iterator[dict[str, Any]]:
        """Raw pages of any paginated endpoint, as Zoom returned them."""
        return iter_pages(self.request, path, params, category)

    def _paginate(
        self, path: str, items_key: str, params: Mapping[str, Any] | None = None, category: str = "medium"
    ) -> Iterator[dict[str, Any]]:
        return paginate(self.request, path, items_key, params, category)


def _object(data: Any) -> dict[str, Any]:
    """Zoom answers objects; a 204 or an empty body is an empty one (a verify hook's answer passes through)."""
    return data if isinstance(data, dict) else {}
