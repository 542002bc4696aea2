"""``pkraft cases republish``: the cases store's notification log published again, to a
topic of a new subscriber's own, after topic retention dropped the history.

The records are those the relay publishes (``services.cases.adapters.wire.to_record``:
same ce_id, headers, key and payload), in store order. The relay's own position is not
touched.
"""

from __future__ import annotations

import asyncio
from typing import Any

from services.cases.adapters.wire import to_wire
from services.cases.bootstrap import build_application
from services.cases.config import CasesSettings
from shared.contracts import cases as wire
from shared.eventstore import StoreUrl
from shared.kafka.clients import ensure_topics, make_producer
from shared.relay.positions import open_positions
from shared.relay.relay import event_translator
from shared.relay.source import ApplicationLog

BATCH = 500


async def republish(settings: CasesSettings, after: int, topic: str) -> tuple[int, int]:
    """Publish every event after notification id ``after`` to ``topic``, up to the
    store's newest at the start; answers (records published, last notification id)."""
    app = build_application(settings)
    log = ApplicationLog(app, open_positions(StoreUrl.parse(settings.database_url)))
    translate = event_translator(to_wire, topic, wire.SOURCE)
    end = await asyncio.to_thread(log.max_position)
    await ensure_topics(settings.common, [topic])
    producer = make_producer(settings.common, client_id="pkraft-cases-republish")
    await producer.start()
    published, position = 0, after
    try:
        while position < end:
            batch: list[tuple[int, Any]] = await asyncio.to_thread(log.read, position, BATCH)
            if not batch:
                break
            futures = []
            for notification_id, event in batch:
                if notification_id > end:
                    break
                record = translate(event)
                if record is not None:
                    futures.append(
                        await producer.send(
                            topic, value=record.value, key=record.key, headers=record.headers
                        )
                    )
                position = notification_id
            await asyncio.gather(*futures)
            published += len(futures)
    finally:
        await producer.stop()
    return published, position
