"""Leader hiring and training on the dashboards: per centre, hirings with relatives in
the pilot against the target; per tilbud, the share of its staff trained."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from fastapi.testclient import TestClient

from services.readside.domain.envelope import envelope_of
from services.readside.tests.conftest import auth
from shared.contracts import councils as wire

HIRINGS, TRAINING = uuid.uuid4(), uuid.uuid4()
WHEN = datetime(2031, 3, 1, 12, tzinfo=UTC)
NORD = "mso-omraade-nord"


def _send(client: TestClient, aggregate: uuid.UUID, version: int, model: Any, **f: Any) -> None:
    data = model(occurred_at=WHEN, actor="x", **f).model_dump(mode="json")
    env = envelope_of(
        topic=wire.TOPIC,
        partition=0,
        offset=version,
        ce_id=f"{aggregate}:{version}",
        ce_type=model.ce_type(),
        source=wire.SOURCE,
        subject=str(aggregate),
        time=WHEN,
        data=data,
    )
    client.app.state.service.ingestor.ingest(env, data)  # type: ignore[attr-defined]


def _hire(client: TestClient, v: int, on: date, focus: int) -> None:
    _send(
        client,
        HIRINGS,
        v,
        wire.LeaderHiringRecorded,
        leader_hirings_id=HIRINGS,
        leader_hirings_version=v,
        centre_id=NORD,
        hiring_id=f"h{v}",
        position="tilbud_leader",
        hired_on=on,
        relatives_focus_group=focus,
        relatives_hiring_committee=0,
        relatives_other=0,
        decided_by="mso-nord-chef",
    )


def test_hirings_with_relatives_per_centre_against_the_target(client: TestClient) -> None:
    _hire(client, 1, date(2021, 3, 1), 3)
    _hire(client, 2, date(2022, 3, 1), 0)  # without relatives
    _hire(client, 3, date(2023, 3, 1), 2)  # after the pilot
    board = client.get("/dashboards/municipality", headers=auth("leader")).json()
    nord = board["leader_hiring"]["per_centre"][NORD]
    assert (nord["hirings"], nord["with_relatives_in_pilot"], nord["target_met"]) == (3, 1, False)
    _hire(client, 4, date(2022, 12, 31), 1)
    board = client.get("/dashboards/municipality", headers=auth("leader")).json()
    assert board["leader_hiring"]["per_centre"][NORD]["target_met"] is True
    assert board["leader_hiring"]["per_centre"]["mso-omraade-syd"]["hirings"] == 0
    chart = client.get("/dashboards/municipality/charts/leader_hiring.svg", headers=auth("leader"))
    assert chart.status_code == 200 and NORD in chart.text


def test_share_of_staff_trained_per_tilbud(client: TestClient) -> None:
    def session(v: int, on: date, people: list[tuple[str, str]]) -> None:
        _send(
            client,
            TRAINING,
            v,
            wire.TrainingSessionHeld,
            training_id=TRAINING,
            training_version=v,
            session_id=f"k{v}",
            course="relatives_collaboration",
            audience="staff",
            held_on=on,
            participants=[{"staff_id": s, "tilbud_id": t} for s, t in people],
        )

    session(1, date(2031, 2, 1), [("s1", "skoven"), ("s2", "skoven")])
    session(2, date(2031, 3, 1), [("s1", "skoven")])  # s1 counted once
    board = client.get("/dashboards/tilbud/skoven", headers=auth("leader")).json()
    skoven = board["staff_trained"]["per_tilbud"]["skoven"]
    assert skoven["trained"] == 2 and skoven["share_trained"] == round(2 / skoven["staff"], 3)
    chart = client.get("/dashboards/municipality/charts/staff_trained.svg", headers=auth("leader"))
    assert chart.status_code == 200 and "skoven" in chart.text
