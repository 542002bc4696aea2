"""Counts escalations to level 4 (Samarbejdstrappen) per tilbud from ``pkraft.cases.v1``.

A standalone FastStream app to copy: it reads binary-mode CloudEvents, validates each
payload against the published JSON Schema of its type (docs/events/, or any service's
``GET /events/<domain>/<type>.v<N>.json``), and is idempotent by ``ce_id``: the id and
the count are written in one SQLite transaction, so a repeated delivery (Kafka is at
least once) or a replayed history (``pkraft cases republish``) counts once.

    PKRAFT_KAFKA=localhost:9092 faststream run subscriber:app
"""

from __future__ import annotations

import json
import logging
import os
import re
import sqlite3
from pathlib import Path
from typing import Any

import jsonschema_rs
from faststream import AckPolicy, FastStream
from faststream.kafka import KafkaBroker
from faststream.kafka.annotations import KafkaMessage

log = logging.getLogger("escalations")
HERE = Path(__file__).resolve().parent
LEVEL_ASSESSED = "dk.aarhus.pkraft.cases.level_assessed.v1"
EVENT_TYPE = re.compile(r"^dk\.aarhus\.pkraft\.(\w+)\.(\w+)\.(v\d+)$")


class Schemas:
    """The published JSON Schemas, by ``ce_type`` (read from the ``dataschema`` file name)."""

    def __init__(self, directory: Path) -> None:
        self._directory = directory
        self._validators: dict[str, Any] = {}

    def validator(self, ce_type: str) -> Any | None:
        """None for a type this subscriber has no schema of (a newer type: skip it)."""
        if ce_type not in self._validators:
            match = EVENT_TYPE.match(ce_type)  # checkpoints and other records do not
            if match is None:
                return None
            domain, name, version = match.groups()
            path = self._directory / domain / f"{name}.{version}.json"
            if not path.is_file():
                return None
            schema = json.loads(path.read_text(encoding="utf-8"))
            self._validators[ce_type] = jsonschema_rs.validator_for(schema)
        return self._validators[ce_type]


class Escalations:
    """The count per tilbud, and the ce_ids already handled, in one SQLite file."""

    def __init__(self, path: str) -> None:
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("CREATE TABLE IF NOT EXISTS seen (ce_id TEXT PRIMARY KEY)")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS escalations (tilbud_id TEXT PRIMARY KEY, count INTEGER)"
        )
        self.repeats = 0  # deliveries dropped as repeats since start (for monitoring)

    def handle(self, ce_id: str, ce_type: str, data: dict[str, Any]) -> bool:
        """Apply one event once; False when ``ce_id`` was handled before."""
        with self._db:  # one transaction: the id and the count commit together
            self._db.execute("BEGIN")
            if self._db.execute("INSERT OR IGNORE INTO seen VALUES (?)", (ce_id,)).rowcount == 0:
                self.repeats += 1
                return False
            previous = data.get("previous_level") or 0
            if ce_type == LEVEL_ASSESSED and data["level"] == 4 and previous < 4:
                self._db.execute(
                    "INSERT INTO escalations VALUES (?, 1) ON CONFLICT (tilbud_id) "
                    "DO UPDATE SET count = count + 1",
                    (data["tilbud_id"],),
                )
            return True

    def counts(self) -> dict[str, int]:
        rows = self._db.execute("SELECT tilbud_id, count FROM escalations ORDER BY tilbud_id")
        return {str(t): int(c) for t, c in rows}

    def close(self) -> None:
        self._db.close()


def create(
    bootstrap: str, topic: str, group_id: str, database: str, schemas: Path
) -> tuple[FastStream, KafkaBroker, Escalations]:
    broker = KafkaBroker(bootstrap)
    escalations = Escalations(database)
    published = Schemas(schemas)

    @broker.subscriber(
        topic, group_id=group_id, auto_offset_reset="earliest", ack_policy=AckPolicy.NACK_ON_ERROR
    )
    async def on_case_event(msg: KafkaMessage) -> None:
        headers = {k: v.decode() if isinstance(v, bytes) else v for k, v in msg.headers.items()}
        ce_id, ce_type = headers.get("ce_id"), headers.get("ce_type", "")
        if not ce_id or headers.get("ce_specversion") != "1.0":
            log.warning("not a binary-mode CloudEvent; skipped")
            return
        validator = published.validator(ce_type)
        if validator is None:  # checkpoints, or a type newer than our schemas
            return
        data = json.loads(msg.body)
        errors = [str(e) for e in validator.iter_errors(data)]
        if errors:
            log.error("invalid %s %s: %s", ce_type, ce_id, errors[:3])
            return
        escalations.handle(ce_id, ce_type, data)

    return FastStream(broker), broker, escalations


app, broker, escalations = create(
    os.environ.get("PKRAFT_KAFKA", "localhost:9092"),
    os.environ.get("PKRAFT_TOPIC", "pkraft.cases.v1"),
    os.environ.get("PKRAFT_GROUP", "escalation-counter"),
    os.environ.get("ESCALATIONS_DB", "escalations.sqlite"),
    Path(os.environ.get("PKRAFT_SCHEMAS", HERE.parent.parent / "docs" / "events")),
)
