"""The AsyncAPI 3 document and the JSON Schemas: generated from the contracts, committed
under docs/events/ (the drift test is tests/test_project_rules.py) and served by every
service at ``GET /asyncapi.json`` and at each event's ``dataschema`` path."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlparse

from fastapi.testclient import TestClient

from shared.config import CommonSettings
from shared.contracts.schemas import TOPICS, render, schema_of
from shared.http.app import build_app

ROOT = Path(__file__).resolve().parents[2]
EVENTS = ROOT / "docs" / "events"


def test_the_committed_asyncapi_document_is_the_generated_one() -> None:
    assert (EVENTS / "asyncapi.json").read_text(encoding="utf-8") == render()["asyncapi.json"]


def test_every_topic_and_type_is_in_the_document_with_headers_and_payload() -> None:
    doc = json.loads((EVENTS / "asyncapi.json").read_text(encoding="utf-8"))
    assert doc["asyncapi"] == "3.0.0"
    addresses = {c["address"]: c for c in doc["channels"].values()}
    for topic, _source, registry in TOPICS:
        channel = addresses[topic]
        for model in registry.models():
            key = f"{model.domain}.{model.name}.v{model.schema_version}"
            assert key in channel["messages"]
            message = doc["components"]["messages"][key]
            assert message["headers"]["properties"]["ce_type"]["const"] == model.ce_type()
            assert "ce_correlationid" in message["headers"]["required"]
            assert message["payload"]["schema"] == schema_of(model)
            rel = urlparse(model.dataschema()).path.removeprefix("/events/")
            assert json.loads((EVENTS / rel).read_text()) == schema_of(model)


def test_every_service_serves_the_document_and_the_schemas() -> None:
    for service in ("cases", "communication", "councils", "readside", "console"):
        api = (ROOT / "services" / service / "entrypoints" / "api.py").read_text()
        # every app is made by shared.http.app.build_app (directly, or through the
        # event-sourced and database services' api_factory, which calls it)
        assert "build_app(" in api or "api_factory(" in api, service
    client = TestClient(build_app(title="any", common=CommonSettings(), routers=[]))
    served = client.get("/asyncapi.json")
    assert served.status_code == 200
    assert served.json() == json.loads((EVENTS / "asyncapi.json").read_text())
    for _topic, _source, registry in TOPICS:
        for model in registry.models():
            answer = client.get(urlparse(model.dataschema()).path)
            assert answer.status_code == 200
            assert answer.json()["$id"] == model.dataschema()
    missing = client.get("/events/cases/nothing.v1.json")
    assert missing.status_code == 404
    assert missing.json()["code"] == "schema_not_found"
