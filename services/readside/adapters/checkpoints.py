"""The relays' signed checkpoints as the read side received them (``pkraft.checkpoint``
on each service's topic): kept, every one, so ``audit verify`` can check the newest
validly signed one against the owner's public key and the audit copy."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, insert, select

from services.readside.adapters import schema
from services.readside.adapters.tables import rs_checkpoints as c
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
            if tx.one(select(1).where(c.c.topic == topic, c.c.ce_id == ce_id)):
                continue
            last = tx.scalar(select(func.coalesce(func.max(c.c.received), 0)))
            service = data.get("service") if isinstance(data, dict) else None
            tx.run(
                insert(c).values(
                    topic=topic,
                    ce_id=ce_id,
                    service=str(service or ""),
                    received=int(last or 0) + 1,
                    recorded_at=recorded_at,
                    data=json.dumps(data, sort_keys=True, separators=(",", ":")),
                )
            )
            new += 1
    return new


def received(tx: Tx, service: str) -> list[Any]:
    """Every checkpoint naming ``service``, oldest first (unparseable data as None)."""
    rows = tx.all(select(c.c.data).where(c.c.service == service).order_by(c.c.received))
    out: list[Any] = []
    for (text,) in rows:
        try:
            out.append(json.loads(text))
        except (TypeError, ValueError):
            out.append(None)
    return out
