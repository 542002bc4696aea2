"""A relative's message is queued before its channel is chosen (``pending``: the
communication service asks the cases API at sending); the read side counts it under the
channel it was finally sent on."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from typing import Any

from services.readside.adapters.dashboards import communication_stats
from services.readside.adapters.ingest import Ingestor
from services.readside.domain.envelope import envelope_of
from shared.contracts import communication as comm
from shared.sqldb import Database

_offsets = itertools.count()
AT = datetime(2031, 3, 1, 9, tzinfo=UTC)


def _ingest(ingestor: Ingestor, model: type[comm.MessageEvent], step: int, **fields: Any) -> None:
    event = model(
        message_id="m1",
        kind="welcome",
        tilbud_id="lyngen",
        recipient_type="relative",
        recipient_id="r1",
        occurred_at=AT + timedelta(minutes=step),
        actor="system",
        **fields,
    )
    data = event.model_dump(mode="json")
    env = envelope_of(
        topic="pkraft.communication.v1",
        partition=0,
        offset=next(_offsets),
        ce_id=f"m1:{step}",
        ce_type=model.ce_type(),
        source=comm.SOURCE,
        subject="m1",
        time=event.occurred_at,
        data=data,
    )
    assert ingestor.ingest(env, data)


def test_a_message_counts_under_the_channel_it_was_sent_on(store_url: str) -> None:
    db = Database(store_url)
    try:
        ingestor = Ingestor(db)
        _ingest(ingestor, comm.MessageQueued, 1, channel="pending", rule="welcome", trigger_id="t")
        _ingest(ingestor, comm.MessageSent, 2, channel="email", attempts=1)
        with db.transaction() as tx:
            stats = communication_stats(tx)
    finally:
        db.close()
    assert stats["messages_by_channel"] == {"email": {"sent": 1}}
