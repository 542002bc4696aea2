"""Builds the communication service from its settings: store, rules, channels, relay."""

from __future__ import annotations

from dataclasses import dataclass

from aiokafka import AIOKafkaProducer

from services.communication.adapters.channels import EmailChannel, WebhookChannel
from services.communication.adapters.contacts import HttpContacts, ServiceToken
from services.communication.adapters.master_key import communication_master_key
from services.communication.adapters.outbox import OutboxSource, to_record
from services.communication.adapters.schema import OUTBOX_CHANNEL
from services.communication.adapters.sealed_evenings import RegistrantSealer, SealedEveningStore
from services.communication.adapters.store import SqlStore
from services.communication.adapters.survey_questions import survey_questions
from services.communication.adapters.templates import JinjaRenderer
from services.communication.application.evening_follower import EveningFollower
from services.communication.application.evenings import ThemeEvenings
from services.communication.application.inbound import Clock, Inbound, utcnow
from services.communication.application.ports import Channel, Contacts
from services.communication.application.sender import Sender
from services.communication.application.staff import StaffActions
from services.communication.application.surveys import SurveyResults
from services.communication.config import CommunicationSettings
from services.communication.domain.rules import Staff
from shared.eventstore import StoreUrl
from shared.http.service import DatabaseService
from shared.kafka.clients import make_producer
from shared.notify import waker
from shared.organisation import OrganisationDirectory, load_directory
from shared.privacy.keystore import SubjectKeyStore
from shared.relay.lease import lease_for
from shared.relay.positions import open_positions
from shared.relay.relay import EventRelay


@dataclass
class CommunicationService(DatabaseService):
    """The wired-up service."""

    settings: CommunicationSettings
    store: SqlStore
    inbound: Inbound
    staff: StaffActions
    evenings: ThemeEvenings
    surveys: SurveyResults

    def close(self) -> None:
        self.evenings.app.close()
        self.store.close()

    def database_answers(self) -> bool:
        return self.staff.database_answers()  # messages are queued in the store


def build(settings: CommunicationSettings, clock: Clock = utcnow) -> CommunicationService:
    store = open_store(settings)
    staff = Staff(settings.staff_address, settings.tilbud_address)
    organisation = load_directory(settings.common.organisation_file)
    renderer = renderer_for(settings)
    evenings = theme_evenings(store, renderer, clock)
    return CommunicationService(
        settings,
        store,
        Inbound(store, renderer, staff, clock=clock, tilbud_ids=organisation_tilbud(organisation)),
        StaffActions(store, renderer, clock, organisation=organisation),
        evenings,
        SurveyResults(store, clock, frozenset(survey_questions()), settings.survey_min_group),
    )


def open_store(settings: CommunicationSettings) -> SqlStore:
    """The service's store: migrated at start in dev mode; otherwise a database behind
    this release's schema is refused (``pkraft communication migrate`` upgrades it).
    Its master key seals the registrants' fields; outside dev mode a missing key file
    refuses the start."""
    return SqlStore(
        StoreUrl.parse(settings.database_url),
        upgrade=settings.common.dev_mode,
        master=communication_master_key(settings),
    )


def theme_evenings(store: SqlStore, renderer: JinjaRenderer, clock: Clock) -> ThemeEvenings:
    """The theme evenings' event store in the service's database, registrants sealed
    under the master key, and its follower, caught up at start (what a process killed
    between storing an event and following it left undone is done now)."""
    assert store.master is not None, "open_store always has the master key"
    sealer = RegistrantSealer(SubjectKeyStore(store.master, store.db))
    # Recent evenings stay in memory, brought up to date from the store on each read
    # (the library's fast-forward), so a command does not replay a long list of sign-ups.
    env = {**store.db.url.eventsourcing_env(), "AGGREGATE_CACHE_MAXSIZE": "256"}
    app = SealedEveningStore(env, sealer)
    follower = EveningFollower(app, store, renderer, sealer)
    follower.catch_up()
    return ThemeEvenings(app, store, follower, clock)


def organisation_tilbud(organisation: OrganisationDirectory) -> tuple[str, ...]:
    """Every tilbud of the organisation (their staff mailboxes get programme-wide news)."""
    departments = organisation.tree()["departments"]
    return tuple(
        str(t["tilbud_id"]) for d in departments for c in d["centres"] for t in c["tilbud"]
    )


def channels(settings: CommunicationSettings) -> dict[str, Channel]:
    found: dict[str, Channel] = {
        "email": EmailChannel(
            settings.smtp_host,
            settings.smtp_port,
            settings.smtp_from,
            use_tls=settings.smtp_use_tls,
            start_tls=settings.smtp_start_tls,
            username=settings.smtp_username,
            password=settings.smtp_password,
            domain=settings.message_id_domain,
        )
    }
    if settings.webhook_url:
        found["webhook"] = WebhookChannel(settings.webhook_url, settings.webhook_token)
    return found


def contacts(settings: CommunicationSettings) -> HttpContacts:
    """The cases API's contact directory, asked when a relative's message is sent."""
    token = ServiceToken(settings.common, settings.cases_api_token)
    return HttpContacts(settings.cases_api_url, token, settings.cases_api_timeout)


def renderer_for(settings: CommunicationSettings) -> JinjaRenderer:
    """The letters, with the tilbud named as the organisation names them."""
    organisation = load_directory(settings.common.organisation_file)
    return JinjaRenderer(settings.code_of_conduct_url, tilbud_name=organisation.label)


def build_sender(
    settings: CommunicationSettings,
    store: SqlStore,
    clock: Clock = utcnow,
    directory: Contacts | None = None,
) -> Sender:
    return Sender(
        store,
        channels(settings),
        contacts=directory or contacts(settings),
        renderer=renderer_for(settings),
        clock=clock,
        max_attempts=settings.max_attempts,
        backoff_seconds=settings.backoff_seconds,
        lease_seconds=settings.lease_seconds,
    )


def build_relay(
    settings: CommunicationSettings, store: SqlStore, producer: AIOKafkaProducer | None = None
) -> EventRelay:
    """The outbox relay: woken by the outbox's NOTIFY on PostgreSQL, polling on SQLite;
    one active relay per store."""
    name = f"communication->{settings.topic}"
    return EventRelay(
        name=name,
        source=OutboxSource(store.db),
        positions=open_positions(store.db.url),
        producer=producer or make_producer(settings.common, client_id="pkraft-communication-relay"),
        translate=lambda entry: to_record(entry, settings.topic),
        waker=waker(store.db.url, OUTBOX_CHANNEL, settings.relay_poll_interval_ms / 1000),
        batch_size=settings.relay_batch_size,
        lease=lease_for(store.db.url, name),
    )
