"""What the event-sourced services (cases, councils) build alike from their settings: the
store (the tables beside it migrated first), the running service an API starts and stops, and
the relay. Each service's ``bootstrap.py`` names only its application class, its
commands, its key store and its wire mapping."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

from aiokafka import AIOKafkaProducer
from eventsourcing.application import Application

from shared.config import CommonSettings
from shared.eventstore import StoreUrl
from shared.groupcommit import GroupCommitter
from shared.http.readiness import event_store_readiness
from shared.migrations import prepare
from shared.privacy.keystore import SubjectKeyStore
from shared.relay.process import serve_relay
from shared.relay.relay import EventRelay
from shared.relay.wiring import application_relay


class StoreSettings(Protocol):
    """The settings every event-sourced service has (``config.py``)."""

    @property
    def common(self) -> CommonSettings: ...
    @property
    def database_url(self) -> str: ...
    @property
    def cache_size(self) -> int: ...
    @property
    def snapshot_interval(self) -> int: ...
    @property
    def topic(self) -> str: ...
    @property
    def relay_poll_interval_ms(self) -> int: ...
    @property
    def relay_batch_size(self) -> int: ...


class Commands(Protocol):
    """A service's commands: they write through one group committer."""

    @property
    def committer(self) -> GroupCommitter: ...


A = TypeVar("A", bound=Application[Any])
C = TypeVar("C", bound=Commands)
S = TypeVar("S", bound=StoreSettings)


def open_application(
    make: Callable[..., A],
    settings: StoreSettings,
    service: str,
    migrations: Path,
    keys: Callable[[], SubjectKeyStore],
) -> A:
    """The event store, personal fields encrypted under per-subject keys (always on).
    The tables beside it (keys, relay positions, access log) are migrated first in dev
    mode; otherwise a database behind this release stops the start
    (``shared.migrations.SchemaBehind``: ``pkraft <service> migrate`` upgrades it)."""
    store = StoreUrl.parse(settings.database_url)
    key_store = keys()  # a missing master key is named first, before the schema
    try:
        prepare(store, migrations, upgrade_now=settings.common.dev_mode, service=service)
    except BaseException:
        key_store.close()
        raise
    env = store.application_env(cache_size=settings.cache_size)
    return make(env, snapshot_interval=settings.snapshot_interval, keys=key_store)


@dataclass
class EventSourcedService(Generic[S, A, C]):
    """A wired-up service: its settings, its store and its commands; an API starts it
    (the command writer) and stops it (writer, then store)."""

    settings: S
    app: A
    commands: C

    async def start(self) -> None:
        self.commands.committer.start()

    async def stop(self) -> None:
        await asyncio.to_thread(self.commands.committer.stop)
        self.app.close()

    async def readiness(self) -> dict[str, bool]:
        """The store answers and the writer runs; commands need no broker (the store is
        the outbox), so the API stays ready through a broker outage."""
        check = event_store_readiness(
            self.app, self.commands.committer, self.settings.common, broker=False
        )
        return await check()

    def state(self) -> dict[str, object]:
        return {"commands": self.commands}


async def serve_store_relay(
    settings: S,
    open_app: Callable[[S], A],
    relay_of: Callable[[S, A], EventRelay],
    topics: list[str],
) -> None:
    """The relay process (``pkraft <service> relay``) on its own store connection, until
    SIGTERM or SIGINT (``shared.relay.process.serve_relay``)."""
    app = open_app(settings)
    try:
        await serve_relay(relay_of(settings, app), settings.common, topics)
    finally:
        app.close()


def service_relay(
    service: str,
    settings: StoreSettings,
    app: Application[Any],
    *,
    to_wire: Callable[[Any], Any],
    source: str,
    producer: AIOKafkaProducer | None = None,
) -> EventRelay:
    """The relay of ``app`` to ``settings.topic`` (``shared.relay.wiring``)."""
    return application_relay(
        service=service,
        app=app,
        database_url=settings.database_url,
        topic=settings.topic,
        source=source,
        to_wire=to_wire,
        common=settings.common,
        poll_interval_ms=settings.relay_poll_interval_ms,
        batch_size=settings.relay_batch_size,
        producer=producer,
    )
