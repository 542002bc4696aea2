"""Newsletters and survey rounds go only to tilbud the organisation holds."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from services.communication.config import CommunicationSettings
from services.communication.entrypoints.api import create_app
from services.communication.tests.conftest import auth

COMMS = auth("communications")


@pytest.fixture
def client(settings: CommunicationSettings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as c:
        yield c


def test_a_newsletter_naming_an_unknown_tilbud_is_refused(client: TestClient) -> None:
    body = {
        "newsletter_id": "n-org",
        "tilbud_ids": ["lyngen", "Ukendt"],
        "subject": "S",
        "body": "B",
    }
    r = client.post("/newsletters", json=body, headers=COMMS)
    assert r.status_code == 422 and r.json()["code"] == "unknown_tilbud"
    assert r.json()["details"] == {"tilbud_id": "Ukendt"}
    assert client.get("/newsletters", headers=COMMS).json() == []  # nothing was sent
    r = client.post("/newsletters", json={**body, "tilbud_ids": ["lyngen"]}, headers=COMMS)
    assert r.status_code == 201  # the same id is still free


def test_a_survey_round_at_an_unknown_tilbud_is_refused(client: TestClient) -> None:
    r = client.post("/survey-rounds", json={"tilbud_id": "Ukendt", "year": 2031}, headers=COMMS)
    assert r.status_code == 422 and r.json()["code"] == "unknown_tilbud"
    r = client.post("/survey-rounds", json={"tilbud_id": "skoven", "year": 2031}, headers=COMMS)
    assert r.status_code == 201
