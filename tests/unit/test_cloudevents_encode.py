"""The relay's CloudEvents encoding gives exactly the bytes of the SDK's binary mapping."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from cloudevents.core.bindings import kafka as ce_kafka
from cloudevents.core.v1.event import CloudEvent

from shared.kafka.cloudevents import OutboundRecord, decode, encode


def sdk(**kw: Any) -> OutboundRecord:
    """What ``encode`` produced through the SDK before it wrote the mapping out."""
    attributes: dict[str, Any] = {
        "id": kw["ce_id"],
        "type": kw["ce_type"],
        "source": kw["source"],
        "subject": kw["subject"],
        "time": kw["time"],
        "datacontenttype": "application/json",
        "partitionkey": kw["subject"],
    }
    if kw.get("dataschema"):
        attributes["dataschema"] = kw["dataschema"]
    attributes.update(kw.get("extensions") or {})
    message = ce_kafka.to_binary_event(CloudEvent(attributes=attributes, data=kw["data"]))
    key = message.key.encode() if isinstance(message.key, str) else (message.key or b"")
    return OutboundRecord(kw["topic"], key, message.value, list(message.headers.items()))


CASES = [
    {"data": {}, "time": datetime(2031, 5, 1, 9, 30, tzinfo=UTC)},
    {
        "data": {"a": 1, "b": [1.5, None, True], "c": {"d": 'æøå ☃ " \\ \n'}},
        "time": datetime(2031, 5, 1, 9, 30, 1, 123456, tzinfo=UTC),
        "dataschema": "https://pkraft.example/schemas/x.v2.json",
        "extensions": {"correlationid": "req-42"},
    },
    {
        "data": {"when": datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC), "n": 10**20},
        "time": datetime(2031, 5, 1, 9, 30, tzinfo=timezone(timedelta(hours=2))),
    },
]


@pytest.mark.parametrize("case", CASES)
def test_encode_gives_the_sdk_s_bytes(case: dict[str, Any]) -> None:
    kw = {"topic": "t", "ce_id": "c1:3@20310501", "ce_type": "dk.x.y.v1", "source": "/s"}
    kw |= {"subject": "c1ø", **case}
    assert encode(**kw) == sdk(**kw)
    back = decode(*(lambda r: (r.key, r.value, r.headers))(encode(**kw)))
    assert (back.id, back.subject) == ("c1:3@20310501", "c1ø")
