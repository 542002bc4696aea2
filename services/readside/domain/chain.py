"""Hash chains of the audit trail: each record's hash covers its predecessor's.

``hash = sha256(previous_hash + canonical JSON of the record)``, once over the global
order and once per aggregate, so removing, changing or reordering any record breaks
both chains from that point on.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

GENESIS = "0" * 64

# The fields a record's hash covers, in the stored audit row (hashes themselves excluded).
HASHED_FIELDS = (
    "seq",
    "topic",
    "kafka_partition",
    "kafka_offset",
    "ce_id",
    "ce_type",
    "source",
    "service",
    "aggregate_id",
    "aggregate_version",
    "case_id",
    "tilbud_id",
    "occurred_at",
    "actor",
    "reason",
    "recorded_at",
    "data",
)


def canonical_json(value: Any) -> str:
    """Sorted keys, no whitespace, UTF-8 kept: the same value always gives the same text."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def link(previous: str, record: dict[str, Any]) -> str:
    """The hash of ``record`` chained to ``previous``."""
    body = canonical_json({k: record.get(k) for k in HASHED_FIELDS})
    return hashlib.sha256((previous + body).encode()).hexdigest()
