"""The relays' signed checkpoints as the read side received them (``pkraft.checkpoint``
on each service's topic): kept, every one, so ``audit verify`` can check the newest
validly signed one against the owner's public key and the audit copy."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from services.readside.adapters import schema
from services.readside.domain.envelope import utc_iso
from shared.sqldb import Database, Tx


def ensure_schema(db: Database) -> None:
    """The read side's tables (``rs_checkpoints`` among them: ``adapters/schema.py``)."""
    schema.prepare(db)


def record(db: Database, checkpoints: Iterable[tuple[str, str, Any]]) -> int:
    """Keep each ``(topic, ce_id, data)`` once, in the order received; returns how many
    were new. The signature is checked at verify time, with the owner's public key."""
    new = 0
    recorded_at = utc_iso(datetime.now(UTC))
    with db.write() as tx:
        for topic, ce_id, data in checkpoints:
            if tx.one("SELECT 1 FROM rs_checkpoints WHERE topic = ? AND ce_id = ?", (topic, ce_id)):
                continue
            row = tx.one("SELECT COALESCE(MAX(received), 0) FROM rs_checkpoints")
            service = data.get("service") if isinstance(data, dict) else None
            tx.execute(
                "INSERT INTO rs_checkpoints (topic, ce_id, service, received, recorded_at, "
                "data) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    topic,
                    ce_id,
                    str(service or ""),
                    int(row[0] if row else 0) + 1,
                    recorded_at,
                    json.dumps(data, sort_keys=True, separators=(",", ":")),
                ),
            )
            new += 1
    return new


def received(tx: Tx, service: str) -> list[Any]:
    """Every checkpoint naming ``service``, oldest first (unparseable data as None)."""
    rows = tx.all("SELECT data FROM rs_checkpoints WHERE service = ? ORDER BY received", (service,))
    out: list[Any] = []
    for (text,) in rows:
        try:
            out.append(json.loads(text))
        except (TypeError, ValueError):
            out.append(None)
    return out
