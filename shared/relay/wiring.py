"""The relay of an event-sourced service, wired from its settings."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aiokafka import AIOKafkaProducer
from eventsourcing.application import Application

from shared.config import CommonSettings
from shared.eventstore import StoreUrl
from shared.kafka.clients import make_producer
from shared.relay.lease import lease_for
from shared.relay.positions import open_positions
from shared.relay.relay import EventRelay, event_translator
from shared.relay.source import ApplicationLog, waker_for
from shared.sourcechain.checkpoint import Checkpointer
from shared.sourcechain.signing import load_signing_key, signing_key_path


def application_relay(
    *,
    service: str,
    app: Application[Any],
    database_url: str,
    topic: str,
    source: str,
    to_wire: Callable[[Any], Any],
    common: CommonSettings,
    poll_interval_ms: int,
    batch_size: int,
    producer: AIOKafkaProducer | None = None,
) -> EventRelay:
    """Publish ``app``'s notification log to ``topic``: positions beside the store,
    LISTEN/NOTIFY on PostgreSQL, polling on SQLite; one active relay per store (the
    store's relay lock); signed checkpoints of the store's chain head every
    ``PKRAFT_CHECKPOINT_INTERVAL_SECONDS`` and on stop."""
    store = StoreUrl.parse(database_url)
    positions = open_positions(store)
    key_file = signing_key_path(common.var_dir, common.signing_key_file, service)
    checkpointer = Checkpointer(
        service=service,
        recorder=app.recorder,
        key=load_signing_key(key_file, dev_mode=common.dev_mode, service=service),
        topic=topic,
        source=source,
        interval=common.checkpoint_interval_seconds,
    )
    name = f"{service}->{topic}"
    return EventRelay(
        name=name,
        source=ApplicationLog(app, positions, sealed=True),
        positions=positions,
        producer=producer or make_producer(common, client_id=f"pkraft-{service}-relay"),
        translate=event_translator(to_wire, topic, source),
        waker=waker_for(app, store, poll_interval_ms / 1000),
        batch_size=batch_size,
        checkpointer=checkpointer,
        lease=lease_for(store, name),
    )
