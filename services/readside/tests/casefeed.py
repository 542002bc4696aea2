"""A real cases event store with a few busy cases, fed to the read side the way the
relay publishes them (wire mapping + CloudEvents binary encoding)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID

from fastapi.testclient import TestClient

from services.cases.adapters.wire import to_record
from services.cases.application import CasesApplication
from services.cases.bootstrap import build_application
from services.cases.config import CasesSettings
from services.cases.domain.case import CollaborationCase
from services.cases.domain.clock import Now
from services.cases.entrypoints.api import create_app as create_cases_app
from services.readside.adapters.ingest import Ingestor
from services.readside.adapters.owner_api import OwnerApi, ServiceToken
from services.readside.domain.envelope import envelope_of
from shared.config import CommonSettings
from shared.kafka.cloudevents import OutboundRecord, decode

ACTOR = "anna"
NOW = datetime.now(UTC)
CLOCK = Now(NOW)
PLAN4 = {"focus_areas": ["clear_plan"], "actions": [], "review_date": "2040-02-01"}


def cases_app(path: str) -> CasesApplication:
    return build_application(CasesSettings(database_url=f"sqlite:///{path}"))


def cases_api(path: str) -> TestClient:
    """The real cases API on the store at ``path`` (use it as a context manager)."""
    return TestClient(create_cases_app(CasesSettings(database_url=f"sqlite:///{path}")))


def owner(service: str, api: TestClient) -> OwnerApi:
    """The read side's client of a service's API, reaching the app ``api`` in process."""
    return OwnerApi(service, f"http://{service}.test", ServiceToken(CommonSettings()), client=api)


def open_case(app: CasesApplication, cpr_ref: str, tilbud: str, move_in: date | None) -> Any:
    case = CollaborationCase.open(
        cpr="0707614285",
        citizen_ref=cpr_ref,
        tilbud_id=tilbud,
        setting="nursing_home",
        planned_move_in=move_in.isoformat() if move_in else None,
        actor=ACTOR,
    )
    app.save(case)
    return case


def busy_case(app: CasesApplication, tilbud: str = "lyngen") -> UUID:
    """A case that moved in after its conversation, escalated to 4 by an incident,
    with a relative holding consent and an overdue complaint. Saved in steps."""
    move_in = (NOW - timedelta(days=1)).date()
    case = open_case(app, "ref-busy", tilbud, move_in)
    case.add_relative(
        "r1",
        name="Bodil",
        relation="daughter",
        legal_role="none",
        channels={"email": "b@example.dk"},
        preferred_channel="email",
        actor=ACTOR,
    )
    case.grant_consent("r1", "invite_to_meetings", "written", ACTOR)
    case.grant_consent("r1", "share_information", "oral", ACTOR)
    case.schedule_move_in_conversation(NOW - timedelta(days=3), "Room 2", ACTOR)
    app.save(case)
    case.hold_move_in_conversation(
        NOW - timedelta(days=3), ["finances"], {}, [], ["r1"], True, ACTOR, now=CLOCK
    )
    case.assess_level(1, ["good_dialogue"], "Good start", ACTOR)
    case.assess_level(2, ["dissatisfaction"], "Many calls", ACTOR)
    app.save(case)
    case.report_incident(
        "i1", "threat", "staff", NOW - timedelta(hours=2), "Threat", ACTOR, now=CLOCK
    )
    case.receive_complaint("k1", NOW - timedelta(hours=30), "r1", "email", "Food", ACTOR, now=CLOCK)
    case.receive_complaint("k2", NOW - timedelta(hours=3), "r1", "phone", "Noise", ACTOR, now=CLOCK)
    case.record_complaint_first_contact("k2", NOW - timedelta(hours=2), ACTOR, now=CLOCK)
    app.save(case)
    return UUID(str(case.id))


def quiet_case(app: CasesApplication, tilbud: str = "skoven") -> UUID:
    """A level-1 case waiting for its move-in conversation."""
    case = open_case(app, "ref-quiet", tilbud, (NOW + timedelta(days=20)).date())
    case.assess_level(1, ["good_dialogue"], "Fine", ACTOR)
    app.save(case)
    return UUID(str(case.id))


def feed(
    app: Any,
    ingestor: Ingestor,
    topic: str = "pkraft.cases.v1",
    after: int = 0,
    translate: Callable[[Any], OutboundRecord | None] | None = None,
) -> int:
    """Publish-and-consume without a broker: every notification after ``after``,
    translated as the service's relay does (the cases relay unless ``translate`` is given)."""
    translate = translate or (lambda event: to_record(event, topic))
    position = after
    while notifications := app.recorder.select_notifications(start=position + 1, limit=1000):
        for n in notifications:
            position = n.id
            record = translate(app.mapper.to_domain_event(n))
            if record is None:
                continue
            event = decode(record.key, record.value, record.headers)
            env = envelope_of(
                topic=topic,
                partition=0,
                offset=n.id,
                ce_id=event.id,
                ce_type=event.type,
                source=event.source,
                subject=event.subject,
                time=event.time,
                data=event.data,
            )
            ingestor.ingest(env, event.data)
    return position
