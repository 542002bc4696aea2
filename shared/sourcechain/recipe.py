"""The hash recipe of a service's own event chain (pure, no I/O).

Each stored event's digest covers every byte stored for it: originator id, version,
topic and state (the ciphertext as stored, so erasing a person's key keeps the chain
whole). Two links are kept per event, each with its predecessor:

    digest         = sha256(originator_id "\\n" version "\\n" topic "\\n" || state)
    hash           = sha256(prev_hash ":" notification_id ":" digest)       # the store
    aggregate_hash = sha256(prev_aggregate_hash ":" version ":" digest)     # its aggregate

as lower-case hex; the first link's predecessor is 64 zeros.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any
from uuid import UUID

GENESIS = "0" * 64


def canonical_id(originator_id: Any) -> str:
    """The originator id as text, the same on SQLite (hex) and PostgreSQL (uuid)."""
    if isinstance(originator_id, UUID):
        return str(originator_id)
    text = str(originator_id)
    try:
        return str(UUID(text))
    except ValueError:
        return text


def event_digest(originator_id: Any, version: int, topic: str, state: bytes) -> str:
    head = f"{canonical_id(originator_id)}\n{int(version)}\n{topic}\n".encode()
    return hashlib.sha256(head + bytes(state)).hexdigest()


def link(prev: str, position: int, digest: str) -> str:
    return hashlib.sha256(f"{prev}:{int(position)}:{digest}".encode()).hexdigest()


@dataclass(frozen=True)
class ChainRow:
    """One stored link: which event sits at a notification id, and its hashes."""

    notification_id: int
    originator_id: str
    originator_version: int
    prev_hash: str
    hash: str
    prev_aggregate_hash: str
    aggregate_hash: str

    def as_tuple(self) -> tuple[Any, ...]:
        return (
            self.notification_id,
            self.originator_id,
            self.originator_version,
            self.prev_hash,
            self.hash,
            self.prev_aggregate_hash,
            self.aggregate_hash,
        )


def next_row(
    *,
    head: str,
    prev_aggregate: str,
    notification_id: int,
    originator_id: Any,
    version: int,
    topic: str,
    state: bytes,
) -> ChainRow:
    """The link of a newly stored event after the store's ``head`` and its aggregate's."""
    digest = event_digest(originator_id, version, topic, state)
    return ChainRow(
        notification_id=notification_id,
        originator_id=canonical_id(originator_id),
        originator_version=int(version),
        prev_hash=head,
        hash=link(head, notification_id, digest),
        prev_aggregate_hash=prev_aggregate,
        aggregate_hash=link(prev_aggregate, version, digest),
    )
