"""What a foreign subscriber checks, using nothing but the published files in docs/events/
(the catalogue, the JSON Schemas, asyncapi.json) and a JSON Schema validator: no project
imports."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema_rs

EVENTS = Path(__file__).resolve().parents[2] / "docs" / "events"
_TOPIC = re.compile(r"^## Topic `(?P<topic>[^`]+)`")
_TYPE = re.compile(r"^\| `(?P<type>[^`]+)` \| \[(?P<file>[^\]]+)\]")


def catalogue() -> dict[str, dict[str, str]]:
    """Topic -> {ce_type: schema file}, read from docs/events/README.md."""
    topics: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    for line in (EVENTS / "README.md").read_text(encoding="utf-8").splitlines():
        if m := _TOPIC.match(line):
            current = topics.setdefault(m.group("topic"), {})
        elif (m := _TYPE.match(line)) and current is not None:
            current[m.group("type")] = m.group("file")
    return topics


def skipped_types() -> set[str]:
    """The record types the catalogue tells a subscriber to skip (not events)."""
    text = (EVENTS / "README.md").read_text(encoding="utf-8")
    section = text.split("## Other records on every topic", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^- `([^`]+)`", section, flags=re.MULTILINE))


def _asyncapi_headers() -> dict[str, Any]:
    doc = json.loads((EVENTS / "asyncapi.json").read_text(encoding="utf-8"))
    return {m["name"]: m["headers"] for m in doc["components"]["messages"].values()}


class Subscriber:
    """Validates records the way an integrator's subscriber would."""

    def __init__(self) -> None:
        self.catalogue = catalogue()
        self.headers = _asyncapi_headers()
        self.skipped = skipped_types()
        self._validators: dict[str, Any] = {}

    def problems(
        self, topic: str, key: bytes | None, value: bytes, headers: dict[str, bytes]
    ) -> list[str]:
        """Everything wrong with one record read from ``topic`` (a catalogue topic)."""
        h = {k: v.decode() for k, v in headers.items()}
        if h.get("ce_type") in self.skipped:
            return []
        found: list[str] = []
        for name in ("ce_specversion", "ce_id", "ce_type", "ce_source", "ce_time"):
            if name not in h:
                found.append(f"no {name}")
        if h.get("ce_specversion") != "1.0":
            found.append("not CloudEvents 1.0")
        if h.get("content-type") != "application/json":
            found.append("content-type is not application/json")
        subject = key.decode() if key is not None else None
        if subject is None or not h.get("ce_subject") == h.get("ce_partitionkey") == subject:
            found.append("key, ce_subject and ce_partitionkey differ")
        if not h.get("ce_correlationid"):
            found.append("no ce_correlationid")
        ce_type = h.get("ce_type", "")
        types = self.catalogue.get(topic)
        if types is None or ce_type not in types:
            return [*found, f"{ce_type} is not in the catalogue for {topic}"]
        header_schema = self.headers[ce_type]
        found += [f"header: {e}" for e in jsonschema_rs.validator_for(header_schema).iter_errors(h)]
        file = types[ce_type]
        if not h.get("ce_dataschema", "").endswith("/" + file):
            found.append(f"ce_dataschema does not name {file}")
        validator = self._validators.get(file)
        if validator is None:
            schema = json.loads((EVENTS / file).read_text(encoding="utf-8"))
            validator = self._validators[file] = jsonschema_rs.validator_for(schema)
        try:
            payload = json.loads(value)
        except ValueError:
            return [*found, "payload is not JSON"]
        found += [f"payload: {e}" for e in validator.iter_errors(payload)]
        return found
