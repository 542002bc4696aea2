"""Builds the cases service from its settings: event store, commands, relay."""

from __future__ import annotations

import functools
from datetime import timedelta

from aiokafka import AIOKafkaProducer

from services.cases.adapters.master_key import open_key_store
from services.cases.adapters.migrations import MIGRATIONS
from services.cases.adapters.private_store import PrivateCasesApplication
from services.cases.adapters.wire import to_wire
from services.cases.application import CaseCommands, CasesApplication
from services.cases.config import CasesSettings
from shared.auth import refuse_dev_secret
from shared.contracts import cases as wire
from shared.eventsourced import EventSourcedService, open_application, service_relay
from shared.organisation import load_directory
from shared.relay.relay import EventRelay

CasesService = EventSourcedService[CasesSettings, PrivateCasesApplication, CaseCommands]


def build_application(settings: CasesSettings) -> PrivateCasesApplication:
    """The event store (its tables migrated first), personal fields sealed per subject."""
    keys = functools.partial(open_key_store, settings)
    return open_application(PrivateCasesApplication, settings, "cases", MIGRATIONS, keys)


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
    return service_relay(
        "cases", settings, app, to_wire=to_wire, source=wire.SOURCE, producer=producer
    )
