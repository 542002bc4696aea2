"""The code of conduct on the dashboards: per tilbud, the share of its staff and of its
relatives with consent to messages who acknowledged the current version."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from fastapi.testclient import TestClient

from services.readside.domain.envelope import envelope_of
from services.readside.tests.conftest import auth
from shared.contracts import cases
from shared.contracts import councils as wire

CODE, CASE = uuid.uuid4(), uuid.uuid4()
WHEN = datetime(2031, 3, 1, 12, tzinfo=UTC)


def _send(client: TestClient, contract: Any, version: int, model: Any, **f: Any) -> None:
    aggregate = f.get("code_of_conduct_id") or f["case_id"]
    data = model(occurred_at=WHEN, actor="x", **f).model_dump(mode="json")
    env = envelope_of(
        topic=contract.TOPIC,
        partition=0,
        offset=version,
        ce_id=f"{aggregate}:{version}",
        ce_type=model.ce_type(),
        source=contract.SOURCE,
        subject=str(aggregate),
        time=WHEN,
        data=data,
    )
    client.app.state.service.ingestor.ingest(env, data)  # type: ignore[attr-defined]


def _relatives(client: TestClient) -> None:
    c = {"case_id": CASE, "tilbud_id": "skoven"}
    _send(client, cases, 1, cases.CaseOpened, case_version=1, **c, setting="nursing_home")
    for v, relative in ((2, "r1"), (3, "r2"), (4, "r3")):
        _send(
            client,
            cases,
            v,
            cases.RelativeAdded,
            case_version=v,
            **c,
            relative_id=relative,
            legal_role="none",
        )
    for v, relative in ((5, "r1"), (6, "r2")):  # r3 has no consent to messages
        _send(
            client,
            cases,
            v,
            cases.ConsentGranted,
            case_version=v,
            **c,
            relative_id=relative,
            scope="send_messages",
            form="written",
        )


def _code(client: TestClient, version: int, **f: Any) -> None:
    ids = {"code_of_conduct_id": CODE, "code_of_conduct_version": version}
    _send(client, wire, version, f.pop("model"), **ids, **f)


def _ack(client: TestClient, version: int, number: int, kind: str, person: str) -> None:
    _code(
        client,
        version,
        model=wire.CodeOfConductAcknowledged,
        version_number=number,
        person_kind=kind,
        person_id=person,
        tilbud_id="skoven",
        acknowledged_on=date(2031, 2, 1),
    )


def test_the_share_of_staff_and_relatives_who_acknowledged_the_current_version(
    client: TestClient,
) -> None:
    _relatives(client)
    adopted = {"model": wire.CodeOfConductAdopted, "adopted_on": date(2031, 1, 15)}
    _code(client, 1, version_number=1, **adopted)
    for v, kind, person in ((2, "staff", "s1"), (3, "staff", "s2"), (4, "relative", "r1")):
        _ack(client, v, 1, kind, person)
    board = client.get("/dashboards/tilbud/skoven", headers=auth("leader")).json()
    figure = board["code_of_conduct"]
    assert (figure["current_version"], figure["adopted_on"]) == (1, "2031-01-15")
    skoven = figure["per_tilbud"]["skoven"]
    assert skoven["staff_acknowledged"] == 2 and skoven["share_staff"] == round(
        2 / skoven["staff"], 3
    )
    assert (skoven["relatives_with_consent"], skoven["relatives_acknowledged"]) == (2, 1)
    assert skoven["share_relatives"] == 0.5
    _code(client, 5, version_number=2, **{**adopted, "adopted_on": date(2031, 6, 1)})
    _ack(client, 6, 2, "relative", "r2")
    board = client.get("/dashboards/municipality", headers=auth("leader")).json()
    skoven = board["code_of_conduct"]["per_tilbud"]["skoven"]
    assert (skoven["staff_acknowledged"], skoven["relatives_acknowledged"]) == (0, 1)
    chart = client.get(
        "/dashboards/municipality/charts/code_of_conduct.svg", headers=auth("leader")
    )
    assert chart.status_code == 200 and "skoven" in chart.text
