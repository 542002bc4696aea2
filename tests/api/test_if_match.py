"""``If-Match`` on the three command APIs (cases, councils, communication): a version of
up to 18 digits (``"3"`` or ``3``) makes a command conditional; anything else, however
long, is 422 ``invalid_if_match`` in the error shape (a number of more than 4,300 digits
was a 500: Python's int() refuses it), also a weak tag (``W/"3"`` was read as 3, but
If-Match compares strongly: a weak tag never matches) and an unclosed quote."""

from __future__ import annotations

from uuid import uuid4

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import EVENING, answered, auth, new_case

# b'"\xb2"' is '"²"' as the server reads it (latin-1): a digit to str.isdigit, not to int().
# A weak tag never matches (If-Match compares strongly); a quote must be closed.
NOT_A_VERSION = ['"' + "9" * 4301 + '"', "9" * 19, b'"\xb2"', "abc", '"-1"', '"3 "', '"+3"',
                 'W/"32"', '"32', '32"', 'W/32', '""32""']  # fmt: skip


@pytest.mark.parametrize("if_match", NOT_A_VERSION)
def test_if_match_that_is_no_version_is_invalid_on_every_api(
    cases: TestClient, councils: TestClient, communication: TestClient, if_match: str | bytes
) -> None:
    h: dict[str, str | bytes] = {**auth(), "If-Match": if_match}
    close = cases.post(f"/cases/{new_case(cases)}/close", json={"reason": "moved"}, headers=h)
    answered(close, 422, "invalid_if_match")
    seats = councils.post(f"/councils/{uuid4()}/seats", json={}, headers=h)
    answered(seats, 422, "invalid_if_match")
    assert communication.post("/theme-evenings", json=EVENING, headers=auth()).status_code == 201
    cancel = communication.post("/theme-evenings/ev1/cancel", headers=h)
    answered(cancel, 422, "invalid_if_match")


@pytest.mark.parametrize("if_match", ['"' + "9" * 18 + '"', "7", "*"])
def test_if_match_of_up_to_18_digits_is_a_version(cases: TestClient, if_match: str) -> None:
    r = cases.post(
        f"/cases/{new_case(cases)}/close",
        json={"reason": "moved"},
        headers={**auth(), "If-Match": if_match},
    )
    if if_match == "*":
        assert r.status_code == 200, r.text
    else:
        assert answered(r, 409, "version_conflict")["details"]["current_version"] == 1
