"""A path with a trailing slash the API does not have is 404 ``not_found`` in the error
shape on every API (before: a bare 307 redirect without a body, which a client following
it would resend a POST or DELETE to)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.conftest import CASE, answered, auth, new_case


def test_a_trailing_slash_is_not_found_not_a_redirect(
    cases: TestClient, councils: TestClient, communication: TestClient
) -> None:
    h = auth()
    answered(cases.post("/cases/", json=CASE, headers=h, follow_redirects=False), 404,
             "not_found")  # fmt: skip
    path = f"/cases/{new_case(cases)}/close/"
    answered(cases.post(path, json={"reason": "moved"}, headers=h, follow_redirects=False),
             404, "not_found")  # fmt: skip
    answered(councils.post("/councils/", json={}, headers=h, follow_redirects=False), 404,
             "not_found")  # fmt: skip
    path = "/theme-evenings/ev1/registrations/"
    answered(communication.delete(path, headers=h, follow_redirects=False), 404, "not_found")
    answered(cases.get("/healthz/", follow_redirects=False), 404, "not_found")


def test_the_path_without_the_slash_still_answers(cases: TestClient) -> None:
    assert cases.post("/cases", json=CASE, headers=auth()).status_code == 201
