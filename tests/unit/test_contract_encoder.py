"""The relay's per-topic contract encoder gives the bytes of ``encode`` (and so of the
CloudEvents SDK, tests/unit/test_cloudevents_encode.py) for the same contract."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import uuid4

import pytest

from shared.contracts import cases as wire
from shared.eventid import event_id
from shared.kafka.cloudevents import ContractEncoder, encode, encode_contract


@pytest.mark.parametrize(
    ("envelope", "incarnation"),
    [(None, 0), ({"correlation_id": "req-7", "tilbud_id": "t"}, 0), ({}, 20311231235959)],
)
def test_the_encoder_gives_encode_s_bytes(
    envelope: dict[str, Any] | None, incarnation: int
) -> None:
    case_id = uuid4()
    at = datetime(2031, 5, 1, 9, 30, 1, 5, tzinfo=UTC)
    contract = wire.ConsentGranted(
        case_id=case_id,
        case_version=3,
        tilbud_id="tæ",
        occurred_at=at,
        actor="a",
        relative_id="r1",
        scope="invite_to_meetings",
        form="oral",
    )
    expected = encode(
        topic="pkraft.cases.v1",
        ce_id=event_id(case_id, 3, incarnation),
        ce_type=contract.ce_type(),
        source="/pkraft/cases",
        subject=str(case_id),
        time=at,
        data=contract.model_dump(mode="json"),
        dataschema=contract.dataschema(),
        extensions={"correlationid": "req-7"}
        if envelope and envelope.get("correlation_id")
        else {},
    )
    encoder = ContractEncoder("pkraft.cases.v1", "/pkraft/cases")
    for _ in range(2):  # the second time from its caches
        got = encoder(
            contract,
            aggregate_id=str(case_id),
            version=3,
            envelope=envelope,
            incarnation=incarnation,
        )
        assert got == expected
    assert (
        encode_contract(
            contract,
            topic="pkraft.cases.v1",
            source="/pkraft/cases",
            aggregate_id=str(case_id),
            version=3,
            envelope=envelope,
            incarnation=incarnation,
        )
        == expected
    )
