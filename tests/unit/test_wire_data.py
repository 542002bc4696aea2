"""``WireMapping.data`` (the relay's way to a contract's JSON data, without building the
model) refuses what the model refuses, with the model's error, and the record it gives
is the model's byte for byte."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from types import SimpleNamespace
from typing import Any
from uuid import uuid4

import pytest
from pydantic import ValidationError, field_validator

from services.cases.adapters.wire import to_wire
from shared.contracts import cases as wire
from shared.contracts.base import WireEvent
from shared.contracts.mapping import Contract, WireMapping, ids
from shared.privacy.mapper import SEALED
from shared.relay.relay import event_translator


def _event(name: str, **fields: Any) -> Any:
    cls = type(name, (SimpleNamespace,), {})
    at = fields.pop("timestamp", datetime(2031, 5, 1, 9, 30, 1, 5, tzinfo=UTC))
    return cls(originator_id=uuid4(), originator_version=4, timestamp=at, actor="a", **fields)


def _consent(**fields: Any) -> Any:
    return _event(
        "ConsentGranted",
        **{"relative_id": "r1", "scope": "share_information", "form": "oral", **fields},
    )


def test_a_code_not_listed_is_the_model_s_error() -> None:
    with pytest.raises(ValidationError, match="not one of"):
        to_wire.data(_consent(scope="everything"))
    with pytest.raises(ValidationError, match="not one of"):
        to_wire.data(
            _event(
                "RelativeAdded",
                relative_id="r",
                legal_role="none",
                channels={"fax": "1"},
                preferred_channel=None,
            )
        )


def test_a_sealed_value_is_refused_as_by_the_model() -> None:
    with pytest.raises(ValidationError):
        to_wire.data(_consent(relative_id=SEALED))


def test_a_field_given_twice_is_the_model_s_error() -> None:
    twice = WireMapping(
        lambda _: (
            {"CaseReopened": Contract(wire.CaseReopened, lambda e: {"actor": "b"})},
            ids("case", tilbud_id=""),
        )
    )
    with pytest.raises(TypeError):
        twice.data(_event("CaseReopened"))


def test_a_model_with_validators_of_its_own_goes_the_model_s_way() -> None:
    class Checked(wire.CaseReopened):
        @field_validator("actor")
        @classmethod
        def _shout(cls, value: str) -> str:
            return value.upper()

    mapping = WireMapping(
        lambda _: ({"CaseReopened": Contract(Checked, lambda e: {})}, ids("case", tilbud_id="t"))
    )
    data = mapping.data(_event("CaseReopened"))
    assert data is not None and data.model is Checked and data.data["actor"] == "A"


@pytest.mark.parametrize(
    "at",
    [
        datetime(2031, 5, 1, 9, 30, 1, tzinfo=UTC),
        datetime(2031, 5, 1, 9, 30, 1, 5, tzinfo=UTC),
        datetime(2031, 5, 1, 9, 30, 1, 500000, tzinfo=timezone(timedelta(hours=2))),
    ],
)
def test_the_record_is_the_model_s(at: datetime) -> None:
    event = _consent(timestamp=at, envelope={"correlation_id": "req-1", "tilbud_id": "tæ"})
    fast = event_translator(to_wire, "pkraft.cases.v1", wire.SOURCE)

    def built(e: Any) -> WireEvent | None:
        return to_wire(e)

    assert fast(event) == event_translator(built, "pkraft.cases.v1", wire.SOURCE)(event)
    data = to_wire.data(event)
    model = to_wire(event)
    assert data is not None and model is not None
    assert data.data == model.model_dump(mode="json") and data.data["tilbud_id"] == "tæ"


def test_an_internal_event_has_no_data() -> None:
    assert to_wire.data(_event("SomethingInternal")) is None
