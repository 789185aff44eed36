"""The webinar's post-webinar survey (``/webinars/{webinarId}/survey``).

Zoom answers 400 code 3000 when the account's "Webinar Survey" setting is off.
"""

from __future__ import annotations

from typing import Any

from wmdctl.zoom.encoding import encode_uuid
from wmdctl.zoom.endpoints.base import EndpointBase


class SurveyEndpoints(EndpointBase):
    def get_survey(self, webinar_id: str | int) -> dict[str, Any]:
        """``{custom_survey: {...}, show_in_the_browser, show_in_the_follow_up_email, third_party_survey}``."""
        result = self._get(f"/webinars/{encode_uuid(webinar_id)}/survey")
        return result

    def update_survey(self, webinar_id: str | int, body: dict[str, Any]) -> None:
        """PATCH (204): Zoom replaces the custom survey's questions with the ones sent."""
        self._patch(f"/webinars/{encode_uuid(webinar_id)}/survey", body)

    def delete_survey(self, webinar_id: str | int) -> None:
        self._delete(f"/webinars/{encode_uuid(webinar_id)}/survey")
