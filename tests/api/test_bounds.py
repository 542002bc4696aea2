"""Every integer an API takes is bounded: a huge one is a 422, never a crash; and
whatever does crash answers 500 in the JSON error shape, with nothing personal logged."""

from __future__ import annotations

import io
import json
import logging
from uuid import uuid4

import pytest
import structlog
from fastapi import APIRouter
from fastapi.testclient import TestClient

from shared.config import CommonSettings
from shared.http.app import build_app
from shared.logging import configure_logging
from tests.api.conftest import auth

HUGE = 10**19


@pytest.mark.parametrize(
    ("path", "param"),
    [
        ("/cases", "offset"),
        ("/cases", "limit"),
        ("/cases/{id}/timeline", "before_seq"),
        ("/cases/{id}", "min_version"),
        ("/cases/{id}", "timeline_limit"),
    ],
)
def test_a_huge_integer_in_a_read_query_is_refused_by_name(
    readside: TestClient, path: str, param: str
) -> None:
    r = readside.get(path.format(id=uuid4()), params={param: HUGE}, headers=auth())
    assert r.status_code == 422, r.text
    body = r.json()
    assert body["code"] == "invalid_request"
    assert body["message"].startswith(f"query.{param}: ")


def test_the_largest_allowed_offset_reads_an_empty_page(readside: TestClient) -> None:
    r = readside.get("/cases", params={"offset": 2**53 - 1}, headers=auth())
    assert r.status_code == 200, r.text
    assert r.json()["items"] == []


def test_an_unexpected_error_answers_500_in_the_error_shape_and_logs_no_personal_data() -> None:
    router = APIRouter()

    @router.get("/boom")
    async def boom() -> None:
        raise RuntimeError("citizen 0707614285 Karen Hansen")

    app = build_app(title="t", common=CommonSettings(), routers=[router])
    configure_logging("test", "INFO", "json")
    stream = io.StringIO()
    logging.getLogger().handlers[0].stream = stream  # type: ignore[attr-defined]
    try:
        with TestClient(app) as client:
            r = client.get("/boom", headers={"X-Correlation-ID": "c-500"})
    finally:
        structlog.contextvars.clear_contextvars()
    assert r.status_code == 500
    assert r.headers["content-type"] == "application/json"
    assert r.headers["x-correlation-id"] == "c-500"
    body = r.json()
    assert body["code"] == "internal_error" and set(body) == {"code", "message", "details"}
    assert "0707614285" not in r.text and "Karen" not in r.text
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    crash = next(line for line in lines if line["event"] == "unhandled_error")
    assert crash["error"] == "RuntimeError" and crash["correlation_id"] == "c-500"
    assert any("boom" in frame for frame in crash["frames"])
    assert "Karen" not in stream.getvalue() and "4285" not in stream.getvalue()


def test_a_level_off_the_staircase_is_refused_in_words(tmp_path: object) -> None:
    from services.cases.config import CasesSettings
    from services.cases.entrypoints.api import create_app

    settings = CasesSettings(database_url=f"sqlite:///{tmp_path}/c.sqlite", common=CommonSettings())
    with TestClient(create_app(settings)) as client:
        body = {"level": HUGE, "characteristics": ["good_dialogue"], "justification": "x"}
        r = client.post(f"/cases/{uuid4()}/level-assessments", json=body, headers=auth())
    assert r.status_code == 422
    assert r.json()["code"] == "invalid_request"
    assert r.json()["message"] == "body.level: Input should be less than or equal to 4"
