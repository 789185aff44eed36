"""Cloud recordings of simulated webinars: list, get, and file downloads that honour Range and the token.

`simulate` records each ended instance with four small files (MP4 video, M4A audio, the VTT
transcript, the TXT chat); their bytes are derived from the instance and the seed when asked for,
so the same seed gives the same files and nothing large is stored. Downloads live outside /v2, at
the file's download_url, like Zoom's, and need the OAuth token or the download_access_token
(``?access_token=`` or ``Authorization: Bearer``).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import random
from datetime import datetime, timedelta
from typing import Any

from werkzeug.wrappers import Request, Response

from wmdctl.sandbox.auth import check_token
from wmdctl.sandbox.core import Sandbox
from wmdctl.sandbox.events import notify
from wmdctl.sandbox.limits import LIGHT, MEDIUM
from wmdctl.sandbox.routing import Route
from wmdctl.sandbox.store import dumps, parse_iso
from wmdctl.sandbox.webhook_payloads import RECORDING_READY_AFTER, recording_object
from wmdctl.sandbox.wire import ApiError, json_response, paginate, validation_failed

FILES = (  # file_type, file_extension, recording_type, MIME type
    ("MP4", "MP4", "shared_screen_with_speaker_view", "video/mp4"),
    ("M4A", "M4A", "audio_only", "audio/mp4"),
    ("TRANSCRIPT", "VTT", "audio_transcript", "text/vtt"),
    ("CHAT", "TXT", "chat_file", "text/plain"),
)
MEDIA_BYTES = 48 * 1024  # small on purpose: enough for Range tests, cheap to regenerate
DEFAULT_TTL_SECONDS = 24 * 3600
NO_RECORDING = "There is no recording for this meeting."


def _media(kind: str, rng: random.Random) -> bytes:
    brand = b"isom" if kind == "MP4" else b"M4A "
    ftyp = (24).to_bytes(4, "big") + b"ftyp" + brand + (512).to_bytes(4, "big") + brand + b"mp41"
    return ftyp + rng.randbytes(MEDIA_BYTES - len(ftyp))


def _transcript(start: datetime, lines: list[tuple[str, str]]) -> bytes:
    out = ["WEBVTT", ""]
    for number, (who, text) in enumerate(lines, 1):
        a, b = timedelta(seconds=30 * number), timedelta(seconds=30 * number + 25)
        out += [str(number), f"{_clock(a)}.000 --> {_clock(b)}.000", f"{who}: {text}", ""]
    return "\n".join(out).encode()


def _clock(offset: timedelta) -> str:
    seconds = int(offset.total_seconds())
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def _chat(start: datetime, lines: list[tuple[str, str]]) -> bytes:
    rows = [f"{(start + timedelta(seconds=45 * n)).strftime('%H:%M:%S')} From {who} to Everyone: {text}"
            for n, (who, text) in enumerate(lines, 1)]  # fmt: skip
    return ("\n".join(rows) + "\n").encode()


def file_content(recording: dict[str, Any], file: dict[str, Any]) -> bytes:
    """The bytes of one file, the same every time for the same instance and seed."""
    rng = random.Random(f"{recording['_seed']}:{file['id']}")
    start = parse_iso(recording["start_time"])
    lines = [(line[0], line[1]) for line in recording["_lines"]] or [("Host", "Welcome to the webinar.")]
    kind = file["file_type"]
    if kind in ("MP4", "M4A"):
        return _media(kind, rng)
    return _transcript(start, lines) if kind == "TRANSCRIPT" else _chat(start, lines)


def publish(sb: Sandbox, webinar: dict[str, Any], instance: dict[str, Any], seed: int, lines: list[Any]) -> None:
    """Record the ended instance's files and announce recording.completed (the webhook hook point)."""
    rng = random.Random(f"recording:{seed}:{instance['uuid']}")
    recording: dict[str, Any] = {
        "uuid": instance["uuid"],
        "id": webinar["id"],
        "host_id": webinar["host_id"],
        "topic": webinar["topic"],
        "type": str(webinar["type"]),
        "start_time": instance["start_time"],
        "duration": int((parse_iso(instance["end_time"]) - parse_iso(instance["start_time"])).total_seconds() // 60),
        "_seed": seed,
        "_lines": lines[:40],
        "_end_time": instance["end_time"],
    }
    recording["recording_files"] = [
        {"id": f"{rng.randbytes(12).hex()}", "file_type": t, "file_extension": ext, "recording_type": r, "_mime": m}
        for t, ext, r, m in FILES
    ]
    for file in recording["recording_files"]:
        file["file_size"] = len(file_content(recording, file))
    sb.store.conn.execute("DELETE FROM recordings WHERE instance_uuid = ?", (instance["uuid"],))
    sb.store.conn.execute(
        "INSERT INTO recordings (webinar_id, instance_uuid, start_time, data) VALUES (?, ?, ?, ?)",
        (webinar["id"], instance["uuid"], instance["start_time"], dumps(recording)),
    )
    ready = parse_iso(instance["end_time"]) + RECORDING_READY_AFTER
    notify(sb, "recording.completed", recording_object(sb, webinar, view(sb, recording)), at=ready)


def view(sb: Sandbox, recording: dict[str, Any]) -> dict[str, Any]:
    base_url = sb.base_url
    files = [
        {
            "id": f["id"],
            "meeting_id": recording["uuid"],
            "recording_start": recording["start_time"],
            "recording_end": recording["_end_time"],
            "file_type": f["file_type"],
            "file_extension": f["file_extension"],
            "file_size": f["file_size"],
            "play_url": f"{base_url}/rec/play/{f['id']}",
            "download_url": f"{base_url}/rec/download/{f['id']}",
            "status": "completed",
            "recording_type": f["recording_type"],
        }
        for f in recording["recording_files"]
    ]
    shown = {k: v for k, v in recording.items() if not k.startswith("_") and k != "recording_files"}
    return {
        **shown,
        "account_id": sb.credentials.account_id,
        "recording_count": len(files),
        "total_size": sum(f["file_size"] for f in files),
        "recording_play_passcode": "",
        "auto_delete": False,
        "auto_delete_date": "",
        "recording_files": files,
    }


def _find(sb: Sandbox, raw_id: str) -> dict[str, Any]:
    """By webinar id (the latest recorded instance) or instance UUID; 404 3301 when there is none."""
    found = sb.find_webinar(raw_id)
    if found is None:
        raise ApiError(404, 3301, NO_RECORDING)
    row = sb.store.conn.execute(
        "SELECT data FROM recordings WHERE webinar_id = ? AND (instance_uuid = ? OR ? = CAST(webinar_id AS TEXT)) "
        "ORDER BY start_time DESC, seq DESC LIMIT 1",
        (found[0]["id"], raw_id, raw_id),
    ).fetchone()
    if row is None:
        raise ApiError(404, 3301, NO_RECORDING)
    recording: dict[str, Any] = json.loads(row[0])
    return recording


def get_recordings(sb: Sandbox, request: Request, meeting_id: str) -> Response:
    recording = _find(sb, meeting_id)
    shown = view(sb, recording)
    shown["password"] = ""
    shown["participant_audio_files"] = []
    if "download_access_token" in request.args.get("include_fields", "").split(","):
        ttl = int(request.args.get("ttl", DEFAULT_TTL_SECONDS))
        shown["download_access_token"] = _sign(sb, recording["id"], sb.now().timestamp() + ttl)
    return json_response(shown)


def list_user_recordings(sb: Sandbox, request: Request, user_id: str) -> Response:
    """Recordings whose instance started within [from, to] (UTC dates; both default to today, at most a month)."""
    host_id = sb.resolve_user(user_id)
    today = sb.now().date()
    try:
        start = datetime.fromisoformat(request.args.get("from", today.isoformat())).date()
        end = datetime.fromisoformat(request.args.get("to", today.isoformat())).date()
    except ValueError:
        raise validation_failed(("from", "Invalid field.")) from None
    if end < start or (end - start).days > 31:
        raise ApiError(400, 300, "The maximum range can be a month.")
    rows = sb.store.conn.execute(
        "SELECT r.data FROM recordings r JOIN webinars w ON w.id = r.webinar_id "
        "WHERE w.host_id = ? AND substr(r.start_time, 1, 10) BETWEEN ? AND ? ORDER BY r.start_time DESC, r.seq",
        (host_id, start.isoformat(), end.isoformat()),
    ).fetchall()
    limit, offset, envelope = paginate(request, sb.tokens, f"recordings:{host_id}:{start}:{end}", sb.now(), len(rows))
    meetings = [view(sb, json.loads(data)) for (data,) in rows[offset : offset + limit]]
    return json_response({"from": start.isoformat(), "to": end.isoformat(), **envelope, "meetings": meetings})


# -- downloads ---------------------------------------------------------------------------------


def download_token(sb: Sandbox, webinar_id: int, ttl: float = DEFAULT_TTL_SECONDS) -> str:
    """A download_access_token (the webhook's download_token) valid for ``ttl`` seconds of sandbox time."""
    return _sign(sb, webinar_id, sb.now().timestamp() + ttl)


def _sign(sb: Sandbox, webinar_id: int, expires: float) -> str:
    payload = base64.urlsafe_b64encode(dumps({"w": webinar_id, "e": int(expires)}).encode()).decode().rstrip("=")
    return payload + "." + hmac.new(sb.tokens.secret, payload.encode(), hashlib.sha256).hexdigest()[:32]


def _download_token_ok(sb: Sandbox, token: str, webinar_id: int) -> bool:
    payload, _, signature = token.partition(".")
    if not token.isascii():
        return False
    expected = hmac.new(sb.tokens.secret, payload.encode(), hashlib.sha256).hexdigest()[:32]
    if not hmac.compare_digest(expected.encode(), signature.encode()):
        return False
    data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    return bool(data["w"] == webinar_id and data["e"] > sb.now().timestamp())


def download(sb: Sandbox, request: Request, file_id: str) -> Response:
    """GET {download_url}: the file, or the part a Range asks for (206 + Content-Range, 416 outside it)."""
    with sb.store.lock:
        row = sb.store.conn.execute(
            "SELECT r.data FROM recordings r, json_each(r.data, '$.recording_files') f "
            "WHERE json_extract(f.value, '$.id') = ?",
            (file_id,),
        ).fetchone()
    recording = json.loads(row[0]) if row else None
    file = next((f for f in (recording or {}).get("recording_files", []) if f["id"] == file_id), None)
    if recording is None or file is None:
        raise ApiError(404, 3301, "This recording does not exist.")
    scheme, _, bearer = request.headers.get("Authorization", "").partition(" ")
    token = request.args.get("access_token") or (bearer.strip() if scheme.lower() == "bearer" else "")
    if not token:
        raise ApiError(401, 124, "Invalid access token.")
    if not _download_token_ok(sb, token, recording["id"]):
        check_token(sb, token)  # the OAuth token opens every download too
    response = Response(file_content(recording, file), mimetype=file["_mime"])
    response.headers["Content-Disposition"] = f'attachment; filename="{file_id}.{file["file_extension"].lower()}"'
    return response.make_conditional(request, accept_ranges=True, complete_length=file["file_size"])


ROUTES = [
    Route("GET", "/meetings/<meeting_id>/recordings", get_recordings, LIGHT),
    Route("GET", "/users/<user_id>/recordings", list_user_recordings, MEDIUM),
]
