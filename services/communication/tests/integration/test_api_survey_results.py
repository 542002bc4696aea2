"""Survey results through the API: answers per respondent or a CSV; per question results
published only for groups of at least the threshold, never per person (both stores)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from services.communication.adapters.outbox import OutboxSource
from services.communication.config import CommunicationSettings
from services.communication.entrypoints.api import create_app
from services.communication.tests.conftest import auth

COMMS = auth("communications", "mette")
CSV_HEADERS = {**COMMS, "Content-Type": "text/csv"}


@pytest.fixture
def client(settings: CommunicationSettings) -> Iterator[TestClient]:
    settings.survey_min_group = 3
    with TestClient(create_app(settings)) as c:
        r = c.post("/survey-rounds", json={"tilbud_id": "lyngen", "year": 2031}, headers=COMMS)
        assert r.status_code == 201
        yield c


def published(client: TestClient) -> list[dict[str, Any]]:
    db = client.app.state.service.store.db  # type: ignore[attr-defined]
    return [
        e.data
        for _, e in OutboxSource(db).read(0, 1000)
        if e.ce_type.endswith("survey_results_published.v1")
    ]


def answer(client: TestClient, ref: str, scores: dict[str, int]) -> Any:
    return client.post(
        "/surveys/lyngen/2031/responses",
        json={"respondent_ref": ref, "scores": scores},
        headers=COMMS,
    )


def test_results_appear_only_from_the_threshold_on(client: TestClient) -> None:
    assert answer(client, "r1", {"overall": 5, "informed": 4}).status_code == 201
    assert answer(client, "r2", {"overall": 3}).status_code == 201
    assert published(client) == []  # two respondents: under the threshold of three
    r = answer(client, "r3", {"overall": 4})
    assert r.status_code == 201 and r.json()["recorded"] == 1
    [event] = published(client)
    assert (event["question"], event["n"], event["mean"]) == ("overall", 3, 4.0)
    assert event["distribution"] == {"1": 0, "2": 0, "3": 1, "4": 1, "5": 1}
    assert "r1" not in str(event) and "respondent" not in str(event)


def test_a_repeated_answer_is_idempotent_and_a_changed_one_a_conflict(client: TestClient) -> None:
    assert answer(client, "r1", {"overall": 5}).status_code == 201
    assert answer(client, "r1", {"overall": 5}).json()["recorded"] == 0
    r = answer(client, "r1", {"overall": 2})
    assert r.status_code == 409 and r.json()["code"] == "survey_answer_exists"


def test_csv_import_publishes_and_a_bad_row_names_its_line(client: TestClient) -> None:
    bad = "respondent_ref,question_id,score\nr1,overall,4\nr2,overall,9\n"
    r = client.post("/surveys/lyngen/2031/responses/import", content=bad, headers=CSV_HEADERS)
    assert r.status_code == 422 and r.json()["code"] == "invalid_survey_score"
    assert "line 3" in r.json()["message"]
    assert published(client) == []  # all or nothing
    good = "respondent_ref,question_id,score\nr1,overall,4\nr2,overall,2\nr3,overall,3\n"
    r = client.post("/surveys/lyngen/2031/responses/import", content=good, headers=CSV_HEADERS)
    assert r.status_code == 200 and r.json()["recorded"] == 3
    assert [(e["n"], e["mean"]) for e in published(client)] == [(3, 3.0)]


def test_unknown_round_question_and_role(client: TestClient) -> None:
    r = client.post(
        "/surveys/lyngen/2035/responses",
        json={"respondent_ref": "r1", "scores": {"overall": 3}},
        headers=COMMS,
    )
    assert r.status_code == 404 and r.json()["code"] == "survey_round_not_found"
    r = answer(client, "r1", {"food": 3})
    assert r.status_code == 422 and r.json()["code"] == "unknown_survey_question"
    r = answer(client, "r1", {"overall": 7})
    assert r.status_code == 422
    r = client.post(
        "/surveys/lyngen/2031/responses",
        json={"respondent_ref": "r1", "scores": {"overall": 3}},
        headers=auth("caseworker"),
    )
    assert r.status_code == 403
