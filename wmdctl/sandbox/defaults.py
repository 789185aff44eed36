"""What GET answers for the fields a create body left out: every key of the spec's GET schemas.

Values are the SPEC defaults where it gives one, else what a new Pro account shows (off, empty).
Stored objects are merged over these when read, so state files written before a key existed
answer complete too.
"""

from __future__ import annotations

from typing import Any

from wmdctl.sandbox.routing import deep_merge

_NOTIFY_OFF = {"enable": False, "type": 0}
_INTERPRETATION_OFF: dict[str, Any] = {"enable": False, "interpreters": []}

WEBINAR_SETTINGS: dict[str, Any] = {
    "additional_data_center_regions": [],
    "alternative_host_update_polls": False,
    "attendees_and_panelists_reminder_email_notification": dict(_NOTIFY_OFF),
    "audio_conference_info": "",
    "authentication_domains": "",
    "authentication_name": "",
    "authentication_option": "",
    "contact_email": "",
    "contact_name": "",
    "enforce_login": False,
    "enforce_login_domains": "",
    "follow_up_absentees_email_notification": dict(_NOTIFY_OFF),
    "follow_up_attendees_email_notification": dict(_NOTIFY_OFF),
    "global_dial_in_countries": [],
    "global_dial_in_numbers": [],
    "language_interpretation": dict(_INTERPRETATION_OFF),
    "sign_language_interpretation": dict(_INTERPRETATION_OFF),
    "panelist_authentication": False,
    "add_watermark": False,
    "add_audio_watermark": False,
    "show_join_info": False,
    "survey_url": "",
    "enable_session_branding": False,
    "allow_host_control_participant_mute_state": False,
    "email_in_attendee_report": False,
}

MEETING_SETTINGS: dict[str, Any] = {
    "additional_data_center_regions": [],
    "allow_multiple_devices": False,
    "alternative_hosts": "",
    "alternative_hosts_email_notification": True,
    "alternative_host_update_polls": False,
    "approved_or_denied_countries_or_regions": {
        "enable": False,
        "method": "approve",
        "approved_list": [],
        "denied_list": [],
    },
    "audio_conference_info": "",
    "authentication_domains": "",
    "authentication_exception": [],
    "authentication_name": "",
    "authentication_option": "",
    "close_registration": False,
    "cn_meeting": False,
    "contact_email": "",
    "contact_name": "",
    "custom_keys": [],
    "email_notification": True,
    "encryption_type": "enhanced_encryption",
    "enforce_login": False,
    "enforce_login_domains": "",
    "focus_mode": False,
    "global_dial_in_countries": [],
    "global_dial_in_numbers": [],
    "in_meeting": False,
    "jbh_time": 0,
    "question_and_answer": {
        "enable": False,
        "allow_submit_questions": False,
        "allow_anonymous_questions": False,
        "question_visibility": "answered",
        "attendees_can_comment": False,
        "attendees_can_upvote": False,
    },
    "language_interpretation": dict(_INTERPRETATION_OFF),
    "sign_language_interpretation": dict(_INTERPRETATION_OFF),
    "meeting_authentication": False,
    "private_meeting": False,
    "registrants_confirmation_email": True,
    "registrants_email_notification": True,
    "registration_type": 1,
    "show_share_button": False,
    "show_join_info": False,
    "use_pmi": False,
    "waiting_room_options": {"mode": "follow_setting", "who_goes_to_waiting_room": "everyone"},
    "watermark": False,
    "host_save_video_order": False,
    "internal_meeting": False,
    "meeting_invitees": [],
    "continuous_meeting_chat": {
        "enable": False,
        "auto_add_invited_external_users": False,
        "auto_add_meeting_participants": False,
        "channel_id": "",
    },
    "participant_focused_meeting": False,
    "push_change_to_calendar": False,
    "auto_start_meeting_summary": False,
    "auto_start_ai_companion_questions": False,
    "device_testing": False,
    "request_permission_to_unmute_participants": False,
    "allow_host_control_participant_mute_state": False,
    "disable_participant_video": False,
    "email_in_attendee_report": False,
    "alternative_host_manage_meeting_summary": False,
    "alternative_host_manage_cloud_recording": False,
    "auto_add_recording_to_video_management": {"enable": False},  # channels: 1 to 5 when enabled
    "resources": [],
    "who_will_receive_summary": 1,
    "who_can_ask_questions": 1,
    "summary_template_id": "",
}


# Registrant profile fields a registration left out answer as "" (SPEC registrant list/get schemas).
REGISTRANT_PROFILE: dict[str, Any] = dict.fromkeys(
    ("last_name", "address", "city", "state", "zip", "country", "phone", "comments", "industry", "org", "job_title",
     "no_of_employees", "purchasing_time_frame", "role_in_purchase_process"),
    "",
)  # fmt: skip
PANELIST_BRANDING: dict[str, Any] = dict.fromkeys(
    ("virtual_background_id", "name_tag_id", "name_tag_name", "name_tag_pronouns", "name_tag_description"), ""
)
WEBINAR_TOP: dict[str, Any] = {
    "encrypted_passcode": "",
    "h323_passcode": "",
    "tracking_fields": [],
    "template_id": "",
    "record_file_id": "",
    "transition_to_live": False,
    "simulive_delay_start": {"enable": False, "time": 0, "timeunit": "second"},
}
MEETING_TOP: dict[str, Any] = {
    "status": "waiting",
    "h323_password": "",
    "pstn_password": "",
    "encrypted_password": "",
    "chat_join_url": "",
    "creation_source": "open_api",
    "tracking_fields": [],
    "assistant_id": "",
    "pmi": "",
    "template_id": "",
    "dynamic_host_key": "",
}


def complete(stored: dict[str, Any], top: dict[str, Any], settings: dict[str, Any]) -> dict[str, Any]:
    """``stored`` over the defaults, at the top level and in settings."""
    shown = {**top, **stored}
    shown["settings"] = deep_merge(settings, stored.get("settings", {}))
    return shown
