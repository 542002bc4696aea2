"""Builds the councils service from its settings: event store, commands, relay, consumer."""

from __future__ import annotations

import functools

from aiokafka import AIOKafkaProducer
from faststream.kafka import KafkaBroker

from services.councils.adapters.cases_erasures import erasure_handler
from services.councils.adapters.cases_events import electorate_handler
from services.councils.adapters.migrations import MIGRATIONS
from services.councils.adapters.privacy import councils_eraser
from services.councils.adapters.private_store import PrivateCouncilsApplication, open_key_store
from services.councils.adapters.wire import to_wire
from services.councils.application import CouncilCommands, CouncilsApplication
from services.councils.config import CouncilsSettings
from services.councils.domain.reference import rules
from shared.auth import refuse_dev_secret
from shared.contracts import councils as wire
from shared.eventsourced import EventSourcedService, open_application, service_relay
from shared.kafka.consumer import dlq_topic, make_broker, subscribe
from shared.organisation import load_directory
from shared.relay.relay import EventRelay

CouncilsService = EventSourcedService[CouncilsSettings, PrivateCouncilsApplication, CouncilCommands]


def build_application(settings: CouncilsSettings) -> PrivateCouncilsApplication:
    """The event store (its tables migrated first), personal fields sealed per subject."""
    keys = functools.partial(open_key_store, settings)
    return open_application(PrivateCouncilsApplication, settings, "councils", MIGRATIONS, keys)


def build(settings: CouncilsSettings) -> CouncilsService:
    refuse_dev_secret(settings.common)
    app = build_application(settings)
    commands = CouncilCommands(
        app,
        max_batch=settings.command_batch_max,
        pool_default_kr=settings.pool_default_kr or rules().pool_default_kr,
        cache_size=settings.cache_size,
        organisation=load_directory(settings.common.organisation_file),
    )
    return CouncilsService(settings, app, commands)


def topics(settings: CouncilsSettings) -> list[str]:
    """Every topic the service produces to or consumes from."""
    return [
        settings.topic,
        settings.cases_topic,
        dlq_topic(settings.cases_topic),
        dlq_topic(settings.topic),
    ]


def build_relay(
    settings: CouncilsSettings, app: CouncilsApplication, producer: AIOKafkaProducer | None = None
) -> EventRelay:
    return service_relay(
        "councils", settings, app, to_wire=to_wire, source=wire.SOURCE, producer=producer
    )


def build_consumer(settings: CouncilsSettings, commands: CouncilCommands) -> KafkaBroker:
    """A broker subscribed to the cases topic, keeping the electorates up to date and
    erasing the council name of a relative the cases service erased."""
    broker = make_broker(settings.common, client_id="pkraft-councils-consumer")
    app = commands.app
    if not isinstance(app, PrivateCouncilsApplication):
        raise TypeError("the councils consumer works on the private store (build())")
    subscribe(
        broker,
        settings.common,
        topic=settings.cases_topic,
        group_id=settings.consumer_group,
        handler=erasure_handler(councils_eraser(app, commands), electorate_handler(commands)),
    )
    return broker
