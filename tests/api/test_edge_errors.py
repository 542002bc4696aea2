"""Edge answers: a body nested too deeply and a garbled bearer token are refused in words,
with a stable code and no library text."""

from __future__ import annotations

from uuid import uuid4

from fastapi.testclient import TestClient

from tests.api.conftest import auth


def test_a_body_nested_too_deeply_is_an_invalid_request(cases: TestClient) -> None:
    nested = b"[" * 100_000 + b"]" * 100_000
    r = cases.post(
        f"/cases/{uuid4()}/level-assessments",
        content=nested,
        headers={**auth(), "Content-Type": "application/json"},
    )
    assert r.status_code == 422, r.text
    assert r.json()["code"] == "invalid_request"
    assert r.json()["message"] == "the request body is nested too deeply"


def test_a_garbled_token_is_refused_without_decoder_details(cases: TestClient) -> None:
    # "t7cDqA" decodes to bytes starting 0xb7: the decoder complained about the byte.
    for token in ("t7cDqA.e30.sig", "not-a-jwt", "a.b.c"):
        r = cases.get(f"/cases/{uuid4()}", headers={"Authorization": f"Bearer {token}"})
        assert r.status_code == 401, r.text
        body = r.json()
        assert body["code"] == "unauthenticated", body
        assert body["message"] == "the bearer token could not be read", body
        assert "codec" not in r.text and "Invalid" not in r.text
