"""Zoom's request rules per operation: a compact JSON Schema subset (GENERATED, do not edit by hand).

Types, enums, required fields, lengths, ranges and nesting of each operation's query and JSON body,
as Zoom's Meetings OpenAPI spec states them; wmdctl.sandbox.validation applies them. The sandbox must
not read the spec at run time (it is not shipped), so the rules live here; the contract test
tests/sandbox/test_rules_contract.py holds them against the spec. Regenerate after a spec update:

    .venv/bin/python tests/sandbox/spec_rules.py > wmdctl/sandbox/spec_rules.py
"""

from typing import Any

# fmt: off
RULES: dict[str, dict[str, Any]] = {
    'POST /users/{userId}/webinars': {
        'body': {
            'type': 'object',
            'properties': {
                'agenda': {'type': 'string'},
                'duration': {'type': 'integer'},
                'password': {'type': 'string', 'maxLength': 10},
                'default_passcode': {'type': 'boolean'},
                'recurrence': {
                    'type': 'object',
                    'required': ['type'],
                    'properties': {
                        'end_date_time': {'type': 'string', 'format': 'date-time'},
                        'end_times': {'type': 'integer', 'maximum': 60},
                        'monthly_day': {'type': 'integer'},
                        'monthly_week': {'type': 'integer', 'enum': [-1, 1, 2, 3, 4]},
                        'monthly_week_day': {'type': 'integer', 'enum': [1, 2, 3, 4, 5, 6, 7]},
                        'repeat_interval': {'type': 'integer'},
                        'type': {'type': 'integer', 'enum': [1, 2, 3]},
                        'weekly_days': {'type': 'string'},
                    },
                },
                'schedule_for': {'type': 'string'},
                'settings': {
                    'type': 'object',
                    'properties': {
                        'additional_data_center_regions': {'type': 'array', 'items': {'type': 'string'}},
                        'allow_multiple_devices': {'type': 'boolean'},
                        'alternative_hosts': {'type': 'string'},
                        'alternative_host_update_polls': {'type': 'boolean'},
                        'approval_type': {'type': 'integer', 'enum': [0, 1, 2]},
                        'attendees_and_panelists_reminder_email_notification': {
                            'type': 'object',
                            'properties': {
                                'enable': {'type': 'boolean'},
                                'type': {'type': 'integer', 'enum': [0, 1, 2, 3, 4, 5, 6, 7]},
                            },
                        },
                        'audio': {'type': 'string', 'enum': ['both', 'telephony', 'voip', 'thirdParty']},
                        'audio_conference_info': {'type': 'string', 'maxLength': 2048},
                        'authentication_domains': {'type': 'string'},
                        'authentication_option': {'type': 'string'},
                        'auto_recording': {'type': 'string', 'enum': ['local', 'cloud', 'none']},
                        'close_registration': {'type': 'boolean'},
                        'contact_email': {'type': 'string'},
                        'contact_name': {'type': 'string'},
                        'email_language': {'type': 'string'},
                        'enforce_login': {'type': 'boolean'},
                        'enforce_login_domains': {'type': 'string'},
                        'follow_up_absentees_email_notification': {
                            'type': 'object',
                            'properties': {
                                'enable': {'type': 'boolean'},
                                'type': {'type': 'integer', 'enum': [0, 1, 2, 3, 4, 5, 6, 7]},
                            },
                        },
                        'follow_up_attendees_email_notification': {
                            'type': 'object',
                            'properties': {
                                'enable': {'type': 'boolean'},
                                'type': {'type': 'integer', 'enum': [0, 1, 2, 3, 4, 5, 6, 7]},
                            },
                        },
                        'global_dial_in_countries': {'type': 'array', 'items': {'type': 'string'}},
                        'hd_video': {'type': 'boolean'},
                        'hd_video_for_attendees': {'type': 'boolean'},
                        'host_video': {'type': 'boolean'},
                        'language_interpretation': {
                            'type': 'object',
                            'properties': {
                                'enable': {'type': 'boolean'},
                                'interpreters': {
                                    'type': 'array',
                                    'items': {
                                        'type': 'object',
                                        'properties': {
                                            'email': {'type': 'string', 'format': 'email'},
                                            'languages': {'type': 'string'},
                                            'interpreter_languages': {'type': 'string'},
                                        },
                                    },
                                },
                            },
                        },
                        'sign_language_interpretation': {
                            'type': 'object',
                            'properties': {
                                'enable': {'type': 'boolean'},
                                'interpreters': {
                                    'type': 'array',
                                    'maximum': 20,
                                    'items': {
                                        'type': 'object',
                                        'properties': {
                                            'email': {'type': 'string', 'format': 'email'},
                                            'sign_language': {'type': 'string'},
                                        },
                                    },
                                },
                            },
                        },
                        'panelist_authentication': {'type': 'boolean'},
                        'meeting_authentication': {'type': 'boolean'},
                        'add_watermark': {'type': 'boolean'},
                        'add_audio_watermark': {'type': 'boolean'},
                        'on_demand': {'type': 'boolean'},
                        'panelists_invitation_email_notification': {'type': 'boolean'},
                        'panelists_video': {'type': 'boolean'},
                        'post_webinar_survey': {'type': 'boolean'},
                        'practice_session': {'type': 'boolean'},
                        'question_and_answer': {
                            'type': 'object',
                            'properties': {
                                'allow_submit_questions': {'type': 'boolean'},
                                'allow_anonymous_questions': {'type': 'boolean'},
                                'answer_questions': {'type': 'string', 'enum': ['only', 'all']},
                                'attendees_can_comment': {'type': 'boolean'},
                                'attendees_can_upvote': {'type': 'boolean'},
                                'allow_auto_reply': {'type': 'boolean'},
                                'auto_reply_text': {'type': 'string'},
                                'enable': {'type': 'boolean'},
                            },
                        },
                        'registrants_confirmation_email': {'type': 'boolean'},
                        'registrants_email_notification': {'type': 'boolean'},
                        'registrants_restrict_number': {'type': 'integer', 'maximum': 20000, 'minimum': 0},
                        'registration_type': {'type': 'integer', 'enum': [1, 2, 3]},
                        'send_1080p_video_to_attendees': {'type': 'boolean'},
                        'show_share_button': {'type': 'boolean'},
                        'show_join_info': {'type': 'boolean'},
                        'survey_url': {'type': 'string'},
                        'enable_session_branding': {'type': 'boolean'},
                        'request_permission_to_unmute_participants': {'type': 'boolean'},
                        'allow_host_control_participant_mute_state': {'type': 'boolean'},
                        'email_in_attendee_report': {'type': 'boolean'},
                    },
                },
                'start_time': {'type': 'string', 'format': 'date-time'},
                'template_id': {'type': 'string'},
                'timezone': {'type': 'string'},
                'topic': {'type': 'string'},
                'tracking_fields': {
                    'type': 'array',
                    'items': {
                        'type': 'object',
                        'required': ['field'],
                        'properties': {'field': {'type': 'string'}, 'value': {'type': 'string'}},
                    },
                },
                'type': {'type': 'integer', 'enum': [5, 6, 9]},
                'is_simulive': {'type': 'boolean'},
                'record_file_id': {'type': 'string'},
                'transition_to_live': {'type': 'boolean'},
                'simulive_delay_start': {
                    'type': 'object',
                    'properties': {
                        'enable': {'type': 'boolean'},
                        'time': {'type': 'integer'},
                        'timeunit': {'type': 'string', 'enum': ['second', 'minute']},
                    },
                },
            },
        },
    },
    'GET /users/{userId}/webinars': {
        'query': {
            'type': {'type': 'string', 'enum': ['scheduled', 'upcoming']},
            'page_size': {'type': 'integer', 'maximum': 300},
            'page_number': {'type': 'integer'},
        },
    },
    'GET /webinars/{webinarId}': {
        'query': {'occurrence_id': {'type': 'string'}, 'show_previous_occurrences': {'type': 'boolean'}},
    },
    'PATCH /webinars/{webinarId}': {
        'query': {'occurrence_id': {'type': 'string'}},
        'body': {
            'type': 'object',
            'properties': {
                'agenda': {'type': 'string'},
                'duration': {'type': 'integer'},
                'password': {'type': 'string', 'maxLength': 10},
                'schedule_for': {'type': 'string'},
                'recurrence': {
                    'type': 'object',
                    'required': ['type'],
                    'properties': {
                        'end_date_time': {'type': 'string', 'format': 'date-time'},
                        'end_times': {'type': 'integer', 'maximum': 60},
                        'monthly_day': {'type': 'integer'},
                        'monthly_week': {'type': 'integer', 'enum': [-1, 1, 2, 3, 4]},
                        'monthly_week_day': {'type': 'integer', 'enum': [1, 2, 3, 4, 5, 6, 7]},
                        'repeat_interval': {'type': 'integer'},
                        'type': {'type': 'integer', 'enum': [1, 2, 3]},
                        'weekly_days': {'type': 'string', 'enum': ['1', '2', '3', '4', '5', '6', '7']},
                    },
                },
                'settings': {
                    'type': 'object',
                    'properties': {
                        'additional_data_center_regions': {'type': 'array', 'items': {'type': 'string'}},
                        'allow_multiple_devices': {'type': 'boolean'},
                        'alternative_hosts': {'type': 'string'},
                        'alternative_host_update_polls': {'type': 'boolean'},
                        'approval_type': {'type': 'integer', 'enum': [0, 1, 2]},
                        'attendees_and_panelists_reminder_email_notification': {
                            'type': 'object',
                            'properties': {
                                'enable': {'type': 'boolean'},
                                'type': {'type': 'integer', 'enum': [0, 1, 2, 3, 4, 5, 6, 7]},
                            },
                        },
                        'audio': {'type': 'string', 'enum': ['both', 'telephony', 'voip', 'thirdParty']},
                        'audio_conference_info': {'type': 'string', 'maxLength': 2048},
                        'authentication_domains': {'type': 'string'},
                        'authentication_option': {'type': 'string'},
                        'auto_recording': {'type': 'string', 'enum': ['local', 'cloud', 'none']},
                        'close_registration': {'type': 'boolean'},
                        'contact_email': {'type': 'string'},
                        'contact_name': {'type': 'string'},
                        'email_language': {'type': 'string'},
                        'enforce_login': {'type': 'boolean'},
                        'enforce_login_domains': {'type': 'string'},
                        'follow_up_absentees_email_notification': {
                            'type': 'object',
                            'properties': {
                                'enable': {'type': 'boolean'},
                                'type': {'type': 'integer', 'enum': [0, 1, 2, 3, 4, 5, 6, 7]},
                            },
                        },
                        'follow_up_attendees_email_notification': {
                            'type': 'object',
                            'properties': {
                                'enable': {'type': 'boolean'},
                                'type': {'type': 'integer', 'enum': [0, 1, 2, 3, 4, 5, 6, 7]},
                            },
                        },
                        'global_dial_in_countries': {'type': 'array', 'items': {'type': 'string'}},
                        'hd_video': {'type': 'boolean'},
                        'hd_video_for_attendees': {'type': 'boolean'},
                        'host_video': {'type': 'boolean'},
                        'language_interpretation': {
                            'type': 'object',
                            'properties': {
                                'enable': {'type': 'boolean'},
                                'interpreters': {
                                    'type': 'array',
                                    'items': {
                                        'type': 'object',
                                        'properties': {
                                            'email': {'type': 'string', 'format': 'email'},
                                            'languages': {'type': 'string'},
                                            'interpreter_languages': {'type': 'string'},
                                        },
                                    },
                                },
                            },
                        },
                        'sign_language_interpretation': {
                            'type': 'object',
                            'properties': {
                                'enable': {'type': 'boolean'},
                                'interpreters': {
                                    'type': 'array',
                                    'maximum': 20,
                                    'items': {
                                        'type': 'object',
                                        'properties': {
                                            'email': {'type': 'string', 'format': 'email'},
                                            'sign_language': {'type': 'string'},
                                        },
                                    },
                                },
                            },
                        },
                        'panelist_authentication': {'type': 'boolean'},
                        'meeting_authentication': {'type': 'boolean'},
                        'add_watermark': {'type': 'boolean'},
                        'add_audio_watermark': {'type': 'boolean'},
                        'notify_registrants': {'type': 'boolean'},
                        'on_demand': {'type': 'boolean'},
                        'panelists_invitation_email_notification': {'type': 'boolean'},
                        'panelists_video': {'type': 'boolean'},
                        'post_webinar_survey': {'type': 'boolean'},
                        'practice_session': {'type': 'boolean'},
                        'question_and_answer': {
                            'type': 'object',
                            'properties': {
                                'allow_submit_questions': {'type': 'boolean'},
                                'allow_anonymous_questions': {'type': 'boolean'},
                                'answer_questions': {'type': 'string', 'enum': ['only', 'all']},
                                'attendees_can_comment': {'type': 'boolean'},
                                'attendees_can_upvote': {'type': 'boolean'},
                                'allow_auto_reply': {'type': 'boolean'},
                                'auto_reply_text': {'type': 'string'},
                                'enable': {'type': 'boolean'},
                            },
                        },
                        'registrants_confirmation_email': {'type': 'boolean'},
                        'registrants_email_notification': {'type': 'boolean'},
                        'registrants_restrict_number': {'type': 'integer', 'maximum': 20000, 'minimum': 0},
                        'registration_type': {'type': 'integer', 'enum': [1, 2, 3]},
                        'send_1080p_video_to_attendees': {'type': 'boolean'},
                        'show_share_button': {'type': 'boolean'},
                        'show_join_info': {'type': 'boolean'},
                        'survey_url': {'type': 'string'},
                        'enable_session_branding': {'type': 'boolean'},
                        'request_permission_to_unmute_participants': {'type': 'boolean'},
                        'allow_host_control_participant_mute_state': {'type': 'boolean'},
                        'email_in_attendee_report': {'type': 'boolean'},
                    },
                },
                'start_time': {'type': 'string', 'format': 'date-time'},
                'timezone': {'type': 'string'},
                'topic': {'type': 'string'},
                'tracking_fields': {
                    'type': 'array',
                    'items': {
                        'type': 'object',
                        'properties': {'field': {'type': 'string'}, 'value': {'type': 'string'}},
                    },
                },
                'type': {'type': 'integer', 'enum': [5, 6, 9]},
                'is_simulive': {'type': 'boolean'},
                'record_file_id': {'type': 'string'},
                'transition_to_live': {'type': 'boolean'},
                'simulive_delay_start': {
                    'type': 'object',
                    'properties': {
                        'enable': {'type': 'boolean'},
                        'time': {'type': 'integer'},
                        'timeunit': {'type': 'string', 'enum': ['second', 'minute']},
                    },
                },
            },
        },
    },
    'DELETE /webinars/{webinarId}': {
        'query': {'occurrence_id': {'type': 'string'}, 'cancel_webinar_reminder': {'type': 'boolean'}},
    },
    'PUT /webinars/{webinarId}/status': {
        'body': {'type': 'object', 'properties': {'action': {'type': 'string', 'enum': ['end']}}},
    },
    'GET /webinars/{webinarId}/panelists': {},
    'POST /webinars/{webinarId}/panelists': {
        'body': {
            'type': 'object',
            'properties': {
                'panelists': {
                    'type': 'array',
                    'maximum': 30,
                    'items': {
                        'type': 'object',
                        'properties': {
                            'email': {'type': 'string', 'format': 'email'},
                            'name': {'type': 'string'},
                            'virtual_background_id': {'type': 'string'},
                            'name_tag_id': {'type': 'string'},
                            'name_tag_name': {'type': 'string'},
                            'name_tag_pronouns': {'type': 'string'},
                            'name_tag_description': {'type': 'string'},
                        },
                    },
                },
            },
        },
    },
    'DELETE /webinars/{webinarId}/panelists': {},
    'DELETE /webinars/{webinarId}/panelists/{panelistId}': {},
    'POST /webinars/{webinarId}/polls': {
        'body': {
            'type': 'object',
            'properties': {
                'anonymous': {'type': 'boolean'},
                'poll_type': {'type': 'integer', 'enum': [1, 2, 3]},
                'questions': {
                    'type': 'array',
                    'items': {
                        'type': 'object',
                        'properties': {
                            'answer_max_character': {'type': 'integer'},
                            'answer_min_character': {'type': 'integer', 'minimum': 1},
                            'answer_required': {'type': 'boolean'},
                            'answers': {'type': 'array', 'minItems': 2, 'items': {'type': 'string'}},
                            'case_sensitive': {'type': 'boolean'},
                            'name': {'type': 'string', 'maxLength': 1024},
                            'prompts': {
                                'type': 'array',
                                'items': {
                                    'type': 'object',
                                    'properties': {
                                        'prompt_question': {'type': 'string'},
                                        'prompt_right_answers': {'type': 'array', 'items': {'type': 'string'}},
                                    },
                                },
                            },
                            'rating_max_label': {'type': 'string'},
                            'rating_max_value': {'type': 'integer', 'maximum': 10},
                            'rating_min_label': {'type': 'string'},
                            'rating_min_value': {'type': 'integer', 'minimum': 0},
                            'right_answers': {'type': 'array', 'minItems': 1, 'items': {'type': 'string'}},
                            'show_as_dropdown': {'type': 'boolean'},
                            'type': {
                                'type': 'string',
                                'enum': [
                                    'single',
                                    'multiple',
                                    'matching',
                                    'rank_order',
                                    'short_answer',
                                    'long_answer',
                                    'fill_in_the_blank',
                                    'rating_scale',
                                ],
                            },
                        },
                    },
                },
                'title': {'type': 'string', 'maxLength': 64},
            },
        },
    },
    'GET /webinars/{webinarId}/polls': {'query': {'anonymous': {'type': 'boolean'}}},
    'GET /webinars/{webinarId}/polls/{pollId}': {},
    'PUT /webinars/{webinarId}/polls/{pollId}': {
        'body': {
            'type': 'object',
            'properties': {
                'anonymous': {'type': 'boolean'},
                'poll_type': {'type': 'integer', 'enum': [1, 2, 3]},
                'questions': {
                    'type': 'array',
                    'items': {
                        'type': 'object',
                        'properties': {
                            'answer_max_character': {'type': 'integer'},
                            'answer_min_character': {'type': 'integer', 'minimum': 1},
                            'answer_required': {'type': 'boolean'},
                            'answers': {'type': 'array', 'minItems': 2, 'items': {'type': 'string'}},
                            'case_sensitive': {'type': 'boolean'},
                            'name': {'type': 'string', 'maxLength': 1024},
                            'prompts': {
                                'type': 'array',
                                'items': {
                                    'type': 'object',
                                    'properties': {
                                        'prompt_question': {'type': 'string'},
                                        'prompt_right_answers': {'type': 'array', 'items': {'type': 'string'}},
                                    },
                                },
                            },
                            'rating_max_label': {'type': 'string'},
                            'rating_max_value': {'type': 'integer', 'maximum': 10},
                            'rating_min_label': {'type': 'string'},
                            'rating_min_value': {'type': 'integer', 'minimum': 0},
                            'right_answers': {'type': 'array', 'minItems': 1, 'items': {'type': 'string'}},
                            'show_as_dropdown': {'type': 'boolean'},
                            'type': {
                                'type': 'string',
                                'enum': [
                                    'single',
                                    'multiple',
                                    'matching',
                                    'rank_order',
                                    'short_answer',
                                    'long_answer',
                                    'fill_in_the_blank',
                                    'rating_scale',
                                ],
                            },
                        },
                    },
                },
                'title': {'type': 'string', 'maxLength': 64},
            },
        },
    },
    'DELETE /webinars/{webinarId}/polls/{pollId}': {},
    'GET /webinars/{webinarId}/registrants': {
        'query': {
            'occurrence_id': {'type': 'string'},
            'status': {'type': 'string', 'enum': ['pending', 'approved', 'denied']},
            'tracking_source_id': {'type': 'string'},
            'page_size': {'type': 'integer', 'maximum': 300},
            'page_number': {'type': 'integer'},
            'next_page_token': {'type': 'string'},
        },
    },
    'POST /webinars/{webinarId}/registrants': {
        'query': {'occurrence_ids': {'type': 'string'}},
        'body': {
            'type': 'object',
            'required': ['email', 'first_name'],
            'properties': {
                'first_name': {'type': 'string', 'maxLength': 64},
                'last_name': {'type': 'string', 'maxLength': 64},
                'email': {'type': 'string', 'maxLength': 128, 'format': 'email'},
                'address': {'type': 'string'},
                'city': {'type': 'string'},
                'state': {'type': 'string'},
                'zip': {'type': 'string'},
                'country': {'type': 'string'},
                'phone': {'type': 'string'},
                'comments': {'type': 'string'},
                'custom_questions': {
                    'type': 'array',
                    'items': {
                        'type': 'object',
                        'properties': {'title': {'type': 'string'}, 'value': {'type': 'string', 'maxLength': 128}},
                    },
                },
                'industry': {'type': 'string'},
                'job_title': {'type': 'string'},
                'no_of_employees': {
                    'type': 'string',
                    'enum': [
                        '',
                        '1-20',
                        '21-50',
                        '51-100',
                        '101-500',
                        '500-1,000',
                        '1,001-5,000',
                        '5,001-10,000',
                        'More than 10,000',
                    ],
                },
                'org': {'type': 'string'},
                'purchasing_time_frame': {
                    'type': 'string',
                    'enum': ['', 'Within a month', '1-3 months', '4-6 months', 'More than 6 months', 'No timeframe'],
                },
                'role_in_purchase_process': {
                    'type': 'string',
                    'enum': ['', 'Decision Maker', 'Evaluator/Recommender', 'Influencer', 'Not involved'],
                },
                'language': {
                    'type': 'string',
                    'enum': [
                        'en-US',
                        'de-DE',
                        'es-ES',
                        'fr-FR',
                        'jp-JP',
                        'pt-PT',
                        'ru-RU',
                        'zh-CN',
                        'zh-TW',
                        'ko-KO',
                        'it-IT',
                        'vi-VN',
                        'pl-PL',
                        'Tr-TR',
                    ],
                },
                'source_id': {'type': 'string'},
            },
        },
    },
    'PUT /webinars/{webinarId}/registrants/status': {
        'query': {'occurrence_id': {'type': 'string'}},
        'body': {
            'type': 'object',
            'required': ['action'],
            'properties': {
                'action': {'type': 'string', 'enum': ['approve', 'deny', 'cancel']},
                'registrants': {
                    'type': 'array',
                    'maximum': 30,
                    'items': {
                        'type': 'object',
                        'properties': {'email': {'type': 'string', 'format': 'email'}, 'id': {'type': 'string'}},
                    },
                },
            },
        },
    },
    'GET /webinars/{webinarId}/registrants/questions': {},
    'PATCH /webinars/{webinarId}/registrants/questions': {
        'body': {
            'type': 'object',
            'properties': {
                'custom_questions': {
                    'type': 'array',
                    'items': {
                        'type': 'object',
                        'properties': {
                            'answers': {'type': 'array', 'items': {'type': 'string'}},
                            'required': {'type': 'boolean'},
                            'title': {'type': 'string'},
                            'type': {
                                'type': 'string',
                                'enum': ['short', 'single_radio', 'single_dropdown', 'multiple'],
                            },
                        },
                    },
                },
                'questions': {
                    'type': 'array',
                    'items': {
                        'type': 'object',
                        'properties': {
                            'field_name': {
                                'type': 'string',
                                'enum': [
                                    'last_name',
                                    'address',
                                    'city',
                                    'country',
                                    'zip',
                                    'state',
                                    'phone',
                                    'industry',
                                    'org',
                                    'job_title',
                                    'purchasing_time_frame',
                                    'role_in_purchase_process',
                                    'no_of_employees',
                                    'comments',
                                ],
                            },
                            'required': {'type': 'boolean'},
                        },
                    },
                },
            },
        },
    },
    'GET /webinars/{webinarId}/registrants/{registrantId}': {'query': {'occurrence_id': {'type': 'string'}}},
    'DELETE /webinars/{webinarId}/registrants/{registrantId}': {'query': {'occurrence_id': {'type': 'string'}}},
    'POST /webinars/{webinarId}/batch_registrants': {
        'body': {
            'type': 'object',
            'properties': {
                'auto_approve': {'type': 'boolean'},
                'registrants': {
                    'type': 'array',
                    'items': {
                        'type': 'object',
                        'required': ['email', 'first_name'],
                        'properties': {
                            'email': {'type': 'string', 'format': 'email'},
                            'first_name': {'type': 'string'},
                            'last_name': {'type': 'string'},
                        },
                    },
                },
            },
        },
    },
    'GET /past_webinars/{webinarId}/instances': {},
    'GET /past_webinars/{webinarId}/participants': {
        'query': {'page_size': {'type': 'integer', 'maximum': 300}, 'next_page_token': {'type': 'string'}},
    },
    'GET /past_webinars/{webinarId}/absentees': {
        'query': {
            'occurrence_id': {'type': 'string'},
            'page_size': {'type': 'integer', 'maximum': 300},
            'next_page_token': {'type': 'string'},
        },
    },
    'GET /past_webinars/{webinarId}/qa': {},
    'GET /past_webinars/{webinarId}/polls': {},
    'GET /report/webinars/{webinarId}': {},
    'GET /report/webinars/{webinarId}/participants': {
        'query': {
            'page_size': {'type': 'integer', 'maximum': 300},
            'next_page_token': {'type': 'string'},
            'include_fields': {'type': 'string', 'enum': ['registrant_id']},
        },
    },
    'GET /report/webinars/{webinarId}/qa': {},
    'GET /report/webinars/{webinarId}/polls': {},
    'POST /users/{userId}/meetings': {
        'body': {
            'type': 'object',
            'properties': {
                'agenda': {'type': 'string', 'maxLength': 2000},
                'default_password': {'type': 'boolean'},
                'duration': {'type': 'integer', 'maximum': 1440, 'minimum': 1},
                'password': {'type': 'string', 'maxLength': 10},
                'pre_schedule': {'type': 'boolean'},
                'recurrence': {
                    'type': 'object',
                    'required': ['type'],
                    'properties': {
                        'end_date_time': {'type': 'string', 'format': 'date-time'},
                        'end_times': {'type': 'integer', 'maximum': 60},
                        'monthly_day': {'type': 'integer'},
                        'monthly_week': {'type': 'integer', 'enum': [-1, 1, 2, 3, 4]},
                        'monthly_week_day': {'type': 'integer', 'enum': [1, 2, 3, 4, 5, 6, 7]},
                        'repeat_interval': {'type': 'integer'},
                        'type': {'type': 'integer', 'enum': [1, 2, 3]},
                        'weekly_days': {'type': 'string', 'enum': ['1', '2', '3', '4', '5', '6', '7']},
                    },
                },
                'schedule_for': {'type': 'string'},
                'settings': {
                    'type': 'object',
                    'properties': {
                        'additional_data_center_regions': {'type': 'array', 'items': {'type': 'string'}},
                        'allow_multiple_devices': {'type': 'boolean'},
                        'alternative_hosts': {'type': 'string'},
                        'alternative_hosts_email_notification': {'type': 'boolean'},
                        'approval_type': {'type': 'integer', 'enum': [0, 1, 2]},
                        'approved_or_denied_countries_or_regions': {
                            'type': 'object',
                            'properties': {
                                'approved_list': {'type': 'array', 'items': {'type': 'string'}},
                                'denied_list': {'type': 'array', 'items': {'type': 'string'}},
                                'enable': {'type': 'boolean'},
                                'method': {'type': 'string', 'enum': ['approve', 'deny']},
                            },
                        },
                        'audio': {'type': 'string', 'enum': ['both', 'telephony', 'voip', 'thirdParty']},
                        'audio_conference_info': {'type': 'string', 'maxLength': 2048},
                        'authentication_domains': {'type': 'string'},
                        'authentication_exception': {
                            'type': 'array',
                            'items': {
                                'type': 'object',
                                'properties': {
                                    'email': {'type': 'string', 'format': 'email'},
                                    'name': {'type': 'string'},
                                },
                            },
                        },
                        'authentication_option': {'type': 'string'},
                        'auto_recording': {'type': 'string', 'enum': ['local', 'cloud', 'none']},
                        'auto_add_recording_to_video_management': {
                            'type': 'object',
                            'required': ['enable'],
                            'properties': {
                                'enable': {'type': 'boolean'},
                                'channels': {
                                    'type': 'array',
                                    'maxItems': 5,
                                    'minItems': 1,
                                    'items': {
                                        'type': 'object',
                                        'required': ['channel_id'],
                                        'properties': {'channel_id': {'type': 'string'}, 'name': {'type': 'string'}},
                                    },
                                },
                            },
                        },
                        'breakout_room': {
                            'type': 'object',
                            'properties': {
                                'enable': {'type': 'boolean'},
                                'rooms': {
                                    'type': 'array',
                                    'items': {
                                        'type': 'object',
                                        'properties': {
                                            'name': {'type': 'string'},
                                            'participants': {'type': 'array', 'items': {'type': 'string'}},
                                        },
                                    },
                                },
                            },
                        },
                        'calendar_type': {'type': 'integer', 'enum': [1, 2]},
                        'close_registration': {'type': 'boolean'},
                        'cn_meeting': {'type': 'boolean'},
                        'contact_email': {'type': 'string'},
                        'contact_name': {'type': 'string'},
                        'email_notification': {'type': 'boolean'},
                        'encryption_type': {'type': 'string', 'enum': ['enhanced_encryption', 'e2ee']},
                        'focus_mode': {'type': 'boolean'},
                        'global_dial_in_countries': {'type': 'array', 'items': {'type': 'string'}},
                        'host_video': {'type': 'boolean'},
                        'in_meeting': {'type': 'boolean'},
                        'jbh_time': {'type': 'integer', 'enum': [0, 5, 10, 15]},
                        'join_before_host': {'type': 'boolean'},
                        'question_and_answer': {
                            'type': 'object',
                            'properties': {
                                'enable': {'type': 'boolean'},
                                'allow_submit_questions': {'type': 'boolean'},
                                'allow_anonymous_questions': {'type': 'boolean'},
                                'question_visibility': {'type': 'string', 'enum': ['answered', 'all']},
                                'attendees_can_comment': {'type': 'boolean'},
                                'attendees_can_upvote': {'type': 'boolean'},
                            },
                        },
                        'language_interpretation': {
                            'type': 'object',
                            'properties': {
                                'enable': {'type': 'boolean'},
                                'interpreters': {
                                    'type': 'array',
                                    'items': {
                                        'type': 'object',
                                        'properties': {
                                            'email': {'type': 'string', 'format': 'email'},
                                            'languages': {'type': 'string'},
                                            'interpreter_languages': {'type': 'string'},
                                        },
                                    },
                                },
                            },
                        },
                        'sign_language_interpretation': {
                            'type': 'object',
                            'properties': {
                                'enable': {'type': 'boolean'},
                                'interpreters': {
                                    'type': 'array',
                                    'maximum': 20,
                                    'items': {
                                        'type': 'object',
                                        'properties': {
                                            'email': {'type': 'string', 'format': 'email'},
                                            'sign_language': {'type': 'string'},
                                        },
                                    },
                                },
                            },
                        },
                        'meeting_authentication': {'type': 'boolean'},
                        'meeting_invitees': {
                            'type': 'array',
                            'items': {
                                'type': 'object',
                                'properties': {'email': {'type': 'string', 'format': 'email'}},
                            },
                        },
                        'mute_upon_entry': {'type': 'boolean'},
                        'participant_video': {'type': 'boolean'},
                        'private_meeting': {'type': 'boolean'},
                        'registrants_confirmation_email': {'type': 'boolean'},
                        'registrants_email_notification': {'type': 'boolean'},
                        'registration_type': {'type': 'integer', 'enum': [1, 2, 3]},
                        'show_share_button': {'type': 'boolean'},
                        'show_join_info': {'type': 'boolean'},
                        'use_pmi': {'type': 'boolean'},
                        'waiting_room': {'type': 'boolean'},
                        'waiting_room_options': {
                            'type': 'object',
                            'required': ['mode'],
                            'properties': {
                                'mode': {'type': 'string', 'enum': ['follow_setting', 'custom']},
                                'who_goes_to_waiting_room': {
                                    'type': 'string',
                                    'enum': [
                                        'everyone',
                                        'users_not_in_account',
                                        'users_not_in_account_or_whitelisted_domains',
                                        'users_not_on_invite',
                                    ],
                                },
                            },
                        },
                        'watermark': {'type': 'boolean'},
                        'host_save_video_order': {'type': 'boolean'},
                        'alternative_host_update_polls': {'type': 'boolean'},
                        'alternative_host_manage_meeting_summary': {'type': 'boolean'},
                        'alternative_host_manage_cloud_recording': {'type': 'boolean'},
                        'internal_meeting': {'type': 'boolean'},
                        'continuous_meeting_chat': {
                            'type': 'object',
                            'properties': {
                                'enable': {'type': 'boolean'},
                                'auto_add_invited_external_users': {'type': 'boolean'},
                                'auto_add_meeting_participants': {'type': 'boolean'},
                            },
                        },
                        'participant_focused_meeting': {'type': 'boolean'},
                        'push_change_to_calendar': {'type': 'boolean'},
                        'resources': {
                            'type': 'array',
                            'items': {
                                'type': 'object',
                                'properties': {
                                    'resource_type': {'type': 'string', 'enum': ['whiteboard']},
                                    'resource_id': {'type': 'string'},
                                    'permission_level': {'type': 'string', 'enum': ['editor', 'commenter', 'viewer']},
                                },
                            },
                        },
                        'auto_start_meeting_summary': {'type': 'boolean'},
                        'who_will_receive_summary': {'type': 'integer', 'enum': [1, 2, 3, 4]},
                        'auto_start_ai_companion_questions': {'type': 'boolean'},
                        'who_can_ask_questions': {'type': 'integer', 'enum': [1, 2, 3, 4, 5]},
                        'summary_template_id': {'type': 'string'},
                        'device_testing': {'type': 'boolean'},
                        'request_permission_to_unmute_participants': {'type': 'boolean'},
                        'allow_host_control_participant_mute_state': {'type': 'boolean'},
                        'disable_participant_video': {'type': 'boolean'},
                        'email_in_attendee_report': {'type': 'boolean'},
                    },
                },
                'start_time': {'type': 'string', 'format': 'date-time'},
                'template_id': {'type': 'string'},
                'timezone': {'type': 'string'},
                'topic': {'type': 'string', 'maxLength': 200},
                'tracking_fields': {
                    'type': 'array',
                    'items': {
                        'type': 'object',
                        'required': ['field'],
                        'properties': {'field': {'type': 'string'}, 'value': {'type': 'string'}},
                    },
                },
                'type': {'type': 'integer', 'enum': [1, 2, 3, 8, 10]},
            },
        },
    },
    'GET /users/{userId}/meetings': {
        'query': {
            'type': {
                'type': 'string',
                'enum': ['scheduled', 'live', 'upcoming', 'upcoming_meetings', 'previous_meetings'],
            },
            'page_size': {'type': 'integer', 'maximum': 300},
            'next_page_token': {'type': 'string'},
            'page_number': {'type': 'integer'},
            'from': {'type': 'string'},
            'to': {'type': 'string'},
            'timezone': {'type': 'string'},
        },
    },
    'GET /meetings/{meetingId}': {
        'query': {'occurrence_id': {'type': 'string'}, 'show_previous_occurrences': {'type': 'boolean'}},
    },
    'PATCH /meetings/{meetingId}': {
        'query': {'occurrence_id': {'type': 'string'}},
        'body': {
            'type': 'object',
            'properties': {
                'agenda': {'type': 'string', 'maxLength': 2000},
                'duration': {'type': 'integer', 'maximum': 1440, 'minimum': 1},
                'password': {'type': 'string', 'maxLength': 10},
                'pre_schedule': {'type': 'boolean'},
                'schedule_for': {'type': 'string'},
                'recurrence': {
                    'type': 'object',
                    'required': ['type'],
                    'properties': {
                        'end_date_time': {'type': 'string', 'format': 'date-time'},
                        'end_times': {'type': 'integer', 'maximum': 60},
                        'monthly_day': {'type': 'integer'},
                        'monthly_week': {'type': 'integer', 'enum': [-1, 1, 2, 3, 4]},
                        'monthly_week_day': {'type': 'integer', 'enum': [1, 2, 3, 4, 5, 6, 7]},
                        'repeat_interval': {'type': 'integer'},
                        'type': {'type': 'integer', 'enum': [1, 2, 3]},
                        'weekly_days': {'type': 'string', 'enum': ['1', '2', '3', '4', '5', '6', '7']},
                    },
                },
                'settings': {
                    'type': 'object',
                    'properties': {
                        'allow_multiple_devices': {'type': 'boolean'},
                        'alternative_hosts': {'type': 'string'},
                        'alternative_hosts_email_notification': {'type': 'boolean'},
                        'alternative_host_update_polls': {'type': 'boolean'},
                        'alternative_host_manage_meeting_summary': {'type': 'boolean'},
                        'alternative_host_manage_cloud_recording': {'type': 'boolean'},
                        'approval_type': {'type': 'integer', 'enum': [0, 1, 2]},
                        'approved_or_denied_countries_or_regions': {
                            'type': 'object',
                            'properties': {
                                'approved_list': {'type': 'array', 'items': {'type': 'string'}},
                                'denied_list': {'type': 'array', 'items': {'type': 'string'}},
                                'enable': {'type': 'boolean'},
                                'method': {'type': 'string', 'enum': ['approve', 'deny']},
                            },
                        },
                        'audio': {'type': 'string', 'enum': ['both', 'telephony', 'voip', 'thirdParty']},
                        'audio_conference_info': {'type': 'string', 'maxLength': 2048},
                        'authentication_domains': {'type': 'string'},
                        'authentication_exception': {
                            'type': 'array',
                            'items': {
                                'type': 'object',
                                'properties': {
                                    'email': {'type': 'string', 'format': 'email'},
                                    'name': {'type': 'string'},
                                    'join_url': {'type': 'string'},
                                },
                            },
                        },
                        'authentication_name': {'type': 'string'},
                        'authentication_option': {'type': 'string'},
                        'auto_recording': {'type': 'string', 'enum': ['local', 'cloud', 'none']},
                        'auto_add_recording_to_video_management': {
                            'type': 'object',
                            'required': ['enable'],
                            'properties': {
                                'enable': {'type': 'boolean'},
                                'channels': {
                                    'type': 'array',
                                    'maxItems': 5,
                                    'minItems': 1,
                                    'items': {
                                        'type': 'object',
                                        'required': ['channel_id'],
                                        'properties': {'channel_id': {'type': 'string'}, 'name': {'type': 'string'}},
                                    },
                                },
                            },
                        },
                        'breakout_room': {
                            'type': 'object',
                            'properties': {
                                'enable': {'type': 'boolean'},
                                'rooms': {
                                    'type': 'array',
                                    'items': {
                                        'type': 'object',
                                        'properties': {
                                            'name': {'type': 'string'},
                                            'participants': {'type': 'array', 'items': {'type': 'string'}},
                                        },
                                    },
                                },
                            },
                        },
                        'calendar_type': {'type': 'integer', 'enum': [1, 2]},
                        'close_registration': {'type': 'boolean'},
                        'cn_meeting': {'type': 'boolean'},
                        'contact_email': {'type': 'string'},
                        'contact_name': {'type': 'string'},
                        'custom_keys': {
                            'type': 'array',
                            'maxItems': 10,
                            'items': {
                                'type': 'object',
                                'properties': {
                                    'key': {'type': 'string', 'maxLength': 64},
                                    'value': {'type': 'string', 'maxLength': 256},
                                },
                            },
                        },
                        'email_notification': {'type': 'boolean'},
                        'encryption_type': {'type': 'string', 'enum': ['enhanced_encryption', 'e2ee']},
                        'enforce_login': {'type': 'boolean'},
                        'enforce_login_domains': {'type': 'string'},
                        'focus_mode': {'type': 'boolean'},
                        'global_dial_in_countries': {'type': 'array', 'items': {'type': 'string'}},
                        'global_dial_in_numbers': {
                            'type': 'array',
                            'items': {
                                'type': 'object',
                                'properties': {
                                    'city': {'type': 'string'},
                                    'country': {'type': 'string'},
                                    'country_name': {'type': 'string'},
                                    'number': {'type': 'string'},
                                    'type': {'type': 'string', 'enum': ['toll', 'tollfree']},
                                },
                            },
                        },
                        'host_video': {'type': 'boolean'},
                        'in_meeting': {'type': 'boolean'},
                        'jbh_time': {'type': 'integer', 'enum': [0, 5, 10, 15]},
                        'join_before_host': {'type': 'boolean'},
                        'question_and_answer': {
                            'type': 'object',
                            'properties': {
                                'enable': {'type': 'boolean'},
                                'allow_submit_questions': {'type': 'boolean'},
                                'allow_anonymous_questions': {'type': 'boolean'},
                                'question_visibility': {'type': 'string', 'enum': ['answered', 'all']},
                                'attendees_can_comment': {'type': 'boolean'},
                                'attendees_can_upvote': {'type': 'boolean'},
                            },
                        },
                        'language_interpretation': {
                            'type': 'object',
                            'properties': {
                                'enable': {'type': 'boolean'},
                                'interpreters': {
                                    'type': 'array',
                                    'items': {
                                        'type': 'object',
                                        'properties': {
                                            'email': {'type': 'string', 'format': 'email'},
                                            'languages': {'type': 'string'},
                                            'interpreter_languages': {'type': 'string'},
                                        },
                                    },
                                },
                            },
                        },
                        'sign_language_interpretation': {
                            'type': 'object',
                            'properties': {
                                'enable': {'type': 'boolean'},
                                'interpreters': {
                                    'type': 'array',
                                    'maximum': 20,
                                    'items': {
                                        'type': 'object',
                                        'properties': {
                                            'email': {'type': 'string', 'format': 'email'},
                                            'sign_language': {'type': 'string'},
                                        },
                                    },
                                },
                            },
                        },
                        'meeting_authentication': {'type': 'boolean'},
                        'meeting_invitees': {
                            'type': 'array',
                            'items': {
                                'type': 'object',
                                'properties': {'email': {'type': 'string', 'format': 'email'}},
                            },
                        },
                        'mute_upon_entry': {'type': 'boolean'},
                        'participant_video': {'type': 'boolean'},
                        'private_meeting': {'type': 'boolean'},
                        'registrants_confirmation_email': {'type': 'boolean'},
                        'registrants_email_notification': {'type': 'boolean'},
                        'registration_type': {'type': 'integer', 'enum': [1, 2, 3]},
                        'show_share_button': {'type': 'boolean'},
                        'use_pmi': {'type': 'boolean'},
                        'waiting_room': {'type': 'boolean'},
                        'waiting_room_options': {
                            'type': 'object',
                            'required': ['mode'],
                            'properties': {
                                'mode': {'type': 'string', 'enum': ['follow_setting', 'custom']},
                                'who_goes_to_waiting_room': {
                                    'type': 'string',
                                    'enum': [
                                        'everyone',
                                        'users_not_in_account',
                                        'users_not_in_account_or_whitelisted_domains',
                                        'users_not_on_invite',
                                    ],
                                },
                            },
                        },
                        'watermark': {'type': 'boolean'},
                        'host_save_video_order': {'type': 'boolean'},
                        'internal_meeting': {'type': 'boolean'},
                        'continuous_meeting_chat': {
                            'type': 'object',
                            'properties': {
                                'enable': {'type': 'boolean'},
                                'auto_add_invited_external_users': {'type': 'boolean'},
                                'auto_add_meeting_participants': {'type': 'boolean'},
                            },
                        },
                        'participant_focused_meeting': {'type': 'boolean'},
                        'push_change_to_calendar': {'type': 'boolean'},
                        'resources': {
                            'type': 'array',
                            'items': {
                                'type': 'object',
                                'properties': {
                                    'resource_type': {'type': 'string', 'enum': ['whiteboard']},
                                    'resource_id': {'type': 'string'},
                                    'permission_level': {'type': 'string', 'enum': ['editor', 'commenter', 'viewer']},
                                },
                            },
                        },
                        'auto_start_meeting_summary': {'type': 'boolean'},
                        'who_will_receive_summary': {'type': 'integer', 'enum': [1, 2, 3, 4]},
                        'auto_start_ai_companion_questions': {'type': 'boolean'},
                        'who_can_ask_questions': {'type': 'integer', 'enum': [1, 2, 3, 4, 5]},
                        'summary_template_id': {'type': 'string'},
                        'device_testing': {'type': 'boolean'},
                        'request_permission_to_unmute_participants': {'type': 'boolean'},
                        'allow_host_control_participant_mute_state': {'type': 'boolean'},
                        'disable_participant_video': {'type': 'boolean'},
                        'email_in_attendee_report': {'type': 'boolean'},
                    },
                },
                'start_time': {'type': 'string', 'format': 'date-time'},
                'template_id': {'type': 'string'},
                'timezone': {'type': 'string'},
                'topic': {'type': 'string', 'maxLength': 200},
                'tracking_fields': {
                    'type': 'array',
                    'items': {
                        'type': 'object',
                        'properties': {'field': {'type': 'string'}, 'value': {'type': 'string'}},
                    },
                },
                'type': {'type': 'integer', 'enum': [1, 2, 3, 8, 10]},
            },
        },
    },
    'DELETE /meetings/{meetingId}': {
        'query': {
            'occurrence_id': {'type': 'string'},
            'schedule_for_reminder': {'type': 'boolean'},
            'cancel_meeting_reminder': {'type': 'boolean'},
        },
    },
    'GET /meetings/{meetingId}/recordings': {
        'query': {'include_fields': {'type': 'string'}, 'ttl': {'type': 'integer', 'maximum': 604800, 'minimum': 0}},
    },
    'GET /users/{userId}/recordings': {
        'query': {
            'page_size': {'type': 'integer', 'maximum': 300},
            'next_page_token': {'type': 'string'},
            'mc': {'type': 'string'},
            'trash': {'type': 'boolean'},
            'from': {'type': 'string'},
            'to': {'type': 'string'},
            'trash_type': {'type': 'string'},
            'meeting_id': {'type': 'integer'},
        },
    },
    'GET /webinars/{webinarId}/survey': {},
    'PATCH /webinars/{webinarId}/survey': {
        'body': {
            'type': 'object',
            'properties': {
                'custom_survey': {
                    'type': 'object',
                    'properties': {
                        'title': {'type': 'string', 'maxLength': 64},
                        'anonymous': {'type': 'boolean'},
                        'numbered_questions': {'type': 'boolean'},
                        'show_question_type': {'type': 'boolean'},
                        'feedback': {'type': 'string', 'maxLength': 320},
                        'questions': {
                            'type': 'array',
                            'maxItems': 100,
                            'minItems': 1,
                            'items': {
                                'type': 'object',
                                'properties': {
                                    'name': {'type': 'string'},
                                    'type': {
                                        'type': 'string',
                                        'enum': [
                                            'single',
                                            'multiple',
                                            'matching',
                                            'rank_order',
                                            'short_answer',
                                            'long_answer',
                                            'fill_in_the_blank',
                                            'rating_scale',
                                        ],
                                    },
                                    'answer_required': {'type': 'boolean'},
                                    'show_as_dropdown': {'type': 'boolean'},
                                    'answers': {
                                        'type': 'array',
                                        'minItems': 2,
                                        'items': {'type': 'string', 'maxLength': 200},
                                    },
                                    'prompts': {
                                        'type': 'array',
                                        'maxItems': 10,
                                        'minItems': 2,
                                        'items': {
                                            'type': 'object',
                                            'properties': {'prompt_question': {'type': 'string', 'maxLength': 200}},
                                        },
                                    },
                                    'answer_min_character': {'type': 'integer', 'minimum': 1},
                                    'answer_max_character': {'type': 'integer'},
                                    'rating_min_value': {'type': 'integer', 'minimum': 0},
                                    'rating_max_value': {'type': 'integer', 'maximum': 10},
                                    'rating_min_label': {'type': 'string', 'maxLength': 50},
                                    'rating_max_label': {'type': 'string', 'maxLength': 50},
                                },
                            },
                        },
                    },
                },
                'show_in_the_browser': {'type': 'boolean'},
                'show_in_the_follow_up_email': {'type': 'boolean'},
                'third_party_survey': {'type': 'string', 'maxLength': 64},
            },
        },
    },
    'DELETE /webinars/{webinarId}/survey': {},
    'GET /webinars/{webinarId}/livestream': {},
    'PATCH /webinars/{webinarId}/livestream': {
        'body': {
            'type': 'object',
            'required': ['page_url', 'stream_key', 'stream_url'],
            'properties': {
                'page_url': {'type': 'string', 'maxLength': 1024},
                'stream_key': {'type': 'string', 'maxLength': 512},
                'stream_url': {'type': 'string', 'maxLength': 1024},
                'resolution': {'type': 'string'},
            },
        },
    },
    'PATCH /webinars/{webinarId}/livestream/status': {
        'body': {
            'type': 'object',
            'properties': {
                'action': {'type': 'string', 'enum': ['start', 'stop']},
                'settings': {
                    'type': 'object',
                    'properties': {
                        'active_speaker_name': {'type': 'boolean'},
                        'display_name': {'type': 'string', 'maxLength': 50, 'minLength': 1},
                    },
                },
            },
        },
    },
    'GET /webinars/{webinarId}/tracking_sources': {},
    'PUT /meetings/{meetingId}/status': {
        'body': {'type': 'object', 'properties': {'action': {'type': 'string', 'enum': ['end', 'recover']}}},
    },
    'GET /meetings/{meetingId}/invitation': {},
    'POST /meetings/{meetingId}/registrants': {
        'query': {'occurrence_ids': {'type': 'string'}},
        'body': {
            'type': 'object',
            'required': ['email', 'first_name'],
            'properties': {
                'first_name': {'type': 'string', 'maxLength': 64},
                'last_name': {'type': 'string', 'maxLength': 64},
                'email': {'type': 'string', 'maxLength': 128, 'format': 'email'},
                'address': {'type': 'string'},
                'city': {'type': 'string'},
                'state': {'type': 'string'},
                'zip': {'type': 'string'},
                'country': {'type': 'string'},
                'phone': {'type': 'string'},
                'comments': {'type': 'string'},
                'custom_questions': {
                    'type': 'array',
                    'items': {
                        'type': 'object',
                        'properties': {'title': {'type': 'string'}, 'value': {'type': 'string', 'maxLength': 128}},
                    },
                },
                'industry': {'type': 'string'},
                'job_title': {'type': 'string'},
                'no_of_employees': {
                    'type': 'string',
                    'enum': [
                        '',
                        '1-20',
                        '21-50',
                        '51-100',
                        '101-500',
                        '500-1,000',
                        '1,001-5,000',
                        '5,001-10,000',
                        'More than 10,000',
                    ],
                },
                'org': {'type': 'string'},
                'purchasing_time_frame': {
                    'type': 'string',
                    'enum': ['', 'Within a month', '1-3 months', '4-6 months', 'More than 6 months', 'No timeframe'],
                },
                'role_in_purchase_process': {
                    'type': 'string',
                    'enum': ['', 'Decision Maker', 'Evaluator/Recommender', 'Influencer', 'Not involved'],
                },
                'language': {
                    'type': 'string',
                    'enum': [
                        'en-US',
                        'de-DE',
                        'es-ES',
                        'fr-FR',
                        'jp-JP',
                        'pt-PT',
                        'ru-RU',
                        'zh-CN',
                        'zh-TW',
                        'ko-KO',
                        'it-IT',
                        'vi-VN',
                        'pl-PL',
                        'Tr-TR',
                    ],
                },
                'auto_approve': {'type': 'boolean'},
            },
        },
    },
    'GET /meetings/{meetingId}/registrants': {
        'query': {
            'occurrence_id': {'type': 'string'},
            'status': {'type': 'string', 'enum': ['pending', 'approved', 'denied']},
            'page_size': {'type': 'integer', 'maximum': 300},
            'page_number': {'type': 'integer'},
            'next_page_token': {'type': 'string'},
        },
    },
    'GET /past_meetings/{meetingId}/participants': {
        'query': {'page_size': {'type': 'integer', 'maximum': 300}, 'next_page_token': {'type': 'string'}},
    },
    'GET /report/meetings/{meetingId}/participants': {
        'query': {
            'page_size': {'type': 'integer', 'maximum': 300},
            'next_page_token': {'type': 'string'},
            'include_fields': {'type': 'string', 'enum': ['registrant_id']},
        },
    },
}
# fmt: on
