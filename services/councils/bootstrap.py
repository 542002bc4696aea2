"""Builds the councils service from its settings: event store, commands, relay, consumer."""

from __future__ import annotations

from dataclasses import dataclass

from aiokafka import AIOKafkaProducer
from faststream.kafka import KafkaBroker

from services.councils.adapters.cases_erasures import erasure_handler
from services.councils.adapters.cases_events import electorate_handler
from services.councils.adapters.privacy import councils_eraser
from services.councils.adapters.private_store import PrivateCouncilsApplication, open_key_store
from services.councils.adapters.wire import to_wire
from services.councils.application import CouncilCommands, CouncilsApplication
from services.councils.config import CouncilsSettings
from services.councils.domain.reference import rules
from shared.auth import refuse_dev_secret
from shared.contracts import councils as wire
from shared.eventstore import StoreUrl
from shared.kafka.consumer import dlq_topic, make_broker, subscribe
from shared.organisation import load_directory
from shared.relay.relay import EventRelay
from shared.relay.wiring import application_relay


@dataclass
class CouncilsService:
    """The wired-up service."""

    settings: CouncilsSettings
    app: PrivateCouncilsApplication
    commands: CouncilCommands


def build_application(settings: CouncilsSettings) -> PrivateCouncilsApplication:
    """The event store, personal fields encrypted under per-subject keys (always on)."""
    store = StoreUrl.parse(settings.database_url)
    env = store.application_env(cache_size=settings.cache_size)
    return PrivateCouncilsApplication(
        env, snapshot_interval=settings.snapshot_interval, keys=open_key_store(settings)
    )


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
    return application_relay(
        service="councils",
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
