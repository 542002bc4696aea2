"""The relay reads the store without decrypting personal fields (issue 15): it publishes
exactly the records a full decode gives, for every kind of personal field and after an
erasure, and looks up no subject key."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import uuid4

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from services.cases.adapters.wire import to_wire
from services.cases.bootstrap import build_application
from services.cases.config import CasesSettings
from services.cases.entrypoints.api import create_app
from services.cases.tests.conftest import auth
from services.cases.tests.integration.privacy_flow import drive_case
from shared.contracts import cases as wire
from shared.privacy.mapper import SEALED
from tests.sealed_reads import sealed_and_decrypted


def test_sealed_reads_publish_what_decrypted_reads_do(
    cases_settings: CasesSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
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
        decrypted, sealed, events = sealed_and_decrypted(
            app, to_wire, "pkraft.cases.v1", wire.SOURCE, monkeypatch
        )
    finally:
        app.close()
    assert sealed == decrypted
    assert len([r for r in sealed if r is not None]) >= 15
    assert any(SEALED in vars(e).values() for e in events)  # it did leave values sealed


def test_a_contract_refuses_a_sealed_value() -> None:
    """Were a wire mapping to carry a personal value, the relay would fail loudly
    instead of publishing it."""
    fields: dict[str, Any] = {
        "case_id": uuid4(),
        "case_version": 2,
        "tilbud_id": "t",
        "occurred_at": datetime.now(UTC),
    }
    wire.CaseReopened(**fields, actor="a")
    with pytest.raises(ValidationError):
        wire.CaseReopened(**fields, actor=SEALED)
