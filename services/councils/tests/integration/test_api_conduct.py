"""The code of conduct over the API: the follow group adopts versions; staff and
relatives acknowledge the current one; a new version asks everyone again."""

from __future__ import annotations

from fastapi.testclient import TestClient

from services.councils.tests.conftest import ADMIN, FOLLOW_GROUP, LEADER, auth
from services.councils.tests.integration.test_api_pools import join_follow_group

TEXT = "Vi møder hinanden med respekt og inddrager pårørende i hverdagen."
STAFF = auth("caseworker", "s-1")


def adopt(client: TestClient, text: str, on: str, headers: dict[str, str]) -> int:
    r = client.post(
        "/code-of-conduct/versions", json={"text": text, "adopted_on": on}, headers=headers
    )
    assert r.status_code == 201, r.text
    return int(r.json()["result"])


def ack(client: TestClient, version: int, headers: dict[str, str], **body: str) -> tuple[int, str]:
    payload = {"version": version, "kind": "staff", "tilbud_id": "lyngen", **body}
    r = client.post("/code-of-conduct/acknowledgements", json=payload, headers=headers)
    return r.status_code, r.json().get("code", "")


def test_versions_and_acknowledgements(client: TestClient) -> None:
    join_follow_group(client)
    r = client.post(
        "/code-of-conduct/versions", json={"text": TEXT, "adopted_on": "2031-01-15"}, headers=ADMIN
    )
    assert r.status_code == 403
    assert ack(client, 1, STAFF) == (422, "not_current_version")
    assert adopt(client, TEXT, "2031-01-15", FOLLOW_GROUP) == 1
    code = client.get("/code-of-conduct", headers=STAFF).json()
    assert (code["current_version"], code["versions"][0]["text"]) == (1, TEXT)
    assert ack(client, 1, STAFF)[0] == 201
    assert ack(client, 1, STAFF) == (422, "already_acknowledged")
    assert ack(client, 1, STAFF, person_id="s-2") == (403, "not_own_acknowledgement")
    assert ack(client, 1, ADMIN, kind="relative", person_id="r-1", tilbud_id="skoven")[0] == 201
    rows = client.get("/code-of-conduct/acknowledgements?tilbud=lyngen", headers=STAFF).json()
    assert [(a["kind"], a["person_id"], a["version"]) for a in rows] == [("staff", "s-1", 1)]
    r = client.post(
        "/code-of-conduct/versions", json={"text": "v2", "adopted_on": "2031-01-01"}, headers=LEADER
    )
    assert (r.status_code, r.json()["code"]) == (422, "adopted_before_current")
    assert adopt(client, "Version 2", "2031-06-01", LEADER) == 2
    assert client.get("/code-of-conduct/acknowledgements", headers=STAFF).json() == []
    assert ack(client, 1, STAFF) == (422, "not_current_version")
    assert ack(client, 2, STAFF)[0] == 201
