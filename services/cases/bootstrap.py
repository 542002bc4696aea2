"""Builds the cases service from its settings: event store, commands, relay."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from aiokafka import AIOKafkaProducer

from services.cases.adapters.master_key import open_key_store
from services.cases.adapters.private_store import PrivateCasesApplication
from services.cases.adapters.wire import to_wire
from services.cases.application import CaseCommands, CasesApplication
from services.cases.config import CasesSettings
from shared.auth import refuse_dev_secret
from shared.contracts import cases as wire
from shared.eventstore import StoreUrl
from shared.organisation import load_directory
from shared.relay.relay import EventRelay
from shared.relay.wiring import application_relay


@dataclass
class CasesService:
    """The wired-up service."""

    settings: CasesSettings
    app: PrivateCasesApplication
    commands: CaseCommands


def build_application(settings: CasesSettings) -> PrivateCasesApplication:
    """The event store, personal fields encrypted under per-subject keys (always on)."""
    store = StoreUrl.parse(settings.database_url)
    env = store.application_env(cache_size=settings.cache_size)
    return PrivateCasesApplication(
        env, snapshot_interval=settings.snapshot_interval, keys=open_key_store(settings)
    )


def build(settings: CasesSettings) -> CasesService:
    refuse_dev_secret(settings.common)
    app = build_application(settings)
    commands = CaseCommands(
        app,
        settings.pseudonym_key,
        max_batch=settings.command_batch_max,
        cache_size=settings.cache_size,
        clock_skew=timedelta(seconds=settings.clock_skew_seconds),
        organisation=load_directory(settings.common.organisation_file),
    )
    return CasesService(settings, app, commands)


def build_relay(
    settings: CasesSettings, app: CasesApplication, producer: AIOKafkaProducer | None = None
) -> EventRelay:
    return application_relay(
        service="cases",
        app=app,
        database_url=settings.database_url,
        topic=settings.topic,
        source=wire.SOURCE,
        to_wire=to_wire,
        common=settings.common,
        poll_interval_ms=settings.relay_poll_interval_ms,
        batch_size=settings.relay_batch_size,
        producer=producer,
    )
