"""The AsyncAPI 3 document of every topic, from the same contracts as docs/events/.

Written to docs/events/asyncapi.json by ``make schemas`` (a test fails when it drifts) and
served by every service at ``GET /asyncapi.json``. Each message declares the CloudEvents
binary-mode headers (``ce_*``), the Kafka key and the payload's JSON Schema, the same
schema as the file at the event's ``dataschema``.
"""

from __future__ import annotations

from typing import Any

from shared.contracts.base import Registry, WireEvent

PAYLOAD_FORMAT = "application/schema+json;version=draft-2020-12"


def _headers(model: type[WireEvent], source: str) -> dict[str, Any]:
    def text(description: str, **more: Any) -> dict[str, Any]:
        return {"type": "string", "description": description, **more}

    return {
        "type": "object",
        "properties": {
            "ce_specversion": text("CloudEvents version.", const="1.0"),
            "ce_id": text("Deterministic id; repeats of a delivery share it."),
            "ce_type": text("The event type.", const=model.ce_type()),
            "ce_source": text("The publishing service.", const=source),
            "ce_subject": text("The aggregate id (= the Kafka key)."),
            "ce_time": text("When it was recorded (RFC 3339).", format="date-time"),
            "ce_dataschema": text("The payload's JSON Schema.", const=model.dataschema()),
            "ce_correlationid": text("The request (or message) that caused it."),
            "ce_partitionkey": text("= the Kafka key (CloudEvents partitioning)."),
            "content-type": text("The payload's media type.", const="application/json"),
        },
        "required": [
            "ce_specversion",
            "ce_id",
            "ce_type",
            "ce_source",
            "ce_subject",
            "ce_time",
            "ce_dataschema",
            "ce_correlationid",
            "ce_partitionkey",
            "content-type",
        ],
    }


def document(
    topics: list[tuple[str, str, Registry]], schema_of: Any, version: str = "1"
) -> dict[str, Any]:
    """The AsyncAPI 3.0 document; ``schema_of`` gives a model's published JSON Schema."""
    channels: dict[str, Any] = {}
    operations: dict[str, Any] = {}
    messages: dict[str, Any] = {}
    for topic, source, registry in topics:
        channel_id = topic.split(".")[1]
        refs: dict[str, Any] = {}
        for model in registry.models():
            key = f"{model.domain}.{model.name}.v{model.schema_version}"
            messages[key] = {
                "name": model.ce_type(),
                "title": model.name.replace("_", " "),
                "summary": (model.__doc__ or model.name).strip().splitlines()[0],
                "contentType": "application/json",
                "headers": _headers(model, source),
                "payload": {"schemaFormat": PAYLOAD_FORMAT, "schema": schema_of(model)},
                "bindings": {
                    "kafka": {"key": {"type": "string", "description": "The aggregate id."}}
                },
            }
            refs[key] = {"$ref": f"#/components/messages/{key}"}
        channels[channel_id] = {
            "address": topic,
            "title": topic,
            "description": f"CloudEvents in Kafka binary mode from `{source}`, keyed by "
            "aggregate; ordered per key.",
            "messages": refs,
            "bindings": {"kafka": {"topic": topic}},
        }
        operations[f"receive_{channel_id}"] = {
            "action": "receive",
            "channel": {"$ref": f"#/channels/{channel_id}"},
            "summary": f"A subscriber reads {topic}.",
            "messages": [{"$ref": f"#/channels/{channel_id}/messages/{k}"} for k in refs],
        }
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "Pårørendekraft events",
            "version": version,
            "description": "Every topic of Pårørendekraft: see docs/events/README.md for "
            "the catalogue and the compatibility rules.",
        },
        "defaultContentType": "application/json",
        "servers": {
            "kafka": {
                "host": "localhost:9092",
                "protocol": "kafka",
                "description": "The deployment's Kafka (PKRAFT_KAFKA_BOOTSTRAP).",
            }
        },
        "channels": channels,
        "operations": operations,
        "components": {"messages": messages},
    }
