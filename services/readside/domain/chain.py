"""Hash chains of the audit trail: each record's hash covers its predecessor's.

``hash = sha256(previous_hash + canonical JSON of the record)``, once over the record's
*record chain* and once per aggregate, so removing, changing or reordering any record
breaks both chains from that point on. A record chain is one Kafka partition of one
topic (``<topic>#<partition>``, :func:`partition_chain`); records kept before partition
chains existed stay on the one global chain ``*`` (:data:`LEGACY`). Every record is on
exactly one record chain, at ``chain_seq`` 1, 2, ... of it. The recipe, exactly
(docs/audit.md repeats it for auditors who re-implement it elsewhere):

- the record is an object of exactly the :data:`HASHED_FIELDS`, with their stored values:
  integers or null for ``seq``, ``kafka_partition``, ``kafka_offset`` and
  ``aggregate_version``; strings or null for the rest (``data`` is the payload's
  canonical JSON *text*, a string);
- its canonical JSON has the keys sorted, no whitespace, and non-ASCII characters
  written as themselves (what ``JSON.stringify`` gives for the same object);
- the hash is the lower-case hex SHA-256 of the UTF-8 bytes of
  ``previous_hash + canonical_json(record)``; the first record's previous hash is 64 zeros.
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


# The links stored beside the hashed fields.
HASH_FIELDS = ("prev_hash", "hash", "prev_aggregate_hash", "aggregate_hash")

# A record's place on its record chain (not hashed: the links say it, ``prev_hash`` being
# the hash of the record at ``chain_seq`` - 1 of ``chain``, 64 zeros at ``chain_seq`` 1).
PLACE_FIELDS = ("chain", "chain_seq")


LEGACY = "*"  # the one global chain of the records kept before partition chains


def partition_chain(topic: str, partition: int) -> str:
    """The record chain of one partition of a topic (no ``|``: never an aggregate's)."""
    return f"{topic}#{partition}"


def is_record_chain(chain: str) -> bool:
    """True for ``*`` and the partition chains, False for an aggregate's chain."""
    return "|" not in chain


def chain_key(topic: str, aggregate_id: str) -> str:
    """The name of an aggregate's chain (records of one aggregate on one topic)."""
    return f"{topic}|{aggregate_id}"


def canonical_json(value: Any) -> str:
    """Sorted keys, no whitespace, UTF-8 kept: the same value always gives the same text."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def link(previous: str, record: dict[str, Any]) -> str:
    """The hash of ``record`` chained to ``previous``."""
    body = canonical_json({k: record.get(k) for k in HASHED_FIELDS})
    return hashlib.sha256((previous + body).encode()).hexdigest()
