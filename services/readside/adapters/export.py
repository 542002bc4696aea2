"""A case's full audited history as JSON Lines or CSV (for auditors and access requests)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from services.readside.adapters import audit
from shared.errors import DomainError, NotFoundError
from shared.sqldb import Database

FIELDS = (
    "seq",
    "service",
    "topic",
    "type",
    "ce_id",
    "aggregate_id",
    "aggregate_version",
    "occurred_at",
    "actor",
    "reason",
    "recorded_at",
    "hash",
    "aggregate_hash",
    "data",
)


def history(db: Database, case_id: str) -> list[dict[str, Any]]:
    """Every audit record about the case, oldest first."""
    with db.read() as tx:
        rows = audit.records_of_case(tx, case_id)
    if not rows:
        raise NotFoundError("case_not_found", "no audited events for that case")
    return [
        {
            **{k: r.get(k) for k in FIELDS},
            "type": audit.short_type_of(r),
            "data": json.loads(r["data"]),
        }
        for r in rows
    ]


def render(records: list[dict[str, Any]], fmt: str) -> str:
    """``jsonl``: one JSON object a line; ``csv``: one row a record, data as JSON text."""
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(FIELDS))
        writer.writeheader()
        for r in records:
            writer.writerow(
                {**r, "data": json.dumps(r["data"], ensure_ascii=False, sort_keys=True)}
            )
        return out.getvalue()
    raise DomainError("invalid_format", "format must be jsonl or csv", format=fmt)
