"""The recordings, survey and live stream endpoints: paths, encoding, and the secrets they carry kept out of logs."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
import responses

from wmdctl.zoom.client import ZoomClient
from wmdctl.zoom.errors import ZoomAuthError, ZoomBadRequestError, ZoomNotFoundError

from .helpers import API, add_token

STREAM_KEY = "live-key-7f3a9c-very-secret"
DOWNLOAD_TOKEN = "eyJhbGciOiJIUzUxMiJ9.download.token"


def test_recordings_by_uuid_double_encoded_with_a_download_token(
    make_client: Callable[..., ZoomClient], rsps: responses.RequestsMock
) -> None:
    add_token(rsps)
    lines: list[str] = []
    client = make_client(log=lines.append)
    rsps.get(
        f"{API}/meetings/%252Fab%252F%252Fc%253D%253D/recordings",
        json={"uuid": "/ab//c==", "download_access_token": DOWNLOAD_TOKEN, "recording_files": []},
        match=[responses.matchers.query_param_matcher({"include_fields": "download_access_token", "ttl": 6 * 3600})],
    )
    assert client.get_recordings("/ab//c==")["uuid"] == "/ab//c=="
    rsps.get("https://zoom.test/rec/download/f1", status=401, json={"code": 124, "message": f"bad {DOWNLOAD_TOKEN}"})
    with pytest.raises(ZoomAuthError) as caught:
        client.open_download("https://zoom.test/rec/download/f1?access_token=abc", DOWNLOAD_TOKEN)
    assert DOWNLOAD_TOKEN not in str(caught.value) and "abc" not in str(caught.value)
    assert DOWNLOAD_TOKEN not in "\n".join(lines)


def test_no_recording_is_zooms_3301(client: ZoomClient, rsps: responses.RequestsMock) -> None:
    rsps.get(
        f"{API}/meetings/81234567890/recordings", status=404, json={"code": 3301, "message": "There is no recording"}
    )
    with pytest.raises(ZoomNotFoundError) as caught:
        client.get_recordings("81234567890", download_token=False)
    assert caught.value.code == 3301


def test_survey_get_patch_delete(client: ZoomClient, rsps: responses.RequestsMock) -> None:
    rsps.get(f"{API}/webinars/81234567890/survey", json={"custom_survey": {"title": "t", "questions": []}})
    rsps.patch(f"{API}/webinars/81234567890/survey", status=204)
    rsps.delete(f"{API}/webinars/81234567890/survey", status=204)
    assert client.get_survey(81234567890)["custom_survey"]["title"] == "t"
    client.update_survey(81234567890, {"custom_survey": {"title": "t2", "questions": []}})
    client.delete_survey(81234567890)
    patch = next(c for c in rsps.calls if c.request.method == "PATCH")
    assert json.loads(patch.request.body)["custom_survey"]["title"] == "t2"


def test_the_stream_key_is_sent_but_never_logged_nor_in_an_error(
    make_client: Callable[..., ZoomClient], rsps: responses.RequestsMock
) -> None:
    add_token(rsps)
    lines: list[str] = []
    client = make_client(log=lines.append)
    rsps.patch(
        f"{API}/webinars/81234567890/livestream",
        status=400,
        json={"code": 300, "message": f"Invalid stream key {STREAM_KEY} for rtmp://live.example.org/app"},
    )
    body = {"stream_url": "rtmp://live.example.org/app", "stream_key": STREAM_KEY, "page_url": "https://example.org"}
    with pytest.raises(ZoomBadRequestError) as caught:
        client.update_livestream(81234567890, body)
    sent = next(c for c in rsps.calls if c.request.method == "PATCH")
    assert json.loads(sent.request.body)["stream_key"] == STREAM_KEY  # Zoom gets it
    assert STREAM_KEY not in "\n".join(lines)
    assert STREAM_KEY not in str(caught.value) and "****" in str(caught.value)
    assert any(line.startswith("PATCH /webinars/81234567890/livestream 400") for line in lines)


def test_a_stream_key_read_back_from_zoom_is_redacted_from_then_on(
    make_client: Callable[..., ZoomClient], rsps: responses.RequestsMock
) -> None:
    add_token(rsps)
    client = make_client()
    rsps.get(f"{API}/webinars/81234567890/livestream", json={"stream_url": "rtmp://x", "stream_key": STREAM_KEY})
    client.get_livestream(81234567890)
    assert client.redact(f"echo {STREAM_KEY}") == "echo ****"
