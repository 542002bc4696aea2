"""A case's full audited history as JSON Lines or CSV (for auditors and access requests).

Every line carries every field its hashes cover, with the stored values (``data`` is the
payload's canonical JSON text), so the file can be re-checked without the system:
``pkraft audit verify-export FILE`` (see docs/audit.md for the recipe).
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from services.readside.adapters import audit
from services.readside.domain.chain import HASH_FIELDS, HASHED_FIELDS, PLACE_FIELDS
from shared.errors import DomainError, NotFoundError
from shared.sqldb import Database

# The hashed fields in the audit store's order, then the short type (for reading; not
# hashed), then the hash links and the record's place on its record chain (``hash``
# links it there: ``prev_hash`` is the hash of the record at ``chain_seq`` - 1).
FIELDS = (*HASHED_FIELDS[:6], "type", *HASHED_FIELDS[6:], *HASH_FIELDS, *PLACE_FIELDS)


def history(db: Database, case_id: str) -> list[dict[str, Any]]:
    """Every audit record about the case, oldest first."""
    with db.read() as tx:
        rows = audit.records_of_case(tx, case_id)
    if not rows:
        raise NotFoundError("case_not_found", "no audited events for that case")
    return [{**{k: r.get(k) for k in FIELDS}, "type": audit.short_type_of(r)} for r in rows]


def render(records: list[dict[str, Any]], fmt: str) -> str:
    """``jsonl``: one JSON object a line; ``csv``: one row a record (empty for null)."""
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(FIELDS))
        writer.writeheader()
        writer.writerows(records)
        return out.getvalue()
    raise DomainError("invalid_format", "format must be jsonl or csv", format=fmt)
