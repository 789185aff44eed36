"""What every endpoint mixin relies on: ``request`` and the pagination helpers."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from wmdctl.zoom.pagination import iter_pages, paginate
from wmdctl.zoom.transport import Transport


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
        verify: Callable[[], Any] | None = None,
    ) -> Any:
        """Any Zoom API call (path relative to the API base, ids already encoded); JSON in and out."""
        return self._transport.request(method, path, params=params, json=json, category=category, verify=verify)

    def iter_pages(
        self, path: str, *, params: Mapping[str, Any] | None = None, category: str = "medium"
    ) -> Iterator[dict[str, Any]]:
        """Raw pages of any paginated endpoint, as Zoom returned them."""
        return iter_pages(self.request, path, params, category)

    def _paginate(
        self, path: str, items_key: str, params: Mapping[str, Any] | None = None, category: str = "medium"
    ) -> Iterator[dict[str, Any]]:
        return paginate(self.request, path, items_key, params, category)
