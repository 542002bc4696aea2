"""CloudEvents binary content mode on Kafka, through the ``cloudevents`` SDK."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from json.encoder import c_make_encoder, encode_basestring_ascii  # type: ignore[attr-defined]
from typing import Any

from cloudevents.core.bindings import kafka as ce_kafka

from shared.eventid import event_id

SPECVERSION = "1.0"


@dataclass(frozen=True)
class OutboundRecord:
    """One message ready for the producer."""

    topic: str
    key: bytes
    value: bytes
    headers: list[tuple[str, bytes]]


def encode(
    *,
    topic: str,
    ce_id: str,
    ce_type: str,
    source: str,
    subject: str,
    time: datetime,
    data: dict[str, Any],
    dataschema: str | None = None,
    extensions: dict[str, str] | None = None,
) -> OutboundRecord:
    """Build a binary-mode CloudEvent record keyed by ``subject``."""
    attributes: dict[str, Any] = {
        "id": ce_id,
        "type": ce_type,
        "source": source,
        "subject": subject,
        "time": time,
        "datacontenttype": "application/json",
        "partitionkey": subject,
    }
    if dataschema:
        attributes["dataschema"] = dataschema
    attributes.update(extensions or {})
    attributes["specversion"] = SPECVERSION
    # The SDK's binary mapping (ce_kafka.to_binary_event), written out: the relay encodes
    # every event, and the SDK's attribute validation and dispatch cost more than the
    # producer's own send. tests/unit/test_cloudevents_encode.py keeps the bytes equal.
    headers = [
        ("content-type" if name == "datacontenttype" else f"ce_{name}", _header(value))
        for name, value in attributes.items()
        if value is not None
    ]
    value = _JSON_ENCODER.encode(data).encode("utf-8")
    return OutboundRecord(topic=topic, key=subject.encode(), value=value, headers=headers)


def _timestamp(value: datetime) -> str:
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _header(value: Any) -> bytes:
    return (_timestamp(value) if isinstance(value, datetime) else str(value)).encode("utf-8")


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return _timestamp(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


# json.dumps(data, default=_json_default) with the encoder made once, not per call.
_JSON_ENCODER = json.JSONEncoder(default=_json_default)
# The same text for JSON data (a model's ``model_dump(mode="json")``: no cycles to look
# for), from the C encoder ``json.dumps`` makes on every call, made once.
_C_ENCODE = (
    c_make_encoder(
        None, _json_default, encode_basestring_ascii, None, ": ", ", ", False, False, True
    )
    if c_make_encoder is not None
    else None
)


def _json_data(data: dict[str, Any]) -> bytes:
    """``json.dumps(data)`` as UTF-8, for JSON data."""
    if _C_ENCODE is None:
        return _JSON_ENCODER.encode(data).encode("utf-8")
    return "".join(_C_ENCODE(data, 0)).encode("utf-8")


def encode_contract(
    contract: Any,
    *,
    topic: str,
    source: str,
    aggregate_id: str,
    version: int,
    envelope: dict[str, Any] | None = None,
    incarnation: int = 0,
) -> OutboundRecord:
    """A wire contract (``shared.contracts.base.WireEvent``) as a CloudEvent keyed by its
    aggregate, with the deterministic id of ``shared.eventid`` (``<aggregate id>:<version>``,
    with ``@<incarnation>`` after a restore) and the correlation id of the request that
    caused it. One call of :class:`ContractEncoder`; the relay keeps one encoder."""
    return ContractEncoder(topic, source)(
        contract,
        aggregate_id=aggregate_id,
        version=version,
        envelope=envelope,
        incarnation=incarnation,
    )


_JSON = b"application/json"
_NEW = object.__new__
_SPECVERSION = SPECVERSION.encode()


class ContractEncoder:
    """:func:`encode_contract` for one topic and source, with the headers that repeat
    (source, each contract class's type and schema) encoded once. The bytes are those of
    :func:`encode` (tests/unit/test_cloudevents_encode.py)."""

    def __init__(self, topic: str, source: str) -> None:
        self._topic = topic
        self._source = source.encode("utf-8")
        self._classes: dict[type, tuple[bytes, bytes]] = {}

    def _names(self, cls: type) -> tuple[bytes, bytes]:
        names = self._classes.get(cls)
        if names is None:
            contract: Any = cls
            names = (contract.ce_type().encode(), (contract.dataschema() or "").encode())
            self._classes[cls] = names
        return names

    def __call__(
        self,
        contract: Any,
        *,
        aggregate_id: str,
        version: int,
        envelope: dict[str, Any] | None = None,
        incarnation: int = 0,
    ) -> OutboundRecord:
        return self.data(
            type(contract),
            contract.occurred_at,
            contract.model_dump(mode="json"),
            aggregate_id=aggregate_id,
            version=version,
            envelope=envelope,
            incarnation=incarnation,
        )

    def data(
        self,
        cls: type,
        occurred_at: datetime,
        data: dict[str, Any],
        *,
        aggregate_id: str,
        version: int,
        envelope: dict[str, Any] | None = None,
        incarnation: int = 0,
    ) -> OutboundRecord:
        """The record of a contract given as its class, ``occurred_at`` and its
        ``model_dump(mode="json")`` (``shared.contracts.mapping.WireData``)."""
        ce_type, dataschema = self._names(cls)
        subject = aggregate_id.encode("utf-8")
        # pydantic writes a UTC time as _timestamp does (tests/unit/test_wire_data.py)
        time = data.get("occurred_at")
        headers = [
            ("ce_id", event_id(aggregate_id, version, incarnation).encode("utf-8")),
            ("ce_type", ce_type),
            ("ce_source", self._source),
            ("ce_subject", subject),
            (
                "ce_time",
                time.encode()
                if isinstance(time, str) and time[-1:] == "Z"
                else _header(occurred_at),
            ),
            ("content-type", _JSON),
            ("ce_partitionkey", subject),
        ]
        if dataschema:
            headers.append(("ce_dataschema", dataschema))
        correlation = envelope.get("correlation_id") if envelope else None
        if correlation:
            headers.append(("ce_correlationid", _header(correlation)))
        headers.append(("ce_specversion", _SPECVERSION))
        record = _NEW(OutboundRecord)  # the frozen dataclass's fields, without its setattrs
        record.__dict__.update(
            topic=self._topic, key=subject, value=_json_data(data), headers=headers
        )
        return record


@dataclass(frozen=True)
class InboundEvent:
    """A decoded CloudEvent from Kafka."""

    id: str
    type: str
    source: str
    subject: str | None
    time: datetime | None
    data: dict[str, Any]
    extensions: dict[str, Any]


def decode(key: bytes | None, value: bytes, headers: list[tuple[str, bytes]]) -> InboundEvent:
    """Parse a binary-mode record; raises ValueError when it is not a valid CloudEvent."""
    try:
        event = ce_kafka.from_binary_event(
            ce_kafka.KafkaMessage(headers=dict(headers), key=key, value=value)
        )
    except Exception as exc:
        raise ValueError(f"not a binary-mode CloudEvent: {exc}") from exc
    data = event.get_data()
    if not isinstance(data, dict):
        raise ValueError("CloudEvent data is not a JSON object")
    attributes = event.get_attributes()
    standard = {"id", "type", "source", "subject", "time", "specversion", "datacontenttype"}
    return InboundEvent(
        id=str(attributes["id"]),
        type=str(attributes["type"]),
        source=str(attributes["source"]),
        subject=attributes.get("subject"),
        time=attributes.get("time"),
        data=data,
        extensions={k: v for k, v in attributes.items() if k not in standard},
    )
