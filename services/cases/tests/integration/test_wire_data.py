"""The relay maps a case's events to their JSON data without building the contract
models (``WireMapping.data``): the data, and so the records, are those of the models, for
every event of a driven case (sealed reads, after an erasure)."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from services.cases.adapters.wire import to_wire
from services.cases.bootstrap import build_application
from services.cases.config import CasesSettings
from services.cases.entrypoints.api import create_app
from services.cases.tests.conftest import auth
from services.cases.tests.integration.privacy_flow import drive_case
from shared.contracts import cases as wire
from shared.relay.relay import event_translator
from shared.relay.source import ApplicationLog


def test_the_data_and_records_are_the_models(cases_settings: CasesSettings) -> None:
    with TestClient(create_app(cases_settings)) as client:
        case = drive_case(client)
        erased = client.post(
            f"/privacy/subjects/relative:{case.case_id}:{case.karen}/erase",
            json={"reason": "data_subject_request"},
            headers=auth("privacy_officer", sub="dpo"),
        )
        assert erased.status_code == 200, erased.text
    app = build_application(cases_settings)
    try:
        events = [e for _, e in ApplicationLog(app, sealed=True).read(0, 10_000)]
    finally:
        app.close()
    kinds = set()
    for event in events:
        model = to_wire(event)
        data = to_wire.data(event)
        if model is None:
            assert data is None
            continue
        assert data is not None
        assert data.model is type(model) and data.occurred_at == model.occurred_at
        assert list(data.data.items()) == list(model.model_dump(mode="json").items())
        kinds.add(data.model)
    assert len(kinds) >= 10

    fast = event_translator(to_wire, "pkraft.cases.v1", wire.SOURCE)

    def built(event: Any) -> Any:  # not a WireMapping: the model's way
        return to_wire(event)

    by_model = event_translator(built, "pkraft.cases.v1", wire.SOURCE)
    assert [fast(e) for e in events] == [by_model(e) for e in events]
