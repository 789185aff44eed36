"""Zoom's error codes (the ``code`` of ``{"code": ..., "message": ...}``), named once.

Sources: notes §1 and §2 (SPEC error tables, DOCS errors, devforum quotes). The
same number can mean several things on different endpoints (3000 is "registration
not enabled" and "registrant not found"), so the names say what we rely on.
"""

from __future__ import annotations

from typing import Final

NO_PERMISSION: Final = 200  # no permission, or the webinar plan/licence is missing
INVALID_FIELD: Final = 300  # validation failed, invalid id, next page token invalid or expired
USER_NOT_FOUND: Final = 1001
USER_NOT_IN_ACCOUNT: Final = 1010
INVALID_ACCESS_TOKEN: Final = 124  # expired, malformed, or invalidated by a newer token
REGISTRATION_REFUSED: Final = 3000  # registration not enabled, registrant not found, attendee limit reached
WEBINAR_NOT_FOUND: Final = 3001  # does not exist, expired, or (reports) has not ended yet
HOST_CANNOT_REGISTER: Final = 3027
WEBINAR_FULL: Final = 3035
WEBINAR_OVER: Final = 3038  # the webinar is over: nobody can register any more
WEBINAR_CAPACITY_REACHED: Final = 3043
REGISTRANT_NOT_FOUND: Final = 3079
MISSING_SCOPES: Final = 4711  # "Invalid access token, does not contain scopes:[...]"

NOT_FOUND_CODES: Final = frozenset({USER_NOT_FOUND, WEBINAR_NOT_FOUND, REGISTRANT_NOT_FOUND})
AUTH_CODES: Final = frozenset({INVALID_ACCESS_TOKEN, MISSING_SCOPES})
PERMISSION_CODES: Final = frozenset({NO_PERMISSION})
# No further add to this webinar can succeed: it is over, or full.
WEBINAR_WIDE_REGISTRATION_CODES: Final = frozenset({WEBINAR_OVER, WEBINAR_FULL, WEBINAR_CAPACITY_REACHED})
