"""Signatures: checked against HMACs computed here by hand, and against Zoom's published example."""

from __future__ import annotations

import hashlib
import hmac
import json

import pytest

from wmdctl.webhooks.signature import SignatureRejected, sign, signed_headers, validation_answer, verify

from .helpers import hand_signature

SECRET = "abc123secret"
BODY = b'{"event":"webinar.started","event_ts":1654503849680,"payload":{"account_id":"x","object":{"id":"1"}}}'
NOW = 1_700_000_000


def test_sign_matches_an_hmac_computed_by_hand() -> None:
    expected = "v0=" + hmac.new(b"abc123secret", b"v0:1700000000:" + BODY, hashlib.sha256).hexdigest()
    assert sign(SECRET, "1700000000", BODY) == expected == hand_signature(SECRET, "1700000000", BODY)


def test_fixed_vectors_from_openssl() -> None:
    # `printf 'v0:1:{}' | openssl dgst -sha256 -hmac s`, and the same for the validation token.
    assert sign("s", "1", b"{}") == "v0=65072e09b4a550268224bbe85f256d779384c0d5e0e2a773d161019d982bd1a0"
    answer = validation_answer(SECRET, "qgg8vlvZRS6UYooatFL8Aw")
    assert answer["encryptedToken"] == "ceeee88dc3505eccd04a0561e0e4fae329cbec52844a0b86c8d9861ff192d48b"


def test_a_good_signature_inside_the_window_verifies() -> None:
    headers = {"x-zm-request-timestamp": str(NOW), "x-zm-signature": hand_signature(SECRET, str(NOW), BODY)}
    assert verify(SECRET, headers, BODY, now=NOW + 10, max_age=300) == NOW


def test_header_names_are_case_insensitive() -> None:
    headers = {"X-Zm-Request-Timestamp": str(NOW), "X-ZM-Signature": hand_signature(SECRET, str(NOW), BODY)}
    assert verify(SECRET, headers, BODY, now=NOW, max_age=300) == NOW


@pytest.mark.parametrize(
    ("headers", "why"),
    [
        ({}, "missing"),
        ({"x-zm-request-timestamp": str(NOW)}, "missing"),
        ({"x-zm-signature": "v0=00"}, "missing"),
        ({"x-zm-request-timestamp": "17e8", "x-zm-signature": "v0=00"}, "whole seconds"),
        ({"x-zm-request-timestamp": str(NOW), "x-zm-signature": "v0=" + "0" * 64}, "does not match"),
        ({"x-zm-request-timestamp": str(NOW), "x-zm-signature": "garbage ünïcode"}, "does not match"),
    ],
)
def test_bad_or_missing_signatures_are_rejected(headers: dict[str, str], why: str) -> None:
    with pytest.raises(SignatureRejected, match=why):
        verify(SECRET, headers, BODY, now=NOW, max_age=300)


def test_a_wrong_secret_is_rejected() -> None:
    headers = {"x-zm-request-timestamp": str(NOW), "x-zm-signature": hand_signature("other", str(NOW), BODY)}
    with pytest.raises(SignatureRejected, match="does not match"):
        verify(SECRET, headers, BODY, now=NOW, max_age=300)


def test_the_signature_covers_the_raw_bytes_not_the_parsed_json() -> None:
    # Same JSON, other spacing: a receiver that re-serialises would accept one and refuse the other.
    respaced = json.dumps(json.loads(BODY)).encode()
    assert respaced != BODY
    headers = {"x-zm-request-timestamp": str(NOW), "x-zm-signature": hand_signature(SECRET, str(NOW), BODY)}
    with pytest.raises(SignatureRejected):
        verify(SECRET, headers, respaced, now=NOW, max_age=300)


def test_the_signature_covers_the_timestamp() -> None:
    headers = {"x-zm-request-timestamp": str(NOW + 1), "x-zm-signature": hand_signature(SECRET, str(NOW), BODY)}
    with pytest.raises(SignatureRejected, match="does not match"):
        verify(SECRET, headers, BODY, now=NOW, max_age=300)


@pytest.mark.parametrize("offset", [301, -301, 86_400])
def test_a_replay_outside_the_window_is_rejected(offset: int) -> None:
    stamp = str(NOW - offset)
    headers = {"x-zm-request-timestamp": stamp, "x-zm-signature": hand_signature(SECRET, stamp, BODY)}
    with pytest.raises(SignatureRejected, match="outside the 300 s window"):
        verify(SECRET, headers, BODY, now=NOW, max_age=300)
    assert verify(SECRET, headers, BODY, now=NOW, max_age=abs(offset)) == NOW - offset


def test_the_validation_answer_is_the_hmac_of_the_plain_token() -> None:
    plain = "qgg8vlvZRS6UYooatFL8Aw"
    expected = hmac.new(SECRET.encode(), plain.encode(), hashlib.sha256).hexdigest()
    assert validation_answer(SECRET, plain) == {"plainToken": plain, "encryptedToken": expected}


def test_signed_headers_are_what_a_receiver_checks() -> None:
    headers = signed_headers(SECRET, NOW, BODY)
    assert headers["x-zm-signature"] == hand_signature(SECRET, str(NOW), BODY)
    assert verify(SECRET, headers, BODY, now=NOW, max_age=1) == NOW
