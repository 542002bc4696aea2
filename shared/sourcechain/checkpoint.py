"""The relay's signed checkpoints: the chain head it has published up to, on its topic.

Published as a CloudEvent of type ``pkraft.checkpoint`` (id
``checkpoint:<service>:<notification id>``, keyed ``checkpoint:<service>`` so all land in
one partition in order) every ``PKRAFT_CHECKPOINT_INTERVAL_SECONDS`` while the head
moves, and when the relay stops. Consumers that do not verify skip them.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from shared.kafka.cloudevents import OutboundRecord, encode
from shared.sourcechain.recorder import chain_head
from shared.sourcechain.signing import CHECKPOINT_TYPE, sign_checkpoint


class Checkpointer:
    """Signs the store's chain head at the relay's position when one is due."""

    def __init__(
        self,
        *,
        service: str,
        recorder: Any,
        key: Ed25519PrivateKey,
        topic: str,
        source: str,
        interval: float,
    ) -> None:
        self.service = service
        self._recorder = recorder
        self._key = key
        self._topic = topic
        self._source = source
        self.interval = interval
        self._last_at = time.monotonic()  # the first after one interval, or at stop
        self.last_published: int | None = None
        self._pending: int | None = None

    def due(self) -> bool:
        return time.monotonic() - self._last_at >= self.interval

    def record(self, position: int) -> OutboundRecord | None:
        """The checkpoint at ``position``; None when nothing new was published since."""
        self._last_at = time.monotonic()
        head = chain_head(self._recorder, position)
        if head is None or head[0] == self.last_published:
            return None
        self._pending = head[0]
        signed = sign_checkpoint(self._key, self.service, head[0], head[1])
        return encode(
            topic=self._topic,
            ce_id=f"checkpoint:{self.service}:{head[0]}",
            ce_type=CHECKPOINT_TYPE,
            source=self._source,
            subject=f"checkpoint:{self.service}",
            time=datetime.now(UTC),
            data=signed,
        )

    def published(self) -> None:
        """The broker acknowledged the last record made: the next needs a newer head."""
        self.last_published = self._pending
